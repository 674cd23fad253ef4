// Tests of Event. Every test runs in an isolated child with a deadline. A
// waiter that should have been woken but stays asleep is left behind, so a
// wait that is never woken fails its test at once, not at the deadline. Times
// are checked with wide margins only; that a waiter really sleeps is checked
// by whether it falls asleep, by its own CPU time, and by how often it was
// switched out and in.
#include "event.hpp"

#include <atomic>
#include <chrono>
#include <memory>
#include <stdexcept>
#include <thread>
#include <tuple>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include "course/testing.hpp"
#include "waiting.hpp"

using namespace std::chrono_literals;
using course::testing::in_child;
using Clock = std::chrono::steady_clock;

namespace {

long milliseconds_since(Clock::time_point start) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start).count();
}

// Fails the test at once, by throwing, if is_set() does not return: a waiter
// then holds the Event's lock for ever, and the test's next set() would hang
// too. A wait whose predicate calls is_set() does that: is_set() locks mutex_
// a second time, and the waiter waits for itself.
void fail_if_the_lock_is_stuck(const std::shared_ptr<Event>& event) {
  waiting::Crowd asker;
  asker.start([event] { event->is_set(); });
  if (!asker.all_return()) {
    throw std::runtime_error(
        "is_set() did not return: a waiting thread holds the Event's lock for ever. Does the wait's "
        "predicate call is_set(), which locks mutex_ a second time?");
  }
}

// What one thread saw of its wait: whether it came out at all, what wait_for
// returned, and how long it waited.
struct Waited {
  bool came_out = false;
  bool result = false;
  long ms = 0;
};

}  // namespace

TEST(Event, SetClearAndIsSet) {
  const auto states = in_child(2s, [] {
    Event event;
    std::vector<bool> states{event.is_set()};
    event.set();
    states.push_back(event.is_set());
    event.set();  // a second set() changes nothing
    states.push_back(event.is_set());
    event.clear();
    states.push_back(event.is_set());
    return states;
  });
  EXPECT_EQ(states, (std::vector<bool>{false, true, true, false}))
      << "is_set() is false at first, true after set() (twice), false again after clear()";
}

TEST(Event, WaitReturnsAtOnceWhenAlreadySet) {
  // Nobody will set the Event again: a wait that sleeps now sleeps for ever.
  const auto [waited, timed] = in_child(3s, [] {
    auto event = std::make_shared<Event>();
    event->set();
    auto waited = std::make_shared<std::atomic<bool>>(false);
    auto timed = std::make_shared<std::atomic<bool>>(false);
    waiting::Crowd waiters;
    waiters.start([event, waited] {
      event->wait();
      event->wait();
      *waited = true;
    });
    waiters.start([event, timed] { *timed = event->wait_for(1s); });
    waiters.all_return();
    return std::pair(waited->load(), timed->load());
  });
  EXPECT_TRUE(waited) << "wait() slept although the flag was already up, and nobody will set it again to "
                         "wake it. Look at the flag before sleeping, under the lock (the predicate form of "
                         "wait does)";
  EXPECT_TRUE(timed) << "wait_for(1s) on a set Event must return true at once, not wait for a notification "
                        "that will never come";
}

TEST(Event, WaitBlocksUntilSet) {
  const auto [early, woken] = in_child(3s, [] {
    auto event = std::make_shared<Event>();
    waiting::Crowd waiter;
    waiter.start([event] { event->wait(); });
    std::this_thread::sleep_for(100ms);
    const bool early = waiter.returned() > 0;
    fail_if_the_lock_is_stuck(event);
    event->set();
    return std::pair(early, waiter.all_return());
  });
  EXPECT_FALSE(early) << "wait() returned before set()";
  EXPECT_TRUE(woken) << "wait() was not woken by set(): does set() notify the condition variable?";
}

