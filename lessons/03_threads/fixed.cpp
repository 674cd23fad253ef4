// The counter made safe twice: with a mutex, and with an atomic. Which one is
// cheaper depends on the machine and on what else it runs, and one run of a
// few milliseconds says little: each is measured in a few rounds, in turns.
#include <atomic>
#include <mutex>
#include <stdexcept>
#include <vector>

#include "counter.hpp"
#include "course/load.hpp"
#include "course/spread.hpp"
#include "lesson.hpp"

namespace {

constexpr int kRounds = 5;

struct Round {
  course::CpuUse mutex_run;
  course::CpuUse atomic_run;
};

Round measure_round() {
  const long expected = kCounterThreads * kIncrementsPerThread;
  // [snippet:mutex_counter]
  long counter = 0;
  std::mutex counter_mutex;
  const course::CpuUse mutex_run = run_counter_threads([&] {
    std::scoped_lock lock(counter_mutex);  // one thread at a time in here
    ++counter;
  });
  // [/snippet:mutex_counter]
  // [snippet:atomic_counter]
  std::atomic<long> atomic_counter = 0;
  const course::CpuUse atomic_run = run_counter_threads([&] { atomic_counter.fetch_add(1); });
  // [/snippet:atomic_counter]
  if (counter != expected || atomic_counter.load() != expected) {
    throw std::logic_error("a fixed counter lost an update");
  }
  return {mutex_run, atomic_run};
}

}  // namespace

void show_fixed_counters() {
  const long expected = kCounterThreads * kIncrementsPerThread;
  course::heading(fmt::format("The same counter, made safe: {} of {} every time, {} rounds", expected,
                              expected, kRounds));
  std::vector<double> mutex_ms;
  std::vector<double> atomic_ms;
  std::vector<double> mutex_cores;
  std::vector<double> atomic_cores;
  for (int round = 1; round <= kRounds; ++round) {
    const Round measured = measure_round();
    mutex_ms.push_back(measured.mutex_run.wall_seconds * 1000);
    atomic_ms.push_back(measured.atomic_run.wall_seconds * 1000);
    mutex_cores.push_back(measured.mutex_run.cores());
    atomic_cores.push_back(measured.atomic_run.cores());
  }
  const course::Spread mutex = course::spread_of(mutex_ms);
  const course::Spread atomic = course::spread_of(atomic_ms);
  course::say("mutex:    {} of {} in {}; the threads got {}", expected, expected,
              course::spread_text(mutex, 1, " ms"),
              course::cores_got_text(course::spread_of(mutex_cores).median));
  course::say("atomic:   {} of {} in {}; the threads got {}", expected, expected,
              course::spread_text(atomic, 1, " ms"),
              course::cores_got_text(course::spread_of(atomic_cores).median));

  // Said from this run's medians, with a word when the rounds overlap.
  const bool rounds_overlap = mutex.low <= atomic.high && atomic.low <= mutex.high;
  if (atomic.median < mutex.median) {
    course::say("the atomic was {:.1f}x cheaper than the mutex here: no lock to take, no thread put to sleep",
                mutex.median / atomic.median);
  } else {
    course::say("the mutex was {:.1f}x cheaper than the atomic here. Under contention that happens: a thread",
                atomic.median / mutex.median);
    course::say("that finds the mutex taken sleeps, and the holder then adds many times in a row with the");
    course::say("counter in its own cache, while with the atomic every thread fights for that cache line");
  }
  if (rounds_overlap) {
    course::say("the rounds overlap (load average {}): a noisy ratio; run it again, or close other programs",
                course::load_text(course::load_average()));
  }
}
