// Tests of fetch_all() against local servers on 127.0.0.1 (the OS picks the
// port). Each test runs in a child process with a deadline. The limit is
// proven by counting, not by the clock: the slow server counts the requests it
// is answering at once, and the kernel's own table of connections says how
// many the client holds open. Requests are lined up so that only the right
// behaviour passes: a request that can only be answered once the others have
// been, delays whose sum is longer than the timeout while each is shorter,
// answers that arrive in the reverse order of the paths.
#include "fetch_all.hpp"

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <charconv>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <ostream>
#include <sstream>
#include <stdexcept>
#include <stop_token>
#include <string>
#include <string_view>
#include <thread>
#include <tuple>
#include <vector>

#include <gtest/gtest.h>
#include <asio/io_context.hpp>
#include <asio/ip/tcp.hpp>
#include <asio/steady_timer.hpp>
#include <asio/this_coro.hpp>
#include <asio/use_awaitable.hpp>

#include "course/http.hpp"
#include "course/testing.hpp"

using namespace std::chrono_literals;
using course::testing::in_child;
using Clock = std::chrono::steady_clock;

// A FetchResult crosses from the child to the test as its three fields.
template <>
struct course::testing::Wire<FetchResult> {
  static void put(std::string& bytes, const FetchResult& result) {
    course::testing::put(bytes, std::tuple(result.body, result.timed_out, result.error));
  }
  static FetchResult take(std::string_view& bytes) {
    auto [body, timed_out, error] = course::testing::take<std::tuple<std::string, bool, std::string>>(bytes);
    FetchResult result;
    result.body = std::move(body);
    result.timed_out = timed_out;
    result.error = std::move(error);
    return result;
  }
};

bool operator==(const FetchResult& a, const FetchResult& b) {
  return a.body == b.body && a.timed_out == b.timed_out && a.error == b.error;
}

// How GoogleTest prints a FetchResult when an expectation fails.
void PrintTo(const FetchResult& result, std::ostream* out) {
  if (result.timed_out) {
    *out << "[timed out]";
  } else if (!result.error.empty()) {
    *out << "[error: " << result.error << "]";
  } else {
    *out << '"' << result.body << '"';
  }
}

namespace {

FetchResult answered(std::string body) {
  FetchResult result;
  result.body = std::move(body);
  return result;
}

FetchResult timed_out() {
  FetchResult result;
  result.timed_out = true;
  return result;
}

FetchResult failed(std::string error) {
  FetchResult result;
  result.error = std::move(error);
  return result;
}

std::vector<FetchResult> answers(const std::vector<std::string>& bodies) {
  std::vector<FetchResult> results;
  for (const std::string& body : bodies) {
    results.push_back(answered(body));
  }
  return results;
}

long long milliseconds_since(Clock::time_point start) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start).count();
}

// ------------------------------------------------------------ open connections

bool kernel_lists_connections() {
  return std::filesystem::exists("/proc/net/tcp");
}

// How many connections to `port` are open from the client's side: the
// server's ends that are established, in the kernel's table. A client that
// closes its end (a request given up at its timeout) leaves this count at
// once, even while the slow server's handler still sleeps.
int open_connections_to(std::uint16_t port) {
  std::ostringstream suffix;
  suffix << ':' << std::uppercase << std::hex << std::setw(4) << std::setfill('0') << port;
  std::ifstream table("/proc/net/tcp");
  std::string line;
  std::getline(table, line);  // the column names
  int open = 0;
  while (std::getline(table, line)) {
    std::istringstream fields(line);
    std::string slot, local_address, remote_address, state;
    fields >> slot >> local_address >> remote_address >> state;
    constexpr std::string_view kEstablished = "01";
    if (local_address.ends_with(suffix.str()) && state == kEstablished) {
      ++open;
    }
  }
  return open;
}

// Watches the connections to `port` on a thread of its own, about every
// millisecond, for as long as it lives: the longest stretch of time during
// which more than `limit` were open. A stretch, not a single look: the kernel's
// table is read line by line, not all at one instant, so one look can see a
// connection that has just closed next to the one that replaced it.
class ConnectionWatch {
 public:
  ConnectionWatch(std::uint16_t port, int limit)
      : watcher_([this, port, limit](std::stop_token stop) {
          bool over = false;
          Clock::time_point over_since;
          while (!stop.stop_requested()) {
            const auto now = Clock::now();
            if (open_connections_to(port) > limit) {
              if (!over) {
                over = true;
                over_since = now;
              }
              longest_over_ms_ = std::max(longest_over_ms_.load(), milliseconds_between(over_since, now));
            } else {
              over = false;
            }
            std::this_thread::sleep_for(1ms);
          }
        }) {}

