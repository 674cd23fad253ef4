#pragma once
// The counter that must reach 500000: 5 threads, 100000 increments each.
#include <atomic>
#include <chrono>
#include <thread>
#include <vector>

#include "course/log.hpp"

inline constexpr int kCounterThreads = 5;
inline constexpr long kIncrementsPerThread = 100'000;

// Runs `increment` kIncrementsPerThread times on each of kCounterThreads threads,
// all starting at the same moment; returns the seconds it took.
template <typename Increment>
double time_counter_threads(Increment increment) {
  // The threads spin at the start line rather than sleep: waking a sleeping
  // thread takes about as long as 100000 increments, so one could finish alone.
  // `go` must be atomic. With a plain bool the wait below is a data race, and
  // g++ -O2 removes it: the threads leave before `go` is set.
  std::atomic<int> ready = 0;
  std::atomic<bool> go = false;
  std::vector<std::jthread> threads;
  for (int t = 0; t < kCounterThreads; ++t) {
    threads.emplace_back([&increment, &ready, &go] {
      ready.fetch_add(1);
      while (!go.load()) {
      }
      for (long i = 0; i < kIncrementsPerThread; ++i) {
        increment();
      }
    });
  }
  while (ready.load() < kCounterThreads) {
    std::this_thread::yield();
  }
  const auto start = course::Clock::now();
  go.store(true);
  threads.clear();
  return course::seconds_since(start);
}
