#include "course/cpu_meter.hpp"

#include <chrono>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "course/child.hpp"
#include "course/log.hpp"

using namespace std::chrono_literals;

namespace {

// Keeps a CPU busy for `how_long` of wall time.
void spin_for(std::chrono::milliseconds how_long) {
  const auto until = course::Clock::now() + how_long;
  while (course::Clock::now() < until) {
  }
}

}  // namespace

TEST(CpuMeter, SleepingCostsNoCpu) {
  const course::CpuMeter meter;
  std::this_thread::sleep_for(50ms);
  const course::CpuUse used = meter.read();
  EXPECT_GE(used.wall_seconds, 0.050);
  EXPECT_LT(used.cores(), 0.5);  // wide: a busy machine cannot make sleeping cost CPU
}

TEST(CpuMeter, CountsEveryThreadOfTheProcess) {
  const course::CpuMeter meter;
  {
    std::vector<std::jthread> threads;
    for (int t = 0; t < 2; ++t) {
      threads.emplace_back([] { spin_for(100ms); });
    }
  }
  const course::CpuUse used = meter.read();
  // Two threads spinning for 100 ms of wall time each get at most 2 cores and,
  // however busy the machine, some CPU: the clock only runs while they are on one.
  EXPECT_GT(used.cpu_seconds, 0.0);
  EXPECT_LE(used.cores(), 2.2);
}

TEST(CpuMeter, CountsChildrenOnceTheyAreWaitedFor) {
  const course::CpuMeter meter;
  course::ChildProcess child = course::ChildProcess::start([] {
    spin_for(100ms);
    return 0;
  });
  // Still running: not counted yet. The parent itself sleeps meanwhile.
  const double before_wait = meter.cpu_seconds();
  ASSERT_TRUE(child.wait().ok());
  const double after_wait = meter.cpu_seconds();
  EXPECT_GT(after_wait - before_wait, 0.0);
}

TEST(CpuMeter, AThreadsOwnClockCountsOnlyItsOwnWork) {
  double spinner = 0;
  double sleeper = 0;
  {
    std::jthread spinning([&spinner] {
      const double before = course::this_thread_cpu_seconds();
      spin_for(50ms);
      spinner = course::this_thread_cpu_seconds() - before;
    });
    std::jthread sleeping([&sleeper] {
      const double before = course::this_thread_cpu_seconds();
      std::this_thread::sleep_for(50ms);
      sleeper = course::this_thread_cpu_seconds() - before;
    });
  }
  EXPECT_GT(spinner, 0.0);
  EXPECT_LT(sleeper, 0.010);
}

TEST(CpuMeter, CoresIsCpuOverWall) {
  EXPECT_DOUBLE_EQ((course::CpuUse{2.0, 3.0}.cores()), 1.5);
  EXPECT_DOUBLE_EQ((course::CpuUse{0.0, 1.0}.cores()), 0.0);
}

TEST(CpuMeter, TextHasOneDecimal) {
  EXPECT_EQ(course::cores_got_text(1.06), "1.1 cores");
  EXPECT_EQ(course::cores_got_text(0.94), "0.9 cores");
  EXPECT_EQ(course::cores_got_text(0.03), "0.03 cores");  // work that waits: not a meter that read 0
}
