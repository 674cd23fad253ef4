// Tests of Event. Every test runs in an isolated child with a deadline: a
// waiter that is never woken fails its test in seconds instead of hanging.
#include "event.hpp"

#include <atomic>
#include <chrono>
#include <latch>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "course/testing.hpp"

using namespace std::chrono_literals;
using course::testing::finished;
using course::testing::run_in_child;
using Clock = std::chrono::steady_clock;

TEST(Event, SetClearAndIsSet) {
  Event event;
  EXPECT_FALSE(event.is_set());
  event.set();
  EXPECT_TRUE(event.is_set());
  event.clear();
  EXPECT_FALSE(event.is_set());
}

TEST(Event, WaitBlocksUntilSet) {
  const auto run = run_in_child(5s, [] {
    Event event;
    std::atomic<bool> returned = false;
    std::jthread waiter([&] {
      event.wait();
      returned = true;
    });
    std::this_thread::sleep_for(100ms);
    const bool early = returned.load();
    event.set();
    return std::string(early ? "wait() returned before set()" : "");
  });
  ASSERT_TRUE(finished(run)) << "wait() was not woken by set()";
  EXPECT_EQ(run.payload, "");
}

TEST(Event, SetReleasesEveryWaiter) {
  constexpr int kWaiters = 5;
  const auto run = run_in_child(5s, [] {
    Event event;
    std::latch waiting(kWaiters);
    std::atomic<int> released = 0;
    std::vector<std::jthread> waiters;
    for (int i = 0; i < kWaiters; ++i) {
      waiters.emplace_back([&] {
        waiting.count_down();
        event.wait();
        released.fetch_add(1);
      });
    }
    waiting.wait();
    std::this_thread::sleep_for(50ms);  // let them all go to sleep in wait()
    const int before_set = released.load();
    event.set();
    waiters.clear();  // joins: every waiter must come out
    return std::to_string(before_set) + " " + std::to_string(released.load());
  });
  ASSERT_TRUE(finished(run)) << "some waiters were never woken: does set() wake all of them?";
  EXPECT_EQ(run.payload, "0 5") << "none may pass before set(), all five after";
}

TEST(Event, WaitForTimesOutWhenNobodySetsIt) {
  const auto run = run_in_child(5s, [] {
    Event event;
    const auto start = Clock::now();
    const bool set = event.wait_for(100ms);
    const auto waited = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start);
    return std::to_string(set) + " " + std::to_string(waited.count());
  });
  ASSERT_TRUE(finished(run));
  const bool set = run.payload.front() == '1';
  const long waited_ms = std::stol(run.payload.substr(2));
  EXPECT_FALSE(set);
  EXPECT_GE(waited_ms, 90) << "wait_for(100ms) gave up too early";
  EXPECT_LT(waited_ms, 2000) << "wait_for(100ms) waited far too long";
}

TEST(Event, WaitForReturnsAsSoonAsItIsSet) {
  const auto run = run_in_child(5s, [] {
    Event event;
    std::jthread setter([&] {
      std::this_thread::sleep_for(50ms);
      event.set();
    });
    const auto start = Clock::now();
    const bool set = event.wait_for(10s);
    const auto waited = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start);
    return std::to_string(set) + " " + std::to_string(waited.count() < 2000);
  });
  ASSERT_TRUE(finished(run));
  EXPECT_EQ(run.payload, "1 1") << "wait_for must return true soon after set(), not at its timeout";
}

TEST(Event, ClearMakesLaterWaitsBlockAgain) {
  const auto run = run_in_child(5s, [] {
    Event event;
    event.set();
    event.wait();  // set: returns at once
    event.clear();
    return std::to_string(event.wait_for(50ms));
  });
  ASSERT_TRUE(finished(run));
  EXPECT_EQ(run.payload, "0");
}
