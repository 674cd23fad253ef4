#include "course/deadlock.hpp"

#include <chrono>
#include <latch>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "course/log.hpp"
#include "course/testing.hpp"

using namespace std::chrono_literals;
using course::DeadlockWatchdog;
using course::TrackedMutex;
using course::testing::ChildRun;
using course::testing::finished;
using course::testing::run_in_child;

namespace {

// Two named threads take two locks in opposite orders, each holding its first
// before either asks for its second: a certain deadlock. The threads are
// detached because they can never be joined; the child process ends them.
void start_abba(TrackedMutex& a, TrackedMutex& b) {
  static std::latch both_hold_one(2);
  std::thread([&] {
    course::set_actor_name("left");
    std::scoped_lock first(a);
    both_hold_one.arrive_and_wait();
    std::scoped_lock second(b);
  }).detach();
  std::thread([&] {
    course::set_actor_name("right");
    std::scoped_lock first(b);
    both_hold_one.arrive_and_wait();
    std::scoped_lock second(a);
  }).detach();
}

std::string wait_for_a_deadlock() {
  for (int tries = 0; tries < 200; ++tries) {
    if (const auto cycle = course::find_deadlock(); !cycle.empty()) {
      return course::describe_deadlock(cycle);
    }
    std::this_thread::sleep_for(10ms);
  }
  return "no deadlock found";
}

}  // namespace

TEST(FindDeadlock, NothingWhenNobodyWaits) {
  TrackedMutex lock("idle");
  std::scoped_lock held(lock);
  EXPECT_TRUE(course::find_deadlock().empty());
}

TEST(FindDeadlock, NamesBothThreadsAndBothLocksOfAnAbbaCycle) {
  const ChildRun run = run_in_child(5s, [] {
    static TrackedMutex a("A");
    static TrackedMutex b("B");
    start_abba(a, b);
    return wait_for_a_deadlock();
  });
  ASSERT_TRUE(finished(run));
  EXPECT_NE(run.payload.find("left → waits for lock \"B\" → held by right"), std::string::npos)
      << run.payload;
  EXPECT_NE(run.payload.find("right → waits for lock \"A\" → held by left"), std::string::npos)
      << run.payload;
}

TEST(FindDeadlock, SeesAThreadRelockingItsOwnMutex) {
  const ChildRun run = run_in_child(5s, [] {
    static TrackedMutex lock("counter");
    std::thread([] {
      course::set_actor_name("outer");
      std::scoped_lock first(lock);
      std::scoped_lock again(lock);
    }).detach();
    return wait_for_a_deadlock();
  });
  ASSERT_TRUE(finished(run));
  EXPECT_NE(run.payload.find("outer → waits for lock \"counter\" → held by outer (itself"), std::string::npos)
      << run.payload;
}

TEST(TrackedMutex, TryLockByTheHolderSaysNo) {
  TrackedMutex lock("mine");
  std::scoped_lock held(lock);
  EXPECT_FALSE(lock.try_lock());
}

TEST(DeadlockWatchdog, EndsADeadlockedProgramWithExitCodeThree) {
  const auto started = std::chrono::steady_clock::now();
  const ChildRun run = run_in_child(5s, [] {
    static TrackedMutex a("A");
    static TrackedMutex b("B");
    DeadlockWatchdog watchdog(DeadlockWatchdog::OnDeadlock::exit, 100ms);
    start_abba(a, b);
    std::this_thread::sleep_for(1h);
    return std::string();
  });
  EXPECT_LT(std::chrono::steady_clock::now() - started, 3s);
  EXPECT_TRUE(run.status.exited);
  EXPECT_EQ(run.status.code, 3);
  EXPECT_NE(std::string(finished(run).message()).find("DEADLOCK"), std::string::npos);
}

TEST(DeadlockWatchdog, StaysQuietWhileLocksAreTakenSafely) {
  // Opposite orders, but each pair taken by std::scoped_lock's deadlock avoidance.
  const ChildRun run = run_in_child(10s, [] {
    TrackedMutex a("A");
    TrackedMutex b("B");
    long moves = 0;
    DeadlockWatchdog watchdog(DeadlockWatchdog::OnDeadlock::exit, 100ms);
    std::vector<std::jthread> threads;
    for (int t = 0; t < 2; ++t) {
      threads.emplace_back([&, t] {
        for (int i = 0; i < 20000; ++i) {
          if (t == 0) {
            std::scoped_lock both(a, b);
            ++moves;
          } else {
            std::scoped_lock both(b, a);
            ++moves;
          }
        }
      });
    }
    threads.clear();
    return std::to_string(moves);
  });
  ASSERT_TRUE(finished(run));
  EXPECT_EQ(run.payload, "40000");
}
