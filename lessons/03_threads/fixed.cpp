// The counter made safe twice: with a mutex, and with an atomic.
#include <atomic>
#include <mutex>

#include "counter.hpp"
#include "lesson.hpp"

void show_fixed_counters() {
  course::heading("The same counter, made safe");
  const long expected = kCounterThreads * kIncrementsPerThread;

  // [snippet:mutex_counter]
  long counter = 0;
  std::mutex counter_mutex;
  const double mutex_seconds = time_counter_threads([&] {
    std::scoped_lock lock(counter_mutex);  // one thread at a time in here
    ++counter;
  });
  // [/snippet:mutex_counter]
  course::say("mutex:    {:>6} of {} in {:.1f} ms", counter, expected, mutex_seconds * 1000);

  // [snippet:atomic_counter]
  std::atomic<long> atomic_counter = 0;
  const double atomic_seconds = time_counter_threads([&] { atomic_counter.fetch_add(1); });
  // [/snippet:atomic_counter]
  course::say("atomic:   {:>6} of {} in {:.1f} ms", atomic_counter.load(), expected, atomic_seconds * 1000);
}
