#pragma once
// Test helpers: run code that might deadlock, crash or fork carelessly in an
// isolated child process with a deadline. A test using them never hangs.

#include <sys/mman.h>

#include <chrono>
#include <cstddef>
#include <functional>
#include <new>
#include <source_location>
#include <string>
#include <string_view>
#include <thread>
#include <type_traits>
#include <utility>

#include <gtest/gtest.h>

#include "course/child.hpp"
#include "course/wire.hpp"

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
  std::string last_step;  // what the body last said it was doing (see step())
};

// The exit code run_in_child gives a process that the body forked and that
// returned into the test's own code (it should have ended with _exit()).
inline constexpr int kReturnedIntoTestExitCode = 99;

// What a deadline that expires most likely means, unless a test says better.
inline constexpr std::string_view kLikelyDeadlock = "likely a deadlock, or a wait that is never woken";

// Runs `body` in a forked child in a process group of its own. At the deadline
// the child and everything it forked are killed. The body's return value comes
// back as `payload`, so a test can check a result computed in the child.
ChildRun run_in_child(std::chrono::milliseconds deadline, const std::function<std::string()>& body);

// run_in_child with a DeadlockWatchdog running in the child: a deadlock among
// course::TrackedMutex locks prints its wait-for cycle and ends the child with
// kDeadlockExitCode within about 200 ms, long before the deadline.
ChildRun run_watched_in_child(std::chrono::milliseconds deadline, const std::function<std::string()>& body);

// Passes when the body finished; otherwise says what happened, e.g.
// "did not finish within 2 s: likely a deadlock, or a wait that is never woken".
// `if_late` is what an expired deadline most likely means for this test.
::testing::AssertionResult finished(const ChildRun& run, std::string_view if_late = kLikelyDeadlock);

// Called by a body running in a child: what it is doing now. When the deadline
// expires, the failure says the last step, e.g. "still running: transfer 3 of 10".
// Cheap enough for a loop; does nothing outside run_in_child.
void step(std::string_view what);

// ---------------------------------------------------------------- typed form

// Runs `body` in a child, as run_in_child does, and returns what it returned,
// with its own type: EXPECT_EQ(in_child(5s, [] { return 6 * 7; }), 42).
//
// If the child does not finish (it hangs, crashes or throws), the test fails
// once, at the line that called in_child, saying what happened, and stops
// there like a failed ASSERT: no second, misleading failure about the value.
// Call it from the test's own thread. What the body returns must cross a pipe:
// see course/wire.hpp for the types that can.
template <typename Body>
auto in_child(std::chrono::milliseconds deadline, Body&& body, std::string_view if_late = kLikelyDeadlock,
              std::source_location where = std::source_location::current());

// in_child with run_watched_in_child's deadlock watchdog in the child.
template <typename Body>
auto in_watched_child(std::chrono::milliseconds deadline, Body&& body,
                      std::source_location where = std::source_location::current());

namespace detail {

// Reports `run`'s failure at `where` and stops the test, unless it finished.
void stop_unless_finished(const ChildRun& run, std::string_view if_late, const std::source_location& where);

template <typename Runner, typename Body>
auto typed_run(Runner runner, std::chrono::milliseconds deadline, Body& body, std::string_view if_late,
               const std::source_location& where) {
  using Result = std::invoke_result_t<Body&>;
  const ChildRun run = runner(deadline, [&body]() -> std::string {
    if constexpr (std::is_void_v<Result>) {
      body();
      return {};
    } else {
      std::string bytes;
      put(bytes, body());
      return bytes;
    }
  });
  stop_unless_finished(run, if_late, where);
  if constexpr (!std::is_void_v<Result>) {
    std::string_view bytes = run.payload;
    return take<Result>(bytes);
  }
}

}  // namespace detail

template <typename Body>
auto in_child(std::chrono::milliseconds deadline, Body&& body, std::string_view if_late,
              std::source_location where) {
  return detail::typed_run(run_in_child, deadline, body, if_late, where);
}

template <typename Body>
auto in_watched_child(std::chrono::milliseconds deadline, Body&& body, std::source_location where) {
  return detail::typed_run(run_watched_in_child, deadline, body, kLikelyDeadlock, where);
}

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
