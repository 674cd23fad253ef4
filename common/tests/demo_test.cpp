#include "course/demo.hpp"

#include <string>
#include <vector>

#include <gtest/gtest.h>

using course::Args;
using course::UsageError;

TEST(Args, ReadsNumbersInOrderAndFallsBackWhenAbsent) {
  Args args({"4", "12"});
  EXPECT_EQ(args.number("jobs", 1, 1, 64), 4);
  EXPECT_EQ(args.number("size", 1, 1, 64), 12);
  EXPECT_EQ(args.number("more", 7, 1, 64), 7);
  EXPECT_NO_THROW(args.done());
}

TEST(Args, RejectsWhatIsNotANumberInRange) {
  Args words({"four"});
  EXPECT_THROW(words.number("jobs", 1, 1, 64), UsageError);
  Args too_big({"65"});
  EXPECT_THROW(too_big.number("jobs", 1, 1, 64), UsageError);
  Args trailing({"4x"});
  EXPECT_THROW(trailing.number("jobs", 1, 1, 64), UsageError);
}

TEST(Args, ChecksTheWordsAgainstTheArgumentListBeforeAnythingRuns) {
  EXPECT_NO_THROW(Args({"5", "--hang"}).check_against("[N] [--hang]"));
  EXPECT_NO_THROW(Args({"--hang"}).check_against("[N] [--hang]"));
  EXPECT_NO_THROW(Args({}).check_against(""));
  EXPECT_THROW(Args({"5", "6"}).check_against("[N] [--hang]"), course::UsageError);
  EXPECT_THROW(Args({"--hnag"}).check_against("[N] [--hang]"), course::UsageError);
  EXPECT_THROW(Args({"five"}).check_against("[N]"), course::UsageError);
  EXPECT_THROW(Args({"1"}).check_against(""), course::UsageError);
}

TEST(Args, TakesFlagsAnywhereAndComplainsAboutLeftovers) {
  Args args({"--hang", "3", "extra"});
  EXPECT_TRUE(args.flag("--hang"));
  EXPECT_FALSE(args.flag("--hang"));
  EXPECT_EQ(args.number("n", 0, 0, 9), 3);
  EXPECT_THROW(args.done(), UsageError);
}

namespace {

std::vector<std::string> ran;

int run(std::vector<std::string> words) {
  static const course::Demo demo{"A test demo.",
                                 {{.name = "one",
                                   .summary = "first",
                                   .run =
                                       [](Args&) {
                                         ran.push_back("one");
                                       }},
                                  {.name = "two",
                                   .arguments = "[n]",
                                   .summary = "second",
                                   .run =
                                       [](Args& args) {
                                         ran.push_back("two " + std::to_string(args.number("n", 1, 1, 5)));
                                       }}},
                                 {"one", "two"}};
  words.insert(words.begin(), "demo");
  std::vector<char*> argv;
  for (std::string& word : words) {
    argv.push_back(word.data());
  }
  ran.clear();
  return course::run_demo(demo, static_cast<int>(argv.size()), argv.data());
}

}  // namespace

TEST(RunDemo, RunsTheDefaultModesInOrder) {
  EXPECT_EQ(run({}), 0);
  EXPECT_EQ(ran, (std::vector<std::string>{"one", "two 1"}));
}

TEST(RunDemo, RunsOneModeWithItsArguments) {
  EXPECT_EQ(run({"two", "3"}), 0);
  EXPECT_EQ(ran, std::vector<std::string>{"two 3"});
}

TEST(RunDemo, BadInputExitsTwoWithoutRunningAnything) {
  EXPECT_EQ(run({"three"}), course::kUsageExitCode);
  EXPECT_EQ(run({"two", "9"}), course::kUsageExitCode);
  EXPECT_EQ(run({"one", "extra"}), course::kUsageExitCode);
  EXPECT_EQ(run({"two", "3", "4"}), course::kUsageExitCode);
  EXPECT_EQ(run({"two", "abc"}), course::kUsageExitCode);
  EXPECT_EQ(run({"two", "--fast"}), course::kUsageExitCode);
  EXPECT_TRUE(ran.empty());
}

TEST(RunDemo, HelpExitsZero) {
  EXPECT_EQ(run({"--help"}), 0);
}

TEST(RunDemo, ADefaultModeMissingFromTheTableIsAnErrorNotACrash) {
  const course::Demo demo{"A demo with a typo in its defaults.",
                          {{.name = "one",
                            .summary = "first",
                            .run =
                                [](Args&) {
                                }}},
                          {"oen"}};
  std::string name = "demo";
  char* argv[] = {name.data()};
  EXPECT_EQ(course::run_demo(demo, 1, argv), 1);
}

TEST(RunDemo, ListsItsModesForTheBuild) {
  const course::Demo demo{"A demo.",
                          {{.name = "race",
                            .kind = course::Mode::Kind::racy,
                            .run =
                                [](Args&) {
                                }},
                           {.name = "serve",
                            .forks = true,
                            .smoke_arguments = "1",
                            .run =
                                [](Args&) {
                                }}},
                          {"race"}};
  std::string name = "demo";
  std::string list_modes = "--list-modes";
  char* argv[] = {name.data(), list_modes.data()};
  ::testing::internal::CaptureStdout();
  EXPECT_EQ(course::run_demo(demo, 2, argv), 0);
  EXPECT_EQ(::testing::internal::GetCapturedStdout(),
            "mode\trace\tracy\t-\t\nmode\tserve\tplain\tforks\t1\ndefault\trace\n");
}
