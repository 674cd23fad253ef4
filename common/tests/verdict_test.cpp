#include "course/verdict.hpp"

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

namespace {

using course::Reason;

course::Given two_workers(double cores_got, std::optional<double> load = 0.5) {
  return {.workers = 2, .usable_cores = 2, .cores_got = cores_got, .load = load};
}

}  // namespace

TEST(Verdict, SpeedupHoldsWhenTheWorkersGotTheCores) {
  const course::Verdict verdict = course::judge_speedup(1.9, two_workers(1.9));
  EXPECT_TRUE(verdict.holds);
  EXPECT_EQ(verdict.reason, Reason::none);
}

TEST(Verdict, SpeedupCappedByTheCpuItGotIsABusyMachine) {
  // 03 gil on a busy machine: 1.06x, and the threads got 1.1 cores between them.
  const course::Verdict verdict = course::judge_speedup(1.06, two_workers(1.1));
  EXPECT_FALSE(verdict.holds);
  EXPECT_EQ(verdict.reason, Reason::busy);
}

TEST(Verdict, SpeedupFromABiggerShareOfABusyMachineDoesNotCount) {
  // The one-worker run got half a core, the two workers one core: 2x, but not side by side.
  EXPECT_EQ(course::judge_speedup(2.0, two_workers(1.0)).reason, Reason::busy);
}

TEST(Verdict, SpeedupShortWithTheCoresIsACounterExample) {
  EXPECT_EQ(course::judge_speedup(1.1, two_workers(1.95)).reason, Reason::counter_example);
}

TEST(Verdict, OneCoreCannotShowASpeedup) {
  EXPECT_EQ(
      course::judge_speedup(1.0, {.workers = 2, .usable_cores = 1, .cores_got = 1.0, .load = {}}).reason,
      Reason::too_few_cores);
  EXPECT_EQ(
      course::judge_speedup(1.0, {.workers = 1, .usable_cores = 8, .cores_got = 1.0, .load = {}}).reason,
      Reason::too_few_cores);
}

TEST(Verdict, TheWantedSpeedupGrowsWithTheIdeal) {
  EXPECT_DOUBLE_EQ(course::speedup_wanted(two_workers(2)), 1.4);
  EXPECT_DOUBLE_EQ(course::speedup_wanted({.workers = 8, .usable_cores = 8, .cores_got = 0, .load = {}}),
                   0.6 * 8);
  EXPECT_DOUBLE_EQ(course::speedup_wanted({.workers = 8, .usable_cores = 2, .cores_got = 0, .load = {}}),
                   1.4);
}

TEST(Verdict, AFigureShortOfItIsBusyOnlyWhenTheLoadSaysSo) {
  EXPECT_TRUE(course::judge_at_least(8, 5, two_workers(0.2)).holds);
  EXPECT_EQ(course::judge_at_least(3, 5, two_workers(0.2, 6.0)).reason, Reason::busy);
  EXPECT_EQ(course::judge_at_least(3, 5, two_workers(0.2, 0.5)).reason, Reason::counter_example);
  EXPECT_EQ(course::judge_at_least(3, 5, two_workers(0.2, std::nullopt)).reason, Reason::counter_example);
  EXPECT_TRUE(course::judge_at_most(90, 150, two_workers(0.2)).holds);
  EXPECT_EQ(course::judge_at_most(400, 150, two_workers(0.2, 6.0)).reason, Reason::busy);
}

TEST(Verdict, ARaceThatDidNotShowSaysWhy) {
  EXPECT_TRUE(course::judge_race(956224, two_workers(1.9)).holds);
  EXPECT_EQ(course::judge_race(0, two_workers(1.0)).reason, Reason::busy);  // they took turns
  EXPECT_EQ(course::judge_race(0, {.workers = 2, .usable_cores = 1, .cores_got = 1.0, .load = {}}).reason,
            Reason::too_few_cores);
  EXPECT_EQ(course::judge_race(0, two_workers(1.9)).reason, Reason::counter_example);
}

TEST(Verdict, AFigureThatNeedsTheWorkersAtOnceIsJudgedOnlyWhenTheyGotTheirCores) {
  EXPECT_TRUE(course::judge_at_least_at_once(1.7, 1.2, two_workers(1.9)).holds);
  EXPECT_EQ(course::judge_at_least_at_once(1.0, 1.2, two_workers(1.9)).reason, Reason::counter_example);
  // A ratio from a run that did not get its cores says nothing, whichever way it went.
  EXPECT_EQ(course::judge_at_least_at_once(1.7, 1.2, two_workers(0.8)).reason, Reason::baseline);
  EXPECT_EQ(course::judge_at_least_at_once(1.0, 1.2, two_workers(0.8)).reason, Reason::baseline);
  EXPECT_EQ(course::judge_at_least_at_once(1.0, 1.2,
                                           {.workers = 2, .usable_cores = 1, .cores_got = 1.0, .load = {}})
                .reason,
            Reason::too_few_cores);
}

TEST(Verdict, ADependentVerdictNeedsItsBaseline) {
  const course::Verdict gil_serialised{true, Reason::none};
  const course::Verdict no_gil_did_not_scale{false, Reason::busy};
  EXPECT_EQ(course::given_that(no_gil_did_not_scale, gil_serialised).reason, Reason::baseline);
  EXPECT_TRUE(course::given_that({true, Reason::none}, gil_serialised).holds);
}

TEST(Verdict, EveryReasonHasWordsAndSomethingToDo) {
  for (const Reason reason : {Reason::none, Reason::busy, Reason::too_few_cores, Reason::counter_example,
                              Reason::baseline, Reason::machine_limit}) {
    EXPECT_FALSE(course::reason_words(reason).empty());
    EXPECT_FALSE(course::what_to_do(reason).empty());
  }
}

TEST(Verdict, RecordedAsFigures) {
  const std::filesystem::path path =
      std::filesystem::temp_directory_path() / ("verdict_test_" + std::to_string(::getpid()));
  ::setenv("COURSE_FIGURES", path.c_str(), 1);
  course::record_verdict("speedup", {false, Reason::busy}, two_workers(1.1, 3.5));
  ::unsetenv("COURSE_FIGURES");
  std::ifstream file(path);
  std::ostringstream text;
  text << file.rdbuf();
  std::filesystem::remove(path);
  EXPECT_EQ(text.str(),
            "speedup.verdict 0\nspeedup.reason 1\nspeedup.workers 2\nspeedup.cores 2\nspeedup.cpu 1.1\n"
            "speedup.load 3.5\n");
}
