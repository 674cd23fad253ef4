// Tests of HybridServer. Each runs in a child process with a deadline, so a
// server that never answers fails in seconds instead of hanging the suite.
// Concurrency is proved by the server's own counters (where each computation
// ran, how many ran at once): /ping must be answered while every worker is
// still computing, and the workers must reach exactly worker_threads at once.
// The clock is used only for /ping's latency and for shutdown, with wide margins.
#include "hybrid_server.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <stop_token>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "course/http.hpp"
#include "course/testing.hpp"

using namespace std::chrono_literals;
using course::testing::eventually;
using course::testing::in_child;
using Clock = std::chrono::steady_clock;

namespace {

// About 0.5 s of counting on one core (more when the cores are shared): long
// enough for ten pings to fit while four of these run.
constexpr const char* kHeavyWork = "/work/3000000";
// About 5 ms: 9592 primes below 100000.
constexpr const char* kLightWork = "/work/100000";
constexpr const char* kLightAnswer = "9592";

double milliseconds_since(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

// `count` clients, each sending one kHeavyWork request to `server`, on threads
// of their own that nobody waits for. The tests that use them need the work
// only while it runs: they end their child without waiting for the answers,
// and without destroying the server (made with new, never deleted), which
// would wait for the computations. The child's end ends the threads.
void start_heavy_work(const HybridServer& server, int count) {
  const std::uint16_t port = server.port();
  for (int i = 0; i < count; ++i) {
    std::thread([port] { course::http::get_blocking(port, kHeavyWork); }).detach();
  }
}

}  // namespace

TEST(HybridServer, AnswersPingAndCountsPrimes) {
  // On every failure, a wrong answer or a crash (a result written after its
  // request has gone), the promise in words.
  SCOPED_TRACE(
      "/ping answers pong; /work/<n> answers the number of primes below n, once they are counted (the "
      "last one takes about 0.1 s: an answer sent before the counting has finished is wrong)");
  const auto answers = in_child(3s, [] {
    HybridServer server(2);
    std::vector<std::string> answers;
    for (const char* path : {"/ping", "/work/10", "/work/100", "/work/1000", "/work/1000000"}) {
      answers.push_back(course::http::get_blocking(server.port(), path));
    }
    return answers;
  });
  EXPECT_EQ(answers, (std::vector<std::string>{"pong", "4", "25", "168", "78498"}));
}

TEST(HybridServer, NeverComputesOnTheEventLoopsThread) {
  const auto [on_loop, computations] = in_child(3s, [] {
    HybridServer server(2);
    course::http::get_blocking(server.port(), kLightWork);
    return std::pair(server.computed_on_loop(), server.max_computing());
  });
  EXPECT_EQ(computations, 1) << "count_primes_below() never ran: count through it, it is what records where "
                                "the work ran and how much ran at once";
  EXPECT_EQ(on_loop, 0)
      << "/work counted primes on the event loop's own thread: while it does, no other request "
         "moves. co_spawn the counting onto pool_ (not onto the loop's own executor) and "
         "co_await it";
}

TEST(HybridServer, ConcurrentWorkRequestsEachGetTheirOwnAnswer) {
  const auto answers = in_child(3s, [] {
    HybridServer server(4);
    const std::vector<std::string> sizes = {"10", "100", "1000", "10000", "100000", "20", "200", "2000"};
    std::vector<std::string> answers(sizes.size());
    std::vector<std::jthread> clients;
    for (std::size_t i = 0; i < sizes.size(); ++i) {
      clients.emplace_back(
          [&, i] { answers[i] = course::http::get_blocking(server.port(), "/work/" + sizes[i]); });
    }
    clients.clear();  // joins them
    return answers;
  });
  EXPECT_EQ(answers, (std::vector<std::string>{"4", "25", "168", "1229", "9592", "8", "46", "303"}))
      << "eight requests at once, each must get the answer to its own n";
}

TEST(HybridServer, ComputesOnExactlyWorkerThreadsThreadsAtOnce) {
  // One more worker than the machine has cores, so that a pool sized by the
  // cores shows too, and two more long requests than workers: exactly
  // `workers` compute at once, never more.
  const int workers = static_cast<int>(std::max(std::thread::hardware_concurrency(), 1u)) + 1;
  const int most_at_once = in_child(3s, [workers] {
    HybridServer& server = *new HybridServer(workers);  // see start_heavy_work
    start_heavy_work(server, workers + 2);
    eventually([&] { return server.computing() >= workers; }, 1s);
    std::this_thread::sleep_for(100ms);  // time for one more to start, if it can
    return server.max_computing();
  });
  EXPECT_GE(most_at_once, workers)
      << "with worker_threads " << workers << " and " << workers + 2 << " /work requests, at most "
      << most_at_once
      << " computed at once: the pool must have worker_threads threads (not one, not one per core), and the "
         "loop must not wait for one computation before it starts the next";
  EXPECT_LE(most_at_once, workers) << most_at_once << " computations ran at once with worker_threads "
                                   << workers
                                   << ": the work ran on more threads than the pool's worker_threads";
}

namespace {

// What the ping test saw. Trivially copyable: it travels from the child as it is.
struct PingReport {
  int most_computing = 0;            // before the pings
  int pings_answered = 0;            // "pong" within a second, of 10
  int pings_while_all_computed = 0;  // answered while all four /work still computed
  double slowest_ping_ms = 0;        // of those answered
};

// How far the pinger has come. Shared with its thread, which nobody waits for:
// a ping that is never answered must not hold up the test.
struct PingProgress {
  std::atomic<int> answered = 0;
  std::atomic<int> while_all_computed = 0;
  std::atomic<double> slowest_ms = 0;  // written by the pinger alone
};

// Ten pings, one after another, while four /work compute on four workers.
void ping_ten_times(const HybridServer& server, std::shared_ptr<PingProgress> progress) {
  try {
    for (int ping = 0; ping < 10; ++ping) {
      const auto sent = Clock::now();
      const bool pong = course::http::get_blocking(server.port(), "/ping") == "pong";
      progress->slowest_ms = std::max(progress->slowest_ms.load(), milliseconds_since(sent));
      if (server.computing() == 4) {
        progress->while_all_computed.fetch_add(1);
      }
      if (pong) {
        progress->answered.fetch_add(1);  // last: the test reads the rest once this says 10
      }
    }
  } catch (const std::exception&) {
    // a ping that failed is not answered: the test says so
  }
}

}  // namespace

TEST(HybridServer, PingIsAnsweredWhileEveryWorkerComputes) {
  const PingReport report = in_child(3s, [] {
    HybridServer& server = *new HybridServer(4);  // see start_heavy_work
    start_heavy_work(server, 4);
    PingReport report;
    if (!eventually([&] { return server.computing() == 4; }, 1s)) {
      report.most_computing = server.max_computing();
      return report;
    }
    report.most_computing = 4;
    const auto progress = std::make_shared<PingProgress>();
    std::thread(ping_ten_times, std::cref(server), progress).detach();
    eventually([&] { return progress->answered == 10; }, 1s);
    report.pings_answered = progress->answered.load();
    report.pings_while_all_computed = progress->while_all_computed.load();
    report.slowest_ping_ms = progress->slowest_ms.load();
    return report;
  });
  ASSERT_EQ(report.most_computing, 4)
      << "at most " << report.most_computing
      << " of 4 /work requests computed at once, with 4 workers: a loop that computes, or that blocks on the "
         "answer (a .get() on a future), serves one request at a time. Only a co_await gives the loop's "
         "thread back";
  EXPECT_EQ(report.pings_answered, 10)
      << "only " << report.pings_answered
      << " of 10 pings were answered within a second while four /work computed on four workers: /ping waited "
         "for a worker. Answer /ping on the event loop; only /work goes to the pool";
  EXPECT_EQ(report.pings_while_all_computed, report.pings_answered)
      << "only " << report.pings_while_all_computed << " of " << report.pings_answered
      << " pings were answered while all four workers still computed: /ping waited for a worker. Answer "
         "/ping "
         "on the event loop; only /work goes to the pool";
  EXPECT_LT(report.slowest_ping_ms, 250) << "the slowest /ping took " << report.slowest_ping_ms
                                         << " ms while four /work requests computed: /ping must not wait";
}

namespace {

// How long the shutdown test's clients go on sending once the server's
// destructor has been called.
constexpr auto kKeepSending = 1500ms;

// What the shutdown test saw. Trivially copyable.
struct ShutdownReport {
  int answered_before = 0;      // /work answers before the server was destroyed
  int in_flight_at_start = 0;   // computing when the destructor was called
  int wrong_answers = 0;        // any time
  int errors_before = 0;        // failed requests before the destructor was called
  double destructor_ms = 0;     // how long the destructor took
  bool clients_stopped = true;  // every client ended after the server was gone
};

// The shutdown test's clients and what they saw, shared with their threads:
// those may outlive the test's body when the server never lets them go.
struct Traffic {
  std::atomic<bool> shutting_down = false;
  std::atomic<bool> stop_sending = false;
  std::atomic<int> answered = 0;
  std::atomic<int> wrong = 0;
  std::atomic<int> errors_before = 0;  // before the server's destructor was called
  std::atomic<int> clients_running = 0;
};

// One client: /work back to back, until told to stop or the server is gone.
void send_work_until_stopped(std::uint16_t port, std::shared_ptr<Traffic> traffic) {
  while (!traffic->stop_sending) {
    try {
      if (course::http::get_blocking(port, kLightWork) != kLightAnswer) {
        traffic->wrong.fetch_add(1);
      }
      traffic->answered.fetch_add(1);
    } catch (const std::exception&) {
      if (!traffic->shutting_down) {
        traffic->errors_before.fetch_add(1);
      }
      break;  // the server is gone
    }
  }
  traffic->clients_running.fetch_sub(1);
}

}  // namespace

TEST(HybridServer, ShutsDownWhileWorkIsInFlightAndMoreIsArriving) {
  // Six clients send /work back to back, to two workers: the pool always has
  // work queued. The server is destroyed in the middle of it, and the clients
  // go on sending for another 1.5 s. A destructor that joins the pool while the
  // loop still runs waits all that time: the loop keeps handing the pool work.
  const ShutdownReport report = in_child(
      5s,
      [] {
        auto server = std::make_unique<HybridServer>(2);
        const auto traffic = std::make_shared<Traffic>();
        for (int i = 0; i < 6; ++i) {
          traffic->clients_running.fetch_add(1);
          std::thread(send_work_until_stopped, server->port(), traffic).detach();
        }
        eventually([&] { return traffic->answered >= 12 && server->computing() == 2; }, 1s);
        ShutdownReport report;
        report.answered_before = traffic->answered.load();
        report.in_flight_at_start = server->computing();
        report.errors_before = traffic->errors_before.load();
        traffic->shutting_down = true;
        const std::jthread stopper([traffic](std::stop_token stop) {
          const auto start = Clock::now();
          while (!stop.stop_requested() && Clock::now() - start < kKeepSending) {
            std::this_thread::sleep_for(5ms);
          }
          traffic->stop_sending = true;
        });
        course::testing::step("destroying the server while /work keeps arriving");
        const auto destroying = Clock::now();
        server.reset();
        report.destructor_ms = milliseconds_since(destroying);
        course::testing::step("the server is destroyed: waiting for its clients to end");
        report.clients_stopped = eventually([&] { return traffic->clients_running == 0; }, 1s);
        report.wrong_answers = traffic->wrong.load();
        return report;
      },
      "the destructor did not return while /work requests kept arriving: stop the event loop first, so that "
      "nothing hands the pool new work, then join the pool");
  EXPECT_GE(report.answered_before, 12)
      << "the server answered too little /work before the test destroyed it";
  EXPECT_GT(report.in_flight_at_start, 0) << "no /work was computing when the test destroyed the server";
  EXPECT_EQ(report.errors_before, 0) << "a /work request failed while the server was running";
  EXPECT_EQ(report.wrong_answers, 0) << "a /work request got the wrong number of primes";
  EXPECT_TRUE(report.clients_stopped)
      << "a client still waited for its answer 1 s after the server was destroyed: its connection was never "
         "closed. A request still waiting for the pool at shutdown must end with the server: join the pool "
         "(which runs what it was given) before the server and its loop are destroyed, and do not stop it "
         "first";
  EXPECT_LT(report.destructor_ms, 750)
      << "the destructor took " << report.destructor_ms
      << " ms, about as long as the clients kept sending /work (1500 ms): it waited for a pool that the "
         "running loop kept feeding. Stop the event loop first, so that nothing hands the pool new work, "
         "then join the pool";
}
