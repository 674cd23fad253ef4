// RACES ON PURPOSE: ++ on a shared variable is read, add, write; two threads
// that read the same value both write value + 1, and one increment is lost.
#include "counter.hpp"
#include "lesson.hpp"

namespace {
constexpr int kRuns = 5;
}

void show_lost_updates() {
  course::heading(fmt::format("5 threads x 100000 increments, no lock, {} runs", kRuns));
  const long expected = kCounterThreads * kIncrementsPerThread;
  int runs_that_lost = 0;
  for (int run = 1; run <= kRuns; ++run) {
    // volatile only stops the optimiser from merging 100000 increments into one
    // addition (without it, g++ -O2 adds 100000 once). It makes nothing
    // thread-safe: this is still a data race, undefined behaviour in C++.
    // [snippet:racy_counter]
    volatile long counter = 0;
    const double seconds = time_counter_threads([&counter] { counter = counter + 1; });
    // [/snippet:racy_counter]
    runs_that_lost += counter < expected ? 1 : 0;
    course::say("run {}: {:>6} of {} ({:>6} lost) in {:.1f} ms", run, counter, expected, expected - counter,
                seconds * 1000);
  }
  if (runs_that_lost == 0) {
    course::say("0 of {} runs lost updates this time: a race that did not show is still a race", kRuns);
  } else {
    course::say("{} of {} runs lost updates, each a different number: the threads interleave differently",
                runs_that_lost, kRuns);
  }
}
