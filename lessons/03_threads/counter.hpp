#pragma once
// The counter that must reach 500000: 5 threads, 100000 increments each.
#include <atomic>
#include <chrono>
#include <thread>
#include <vector>

#include "course/cpu_meter.hpp"
#include "course/log.hpp"

inline constexpr int kCounterThreads = 5;
inline constexpr long kIncrementsPerThread = 100'000;

// Runs `increment` kIncrementsPerThread times on each of kCounterThreads threads,
// all starting at the same moment. Returns the wall time from that moment to
// the last join, and the CPU the threads got while they incremented. Each
// thread reads its own CPU clock: a run lasts a few milliseconds, and the
// process-wide clock may not have counted the other cores' last tick yet.
template <typename Increment>
course::CpuUse run_counter_threads(Increment increment) {
  // The threads spin at the start line rather than sleep: waking a sleeping
  // thread takes about as long as 100000 increments, so one could finish alone.
  // `go` must be atomic. With a plain bool the wait below is a data race, and
  // g++ -O2 removes it: the threads leave before `go` is set.
  std::atomic<int> ready = 0;
  std::atomic<bool> go = false;
  std::vector<double> cpu_seconds(kCounterThreads);  // each thread writes its own; read after the joins
  std::vector<std::jthread> threads;
  for (int t = 0; t < kCounterThreads; ++t) {
    threads.emplace_back([&increment, &ready, &go, &cpu = cpu_seconds[t]] {
      ready.fetch_add(1);
      while (!go.load()) {
      }
      const double cpu_at_start = course::this_thread_cpu_seconds();
      for (long i = 0; i < kIncrementsPerThread; ++i) {
        increment();
      }
      cpu = course::this_thread_cpu_seconds() - cpu_at_start;
    });
  }
  while (ready.load() < kCounterThreads) {
    std::this_thread::yield();
  }
  const auto start = course::Clock::now();
  go.store(true);
  threads.clear();  // joins: every thread's cpu_seconds is written, and visible here
  double cpu = 0;
  for (const double seconds : cpu_seconds) {
    cpu += seconds;
  }
  return {course::seconds_since(start), cpu};
}
