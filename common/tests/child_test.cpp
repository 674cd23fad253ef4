#include "course/child.hpp"

#include <signal.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <stdexcept>
#include <thread>

#include <gtest/gtest.h>

using namespace std::chrono_literals;
using course::ChildProcess;

TEST(ChildProcess, ReportsTheExitCode) {
  ChildProcess child = ChildProcess::start([] { return 3; });
  const course::ExitStatus status = child.wait();
  EXPECT_TRUE(status.exited);
  EXPECT_EQ(status.code, 3);
  EXPECT_EQ(status.describe(), "exited with code 3");
}

TEST(ChildProcess, ReportsTheSignalThatKilledIt) {
  ChildProcess child = ChildProcess::start([]() -> int { std::abort(); });
  const course::ExitStatus status = child.wait();
  EXPECT_FALSE(status.exited);
  EXPECT_EQ(status.signal, SIGABRT);
  EXPECT_NE(status.describe().find("killed by signal 6"), std::string::npos) << status.describe();
}

TEST(ChildProcess, AnExceptionDoesNotEscapeTheChild) {
  ChildProcess child = ChildProcess::start([]() -> int { throw std::runtime_error("boom"); });
  EXPECT_EQ(child.wait().code, course::kChildExceptionExitCode);
}

TEST(ChildProcess, WaitForGivesUpOnARunningChild) {
  ChildProcess child = ChildProcess::start([] {
    std::this_thread::sleep_for(10s);
    return 0;
  });
  EXPECT_FALSE(child.wait_for(50ms).has_value());
  child.kill();
  const auto status = child.wait_for(2s);
  ASSERT_TRUE(status.has_value());
  EXPECT_EQ(status->signal, SIGKILL);
}

TEST(ChildProcess, TheDestructorKillsAndReapsAChildThatWasNotWaitedFor) {
  pid_t pid = 0;
  {
    ChildProcess child = ChildProcess::start([] {
      std::this_thread::sleep_for(10s);
      return 0;
    });
    pid = child.pid();
  }
  // Reaped means gone: not even a zombie is left to receive a signal.
  EXPECT_EQ(::kill(pid, 0), -1);
  EXPECT_EQ(errno, ESRCH);
}
