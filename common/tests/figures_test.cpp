#include "course/figures.hpp"

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

namespace {

std::string read_all(const std::filesystem::path& path) {
  std::ifstream file(path);
  std::ostringstream text;
  text << file.rdbuf();
  return text.str();
}

class Figures : public ::testing::Test {
 protected:
  void TearDown() override {
    ::unsetenv("COURSE_FIGURES");
    std::filesystem::remove(path_);
  }
  std::filesystem::path path_ =
      std::filesystem::temp_directory_path() / ("figures_test_" + std::to_string(::getpid()));
};

}  // namespace

TEST_F(Figures, RecordsNothingWithoutTheVariable) {
  ::unsetenv("COURSE_FIGURES");
  course::record_figure("speedup", 1.9);
  EXPECT_FALSE(std::filesystem::exists(path_));
}

TEST_F(Figures, AppendsOneLinePerFigure) {
  ::setenv("COURSE_FIGURES", path_.c_str(), 1);
  course::record_figure("speedup", 1.5);
  course::record_figure("cost.thread_us", 29);
  EXPECT_EQ(read_all(path_), "speedup 1.5\ncost.thread_us 29\n");
}

TEST_F(Figures, LinesFromManyThreadsStayWhole) {
  ::setenv("COURSE_FIGURES", path_.c_str(), 1);
  {
    std::vector<std::jthread> threads;
    for (int t = 0; t < 4; ++t) {
      threads.emplace_back([] {
        for (int i = 0; i < 100; ++i) {
          course::record_figure("figure", 12345.5);
        }
      });
    }
  }
  std::istringstream lines(read_all(path_));
  int count = 0;
  for (std::string line; std::getline(lines, line); ++count) {
    ASSERT_EQ(line, "figure 12345.5");
  }
  EXPECT_EQ(count, 400);
}
