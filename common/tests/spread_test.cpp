#include "course/spread.hpp"

#include <stdexcept>

#include <gtest/gtest.h>

TEST(Spread, MedianOfAnOddNumberOfRoundsIsTheMiddleOne) {
  const course::Spread spread = course::spread_of({88, 2, 27, 30, 25});
  EXPECT_DOUBLE_EQ(spread.median, 27);
  EXPECT_DOUBLE_EQ(spread.low, 2);
  EXPECT_DOUBLE_EQ(spread.high, 88);
  EXPECT_EQ(spread.rounds, 5);
  EXPECT_TRUE(spread.wide());
}

TEST(Spread, MedianOfAnEvenNumberIsBetweenTheMiddleTwo) {
  EXPECT_DOUBLE_EQ(course::spread_of({4, 1, 3, 2}).median, 2.5);
}

TEST(Spread, RoundsThatAgreeAreNotWide) {
  const course::Spread spread = course::spread_of({10, 11, 12});
  EXPECT_NEAR(spread.ratio(), 1.2, 1e-9);
  EXPECT_FALSE(spread.wide());
}

TEST(Spread, MeasureRoundsCallsTheMeasurementEachRound) {
  int calls = 0;
  const course::Spread spread = course::measure_rounds(3, [&calls] { return static_cast<double>(++calls); });
  EXPECT_EQ(calls, 3);
  EXPECT_DOUBLE_EQ(spread.median, 2);
}

TEST(Spread, TextGivesTheMedianThenTheRange) {
  EXPECT_EQ(course::spread_text(course::spread_of({701, 774, 902}), 0, " µs"),
            "774 µs (median of 3 rounds: 701 to 902)");
  EXPECT_EQ(course::spread_text(course::spread_of({1.5}), 1, "x"), "1.5x");
}

TEST(Spread, NoValuesIsAnError) {
  EXPECT_THROW(course::spread_of({}), std::invalid_argument);
}
