// Tests of the parallel word count: split_at_spaces() cuts the text as its
// contract says, count_words() gives exactly the serial count on many inputs
// (empty, blank, one word, a word longer than a piece, more pieces than
// characters, every kind of whitespace), and the parts are counted on more
// than one thread.
//
// How a test proves more than one thread worked, on every run and not by
// luck: on_piece() holds each thread that calls it until a second thread has
// called it too (or 3 s have passed). A parallel answer has other parts ready
// for the pool's other threads while the first is held, so a second thread
// arrives within milliseconds; a serial answer (no policy, or seq) counts
// every part on the calling thread, and no second thread ever comes.
//
// Every call runs in an isolated child with a deadline (course::testing::in_child).
#include "word_count.hpp"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <mutex>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "course/cores.hpp"
#include "course/testing.hpp"

using namespace std::chrono_literals;
using course::testing::in_child;

namespace {

// What `std::istringstream >> word` reads: the serial reference.
WordCounts serial_count(const std::string& text) {
  WordCounts counts;
  std::istringstream words(text);
  std::string word;
  while (words >> word) {
    ++counts[word];
  }
  return counts;
}

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r';
}

// Words from a small vocabulary, so that most words occur in several parts,
// separated by one to three whitespace characters of every kind.
std::string random_text(unsigned seed, std::size_t words) {
  static const char* const vocabulary[] = {"the",         "a",     "cat",   "sat",         "on", "mat",
                                           "concurrency", "is",    "not",   "parallelism", "x",  "Thread",
                                           "thread",      "don't", "e=mc2", "...."};
  static const char whitespace[] = {' ', ' ', ' ', '\n', '\t', '\r', '\v', '\f'};
  std::mt19937 random(seed);
  std::string text;
  if (random() % 2 == 0) {
    text += ' ';  // sometimes a leading space
  }
  for (std::size_t i = 0; i < words; ++i) {
    text += vocabulary[random() % std::size(vocabulary)];
    const unsigned gap = 1 + random() % 3;
    if (i + 1 < words || random() % 2 == 0) {  // sometimes no trailing space
      for (unsigned g = 0; g < gap; ++g) {
        text += whitespace[random() % std::size(whitespace)];
      }
    }
  }
  return text;
}

struct Case {
  std::string name;
  std::string text;
};

std::vector<Case> edge_cases() {
  return {{"an empty text", ""},
          {"only spaces", "     \n\t  "},
          {"one word", "word"},
          {"one letter", "x"},
          {"spaces around words", "  a  b  "},
          {"every kind of whitespace", "a\tb\nc\rd\ve\ff g"},
          {"one word longer than every piece", std::string(1000, 'w') + " tail"},
          {"a long word at the end", "short " + std::string(500, 'z')},
          {"the same word many times",
           [] {
             std::string text;
             for (int i = 0; i < 2000; ++i) {
               text += "again ";
             }
             return text;
           }()},
          {"no spaces at all", std::string(333, 'n')}};
}

// Every difference between count_words and the serial count, in words.
std::vector<std::string> differences(const std::string& name, const std::string& text, std::size_t pieces) {
  const WordCounts got = count_words(text, pieces);
  const WordCounts want = serial_count(text);
  std::vector<std::string> found;
  for (const auto& [word, count] : want) {
    const auto it = got.find(word);
    const std::size_t have = it == got.end() ? 0 : it->second;
    if (have != count) {
      found.push_back(name + ", " + std::to_string(pieces) + " pieces: \"" + word.substr(0, 20) +
                      "\" counted " + std::to_string(have) + " times, not " + std::to_string(count));
    }
  }
  for (const auto& [word, count] : got) {
    if (!want.contains(word)) {
      found.push_back(name + ", " + std::to_string(pieces) + " pieces: \"" + word.substr(0, 20) +
                      "\" is not a word of " + "the text (counted " + std::to_string(count) +
                      " times): a word cut at a split?");
    }
  }
  return found;
}

std::string joined(const std::vector<std::string>& lines, std::size_t at_most = 8) {
  std::string text;
  for (std::size_t i = 0; i < lines.size() && i < at_most; ++i) {
    text += "  " + lines[i] + "\n";
  }
  if (lines.size() > at_most) {
    text += "  ... and " + std::to_string(lines.size() - at_most) + " more\n";
  }
  return text;
}

constexpr std::size_t kPieceCounts[] = {1, 2, 3, 8, 64, 1000};