TEST(Event, SetReleasesEveryWaiter) {
  static constexpr int kWaiters = 5;
  const auto [before_set, after_set] = in_child(3s, [] {
    auto event = std::make_shared<Event>();
    waiting::Crowd waiters;
    for (int i = 0; i < kWaiters; ++i) {
      waiters.start([event] { event->wait(); });
    }
    waiters.settle();  // all five asleep in wait()
    const int before_set = waiters.returned();
    fail_if_the_lock_is_stuck(event);
    event->set();
    waiters.all_return();
    return std::pair(before_set, waiters.returned());
  });
  EXPECT_EQ(before_set, 0) << "a waiter got past wait() before set()";
  EXPECT_EQ(after_set, kWaiters) << "set() woke " << after_set
                                 << " of the 5 waiters: it must wake every waiting thread (notify_all, "
                                    "not notify_one)";
}

TEST(Event, SetWakesEveryWaiterOfWaitForToo) {
  // Five threads asleep in wait_for(1s); set(): all of them must return true,
  // soon after it, not at the end of their timeout.
  static constexpr int kWaiters = 5;
  const auto [woken, all_true] = in_child(3s, [] {
    auto event = std::make_shared<Event>();
    auto results = std::make_shared<std::vector<std::atomic<bool>>>(kWaiters);
    waiting::Crowd waiters;
    for (int i = 0; i < kWaiters; ++i) {
      waiters.start([event, results, i] { (*results)[i] = event->wait_for(1s); });
    }
    waiters.settle();
    fail_if_the_lock_is_stuck(event);
    event->set();
    const int woken = waiters.all_return() ? kWaiters : waiters.returned();
    bool all_true = true;
    for (const auto& result : *results) {
      all_true = all_true && result.load();
    }
    return std::pair(woken, all_true);
  });
  EXPECT_EQ(woken, kWaiters) << "set() woke " << woken
                             << " of the 5 threads in wait_for(1s) within half a second: it must wake "
                                "every waiting thread (notify_all, not notify_one)";
  EXPECT_TRUE(all_true) << "every wait_for() must return true after set()";
}

TEST(Event, WaitForTimesOutWhenNobodySetsIt) {
  const auto waited = in_child(3s, [] {
    auto event = std::make_shared<Event>();
    auto waited = std::make_shared<Waited>();
    waiting::Crowd waiter;
    waiter.start([event, waited] {
      const auto start = Clock::now();
      const bool set = event->wait_for(200ms);
      *waited = {true, set, milliseconds_since(start)};
    });
    return waiter.all_return(2s, 500ms) ? *waited : Waited{};
  });
  EXPECT_TRUE(waited.came_out) << "wait_for(200ms) never gave up: it must return false once its timeout "
                                  "has passed";
  EXPECT_FALSE(waited.result) << "wait_for() must return false when nobody set the Event";
  EXPECT_GE(waited.ms, 180) << "wait_for(200ms) gave up too early";
}

TEST(Event, WaitForReturnsAsSoonAsItIsSet) {
  const auto waited = in_child(3s, [] {
    auto event = std::make_shared<Event>();
    auto waited = std::make_shared<Waited>();
    waiting::Crowd waiter;
    waiter.start([event, waited] {
      const auto start = Clock::now();
      const bool set = event->wait_for(1s);
      *waited = {true, set, milliseconds_since(start)};
    });
    waiter.settle();
    fail_if_the_lock_is_stuck(event);
    event->set();
    return waiter.all_return() ? *waited : Waited{};
  });
  EXPECT_TRUE(waited.came_out) << "wait_for(1s) was not woken by set() within half a second: does set() "
                                  "notify the condition variable?";
  EXPECT_TRUE(waited.result) << "wait_for() must return true when the Event was set";
}

