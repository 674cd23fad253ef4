// Tests of fetch_all() against the local slow server (course::http::SlowServer,
// on 127.0.0.1, port 0). The server counts how many requests it answers at
// once: that proves the limit, not the clock. Timing is only checked where it
// is the point (overlap), with a wide margin.
#include "fetch_all.hpp"

#include <chrono>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "course/http.hpp"
#include "course/testing.hpp"

using namespace std::chrono_literals;
using course::testing::finished;
using course::testing::run_in_child;
using Clock = std::chrono::steady_clock;

namespace {

std::string describe(const std::vector<FetchResult>& results) {
  std::string text;
  for (const FetchResult& result : results) {
    text += result.timed_out ? "[timeout]" : !result.error.empty() ? "[error]" : result.body;
    text += " ";
  }
  return text;
}

}  // namespace

TEST(FetchAll, ResultsComeBackInThePathsOrder) {
  const auto run = run_in_child(10s, [] {
    course::http::SlowServer server;
    std::vector<std::string> paths;
    for (int i = 0; i < 8; ++i) {
      paths.push_back("/delay/" + std::to_string(20 * (8 - i)) + "/" +
                      std::to_string(i));  // later ones faster
    }
    return describe(fetch_all(server.port(), paths, 8, 5s));
  });
  ASSERT_TRUE(finished(run));
  EXPECT_EQ(run.payload, "0 1 2 3 4 5 6 7 ");
}

TEST(FetchAll, KeepsAtMostLimitRequestsInFlightAndReachesIt) {
  const auto run = run_in_child(10s, [] {
    course::http::SlowServer server;
    const std::vector<std::string> paths(12, "/delay/100/x");
    fetch_all(server.port(), paths, 3, 5s);
    return std::to_string(server.max_in_flight()) + " " + std::to_string(server.requests());
  });
  ASSERT_TRUE(finished(run));
  EXPECT_EQ(run.payload, "3 12") << "the server must see exactly 3 requests at once at most, and all 12";
}

TEST(FetchAll, ASlowRequestTimesOutWithoutStoppingTheOthers) {
  const auto run = run_in_child(10s, [] {
    course::http::SlowServer server;
    const std::vector<std::string> paths = {"/delay/50/a", "/delay/5000/slow", "/delay/50/b", "/delay/100/c"};
    const auto start = Clock::now();
    const auto results = fetch_all(server.port(), paths, 4, 300ms);
    const bool quick = Clock::now() - start < 2s;
    return describe(results) + (quick ? "" : " (waited for the slow one)");
  });
  ASSERT_TRUE(finished(run));
  EXPECT_EQ(run.payload, "a [timeout] b c ") << "the 5 s request gives up at 300 ms; the rest arrive";
}

TEST(FetchAll, AFailingRequestIsReportedAndTheRestStillArrive) {
  const auto run = run_in_child(10s, [] {
    course::http::SlowServer server;
    const auto results = fetch_all(server.port(), {"/delay/10/a", "/status/500", "/delay/10/b"}, 2, 5s);
    return describe(results) + results[1].error;
  });
  ASSERT_TRUE(finished(run));
  EXPECT_EQ(run.payload, "a [error] b HTTP error: HTTP/1.1 500 Error");
}

TEST(FetchAll, TakesAboutTheSlowestBatchNotTheSum) {
  const auto run = run_in_child(10s, [] {
    course::http::SlowServer server;
    const std::vector<std::string> paths(10, "/delay/200/x");  // 2 s one after another
    const auto start = Clock::now();
    fetch_all(server.port(), paths, 10, 5s);
    const auto took = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start);
    return std::to_string(took.count());
  });
  ASSERT_TRUE(finished(run));
  EXPECT_LT(std::stol(run.payload), 1000) << "10 requests of 200 ms, all at once, took " << run.payload
                                          << " ms: they did not overlap (one after another takes 2000 ms)";
}
