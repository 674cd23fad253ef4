// Tests of count_letters(): exact counts, the text cut into `threads` chunks
// that cover it exactly once, and every chunk counted on a worker thread of its
// own, all at the same time. Each test runs count_letters() in an isolated
// child: an unguarded shared container may crash, and that must fail one test,
// not the whole run.
//
// How a test sees the workers without changing the header: a WatchedText is a
// text whose memory starts unreadable. The first read of each chunk traps, and
// the trap notes which thread read it and holds that thread until every chunk
// has been reached. If all chunks are reached, they were all being counted at
// the same moment; if the workers take turns, the first one waits in vain and
// is let go after a second. The trap also spreads the readers over the cores,
// so that two of them really run at the same instant.
#include "letter_count.hpp"

#include <sched.h>
#include <signal.h>
#include <sys/mman.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <ctime>
#include <new>
#include <stdexcept>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "course/sanitizer.hpp"
#include "course/testing.hpp"

using namespace std::chrono_literals;
using course::testing::in_child;

namespace {

// What one call of count_letters() gave, and what its WorkLog saw.
struct Outcome {
  LetterCounts counts{};
  std::size_t distinct_threads = 0;
  std::size_t characters = 0;
};

Outcome count_with_log(std::string_view text, int threads) {
  WorkLog log;
  Outcome outcome;
  outcome.counts = count_letters(text, threads, log);
  outcome.distinct_threads = log.distinct_threads();
  outcome.characters = log.characters();
  return outcome;
}

// count_letters(text, threads) in an isolated child.
Outcome count_isolated(std::string_view text, int threads) {
  return in_child(5s, [&] { return count_with_log(text, threads); });
}

// Letters in a random-looking order, the same every run (a linear congruential
// generator: quick enough for megabytes).
void fill_with_letters(char* text, std::size_t size) {
  std::uint64_t state = 2024;
  for (std::size_t i = 0; i < size; ++i) {
    state = state * 6364136223846793005u + 1442695040888963407u;
    text[i] = static_cast<char>('a' + (state >> 33) % 26);
  }
}

std::string big_text() {
  std::string text(200'000, ' ');
  fill_with_letters(text.data(), text.size());
  return text;
}

// ---------------------------------------------------------------- WatchedText

// A text of `chunks` chunks of whole pages whose readers are watched (see the
// top of the file). One at a time per process: the trap handler finds it
// through a global. The handler only uses lock-free atomics and plain system
// calls (clock_gettime, nanosleep, mprotect, sigaction, sched_setaffinity).
class WatchedText {
 public:
  static constexpr int kMaxChunks = 16;
  // How long the first reader waits for the others before it is let go.
  static constexpr long long kHoldNanoseconds = 1'000'000'000;

  WatchedText(int chunks, std::size_t pages_per_chunk)
      : chunks_(chunks), chunk_bytes_(pages_per_chunk * static_cast<std::size_t>(::sysconf(_SC_PAGESIZE))) {
    if (chunks < 1 || chunks > kMaxChunks) {
      throw std::invalid_argument("a WatchedText has 1 to 16 chunks");
    }
    void* memory = ::mmap(nullptr, size(), PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (memory == MAP_FAILED) {
      throw std::bad_alloc();
    }
    text_ = static_cast<char*>(memory);
    fill_with_letters(text_, size());
    expected_ = count_letters_in(this->text());  // read now, before the watch begins
    find_usable_cpus();

    active = this;
    struct sigaction trap {};
    trap.sa_sigaction = on_fault;
    trap.sa_flags = SA_SIGINFO;
    sigemptyset(&trap.sa_mask);
    ::sigaction(SIGSEGV, &trap, &previous_segv);
    ::sigaction(SIGBUS, &trap, &previous_bus);  // what some systems raise instead
    watch();
  }
  ~WatchedText() {
    ::sigaction(SIGSEGV, &previous_segv, nullptr);
    ::sigaction(SIGBUS, &previous_bus, nullptr);
    active = nullptr;
    ::munmap(text_, size());
  }
  WatchedText(const WatchedText&) = delete;
  WatchedText& operator=(const WatchedText&) = delete;

  // Makes the text unreadable again and forgets who read it: for another round.
  // Only while no thread reads it.
  void watch() {
    for (std::atomic<std::thread::id>& reader : first_readers_) {
      reader.store(std::thread::id());
    }
    reached_.store(0);
    give_up_at_.store(0);
    reached_when_released_.store(0);
    released_.store(false);
    ::mprotect(text_, size(), PROT_NONE);
  }

  std::string_view text() const { return {text_, size()}; }
  const LetterCounts& expected() const { return expected_; }

  // How many chunks were being read at once, at the moment the readers were let go.
  int chunks_reached_together() const { return reached_when_released_.load(); }
  // The thread that first read chunk `chunk`; a default id if none did.
  std::thread::id first_reader(int chunk) const { return first_readers_[chunk].load(); }

 private:
  std::size_t size() const { return static_cast<std::size_t>(chunks_) * chunk_bytes_; }

  static long long now_nanoseconds() {
    timespec now{};
    ::clock_gettime(CLOCK_MONOTONIC, &now);
    return static_cast<long long>(now.tv_sec) * 1'000'000'000 + now.tv_nsec;
  }

  static void on_fault(int, siginfo_t* info, void*) {
    const int saved_errno = errno;
    WatchedText* watched = active;
    char* address = static_cast<char*>(info->si_addr);
    if (watched == nullptr || address < watched->text_ || address >= watched->text_ + watched->size()) {
      // Not a read of the text: a real crash. Put the previous action back;
      // the access faults again and ends the process as it would have.
      ::sigaction(SIGSEGV, &previous_segv, nullptr);
      ::sigaction(SIGBUS, &previous_bus, nullptr);
      errno = saved_errno;
      return;
    }
    watched->hold(
        static_cast<int>(static_cast<std::size_t>(address - watched->text_) / watched->chunk_bytes_));
    errno = saved_errno;
  }

  void find_usable_cpus() {
#ifdef __linux__
    cpu_set_t usable;
    CPU_ZERO(&usable);
    if (::sched_getaffinity(0, sizeof usable, &usable) == 0) {
      for (int cpu = 0; cpu < CPU_SETSIZE && cpu_count_ < kMaxCpus; ++cpu) {
        if (CPU_ISSET(cpu, &usable)) {
          cpus_[cpu_count_++] = cpu;
        }
      }
    }
#endif
  }

  // Puts the calling thread on a core of its own, as far as there are cores.
  void spread(int chunk) const {
#ifdef __linux__
    if (cpu_count_ > 1) {
      cpu_set_t one;
      CPU_ZERO(&one);
      CPU_SET(cpus_[chunk % cpu_count_], &one);
      ::sched_setaffinity(0, sizeof one, &one);
    }
#else
    (void)chunk;
#endif
  }

  // On the reading thread, inside the trap: note who reached `chunk`, wait
  // until every chunk has been reached (or the hold has expired), then make
  // the text readable so that the read can go on.
  void hold(int chunk) {
    // The hold expires a second after the first chunk was reached. Whoever
    // arrives first sets it, before anyone counts as having reached a chunk.
    long long not_set = 0;
    give_up_at_.compare_exchange_strong(not_set, now_nanoseconds() + kHoldNanoseconds);
    std::thread::id nobody;
    if (first_readers_[chunk].compare_exchange_strong(nobody, std::this_thread::get_id())) {
      spread(chunk);
      reached_.fetch_add(1);
    }
    while (!released_.load()) {
      const int reached = reached_.load();
      if (reached == chunks_) {
        // Everyone is here: the whole text at once, and all go on together.
        ::mprotect(text_, size(), PROT_READ);
        reached_when_released_.store(reached);
        released_.store(true);
        return;
      }
      if (now_nanoseconds() >= give_up_at_.load()) {
        int nothing_yet = 0;
        reached_when_released_.compare_exchange_strong(nothing_yet, reached);
        released_.store(true);
        break;
      }
      const timespec a_moment{0, 50'000};  // 50 µs: the held readers go on almost together
      ::nanosleep(&a_moment, nullptr);
    }
    if (reached_when_released_.load() == chunks_) {
      return;  // the whole text is readable already
    }
    // Let go after the hold expired: only this chunk, so that the first
    // readers of the others are still noted.
    ::mprotect(text_ + static_cast<std::size_t>(chunk) * chunk_bytes_, chunk_bytes_, PROT_READ);
  }

  static inline WatchedText* active = nullptr;
  static inline struct sigaction previous_segv {};
  static inline struct sigaction previous_bus {};

  static constexpr int kMaxCpus = 64;

  int chunks_;
  std::size_t chunk_bytes_;
  int cpus_[kMaxCpus] = {};
  int cpu_count_ = 0;
  char* text_ = nullptr;
  LetterCounts expected_{};
  std::atomic<std::thread::id> first_readers_[kMaxChunks]{};
  std::atomic<int> reached_{0};
  std::atomic<long long> give_up_at_{0};
  std::atomic<bool> released_{false};
  std::atomic<int> reached_when_released_{0};
};

static_assert(std::atomic<std::thread::id>::is_always_lock_free, "the trap handler needs lock-free atomics");

// What a watched count saw: how many chunks were counted at once, and whether
// each chunk was read by a worker of its own.
struct Watched {
  int chunks_reached_together = 0;
  int chunks_read_by_the_caller = 0;
  int chunks_never_read = 0;
  int distinct_readers = 0;
  bool exact = false;
  int round = 0;
};

// count_letters() over a WatchedText of `threads` chunks, `rounds` times over
// the same text, stopping at the first wrong count (or the first round whose
// workers did not all count at once): what the last round saw.
Watched count_watched(int threads, std::size_t pages_per_chunk, int rounds = 1) {
  WatchedText watched(threads, pages_per_chunk);
  Watched seen;
  for (int round = 0; round < rounds; ++round) {
    watched.watch();
    WorkLog log;
    const LetterCounts counts = count_letters(watched.text(), threads, log);
    seen = Watched{};
    seen.round = round;
    seen.exact = counts == watched.expected();
    seen.chunks_reached_together = watched.chunks_reached_together();
    std::vector<std::thread::id> readers;
    for (int chunk = 0; chunk < threads; ++chunk) {
      const std::thread::id reader = watched.first_reader(chunk);
      if (reader == std::thread::id()) {
        ++seen.chunks_never_read;
      } else if (reader == std::this_thread::get_id()) {
        ++seen.chunks_read_by_the_caller;
      }
      bool new_reader = reader != std::thread::id();
      for (const std::thread::id& other : readers) {
        new_reader = new_reader && other != reader;
      }
      if (new_reader) {
        readers.push_back(reader);
      }
    }
    seen.distinct_readers = static_cast<int>(readers.size());
    if (!seen.exact || seen.chunks_reached_together != threads) {
      break;  // a wrong count, or workers that took turns: another round says nothing new
    }
  }
  return seen;
}

}  // namespace

TEST(CountLetters, CountsExactlyLikeTheOneThreadVersion) {
  const std::string text =
      "The quick brown fox jumps over the lazy dog. Pack my box with five dozen liquor jugs!";
  EXPECT_EQ(count_isolated(text, 3).counts, count_letters_in(text));
}

namespace {

struct CoverCase {
  std::size_t length = 0;
  int threads = 0;
  bool exact = false;
  std::size_t characters = 0;  // the chunk sizes the workers recorded, added up
};

// Lengths that the thread counts do not divide: 1 = 0 * 2 + 1, 7 = 2 * 3 + 1, ...
constexpr CoverCase kUneven[] = {{1, 2}, {7, 3}, {10, 4}, {101, 7}, {1000, 3}, {4099, 6}};

}  // namespace

TEST(CountLetters, CoversTheWholeTextWhateverItsLength) {
  // Texts whose last letter occurs nowhere else: a chunk size rounded down
  // leaves it out.
  const std::vector<CoverCase> cases = in_child(5s, [] {
    std::vector<CoverCase> results;
    for (CoverCase run : kUneven) {
      std::string text(run.length - 1, 'a');
      text += 'z';
      const Outcome outcome = count_with_log(text, run.threads);
      run.exact = outcome.counts == count_letters_in(text);
      run.characters = outcome.characters;
      results.push_back(run);
    }
    return results;
  });
  for (const CoverCase& run : cases) {
    const bool covered = run.characters == run.length;
    EXPECT_TRUE(run.exact) << run.length << " characters on " << run.threads << " threads: wrong counts"
                           << (covered ? ""
                                       : "; the chunks must cover the text exactly once, also when its "
                                         "length does not divide evenly");
    EXPECT_TRUE(covered) << run.length << " characters on " << run.threads
                         << " threads: the chunk sizes the workers recorded add up to " << run.characters
                         << (run.characters < run.length ? " (a remainder was left out)"
                                                         : " (chunks overlap)");
  }
}

TEST(CountLetters, UsesEveryThreadItIsGiven) {
  const std::string text = big_text();
  const Outcome outcome = count_isolated(text, 4);
  EXPECT_EQ(outcome.distinct_threads, 4u) << "4 threads were asked for; the WorkLog saw "
                                          << outcome.distinct_threads << " distinct thread(s) record a chunk";
  EXPECT_EQ(outcome.characters, text.size()) << "the chunks must cover the text exactly once";
}

TEST(CountLetters, CountsTheChunksAtTheSameTime) {
  // Each worker is held at the start of its chunk until every chunk has been
  // reached: only workers that run at the same time all get there.
  const Watched seen = in_child(5s, [] { return count_watched(4, 4); });
  EXPECT_EQ(seen.chunks_reached_together, 4)
      << "only " << seen.chunks_reached_together << " of 4 chunks were being counted at the same time: the "
      << "workers took turns. Start every worker before you wait for any, and hold no lock while counting";
  EXPECT_TRUE(seen.exact);
}

TEST(CountLetters, CountsEveryChunkOnAWorkerThreadOfItsOwn) {
  const Watched seen = in_child(5s, [] { return count_watched(4, 4); });
  EXPECT_EQ(seen.chunks_read_by_the_caller, 0)
      << "the thread that called count_letters() read " << seen.chunks_read_by_the_caller << " chunk(s) of "
      << "the text itself: start one worker per chunk, and let the caller only wait and add up";
  EXPECT_EQ(seen.chunks_never_read, 0) << "a chunk of the text was never read";
  EXPECT_EQ(seen.distinct_readers, 4) << "the 4 chunks were read by " << seen.distinct_readers
                                      << " distinct thread(s): each chunk is counted on a thread of its own";
}

// ThreadSanitizer reports threads adding into one array without a lock the
// first time they do, and runs everything some times slower: there, one round
// of a smaller text is enough.
constexpr bool kUnderThreadSanitizer = course::kThreadSanitizer;
constexpr int kRounds = kUnderThreadSanitizer ? 1 : 10;
constexpr std::size_t kPagesPerChunk = kUnderThreadSanitizer ? 16 : 256;  // 256 pages: 1 MiB of 4 KiB pages

TEST(CountLetters, StaysExactWhenManyThreadsCountAtOnce) {
  // Eight workers are let go at the same moment, each with 1 MiB of letters,
  // spread over the cores: threads adding into one shared array without a
  // lock lose counts here. Ten rounds, because on a busy machine the threads
  // do not always get two cores at the same time.
  const Watched seen = in_child(5s, [] { return count_watched(8, kPagesPerChunk, kRounds); });
  EXPECT_TRUE(seen.exact) << "counts were lost or doubled while 8 threads counted at once (round "
                          << seen.round + 1 << " of " << kRounds
                          << "): threads that write the same memory at the same time lose counts. Give each "
                             "worker a slot of its own that nothing moves until it has been joined, or add "
                             "under a lock";
  EXPECT_EQ(seen.distinct_readers, 8) << "the 8 chunks were read by " << seen.distinct_readers
                                      << " distinct thread(s): each chunk is counted on a thread of its own";
}

TEST(CountLetters, WorksWithMoreThreadsThanLetters) {
  // Five of the eight chunks are empty: a chunk may begin at the text's end.
  const Outcome outcome = count_isolated("abc", 8);
  EXPECT_EQ(outcome.counts, count_letters_in("abc"));
  EXPECT_EQ(outcome.characters, 3u) << "the chunk sizes the workers recorded must add up to the text's 3";
  EXPECT_EQ(outcome.distinct_threads, 8u)
      << "8 threads were asked for: every chunk, even an empty one, is counted on a worker of its own";
}

TEST(CountLetters, WorksWithOneThread) {
  const Outcome outcome = count_isolated("Hello, World", 1);
  EXPECT_EQ(outcome.counts, count_letters_in("Hello, World"));
  EXPECT_EQ(outcome.distinct_threads, 1u);
  EXPECT_EQ(outcome.characters, 12u);
}
