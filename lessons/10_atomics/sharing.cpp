// False sharing. Two threads, each incrementing a counter of its own: nothing
// is shared, so they should run as fast together as apart. But caches move
// memory in lines of 64 bytes (x86-64; 128 on Apple's M chips), and a core
// must own a line to write into it. Two counters in one line make the line
// travel from core to core at every increment, as if they shared a variable.
// Padding each counter into a line of its own removes the traffic.
#include <atomic>
#include <stdexcept>
#include <thread>
#include <vector>

#include "course/conclusion.hpp"
#include "course/cpu_meter.hpp"
#include "course/figures.hpp"
#include "course/load.hpp"
#include "course/log.hpp"
#include "course/spread.hpp"
#include "course/verdict.hpp"
#include "lesson.hpp"

namespace {

// std::hardware_destructive_interference_size says this (64 with g++ 12 on
// x86-64), but g++ warns when a header uses it (-Winterference-size): its value
// may change with -mtune and the compiler's version, which would silently
// change a struct's layout between two builds. 64 is the line of every x86-64
// CPU (some pad to 128: Intel's prefetcher fetches lines in pairs); ARM differs.
constexpr std::size_t kCacheLine = 64;

// [snippet:false_sharing]
struct OneLine {  // 16 bytes: both counters in the same cache line
  std::atomic<long> a{0};
  std::atomic<long> b{0};
};
struct Padded {  // each counter at the start of a 64-byte line of its own
  alignas(kCacheLine) std::atomic<long> a{0};
  alignas(kCacheLine) std::atomic<long> b{0};
};
// [/snippet:false_sharing]

struct Run {
  double wall_seconds = 0;
  double cores = 0;
};

// Two threads, one per counter, `increments` each, let go together.
template <typename Counters>
Run count_in(long increments) {
  Counters counters;
  std::atomic<int> ready{0};
  std::atomic<bool> go{false};
  double cpu[2] = {0, 0};
  std::vector<std::jthread> threads;
  for (int t = 0; t < 2; ++t) {
    std::atomic<long>* const mine = t == 0 ? &counters.a : &counters.b;
    threads.emplace_back([&ready, &go, &cpu, mine, t, increments] {
      ready.fetch_add(1);
      while (!go.load()) {
      }
      const double at_start = course::this_thread_cpu_seconds();
      for (long i = 0; i < increments; ++i) {
        mine->fetch_add(1, std::memory_order_relaxed);  // its own counter: no other thread touches it
      }
      cpu[t] = course::this_thread_cpu_seconds() - at_start;
    });
  }
  while (ready.load() < 2) {
    std::this_thread::yield();
  }
  const auto start = course::Clock::now();
  go.store(true);
  threads.clear();
  const double wall = course::seconds_since(start);
  if (counters.a.load() != increments || counters.b.load() != increments) {
    throw std::logic_error("a counter lost an increment");
  }
  return {wall, (cpu[0] + cpu[1]) / wall};
}

constexpr int kRounds = 3;

}  // namespace

void show_false_sharing(long millions) {
  const long increments = millions * 1'000'000;
  course::heading(fmt::format(
      "False sharing: 2 threads x {}M increments of their own counter, {} rounds each", millions, kRounds));
  std::vector<double> together_ms, apart_ms, together_cores, apart_cores;
  for (int round = 0; round < kRounds; ++round) {  // in turns, so that a busy moment hits both
    const Run together = count_in<OneLine>(increments);
    const Run apart = count_in<Padded>(increments);
    together_ms.push_back(together.wall_seconds * 1000);
    apart_ms.push_back(apart.wall_seconds * 1000);
    together_cores.push_back(together.cores);
    apart_cores.push_back(apart.cores);
  }
  const course::Spread together = course::spread_of(together_ms);
  const course::Spread apart = course::spread_of(apart_ms);
  const double cores_together = course::spread_of(together_cores).median;
  course::say("one cache line (sizeof {:>3}): {}; the threads got {}", sizeof(OneLine),
              course::spread_text(together, 0, " ms"), course::cores_got_text(cores_together));
  course::say("padded apart   (sizeof {:>3}): {}; the threads got {}", sizeof(Padded),
              course::spread_text(apart, 0, " ms"),
              course::cores_got_text(course::spread_of(apart_cores).median));
  const double ratio = together.median / apart.median;
  // A "speedup" from padding: it needs both threads running at once, since a
  // line only travels between two cores that both use it.
  const course::Given given = course::given_here(2, cores_together);
  const course::Verdict verdict = course::judge_speedup(ratio, given);
  if (verdict.holds) {
    course::say(
        "padding made the same work {:.1f}x faster: in one line, increments kept waiting for the line",
        ratio);
    course::say("to come back from the other core. Nothing was shared but the cache line");
  } else {
    course::say("padding made it {:.2f}x faster, not the {:.1f}x it shows with two cores: {}", ratio,
                course::speedup_wanted(given), course::reason_sentence(verdict));
    if (verdict.reason == course::Reason::busy || verdict.reason == course::Reason::too_few_cores) {
      course::say("(threads that take turns on one core never fight over a line: nothing to remove)");
    }
  }
  if (together.wide() || apart.wide()) {
    course::say("the rounds spread widely (load average {}): a noisy ratio",
                course::load_text(course::load_average()));
  }
  course::record_figure("sharing.one_line_ms", together.median);
  course::record_figure("sharing.padded_ms", apart.median);
  course::record_figure("sharing.ratio", ratio);
  course::record_verdict("sharing", verdict, given);
}
