// Lesson 03 exercise: count the letters of a text with `threads` threads.
// As given, it counts everything on the calling thread: correct, not parallel.
//
// Quick reference
//   std::jthread worker([&, i] { ... });    starts a thread; its destructor joins it
//   std::vector<std::jthread> workers;      workers.clear() joins them all
//   text.substr(begin, length)              a chunk of a std::string_view (no copy)
//   std::mutex m;  std::scoped_lock lock(m);   one thread at a time until the scope ends
//
// Check with: ./course check 03      Stuck? ./course hint 03

#include "letter_count.hpp"

#include <vector>

LetterCounts count_letters(std::string_view text, int threads, WorkLog& log) {
  // Each worker counts into a slot of its own: no two threads ever write the
  // same memory, so the counting needs no lock at all.
  const auto workers_wanted = static_cast<std::size_t>(threads);
  std::vector<LetterCounts> partial(workers_wanted);
  {
    std::vector<std::jthread> workers;
    for (std::size_t i = 0; i < workers_wanted; ++i) {
      // Chunk i is [size*i/n, size*(i+1)/n): the chunks cover the text exactly once.
      const std::size_t begin = text.size() * i / workers_wanted;
      const std::size_t end = text.size() * (i + 1) / workers_wanted;
      const std::string_view chunk = text.substr(begin, end - begin);
      workers.emplace_back([chunk, &slot = partial[i], &log] {
        slot = count_letters_in(chunk);
        log.record(chunk.size());
      });
    }
  }  // the jthreads join here, so every slot is written before we read it

  // Merging after the join is single-threaded again: no race possible.
  LetterCounts total{};
  for (const LetterCounts& counts : partial) {
    for (std::size_t letter = 0; letter < total.size(); ++letter) {
      total[letter] += counts[letter];
    }
  }
  return total;
}
