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

std::vector<FetchResult> fetch_all(std::uint16_t port, const std::vector<std::string>& paths,
                                   std::size_t limit, std::chrono::milliseconds timeout) {
  std::vector<FetchResult> results(paths.size());
  // TODO: fetch concurrently on one io_context, at most `limit` at a time
  //       (how many coroutines would you start?), each raced against a timer.
  (void)limit;
  (void)timeout;
  for (std::size_t i = 0; i < paths.size(); ++i) {
    try {
      results[i].body = course::http::get_blocking(port, paths[i]);
    } catch (const std::exception& error) {
      results[i].error = error.what();
    }
  }
  return results;
}
