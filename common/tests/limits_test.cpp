#include "course/limits.hpp"

#include <sys/resource.h>

#include <gtest/gtest.h>

TEST(OpenFileLimit, RaisesTheSoftLimitNoFurtherThanTheHardOne) {
  rlimit before{};
  ::getrlimit(RLIMIT_NOFILE, &before);
  const std::size_t granted = course::raise_open_file_limit(static_cast<std::size_t>(before.rlim_cur) + 1);
  EXPECT_GE(granted, static_cast<std::size_t>(before.rlim_cur));
  EXPECT_LE(granted, static_cast<std::size_t>(before.rlim_max));
  rlimit after{};
  ::getrlimit(RLIMIT_NOFILE, &after);
  EXPECT_EQ(granted, static_cast<std::size_t>(after.rlim_cur));
}

TEST(OpenFileLimit, NeverLowersIt) {
  rlimit before{};
  ::getrlimit(RLIMIT_NOFILE, &before);
  EXPECT_EQ(course::raise_open_file_limit(1), static_cast<std::size_t>(before.rlim_cur));
}
