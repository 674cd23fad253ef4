#pragma once
// Timing a piece of work, for the demos that print ratios from one run.

#include "course/log.hpp"

namespace course {

// How many seconds `work()` took.
template <typename Work>
double seconds_for(Work work) {
  const auto start = Clock::now();
  work();
  return seconds_since(start);
}

// Runs `start_and_finish()` `count` times; the microseconds one run took, on average.
template <typename StartAndFinish>
double microseconds_each(int count, StartAndFinish start_and_finish) {
  const double seconds = seconds_for([&] {
    for (int i = 0; i < count; ++i) {
      start_and_finish();
    }
  });
  return seconds * 1e6 / count;
}

}  // namespace course
