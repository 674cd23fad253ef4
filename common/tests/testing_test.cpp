#include "course/testing.hpp"

#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <stdexcept>
#include <string>
#include <thread>

#include <gtest/gtest.h>

using namespace std::chrono_literals;
using course::testing::ChildRun;
using course::testing::finished;
using course::testing::run_in_child;

TEST(RunInChild, BringsBackTheResult) {
  const ChildRun run = run_in_child(2s, [] { return std::string("42"); });
  ASSERT_TRUE(finished(run));
  EXPECT_EQ(run.payload, "42");
}

TEST(RunInChild, AHangIsKilledAtTheDeadlineAndNamedAsALikelyDeadlock) {
  const auto started = std::chrono::steady_clock::now();
  const ChildRun run = run_in_child(300ms, [] {
    std::this_thread::sleep_for(1h);
    return std::string();
  });
  EXPECT_LT(std::chrono::steady_clock::now() - started, 5s);
  EXPECT_EQ(run.outcome, ChildRun::Outcome::timed_out);
  const std::string message = finished(run).message();
  EXPECT_NE(message.find("did not finish within 0.3 s"), std::string::npos) << message;
  EXPECT_NE(message.find("likely a deadlock"), std::string::npos) << message;
}

TEST(RunInChild, ReportsAThrowAndACrash) {
  const ChildRun threw = run_in_child(2s, []() -> std::string { throw std::runtime_error("boom"); });
  EXPECT_EQ(threw.outcome, ChildRun::Outcome::threw);
  EXPECT_NE(std::string(finished(threw).message()).find("boom"), std::string::npos);

  const ChildRun crashed = run_in_child(2s, []() -> std::string { std::abort(); });
  EXPECT_EQ(crashed.outcome, ChildRun::Outcome::crashed);
  EXPECT_EQ(crashed.status.signal, SIGABRT);
}

TEST(RunInChild, AForkedProcessThatReturnsIntoTheTestIsStopped) {
  // The body forks and both processes return: only the child's answer counts.
  const ChildRun run = run_in_child(2s, [] { return std::to_string(::fork() == 0 ? 1 : 0); });
  ASSERT_TRUE(finished(run));
  EXPECT_EQ(run.payload, "0");
}

namespace {

// Alive and not a zombie: some containers' init never reaps orphans.
bool running(pid_t pid) {
  std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
  std::string pid_field, command, state;
  if (!(stat >> pid_field >> command >> state)) {
    return ::kill(pid, 0) == 0;  // no /proc (macOS): ask the kernel
  }
  return state != "Z" && state != "X";
}

}  // namespace

TEST(RunInChild, LeavesNothingBehind) {
  const ChildRun run = run_in_child(2s, [] {
    const pid_t sleeper = ::fork();
    if (sleeper == 0) {
      std::this_thread::sleep_for(1h);
      ::_exit(0);
    }
    return std::to_string(sleeper);
  });
  ASSERT_TRUE(finished(run));
  const pid_t sleeper = std::stoi(run.payload);
  EXPECT_TRUE(course::testing::eventually([sleeper] { return !running(sleeper); }, 5s))
      << "process " << sleeper << " outlived the test";
}

TEST(Eventually, ReturnsTrueOnceTheConditionHoldsAndFalseAtTheTimeout) {
  std::atomic<bool> flag = false;
  std::jthread setter([&flag] {
    std::this_thread::sleep_for(20ms);
    flag = true;
  });
  EXPECT_TRUE(course::testing::eventually([&flag] { return flag.load(); }, 5s));
  const auto start = std::chrono::steady_clock::now();
  EXPECT_FALSE(course::testing::eventually([] { return false; }, 50ms));
  EXPECT_GE(std::chrono::steady_clock::now() - start, 50ms);
}