  // How long more than `limit` connections were open at once, at the longest.
  long long longest_over_limit_ms() const { return longest_over_ms_.load(); }

 private:
  static long long milliseconds_between(Clock::time_point from, Clock::time_point to) {
    return std::chrono::duration_cast<std::chrono::milliseconds>(to - from).count();
  }

  std::atomic<long long> longest_over_ms_ = 0;
  std::jthread watcher_;  // last: stops before the count goes
};

// ------------------------------------------------------- a server that waits

// GET /after/<k>/<text> answers <text> once k requests for other paths have
//                       been answered, or "alone" if that takes more than 1 s
// GET /now/<text>       answers <text> at once
asio::awaitable<course::http::Response> answer_after_others(std::string path, std::atomic<int>& answered) {
  constexpr std::string_view kAfter = "/after/";
  constexpr std::string_view kNow = "/now/";
  const std::string_view view = path;
  if (view.starts_with(kNow)) {
    answered.fetch_add(1);
    co_return course::http::Response{200, std::string(view.substr(kNow.size()))};
  }
  if (!view.starts_with(kAfter)) {
    co_return course::http::Response{404, ""};
  }
  std::string_view rest = view.substr(kAfter.size());
  int others = 0;
  const auto [number_end, error] = std::from_chars(rest.data(), rest.data() + rest.size(), others);
  rest.remove_prefix(static_cast<std::size_t>(number_end - rest.data()) + 1);
  const auto give_up = Clock::now() + 1s;
  asio::steady_timer tick(co_await asio::this_coro::executor);
  while (answered.load() < others) {
    if (Clock::now() >= give_up) {
      co_return course::http::Response{200, "alone"};
    }
    tick.expires_after(2ms);
    co_await tick.async_wait(asio::use_awaitable);
  }
  co_return course::http::Response{200, std::string(rest)};
}

// ------------------------------------------------------- a port that refuses

// A port on 127.0.0.1 where nobody listens, and nobody else can start to while
// this lives: a socket bound to it that never listens. Connecting fails at once
// (connection refused): a network error.
class RefusingPort {
 public:
  RefusingPort() {
    socket_.open(asio::ip::tcp::v4());
    socket_.bind(asio::ip::tcp::endpoint(asio::ip::address_v4::loopback(), 0));
  }

  std::uint16_t port() const { return socket_.local_endpoint().port(); }

 private:
  asio::io_context io_;
  asio::ip::tcp::socket socket_{io_};
};

}  // namespace

// ------------------------------------------------------------------- the tests

TEST(FetchAll, ResultsComeBackInThePathsOrder) {
  // All at once, the later paths faster: they finish in the reverse order.
  std::vector<std::string> paths;
  std::vector<std::string> bodies;
  for (int i = 0; i < 8; ++i) {
    paths.push_back("/delay/" + std::to_string(30 * (8 - i)) + "/" + std::to_string(i));
    bodies.push_back(std::to_string(i));
  }
  const auto [results, requests] = in_child(3s, [&] {
    course::http::SlowServer server;
    auto results = fetch_all(server.port(), paths, 8, 2s);
    return std::pair(results, server.requests());
  });
  EXPECT_EQ(results, answers(bodies))
      << "results[i] must be paths[i]'s, whatever order they finish in (here the last path finishes first)"
      << (std::ranges::count(results, FetchResult()) > 0
              ? ". Some results are empty: those paths were never fetched, or their results went to another "
                "slot"
              : "");
  EXPECT_EQ(requests, 8) << "each of the 8 paths must be fetched exactly once, and the server answered "
                         << requests
                         << " requests. A worker that reads the shared index after a co_await finds it where "
                            "the others left it: take your index (next++) before the first co_await";
}

