// Tests of ConnectionLimiter: the limit is kept, and it is reached (a limiter
// that lets one thread in at a time is correct but useless). Counted with
// course::InFlight, not timed.
#include "limiter.hpp"

#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "course/instrument.hpp"
#include "course/testing.hpp"

using namespace std::chrono_literals;
using course::testing::finished;
using course::testing::run_in_child;

TEST(ConnectionLimiter, KeepsTheLimitAndReachesIt) {
  constexpr int kLimit = 3;
  const auto run = run_in_child(10s, [] {
    ConnectionLimiter limiter(kLimit);
    course::InFlight inside;
    std::vector<std::jthread> clients;
    for (int i = 0; i < 9; ++i) {
      clients.emplace_back([&] {
        const ConnectionLimiter::Permit permit(limiter);
        const auto counted = inside.enter();
        // Stay until the room is full (or half a second), then a little longer:
        // a limiter that keeps the room emptier than its limit is caught by
        // the first wait, one that lets too many in by the second.
        course::testing::eventually([&inside] { return inside.current() >= kLimit; }, 500ms);
        std::this_thread::sleep_for(20ms);
      });
    }
    clients.clear();
    return std::to_string(inside.max());
  });
  ASSERT_TRUE(finished(run)) << "clients never got in: is a waiting thread woken when a slot is freed?";
  EXPECT_EQ(run.payload, std::to_string(kLimit))
      << "the most clients inside at once must be exactly the limit";
}

TEST(ConnectionLimiter, WaitersGetInOneByOneAsSlotsFree) {
  const auto run = run_in_child(10s, [] {
    ConnectionLimiter limiter(1);
    course::InFlight inside;
    std::vector<std::jthread> clients;
    for (int i = 0; i < 4; ++i) {
      clients.emplace_back([&] {
        const ConnectionLimiter::Permit permit(limiter);
        const auto counted = inside.enter();
        std::this_thread::sleep_for(20ms);
      });
    }
    clients.clear();
    return std::to_string(inside.max()) + " " + std::to_string(limiter.in_use());
  });
  ASSERT_TRUE(finished(run)) << "a client waited forever for a freed slot";
  EXPECT_EQ(run.payload, "1 0") << "one at a time, and every slot given back";
}

TEST(ConnectionLimiter, CountsTheSlotsInUse) {
  const auto run = run_in_child(5s, [] {
    ConnectionLimiter limiter(2);
    limiter.acquire();
    limiter.acquire();
    const int both = limiter.in_use();
    limiter.release();
    return std::to_string(both) + " " + std::to_string(limiter.in_use());
  });
  ASSERT_TRUE(finished(run));
  EXPECT_EQ(run.payload, "2 1");
}
