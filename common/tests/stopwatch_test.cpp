#include "course/stopwatch.hpp"

#include <chrono>
#include <thread>

#include <gtest/gtest.h>

using namespace std::chrono_literals;

TEST(Stopwatch, SecondsForIsAtLeastTheTimeSlept) {
  const double seconds = course::seconds_for([] { std::this_thread::sleep_for(20ms); });
  EXPECT_GE(seconds, 0.020);
  EXPECT_LT(seconds, 5.0);  // a wide margin: this only catches a wrong unit
}

TEST(Stopwatch, MicrosecondsEachRunsTheWorkCountTimesAndAverages) {
  int runs = 0;
  const double each = course::microseconds_each(5, [&runs] {
    ++runs;
    std::this_thread::sleep_for(2ms);
  });
  EXPECT_EQ(runs, 5);
  EXPECT_GE(each, 2000.0);
  EXPECT_LT(each, 1e6);
}
