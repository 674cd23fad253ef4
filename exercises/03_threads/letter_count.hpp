#pragma once
// Lesson 03 exercise: count letters with several threads, exactly.

#include <array>
#include <cstddef>
#include <mutex>
#include <set>
#include <string_view>
#include <thread>

// How often each letter occurs: [0] counts 'a' and 'A', [25] counts 'z' and 'Z'.
using LetterCounts = std::array<long, 26>;

// The plain, one-thread count of one piece of text.
inline LetterCounts count_letters_in(std::string_view text) {
  LetterCounts counts{};
  for (const char c : text) {
    if (c >= 'a' && c <= 'z') {
      ++counts[static_cast<std::size_t>(c - 'a')];
    } else if (c >= 'A' && c <= 'Z') {
      ++counts[static_cast<std::size_t>(c - 'A')];
    }
  }
  return counts;
}

// How the tests see your threads: every worker records the chunk it counted.
class WorkLog {
 public:
  void record(std::size_t chunk_size) {
    std::scoped_lock lock(mutex_);
    threads_.insert(std::this_thread::get_id());
    characters_ += chunk_size;
  }
  std::size_t distinct_threads() const {
    std::scoped_lock lock(mutex_);
    return threads_.size();
  }
  std::size_t characters() const {
    std::scoped_lock lock(mutex_);
    return characters_;
  }

 private:
  mutable std::mutex mutex_;
  std::set<std::thread::id> threads_;
  std::size_t characters_ = 0;
};

// Cuts `text` into `threads` chunks, counts each chunk on a thread of its own
// (each worker calls log.record(chunk.size()) once), and returns the exact
// total, the same as count_letters_in(text).
LetterCounts count_letters(std::string_view text, int threads, WorkLog& log);
