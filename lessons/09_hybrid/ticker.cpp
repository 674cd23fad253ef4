// The loop's heartbeat: if anything blocks the loop's thread, the ticks stop.
#include <algorithm>

#include <asio.hpp>

#include "course/log.hpp"
#include "lesson.hpp"

using namespace std::chrono_literals;

asio::awaitable<double> ticker(int ticks) {
  asio::steady_timer timer(co_await asio::this_coro::executor);
  double longest_gap = 0;
  auto last = course::Clock::now();
  for (int tick = 1; tick <= ticks; ++tick) {
    timer.expires_after(100ms);
    co_await timer.async_wait(asio::use_awaitable);
    const double gap = course::seconds_since(last);
    last = course::Clock::now();
    longest_gap = std::max(longest_gap, gap);
    course::say("tick {} ({:.0f} ms since the last){}", tick, gap * 1000, gap > 0.2 ? "  <- frozen" : "");
  }
  co_return longest_gap;
}
