#include "course/conclusion.hpp"

#include <gtest/gtest.h>

namespace {

course::Given two_processes(double cores_got) {
  return {.workers = 2, .usable_cores = 2, .cores_got = cores_got, .load = {}};
}

std::string conclusion(double speedup, const course::Given& given) {
  return course::speedup_conclusion("the 2 processes", speedup, given, course::judge_speedup(speedup, given));
}

}  // namespace

TEST(Conclusion, ASpeedupThatHeldSaysWhatTheWorkersGot) {
  EXPECT_EQ(conclusion(1.93, two_processes(1.94)),
            "the 2 processes got 1.9 cores between them: 1.93x faster, parallelism.");
}

TEST(Conclusion, ABusyMachineIsSaidAsSuchWithWhatToDo) {
  const std::string text = conclusion(1.06, two_processes(1.1));
  EXPECT_NE(text.find("only 1.06x"), std::string::npos) << text;
  EXPECT_NE(text.find("got only 1.1 cores"), std::string::npos) << text;
  EXPECT_NE(text.find("busy machine"), std::string::npos) << text;
  EXPECT_NE(text.find("close other programs"), std::string::npos) << text;
}

TEST(Conclusion, OneCoreSaysThatNothingCanRunAtOnce) {
  const course::Given one_core{.workers = 2, .usable_cores = 1, .cores_got = 1.0, .load = {}};
  EXPECT_NE(conclusion(0.98, one_core).find("on 1 core cannot run at the same time"), std::string::npos);
}

TEST(Conclusion, ACounterExampleIsNamed) {
  EXPECT_NE(conclusion(1.1, two_processes(1.95)).find("counter-example"), std::string::npos);
}

TEST(Conclusion, ASpeedupOverABaselineThatDidNotShowIsNotClaimed) {
  // 4.3x over a one-worker run that got 0.3 cores: the baseline was starved, not the workers fast.
  const course::Verdict verdict =
      course::given_that({false, course::Reason::busy}, course::judge_speedup(4.3, two_processes(1.4)));
  const std::string text = course::speedup_conclusion("the 2 ranks", 4.3, two_processes(1.4), verdict);
  EXPECT_NE(text.find("cannot tell"), std::string::npos) << text;
  EXPECT_EQ(text.find("parallelism"), std::string::npos) << text;
  EXPECT_EQ(text.find("counter-example"), std::string::npos) << text;
}

TEST(Conclusion, AReasonSentenceStartsWithACapital) {
  EXPECT_EQ(course::reason_sentence({false, course::Reason::busy}),
            "A busy machine: close other programs (a browser, a video call, a build) and run it again.");
}
