#include "course/cores.hpp"

#include <thread>

#include <gtest/gtest.h>

#if defined(__linux__)
#include <sched.h>
#endif

TEST(UsableCores, AtLeastOneAndNoMoreThanTheMachineHas) {
  const int cores = course::usable_cores();
  EXPECT_GE(cores, 1);
  if (std::thread::hardware_concurrency() > 0) {
    EXPECT_LE(cores, static_cast<int>(std::thread::hardware_concurrency()));
  }
}

TEST(UsableCores, TextSaysCoreOrCores) {
  EXPECT_EQ(course::cores_text(1), "1 core");
  EXPECT_EQ(course::cores_text(2), "2 cores");
}

#if defined(__linux__)
TEST(UsableCores, FollowsTheAffinityMask) {
  // In a thread of its own, so the test's own thread keeps every core.
  int pinned_cores = 0;
  std::thread pinned([&pinned_cores] {
    cpu_set_t mask;
    CPU_ZERO(&mask);
    ::sched_getaffinity(0, sizeof mask, &mask);
    int first = 0;
    while (!CPU_ISSET(first, &mask)) {
      ++first;
    }
    CPU_ZERO(&mask);
    CPU_SET(first, &mask);
    ASSERT_EQ(::sched_setaffinity(0, sizeof mask, &mask), 0);
    pinned_cores = course::usable_cores();
  });
  pinned.join();
  EXPECT_EQ(pinned_cores, 1);
}
#endif