TEST(FetchAll, KeepsAtMostLimitRequestsInFlightAndReachesIt) {
  const auto [most_at_once, answered, results] = in_child(
      3s,
      [] {
        course::http::SlowServer server;
        const std::vector<std::string> paths(12, "/delay/100/x");
        auto results = fetch_all(server.port(), paths, 3, 2s);
        return std::tuple(server.max_in_flight(), server.requests(), results);
      },
      "12 requests of 100 ms with limit 3 take 400 ms; they took over 3 s");
  EXPECT_LE(most_at_once, 3) << "the server saw " << most_at_once
                             << " requests at once with limit 3: the limit was not respected";
  EXPECT_GE(most_at_once, 3) << "the server never saw more than " << most_at_once
                             << " requests at once with limit 3 and 12 paths: the requests did not overlap "
                                "enough (one after another gives 1). Keep `limit` requests in flight";
  EXPECT_EQ(answered, 12) << "each of the 12 paths must be fetched exactly once, and the server answered "
                          << answered
                          << " requests (a worker that reads the shared index after a co_await "
                             "fetches a path that another worker took already)";
  EXPECT_EQ(results, answers(std::vector<std::string>(12, "x")));
}

TEST(FetchAll, ATimedOutRequestsConnectionIsClosedBeforeItsWorkerGoesOn) {
  if (!kernel_lists_connections()) {
    GTEST_SKIP() << "needs /proc/net/tcp (Linux) to count the open connections";
  }
  // Limit 1: one connection at a time, also when a request times out. A
  // request left running after its timeout keeps its connection while the
  // next one opens: two at once.
  const auto [over_limit_ms, results] = in_child(3s, [] {
    course::http::SlowServer server;
    const ConnectionWatch connections(server.port(), 1);
    const std::vector<std::string> paths = {"/delay/1000/slow", "/delay/100/a", "/delay/100/b",
                                            "/delay/100/c", "/delay/100/d"};
    auto results = fetch_all(server.port(), paths, 1, 200ms);
    return std::pair(connections.longest_over_limit_ms(), results);
  });
  EXPECT_EQ(results, (std::vector<FetchResult>{timed_out(), answered("a"), answered("b"), answered("c"),
                                               answered("d")}))
      << "the 1000 ms request times out at 200 ms; the others arrive";
  EXPECT_LT(over_limit_ms, 100)
      << "more than one connection to the server was open at once for " << over_limit_ms
      << " ms, with limit 1: the request that timed out was left running, its connection open, while its "
         "worker went on. A timeout must give the request up (|| cancels the loser, and a cancelled "
         "course::http::get closes its connection)";
}

TEST(FetchAll, EachRequestHasATimeoutOfItsOwn) {
  // One worker, six requests of 100 ms, a timeout of 550 ms: each request is
  // well within it (a wide margin, for a busy machine), but together they take 600 ms. A timer that covers more
  // than one request (the worker's, the batch's, or one started while the
  // request still waited for its turn) expires during a later one.
  std::vector<std::string> paths;
  std::vector<std::string> bodies;
  for (int i = 0; i < 6; ++i) {
    paths.push_back("/delay/100/" + std::to_string(i));
    bodies.push_back(std::to_string(i));
  }
  const auto results = in_child(3s, [&] {
    course::http::SlowServer server;
    return fetch_all(server.port(), paths, 1, 550ms);
  });
  EXPECT_EQ(results, answers(bodies))
      << "each request takes 100 ms, under the 550 ms timeout, and none may time out; together they take "
         "600 ms. A request timed out, so its timer covered more than that one request: one timer for the "
         "worker or for the whole batch, or one started before the request's turn came. Start a timer for "
         "each request, when that request starts";
}

TEST(FetchAll, ASlowRequestTimesOutWithoutStoppingTheOthers) {
  const auto [results, took_ms] = in_child(4s, [] {
    course::http::SlowServer server;
    const std::vector<std::string> paths = {"/delay/50/a", "/delay/2500/slow", "/delay/50/b", "/delay/100/c"};
    const auto start = Clock::now();
    auto results = fetch_all(server.port(), paths, 4, 300ms);
    return std::pair(results, milliseconds_since(start));
  });
  EXPECT_EQ(results, (std::vector<FetchResult>{answered("a"), timed_out(), answered("b"), answered("c")}))
      << "the 2500 ms request gives up at 300 ms; the others arrive";
  EXPECT_LT(took_ms, 1500) << "fetch_all took " << took_ms
                           << " ms: it waited for the slow request to answer (2500 ms) although its timeout "
                              "was 300 ms. A timeout gives the request up; it does not only label it";
}

