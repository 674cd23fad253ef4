#include <stdexcept>

#include <asio.hpp>

#include "course/log.hpp"
#include "lesson.hpp"

// [snippet:fake_fetch]
asio::awaitable<std::string> fake_fetch(std::string what, std::chrono::milliseconds delay) {
  course::say("fetching {} ({} ms)...", what, delay.count());
  asio::steady_timer timer(co_await asio::this_coro::executor, delay);
  co_await timer.async_wait(asio::use_awaitable);  // suspends: the loop runs others meanwhile
  if (what == "broken") {
    throw std::runtime_error("the server of 'broken' hung up");
  }
  course::say("finished {}", what);
  co_return what;
}
// [/snippet:fake_fetch]
