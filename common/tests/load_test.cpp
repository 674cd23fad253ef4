#include "course/load.hpp"

#include <filesystem>

#include <gtest/gtest.h>

TEST(Load, KnownWhereTheSystemKeepsIt) {
  const std::optional<double> load = course::load_average();
  if (std::filesystem::exists("/proc/loadavg")) {
    ASSERT_TRUE(load.has_value());
  }
  if (load) {
    EXPECT_GE(*load, 0.0);
  }
}

TEST(Load, UnknownIsSaidAsSuch) {
  EXPECT_EQ(course::load_text(std::nullopt), "unknown");
  EXPECT_EQ(course::load_text(3.14), "3.1");
}

TEST(Load, BusyMeansMoreTasksThanCores) {
  EXPECT_TRUE(course::busy(2.5, 2));
  EXPECT_FALSE(course::busy(1.9, 2));
  EXPECT_FALSE(course::busy(std::nullopt, 2));  // unknown is not busy: no reason is invented
}
