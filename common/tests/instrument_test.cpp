#include "course/instrument.hpp"

#include <latch>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

TEST(InFlight, CountsTheMostInsideAtOnce) {
  constexpr int kThreads = 4;
  course::InFlight in_flight;
  std::latch all_inside(kThreads);
  std::vector<std::jthread> threads;
  for (int i = 0; i < kThreads; ++i) {
    threads.emplace_back([&] {
      const auto guard = in_flight.enter();
      all_inside.arrive_and_wait();  // nobody leaves before everyone is in
    });
  }
  threads.clear();
  EXPECT_EQ(in_flight.max(), kThreads);
  EXPECT_EQ(in_flight.current(), 0);
}

TEST(InFlight, OneAtATimeStaysAtOne) {
  course::InFlight in_flight;
  for (int i = 0; i < 3; ++i) {
    const auto guard = in_flight.enter();
  }
  EXPECT_EQ(in_flight.max(), 1);
}

TEST(DistinctThreads, CountsEachThreadOnce) {
  course::DistinctThreads seen;
  seen.record();
  seen.record();
  std::jthread([&] { seen.record(); }).join();
  EXPECT_EQ(seen.count(), 2u);
}