// Holds every thread that calls arrive() until two distinct threads have, for at most 3 s in all.
// Once two have come, later calls pass without the lock: relaxed atomics order nothing, so the
// test adds no happens-before between the threads that the race gate could mistake for the
// answer's own.
class TwoThreads {
 public:
  void arrive() {
    calls_.fetch_add(1, std::memory_order_relaxed);
    if (done_.load(std::memory_order_relaxed)) {
      return;
    }
    std::unique_lock lock(mutex_);
    threads_.insert(std::this_thread::get_id());
    woken_.notify_all();
    if (!woken_.wait_for(lock, 3s, [this] { return threads_.size() >= 2; })) {
      done_.store(true, std::memory_order_relaxed);  // one thread only: hold no later call
    }
    if (threads_.size() >= 2) {
      done_.store(true, std::memory_order_relaxed);
    }
  }
  // Once the algorithm has returned.
  std::size_t threads() {
    std::scoped_lock lock(mutex_);
    return threads_.size();
  }
  std::size_t calls() const { return calls_.load(); }

 private:
  std::mutex mutex_;
  std::condition_variable woken_;
  std::set<std::thread::id> threads_;
  std::atomic<std::size_t> calls_{0};
  std::atomic<bool> done_{false};
};

}  // namespace

// ---------------------------------------------------------------- split_at_spaces

TEST(SplitAtSpaces, AnEmptyTextHasNoParts) {
  EXPECT_EQ(in_child(5s, [] { return split_at_spaces("", 4).size(); }), 0u);
  EXPECT_EQ(in_child(5s, [] { return split_at_spaces("", 1).size(); }), 0u);
}

TEST(SplitAtSpaces, PartsMakeUpTheTextExactly) {
  const std::vector<std::string> problems = in_child(10s, [] {
    std::vector<std::string> found;
    std::vector<Case> cases = edge_cases();
    for (unsigned seed = 1; seed <= 5; ++seed) {
      cases.push_back({"random text " + std::to_string(seed), random_text(seed, 300)});
    }
    for (const Case& c : cases) {
      for (const std::size_t pieces : kPieceCounts) {
        const std::vector<std::string_view> parts = split_at_spaces(c.text, pieces);
        std::string together;
        bool empty_part = false;
        for (const std::string_view part : parts) {
          together += part;
          empty_part = empty_part || part.empty();
        }
        const std::string where = c.name + ", " + std::to_string(pieces) + " pieces: ";
        if (together != c.text) {
          found.push_back(where + "the parts put together are " + std::to_string(together.size()) +
                          " characters, the text " + std::to_string(c.text.size()) +
                          (together.size() < c.text.size() ? ": characters lost" : ": characters twice"));
        }
        if (parts.size() > pieces) {
          found.push_back(where + std::to_string(parts.size()) + " parts, more than asked for");
        }
        if (empty_part) {
          found.push_back(where + "an empty part");
        }
      }
    }
    return found;
  });
  EXPECT_TRUE(problems.empty()) << "the parts must be the text, in order, all of it, once:\n"
                                << joined(problems);
}

TEST(SplitAtSpaces, NeverCutsAWord) {
  const std::vector<std::string> problems = in_child(10s, [] {
    std::vector<std::string> found;
    std::vector<Case> cases = edge_cases();
    for (unsigned seed = 11; seed <= 15; ++seed) {
      cases.push_back({"random text " + std::to_string(seed), random_text(seed, 300)});
    }
    for (const Case& c : cases) {
      for (const std::size_t pieces : kPieceCounts) {
        const std::vector<std::string_view> parts = split_at_spaces(c.text, pieces);
        for (std::size_t i = 0; i + 1 < parts.size(); ++i) {
          const std::string_view left = parts[i];
          const std::string_view right = parts[i + 1];
          if (left.empty() || right.empty()) {
            continue;  // reported by PartsMakeUpTheTextExactly
          }
          if (!is_space(left.back()) && !is_space(right.front())) {
            found.push_back(c.name + ", " + std::to_string(pieces) + " pieces: a cut between \"" +
                            std::string(left.substr(left.size() - std::min<std::size_t>(left.size(), 8))) +
                            "\" and \"" + std::string(right.substr(0, 8)) + "\" falls inside a word");
          }
        }
      }
    }
    return found;
  });
  EXPECT_TRUE(problems.empty()) << "a cut must fall next to whitespace, never inside a word:\n"
                                << joined(problems);
}