TEST(Event, ClearMakesLaterWaitsBlockAgain) {
  const auto waited = in_child(3s, [] {
    auto event = std::make_shared<Event>();
    auto waited = std::make_shared<Waited>();
    waiting::Crowd waiter;
    waiter.start([event, waited] {
      event->set();
      event->wait();  // set: returns at once
      event->clear();
      const auto start = Clock::now();
      const bool set = event->wait_for(100ms);
      *waited = {true, set, milliseconds_since(start)};
    });
    return waiter.all_return(2s, 400ms) ? *waited : Waited{};
  });
  EXPECT_TRUE(waited.came_out) << "wait() after set() never returned: look at the flag before sleeping";
  EXPECT_FALSE(waited.result) << "after clear(), wait_for() must wait again and return false";
  EXPECT_GE(waited.ms, 90) << "after clear(), wait_for(100ms) must wait its 100 ms";
}

TEST(Event, AWaiterWokenAfterAClearWaitsOn) {
  // A waiter asleep in wait_for(1s), then one in wait(), is held in a signal
  // handler while the test calls set() and at once clear(). Woken, it can look
  // at the flag only once the test lets it go: the flag is down again, so it
  // must go back to sleep until the next set(). A wait that looks at the flag
  // once, with `if`, walks on. This is a stolen wake-up made on purpose; a
  // spurious wake-up does the same to it, only rarely.
  const auto [timed, untimed] = in_child(3s, [] {
    waiting::SignalHold hold;
    std::vector<Waited> outcomes;  // came_out: while the flag was down
    for (const bool timed : {true, false}) {
      auto event = std::make_shared<Event>();
      auto result = std::make_shared<std::atomic<bool>>(false);
      waiting::Crowd waiter;
      waiter.start([event, result, timed] { *result = timed ? event->wait_for(1s) : (event->wait(), true); });
      waiter.settle();
      fail_if_the_lock_is_stuck(event);
      hold.hold(waiter.handle(0));
      event->set();
      event->clear();
      hold.release();
      std::this_thread::sleep_for(100ms);  // time to come out, if it does
      const bool came_out_while_down = waiter.returned() > 0;
      event->set();
      waiter.all_return();
      outcomes.push_back({came_out_while_down, result->load(), 0});
    }
    return std::pair(outcomes[0], outcomes[1]);
  });
  EXPECT_FALSE(timed.came_out)
      << "wait_for(1s) returned after 0.1 s: woken by set(), the waiter found the flag cleared again and "
         "gave up, although its timeout had not passed. Check the flag in a loop, or use the predicate "
         "form wait_for(lock, timeout, predicate), which goes back to sleep";
  EXPECT_TRUE(timed.result) << "wait_for(1s) must return true after the second set()";
  EXPECT_FALSE(untimed.came_out)
      << "wait() came out while the flag was down: woken by set(), the waiter did not look at the flag "
         "again (clear() had lowered it). Check the flag in a loop, or use the predicate form "
         "wait(lock, predicate), which goes back to sleep";
}

TEST(Event, WaitForCountsItsTimeoutFromTheCall) {
  // A waiter in wait_for(800ms). From 300 ms on, the test wakes it every 20 ms
  // or so: it holds the waiter (asleep in the wait) in a signal handler, calls
  // set() and at once clear(), and lets it go, so that it wakes to find the
  // flag down. It must return false once 800 ms have passed since the call,
  // so well before 1 s. A wait that starts its timeout again after a wake-up
  // returns 800 ms after the last one: 1.1 s at the earliest.
  const auto [waited, wake_ups] = in_child(4s, [] {
    waiting::SignalHold hold;
    auto event = std::make_shared<Event>();
    auto waited = std::make_shared<Waited>();
    waiting::Crowd waiter;
    waiter.start([event, waited] {
      const auto start = Clock::now();
      const bool set = event->wait_for(800ms);
      *waited = {true, set, milliseconds_since(start)};
    });
    waiter.settle();
    fail_if_the_lock_is_stuck(event);
    const auto start = Clock::now();
    std::this_thread::sleep_until(start + 300ms);
    int wake_ups = 0;  // made while the waiter was asleep in its wait
    while (milliseconds_since(start) < 2000 && waiter.returned() == 0) {
      if (waiting::settles(waiter.handle(0), 50ms) && waiter.returned() == 0 && hold.hold(waiter.handle(0))) {
        event->set();
        event->clear();
        hold.release();
        ++wake_ups;
      }
      std::this_thread::sleep_for(20ms);
    }
    return std::pair(waiter.returned() == 1 ? *waited : Waited{}, wake_ups);  // read once it has returned
  });
  ASSERT_GT(wake_ups, 0) << "the test could not wake the waiter in time: the machine is far too busy";
  EXPECT_TRUE(waited.came_out) << "wait_for(800ms) was still waiting after 2 s: each wake-up started its "
                                  "timeout again. Wait until one deadline, computed once from the call "
                                  "(the predicate form of wait_for does)";
  EXPECT_FALSE(waited.result) << "the flag was never up when the waiter looked: wait_for() must return false";
  EXPECT_LT(waited.ms, 1000) << "wait_for(800ms) took " << waited.ms
                             << " ms: a wake-up started its timeout again. Wait until one deadline, computed "
                                "once from the call (the predicate form of wait_for does)";
}

