#pragma once
// Test helpers: run code that might deadlock, crash or fork carelessly in an
// isolated child process with a deadline. A test using them never hangs.

#include <chrono>
#include <functional>
#include <string>

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

// Passes when the body finished; otherwise says what happened, e.g.
// "did not finish within 2 s — likely a deadlock".
::testing::AssertionResult finished(const ChildRun& run);

}  // namespace course::testing
