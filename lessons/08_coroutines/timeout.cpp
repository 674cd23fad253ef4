// A timeout is a race: the fetch against a timer. `||` returns whichever
// succeeds first and cancels the other.
#include <asio.hpp>
#include <asio/experimental/awaitable_operators.hpp>

#include "course/log.hpp"
#include "course/rethrow.hpp"
#include "lesson.hpp"

using namespace asio::experimental::awaitable_operators;
using namespace std::chrono_literals;

namespace {

// fake_fetch, saying so when it is cancelled.
asio::awaitable<std::string> fetch_telling_cancel(std::string what, std::chrono::milliseconds delay) {
  try {
    co_return co_await fake_fetch(what, delay);
  } catch (const asio::system_error& error) {
    if (error.code() == asio::error::operation_aborted) {
      course::say("{} was cancelled mid-wait", what);
    }
    throw;
  }
}

// [snippet:timeout]
asio::awaitable<void> report_within(std::chrono::milliseconds limit) {
  asio::steady_timer timer(co_await asio::this_coro::executor, limit);
  auto report = fetch_telling_cancel("the report", 500ms);
  auto deadline = timer.async_wait(asio::use_awaitable);
  const auto winner = co_await (std::move(report) || std::move(deadline));
  if (winner.index() == 0) {
    course::say("got {} in time", std::get<0>(winner));
  } else {
    course::say("gave up after {} ms", limit.count());
  }
}
// [/snippet:timeout]

}  // namespace

void show_timeout() {
  course::heading("A 500 ms fetch with a 200 ms timeout, then with 800 ms");
  asio::io_context loop;
  auto strict = report_within(200ms);
  auto relaxed = report_within(800ms);
  asio::co_spawn(loop, std::move(strict), course::rethrow);
  loop.run();
  loop.restart();
  asio::co_spawn(loop, std::move(relaxed), course::rethrow);
  loop.run();
}
