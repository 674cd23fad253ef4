#pragma once
// What the tests of lesson 05 add to course/thread_probe.hpp: waiting threads
// that a test may leave behind, so that a waiter that is never woken fails its
// test in a moment, not at the child's deadline; and what a thread used while
// it waited (Linux counts the times it went to sleep; elsewhere they read 0).

#include <sys/resource.h>
#include <time.h>

#include <atomic>
#include <chrono>
#include <cstddef>
#include <memory>
#include <thread>
#include <utility>
#include <vector>

#include "course/testing.hpp"
#include "course/thread_probe.hpp"

namespace waiting {

using namespace std::chrono_literals;

using course::probe::settles;
using course::probe::SignalHold;
using course::probe::state_of;
using course::probe::this_thread_handle;
using course::probe::ThreadHandle;
using course::probe::ThreadState;

// Threads that a test may leave behind. A waiter that is never woken then
// fails its test at once, and ends with the test's child process. Whatever
// these threads use must outlive the test's body, so the tests keep it in a
// std::shared_ptr that each thread holds a copy of.
class Crowd {
 public:
  Crowd() = default;
  Crowd(const Crowd&) = delete;
  Crowd& operator=(const Crowd&) = delete;
  // Joins the threads that have returned; leaves the others behind.
  ~Crowd() {
    for (std::size_t i = 0; i < threads_.size(); ++i) {
      if (members_[i]->returned.load()) {
        threads_[i].join();
      } else {
        threads_[i].detach();
      }
    }
  }

  // Starts a thread that runs `call`.
  template <typename Call>
  void start(Call call) {
    auto member = std::make_shared<Member>();
    members_.push_back(member);
    threads_.emplace_back([member, call = std::move(call)]() mutable {
      member->handle = this_thread_handle();
      member->started = true;
      call();
      member->returned = true;
    });
  }
  // Returns once every thread has started and is asleep (or has returned),
  // or once `limit` has passed: a thread that spins never settles.
  void settle(std::chrono::milliseconds limit = 500ms) const {
    const auto give_up = std::chrono::steady_clock::now() + limit;
    const auto left = [&] {
      return std::chrono::duration_cast<std::chrono::milliseconds>(give_up -
                                                                   std::chrono::steady_clock::now());
    };
    course::testing::eventually([this] { return started() == size(); }, left());
    for (const auto& member : members_) {
      if (member->started.load() && left() > 0ms) {
        settles(member->handle, left());
      }
    }
  }
  // Waits until `condition` holds, for at most `limit`, and gives up early
  // once every thread that has not returned has been asleep for `asleep_for`
  // in a row: they all wait for something, so nothing will change until the
  // test acts. For threads that should be on their way (woken, or with
  // nothing to wait for), a long limit then costs a wrong answer nothing.
  template <typename Condition>
  bool until(Condition condition, std::chrono::milliseconds limit = 2s,
             std::chrono::milliseconds asleep_for = 100ms) const {
    const auto give_up = std::chrono::steady_clock::now() + limit;
    auto awake_at = std::chrono::steady_clock::now();  // when some thread was last seen awake
    while (!condition()) {
      const auto now = std::chrono::steady_clock::now();
      if (now >= give_up) {
        return false;
      }
      if (!all_asleep()) {
        awake_at = now;
      } else if (now - awake_at >= asleep_for) {
        return condition();
      }
      std::this_thread::sleep_for(1ms);
    }
    return true;
  }
  // Waits until every thread has returned, as until() does.
  bool all_return(std::chrono::milliseconds limit = 2s, std::chrono::milliseconds asleep_for = 100ms) const {
    return until([this] { return returned() == size(); }, limit, asleep_for);
  }
  int started() const { return count(&Member::started); }
  int returned() const { return count(&Member::returned); }
  int size() const { return static_cast<int>(members_.size()); }
  // Valid once the thread has started.
  const ThreadHandle& handle(std::size_t i) const { return members_.at(i)->handle; }

 private:
  struct Member {
    ThreadHandle handle;  // written before `started`
    std::atomic<bool> started = false;
    std::atomic<bool> returned = false;
  };
  int count(std::atomic<bool> Member::*flag) const {
    int n = 0;
    for (const auto& member : members_) {
      n += ((*member).*flag).load() ? 1 : 0;
    }
    return n;
  }
  // Whether every thread that has not returned is asleep (false where that
  // cannot be seen).
  bool all_asleep() const {
    for (const auto& member : members_) {
      if (!member->started.load()) {
        return false;  // on its way; and its handle is not written yet
      }
      if (!member->returned.load() && state_of(member->handle) != ThreadState::asleep) {
        return false;
      }
    }
    return true;
  }
  std::vector<std::shared_ptr<Member>> members_;
  std::vector<std::thread> threads_;
};

// What a thread used while it waited: CPU time, and how many times it went to
// sleep (voluntary context switches). A thread asleep in a condition variable
// uses no CPU and goes to sleep once or twice; one that polls goes to sleep at
// every round. Being preempted (an involuntary switch) is not counted: on a
// busy machine it happens to any thread that runs, and says nothing of its
// code. A thread that spins, yielding or not, never sleeps: settles() sees it.
struct Effort {
  long cpu_ms = 0;
  long sleeps = 0;
};

// Made and read on the thread that waits.
class EffortMeter {
 public:
  EffortMeter() : cpu_(thread_cpu()), sleeps_(sleeps_so_far()) {}
  Effort used() const {
    return {std::chrono::duration_cast<std::chrono::milliseconds>(thread_cpu() - cpu_).count(),
            sleeps_so_far() - sleeps_};
  }

 private:
  static std::chrono::nanoseconds thread_cpu() {
    timespec now{};
    ::clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
    return std::chrono::seconds(now.tv_sec) + std::chrono::nanoseconds(now.tv_nsec);
  }
  static long sleeps_so_far() {
#ifdef RUSAGE_THREAD
    rusage usage{};
    ::getrusage(RUSAGE_THREAD, &usage);  // this thread only (Linux)
    return usage.ru_nvcsw;
#else
    return 0;
#endif
  }
  std::chrono::nanoseconds cpu_;
  long sleeps_;
};

}  // namespace waiting
