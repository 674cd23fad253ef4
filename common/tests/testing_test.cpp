#include "course/testing.hpp"

#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <thread>
#include <tuple>
#include <utility>
#include <vector>

#include <gtest/gtest-spi.h>
#include <gtest/gtest.h>

#include "course/deadlock.hpp"

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

// ---------------------------------------------------------------- the typed form

namespace {

struct Reading {
  int sensor;
  double value;
  bool operator==(const Reading&) const = default;
};

// Runs `call`, which uses in_child, and returns the failures it reported,
// without failing this test.
template <typename Call>
std::vector<std::string> failures_of(Call call) {
  ::testing::TestPartResultArray results;
  {
    const ::testing::ScopedFakeTestPartResultReporter reporter(
        ::testing::ScopedFakeTestPartResultReporter::INTERCEPT_ONLY_CURRENT_THREAD, &results);
    try {
      call();
    } catch (const ::testing::AssertionException&) {
      // in_child stopped the test here, as it should
    }
  }
  std::vector<std::string> messages;
  for (int i = 0; i < results.size(); ++i) {
    messages.emplace_back(results.GetTestPartResult(i).message());
  }
  return messages;
}

}  // namespace

TEST(InChild, BringsBackValuesOfTheirOwnType) {
  using course::testing::in_child;
  EXPECT_EQ(in_child(2s, [] { return 6 * 7; }), 42);
  EXPECT_EQ(in_child(2s, [] { return std::string("forty-two"); }), "forty-two");
  EXPECT_EQ(in_child(2s,
                     [] {
                       return std::vector<Reading>{{1, 0.5}, {2, -3.25}};
                     }),
            (std::vector<Reading>{{1, 0.5}, {2, -3.25}}));
  EXPECT_EQ(in_child(2s,
                     [] {
                       return std::vector<std::string>{"", "a", std::string(100'000, 'x')};
                     }),
            (std::vector<std::string>{"", "a", std::string(100'000, 'x')}));
  EXPECT_EQ(in_child(2s,
                     [] {
                       return std::tuple<int, std::string, bool>{3, "three", true};
                     }),
            (std::tuple<int, std::string, bool>{3, "three", true}));
  EXPECT_EQ(in_child(2s, [] { return std::optional<std::string>(); }), std::nullopt);
  EXPECT_EQ(in_child(2s,
                     [] {
                       return std::vector<bool>{true, false, true};
                     }),
            (std::vector<bool>{true, false, true}));
  EXPECT_EQ(in_child(2s,
                     [] {
                       return std::pair<std::string, long>{"pid", 7};
                     }),
            (std::pair<std::string, long>{"pid", 7}));
}

TEST(InChild, RunsTheBodyInAnotherProcess) {
  const pid_t test_pid = ::getpid();
  EXPECT_NE(course::testing::in_child(2s, [] { return ::getpid(); }), test_pid);
}

TEST(InChild, AHangFailsOnceAtTheCallersLineAndSaysTheLastStep) {
  const auto failures = failures_of([] {
    course::testing::in_child(300ms, [] {
      course::testing::step("waiting for the third reply");
      std::this_thread::sleep_for(1h);
      return 0;
    });
    ADD_FAILURE() << "in_child returned after a timeout";
  });
  ASSERT_EQ(failures.size(), 1u) << "one failure, not a second one about the value";
  EXPECT_NE(failures[0].find("did not finish within 0.3 s: likely a deadlock"), std::string::npos)
      << failures[0];
  EXPECT_NE(failures[0].find("its last step: waiting for the third reply"), std::string::npos) << failures[0];
}

TEST(InChild, SaysWhatALateAnswerMeansWhenTheTestKnowsBetter) {
  const auto failures = failures_of([] {
    course::testing::in_child(
        200ms, [] { std::this_thread::sleep_for(1h); }, "the jobs ran one after another");
  });
  ASSERT_EQ(failures.size(), 1u);
  EXPECT_NE(failures[0].find("did not finish within 0.2 s: the jobs ran one after another"),
            std::string::npos)
      << failures[0];
  EXPECT_EQ(failures[0].find("deadlock"), std::string::npos) << failures[0];
}

TEST(InChild, AThrowOrACrashFailsOnce) {
  const auto threw =
      failures_of([] { course::testing::in_child(2s, []() -> int { throw std::runtime_error("boom"); }); });
  ASSERT_EQ(threw.size(), 1u);
  EXPECT_NE(threw[0].find("threw: boom"), std::string::npos) << threw[0];

  const auto crashed = failures_of([] { course::testing::in_child(2s, []() -> int { std::abort(); }); });
  ASSERT_EQ(crashed.size(), 1u);
  EXPECT_NE(crashed[0].find("killed by signal"), std::string::npos) << crashed[0];
}

TEST(InWatchedChild, ADeadlockFailsOnceAndIsNamed) {
  const auto failures = failures_of([] {
    course::testing::in_watched_child(10s, [] {
      course::TrackedMutex mutex("only");
      const std::scoped_lock first(mutex);
      const std::scoped_lock again(mutex);  // waits for itself
    });
  });
  ASSERT_EQ(failures.size(), 1u);
  EXPECT_NE(failures[0].find("DEADLOCK"), std::string::npos) << failures[0];
  EXPECT_NE(failures[0].find("COURSE_HANG=1 "), std::string::npos) << failures[0];
  EXPECT_NE(failures[0].find(" --gtest_filter=InWatchedChild.ADeadlockFailsOnceAndIsNamed"),
            std::string::npos)
      << failures[0];
}