TEST(Event, AWaitingThreadSleeps) {
  // A waiter in wait_for(200ms) with nobody setting the Event, then in wait()
  // until a set() 200 ms later. The test watches whether it falls asleep (a
  // thread that spins stays runnable); the waiter measures what it used.
  using waiting::Effort;
  struct Phase {
    bool fell_asleep = false;
    Effort effort;
  };
  const auto [timed, untimed, woken] = in_child(3s, [] {
    auto event = std::make_shared<Event>();
    auto timed = std::make_shared<Effort>();
    auto untimed = std::make_shared<Effort>();
    auto timed_done = std::make_shared<std::atomic<bool>>(false);
    waiting::Crowd waiter;
    waiter.start([event, timed, untimed, timed_done] {
      const waiting::EffortMeter meter;
      event->wait_for(200ms);
      *timed = meter.used();
      *timed_done = true;
      const waiting::EffortMeter second;
      event->wait();
      *untimed = second.used();
    });
    course::testing::eventually([&] { return waiter.started() == 1; }, 1s);
    const bool timed_asleep = waiting::settles(waiter.handle(0), 150ms);
    fail_if_the_lock_is_stuck(event);
    course::testing::eventually([&] { return timed_done->load(); }, 1s);
    const auto second_start = Clock::now();
    const bool untimed_asleep = waiting::settles(waiter.handle(0), 150ms);
    std::this_thread::sleep_until(second_start + 200ms);
    event->set();
    const bool woken = waiter.all_return();
    return std::tuple(Phase{timed_asleep, *timed}, Phase{untimed_asleep, woken ? *untimed : Effort{}}, woken);
  });
  EXPECT_TRUE(timed.fell_asleep) << "during wait_for(200ms) the waiting thread never fell asleep: it kept "
                                    "running, busy waiting. Sleep in the condition variable instead";
  EXPECT_LT(timed.effort.cpu_ms, 20) << "during wait_for(200ms) the waiting thread used "
                                     << timed.effort.cpu_ms
                                     << " ms of CPU: busy waiting. Sleep in the condition variable instead";
  EXPECT_LT(timed.effort.sleeps, 10) << "during wait_for(200ms) the waiting thread went to sleep "
                                     << timed.effort.sleeps
                                     << " times: polling. Sleep in the condition variable until notified";
  ASSERT_TRUE(woken) << "wait() was not woken by set()";
  EXPECT_TRUE(untimed.fell_asleep) << "during wait() the waiting thread never fell asleep: it kept running, "
                                      "busy waiting. Sleep in the condition variable instead";
  EXPECT_LT(untimed.effort.cpu_ms, 20)
      << "during wait() the waiting thread used " << untimed.effort.cpu_ms
      << " ms of CPU in 200 ms: busy waiting. Sleep in the condition variable";
  EXPECT_LT(untimed.effort.sleeps, 10)
      << "during wait() the waiting thread went to sleep " << untimed.effort.sleeps
      << " times in 200 ms: polling. Sleep in the condition variable until notified";
}
