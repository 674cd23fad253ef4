#pragma once
// Test helpers: run code that might deadlock, crash or fork carelessly in an
// isolated child process with a deadline. A test using them never hangs.

#include <sys/mman.h>

#include <chrono>
#include <cstddef>
#include <functional>
#include <new>
#include <string>
#include <thread>
#include <type_traits>

#include <gtest/gtest.h>

#include "course/child.hpp"

namespace course::testing {

struct ChildRun {
  enum class Outcome {
    finished,   // the body returned; `payload` holds what it returned
    threw,      // the body threw; `payload` holds what()
    crashed,    // the child ended some other way; see `status`
    timed_out,  // still running at the deadline: killed
  };
  Outcome outcome = Outcome::crashed;
  std::string payload;
  ExitStatus status;
  std::chrono::milliseconds deadline{0};
};

// Runs `body` in a forked child in a process group of its own. At the deadline
// the child and everything it forked are killed. The body's return value comes
// back as `payload`, so a test can check a result computed in the child.
ChildRun run_in_child(std::chrono::milliseconds deadline, const std::function<std::string()>& body);

// run_in_child with a DeadlockWatchdog running in the child: a deadlock among
// course::TrackedMutex locks prints its wait-for cycle and ends the child with
// kDeadlockExitCode within about 200 ms, long before the deadline.
ChildRun run_watched_in_child(std::chrono::milliseconds deadline, const std::function<std::string()>& body);

// Passes when the body finished; otherwise says what happened, e.g.
// "did not finish within 2 s — likely a deadlock".
::testing::AssertionResult finished(const ChildRun& run);

// Checks `condition` every millisecond until it holds or `timeout` has passed;
// returns whether it held. For waiting on other threads or processes without
// ever waiting for ever.
template <typename Condition>
bool eventually(Condition condition, std::chrono::milliseconds timeout) {
  const auto give_up = std::chrono::steady_clock::now() + timeout;
  while (!condition()) {
    if (std::chrono::steady_clock::now() >= give_up) {
      return false;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  return true;
}

// Zeroed memory that stays shared with every process forked after it was made:
// how a test watches what its children do. T must be lock-free across processes
// (std::atomic of an integer) or a plain value.
template <typename T>
class SharedScratch {
  static_assert(std::is_trivially_destructible_v<T>);

 public:
  explicit SharedScratch(std::size_t count) : count_(count) {
    void* memory = ::mmap(nullptr, bytes(), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (memory == MAP_FAILED) {
      throw std::bad_alloc();
    }
    items_ = static_cast<T*>(memory);
    for (std::size_t i = 0; i < count_; ++i) {
      new (&items_[i]) T{};
    }
  }
  ~SharedScratch() { ::munmap(items_, bytes()); }
  SharedScratch(const SharedScratch&) = delete;
  SharedScratch& operator=(const SharedScratch&) = delete;

  T& operator[](std::size_t i) { return items_[i]; }

 private:
  std::size_t bytes() const { return count_ * sizeof(T); }
  std::size_t count_;
  T* items_ = nullptr;
};

}  // namespace course::testing
