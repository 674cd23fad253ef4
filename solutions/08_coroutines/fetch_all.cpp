// Lesson 08 exercise: fetch_all() with coroutines, a limit and a timeout.
// As given, it fetches one path after another, blocking, and never gives up.
//
// Quick reference
//   asio::io_context io;  io.run();                       the event loop: runs until no work is left
//   asio::co_spawn(io, coroutine(), asio::detached);       start a coroutine on the loop
//   asio::awaitable<void> f() { ... co_await ...; }        a coroutine the loop can run
//   co_await course::http::get(port, path)                 one GET, as a coroutine (throws on errors)
//   asio::steady_timer timer(co_await asio::this_coro::executor, timeout);
//   co_await (std::move(a) || std::move(b))                asio::experimental::awaitable_operators:
//                                                          the first to *succeed* wins, the other is
//                                                          cancelled; a std::variant says which
// g++ 12: a capturing lambda or a braced/aggregate temporary written inside a
// co_await expression is freed twice (GCC PR 100611): name it first.
//
// Check with: ./course check 08      Stuck? ./course hint 08

#include "fetch_all.hpp"

#include <asio/co_spawn.hpp>
#include <asio/detached.hpp>
#include <asio/experimental/awaitable_operators.hpp>
#include <asio/io_context.hpp>
#include <asio/steady_timer.hpp>
#include <asio/this_coro.hpp>
#include <asio/use_awaitable.hpp>

#include "course/http.hpp"

namespace {

using namespace asio::experimental::awaitable_operators;

// One GET, its failure turned into a value. `||` below waits for the first
// operation to *succeed*: a GET that threw would lose the race to the timer.
asio::awaitable<FetchResult> get_result(std::uint16_t port, std::string path) {
  FetchResult result;
  try {
    result.body = co_await course::http::get(port, path);
  } catch (const std::exception& error) {
    result.error = error.what();
  }
  co_return result;
}

// One GET raced against a timer: whichever finishes first wins, and `||`
// cancels the other (a cancelled GET closes its connection).
asio::awaitable<FetchResult> fetch_one(std::uint16_t port, std::string path,
                                       std::chrono::milliseconds timeout) {
  asio::steady_timer timer(co_await asio::this_coro::executor, timeout);
  auto request = get_result(port, path);
  auto deadline = timer.async_wait(asio::use_awaitable);
  auto winner = co_await (std::move(request) || std::move(deadline));
  if (winner.index() == 1) {
    FetchResult gave_up;
    gave_up.timed_out = true;
    co_return gave_up;
  }
  co_return std::get<0>(std::move(winner));
}

// A worker takes the next path until none are left. `limit` workers means
// at most `limit` requests in flight, and no more bookkeeping than one index:
// every worker runs on the same thread, so `next` needs no lock. It still
// changes while this worker is suspended, so the index is taken before the
// co_await and kept in `mine` (a race condition without a data race).
//
// The reference parameters point at fetch_all's own locals. That is safe only
// because they outlive every worker: io.run() returns once all have finished
// (C++ Core Guidelines CP.53). A coroutine that might outlive its caller takes
// its arguments by value.
asio::awaitable<void> worker(std::uint16_t port, const std::vector<std::string>& paths, std::size_t& next,
                             std::vector<FetchResult>& results, std::chrono::milliseconds timeout) {
  while (next < paths.size()) {
    const std::size_t mine = next++;
    results[mine] = co_await fetch_one(port, paths[mine], timeout);
  }
}

}  // namespace

std::vector<FetchResult> fetch_all(std::uint16_t port, const std::vector<std::string>& paths,
                                   std::size_t limit, std::chrono::milliseconds timeout) {
  std::vector<FetchResult> results(paths.size());
  std::size_t next = 0;
  asio::io_context io;
  for (std::size_t w = 0; w < std::min(limit, paths.size()); ++w) {
    // detached: a worker cannot throw, since every failure became a FetchResult.
    asio::co_spawn(io, worker(port, paths, next, results, timeout), asio::detached);
  }
  io.run();  // returns when every worker has run out of paths
  return results;
}
