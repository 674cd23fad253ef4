#include "course/timeline.hpp"

#include <stdexcept>

#include <gtest/gtest.h>

using namespace std::chrono_literals;
using course::Span;
using course::Timeline;

namespace {
const course::Clock::time_point t0 = course::Clock::now();
}

TEST(Timeline, CountsOverlappingSpans) {
  Timeline overlapping;
  overlapping.add({"a", "", t0, t0 + 100ms});
  overlapping.add({"b", "", t0 + 50ms, t0 + 150ms});
  EXPECT_EQ(overlapping.max_overlap(), 2u);

  Timeline one_after_another;
  one_after_another.add({"a", "", t0, t0 + 100ms});
  one_after_another.add({"b", "", t0 + 100ms, t0 + 200ms});
  EXPECT_EQ(one_after_another.max_overlap(), 1u);
}

TEST(Timeline, DrawsOneRowPerLaneWithTheSpansWhereTheyRan) {
  Timeline timeline;
  timeline.add({"first", "", t0, t0 + 100ms});
  timeline.add({"second", "work", t0 + 100ms, t0 + 200ms});
  EXPECT_EQ(timeline.render(10),
            "first  |######....|\n"
            "second |.....wwwww|\n"
            "        0 ms 200 ms\n");
}

TEST(Timeline, ScopeRecordsFromConstructionToDestruction) {
  Timeline timeline;
  { const auto scope = timeline.measure("main", "x"); }
  ASSERT_EQ(timeline.spans().size(), 1u);
  EXPECT_EQ(timeline.spans()[0].lane, "main");
  EXPECT_LE(timeline.spans()[0].start, timeline.spans()[0].end);
}

TEST(Timeline, ASpanSurvivesEncoding) {
  const Span span{"child 42", "work", t0, t0 + 5ms};
  const Span decoded = Timeline::decode(Timeline::encode(span));
  EXPECT_EQ(decoded.lane, span.lane);
  EXPECT_EQ(decoded.label, span.label);
  EXPECT_EQ(decoded.start, span.start);
  EXPECT_EQ(decoded.end, span.end);
  EXPECT_THROW(Timeline::decode("not a span"), std::invalid_argument);
}