TEST(SplitAtSpaces, CutsIntoAboutEqualParts) {
  // 4,000 words of 3 letters: every cut moves at most 3 characters forward.
  const std::vector<std::size_t> sizes = in_child(5s, [] {
    std::string text;
    for (int i = 0; i < 4000; ++i) {
      text += "abc ";
    }
    std::vector<std::size_t> found;
    for (const std::string_view part : split_at_spaces(text, 8)) {
      found.push_back(part.size());
    }
    return found;
  });
  ASSERT_EQ(sizes.size(), 8u) << "16,000 characters of short words cut into 8 pieces must give 8 parts";
  for (const std::size_t size : sizes) {
    EXPECT_NEAR(static_cast<double>(size), 2000.0, 4.0) << "each part should be about 16,000 / 8 characters";
  }
  EXPECT_EQ(in_child(5s, [] { return split_at_spaces("one two three", 1).size(); }), 1u)
      << "one piece: the whole text";
}

// ---------------------------------------------------------------- count_words

TEST(CountWords, AnEmptyTextHasNoWords) {
  EXPECT_EQ(in_child(5s, [] { return count_words("", 8).size(); }), 0u);
  EXPECT_EQ(in_child(5s, [] { return count_words(" \n\t ", 3).size(); }), 0u);
}

TEST(CountWords, MatchesTheSerialCountOnEdgeCases) {
  const std::vector<std::string> problems = in_child(10s, [] {
    std::vector<std::string> found;
    for (const Case& c : edge_cases()) {
      for (const std::size_t pieces : kPieceCounts) {
        for (const std::string& problem : differences(c.name, c.text, pieces)) {
          found.push_back(problem);
        }
      }
    }
    return found;
  });
  EXPECT_TRUE(problems.empty()) << "count_words must give exactly what a serial count gives:\n"
                                << joined(problems);
}

TEST(CountWords, MatchesTheSerialCountOnRandomTexts) {
  const std::vector<std::string> problems = in_child(20s, [] {
    std::vector<std::string> found;
    for (unsigned seed = 21; seed <= 28; ++seed) {
      const std::string text = random_text(seed, 5000);
      for (const std::size_t pieces : kPieceCounts) {
        for (const std::string& problem : differences("random text " + std::to_string(seed), text, pieces)) {
          found.push_back(problem);
        }
      }
    }
    return found;
  });
  EXPECT_TRUE(problems.empty()) << "count_words must give exactly what a serial count gives:\n"
                                << joined(problems);
}

TEST(CountWords, CallsOnPieceOncePerPart) {
  const auto [calls, parts] = in_child(10s, [] {
    const std::string text = random_text(7, 2000);
    std::atomic<std::size_t> called{0};
    count_words(text, 16, [&called] { called.fetch_add(1); });
    return std::pair<std::size_t, std::size_t>{called.load(), split_at_spaces(text, 16).size()};
  });
  EXPECT_EQ(calls, parts) << "on_piece() must be called once for each part that split_at_spaces() gives";
  EXPECT_EQ(in_child(5s,
                     [] {
                       std::atomic<std::size_t> called{0};
                       count_words("", 4, [&called] { called.fetch_add(1); });
                       return called.load();
                     }),
            0u)
      << "an empty text has no parts to count";
}

TEST(CountWords, CountsOnMoreThanOneThread) {
  if (course::usable_cores() < 2) {
    GTEST_SKIP() << "this process may use 1 core: a parallel algorithm may then run everything on one thread";
  }
  const auto [threads, calls, right] = in_child(20s, [] {
    const std::string text = random_text(3, 20000);
    TwoThreads two;
    const WordCounts counts = count_words(text, 64, [&two] { two.arrive(); });
    return std::tuple<std::size_t, std::size_t, bool>{two.threads(), two.calls(),
                                                      counts == serial_count(text)};
  });
  ASSERT_GT(calls, 0u) << "on_piece() was never called: call it once per part, on the thread that counts it";
  EXPECT_GE(threads, 2u) << "all " << calls
                         << " parts were counted on one thread, although on_piece() held the "
                         << "first one 3 s for a second thread to come: the work ran serially. Is the policy "
                         << "std::execution::par? (none, or seq, runs every part on the calling thread)";
  EXPECT_TRUE(right) << "and the counts must still be right";
}