TEST(FetchAll, AFreeWorkerTakesTheNextPathWhileAnotherWaits) {
  // paths[0] is answered only once the four others have been. With limit 2,
  // one request waits while the other worker goes through the rest; a new
  // request starts as soon as one ends, not batch by batch.
  const auto results = in_child(3s, [] {
    std::atomic<int> answered_now = 0;
    course::http::Server server(
        [&answered_now](std::string path) { return answer_after_others(std::move(path), answered_now); });
    const std::vector<std::string> paths = {"/after/4/last", "/now/a", "/now/b", "/now/c", "/now/d"};
    return fetch_all(server.port(), paths, 2, 2s);
  });
  EXPECT_EQ(results, answers({"last", "a", "b", "c", "d"}))
      << "paths[0] can only be answered after the four others (else it says \"alone\" after 1 s): with limit "
         "2, while one request waits, the other worker must go on to the next paths. Start the next request "
         "as soon as one ends, not batch by batch, and never one after another";
}

TEST(FetchAll, AFailingRequestIsReportedAndTheRestStillArrive) {
  const auto [results, took_ms] = in_child(3s, [] {
    course::http::SlowServer server;
    const std::vector<std::string> paths = {"/delay/10/a", "/status/500", "/delay/10/b", "/delay/10/c"};
    const auto start = Clock::now();
    auto results = fetch_all(server.port(), paths, 1, 1s);
    return std::pair(results, milliseconds_since(start));
  });
  ASSERT_EQ(results.size(), 4u);
  EXPECT_EQ(results[1], failed("HTTP error: HTTP/1.1 500 Error"))
      << "the 500 must be reported as an error, at once, with the exception's what(); "
      << (results[1].timed_out ? "it was reported as a timeout, after the whole timeout: a GET that throws "
                                 "never wins the race (|| waits for the first to succeed), so turn the "
                                 "exception into a FetchResult inside the coroutine you race"
                               : "")
      << (!results[1].timed_out && results[1].error.empty() ? "its error is empty: the error was swallowed"
                                                            : "");
  EXPECT_EQ(results[0], answered("a"));
  EXPECT_EQ(results[2], answered("b")) << "a failure must not stop the requests after it";
  EXPECT_EQ(results[3], answered("c")) << "a failure must not stop the requests after it";
  EXPECT_LT(took_ms, 900) << "fetch_all took " << took_ms
                          << " ms for four quick requests: the failing one waited for its 1 s timeout";
}

TEST(FetchAll, ANetworkErrorIsAValueToo) {
  const auto results = in_child(3s, [] {
    const RefusingPort nobody_listens;
    try {
      return fetch_all(nobody_listens.port(), {"/delay/10/a", "/delay/10/b", "/delay/10/c"}, 2, 500ms);
    } catch (const std::exception& error) {
      throw std::runtime_error(std::string("fetch_all threw (") + error.what() +
                               "); it must not: a request that fails is a value, its FetchResult::error");
    }
  });
  ASSERT_EQ(results.size(), 3u);
  for (std::size_t i = 0; i < results.size(); ++i) {
    EXPECT_FALSE(results[i].error.empty())
        << "results[" << i
        << "]: the connection was refused, and error says nothing: the error was swallowed";
    EXPECT_FALSE(results[i].timed_out)
        << "results[" << i << "]: a refused connection is an error, not a timeout";
    EXPECT_EQ(results[i].body, "") << "results[" << i << "]: no answer, no body";
  }
}

TEST(FetchAll, MoreRoomThanPaths) {
  const auto results = in_child(3s, [] {
    course::http::SlowServer server;
    return fetch_all(server.port(), {"/delay/10/a", "/delay/10/b", "/delay/10/c"}, 10, 1s);
  });
  EXPECT_EQ(results, answers({"a", "b", "c"})) << "a limit larger than the number of paths is fine";
}

TEST(FetchAll, NoPathsNoResults) {
  const auto results = in_child(3s, [] {
    course::http::SlowServer server;
    return fetch_all(server.port(), {}, 3, 1s);
  });
  EXPECT_TRUE(results.empty());
}
