#pragma once
// A teller for the bank's tests: work on a thread of its own whose state the
// test watches with course/thread_probe.hpp, and holds in a signal handler to
// decide which of two waiting tellers gets a lock that is given back.

#include <atomic>
#include <chrono>
#include <thread>

#include "course/testing.hpp"
#include "course/thread_probe.hpp"

namespace tellers {

using namespace std::chrono_literals;

using course::probe::settles;
using course::probe::SignalHold;
using course::probe::this_thread_handle;
using course::probe::ThreadHandle;

// A teller: work on a thread of its own, which the test can watch.
// blocked_or_done() returns once it is asleep in the kernel (waiting for a
// lock) or has finished.
class Teller {
 public:
  template <typename Work>
  explicit Teller(Work work)
      : thread_([this, work] {
          handle_ = this_thread_handle();
          started_ = true;
          work();
        }) {}
  Teller(const Teller&) = delete;
  Teller& operator=(const Teller&) = delete;

  void blocked_or_done() const {
    if (course::testing::eventually([this] { return started_.load(); }, 2s)) {
      settles(handle_, 1s);
    }
  }
  // Valid once blocked_or_done() has returned.
  const ThreadHandle& handle() const { return handle_; }
  void join() { thread_.join(); }

 private:
  ThreadHandle handle_;  // written by the thread before started_
  std::atomic<bool> started_ = false;
  std::jthread thread_;  // last: it starts once the members it uses exist
};

}  // namespace tellers
