// Tests of HybridServer. Each runs in a child process with a deadline, so a
// server that never answers fails in seconds instead of hanging the suite.
// Concurrency is proved by the server's own counters (where each computation
// ran, how many ran at once); the clock is used only for /ping, with a wide margin.
#include "hybrid_server.hpp"

#include <atomic>
#include <chrono>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "course/http.hpp"
#include "course/testing.hpp"

using namespace std::chrono_literals;
using course::testing::eventually;
using course::testing::finished;
using course::testing::run_in_child;

namespace {

// About 0.7 s of counting on one core of a 2020s laptop: long enough for ten
// pings to fit while four of these run.
constexpr const char* kHeavyWork = "/work/3000000";

}  // namespace

TEST(HybridServer, AnswersPingAndCountsPrimes) {
  const auto run = run_in_child(10s, [] {
    HybridServer server(2);
    std::string answers;
    for (const char* path : {"/ping", "/work/10", "/work/100", "/work/1000"}) {
      answers += course::http::get_blocking(server.port(), path);
      answers += ' ';
    }
    return answers;
  });
  ASSERT_TRUE(finished(run));
  EXPECT_EQ(run.payload, "pong 4 25 168 ");
}

TEST(HybridServer, NeverComputesOnTheEventLoopsThread) {
  const auto run = run_in_child(10s, [] {
    HybridServer server(2);
    course::http::get_blocking(server.port(), "/work/100000");
    return std::to_string(server.computed_on_loop());
  });
  ASSERT_TRUE(finished(run));
  EXPECT_EQ(run.payload, "0")
      << "/work counted primes on the event loop's own thread: while it does, no other "
         "request moves. co_spawn the counting onto pool_ and co_await it.";
}

TEST(HybridServer, ConcurrentWorkRequestsEachGetTheirOwnAnswer) {
  const auto run = run_in_child(10s, [] {
    HybridServer server(4);
    const std::vector<std::string> sizes = {"10", "100", "1000", "10000", "100000", "20", "200", "2000"};
    std::vector<std::string> answers(sizes.size());
    std::vector<std::jthread> clients;
    for (std::size_t i = 0; i < sizes.size(); ++i) {
      clients.emplace_back(
          [&, i] { answers[i] = course::http::get_blocking(server.port(), "/work/" + sizes[i]); });
    }
    clients.clear();  // joins them
    std::string joined;
    for (const std::string& answer : answers) {
      joined += answer + " ";
    }
    return joined;
  });
  ASSERT_TRUE(finished(run));
  EXPECT_EQ(run.payload, "4 25 168 1229 9592 8 46 303 ");
}

TEST(HybridServer, PingStaysFastWhileFourWorkRequestsCompute) {
  const auto run = run_in_child(30s, [] {
    HybridServer server(4);
    std::atomic<int> work_answered = 0;
    std::vector<std::jthread> clients;
    for (int i = 0; i < 4; ++i) {
      clients.emplace_back([&] {
        course::http::get_blocking(server.port(), kHeavyWork);
        work_answered.fetch_add(1);
      });
    }
    std::ostringstream report;
    if (!eventually([&] { return server.computing() == 4; }, 5s)) {
      report << "at most " << server.max_computing() << " of 4 /work requests computed at once";
      return report.str();
    }
    double slowest_ping_ms = 0;
    for (int ping = 0; ping < 10; ++ping) {
      const auto sent = std::chrono::steady_clock::now();
      course::http::get_blocking(server.port(), "/ping");
      const std::chrono::duration<double, std::milli> latency = std::chrono::steady_clock::now() - sent;
      slowest_ping_ms = std::max(slowest_ping_ms, latency.count());
    }
    const int work_in_flight = 4 - work_answered.load();
    report << "slowest ping " << (slowest_ping_ms < 250 ? "under" : "over") << " 250 ms (" << slowest_ping_ms
           << " ms); /work still in flight: " << (work_in_flight > 0 ? "yes" : "no");
    return report.str();
  });
  ASSERT_TRUE(finished(run));
  EXPECT_TRUE(run.payload.starts_with("slowest ping under 250 ms") && run.payload.ends_with("in flight: yes"))
      << run.payload
      << "\nExpected: four /work requests computing at the same time on the pool, and ten /ping answered "
         "within 250 ms each while they still ran. A loop that computes serves one request at a time.";
}
