// The event loop's heartbeat: see ticker.hpp.
#include "course/ticker.hpp"

#include <algorithm>

#include <asio.hpp>

#include "course/log.hpp"

using namespace std::chrono_literals;

namespace course {

asio::awaitable<double> ticker(int ticks) {
  asio::steady_timer timer(co_await asio::this_coro::executor);
  double longest_gap = 0;
  auto last = Clock::now();
  for (int tick = 1; tick <= ticks; ++tick) {
    timer.expires_after(100ms);
    co_await timer.async_wait(asio::use_awaitable);
    const double gap = seconds_since(last);
    last = Clock::now();
    longest_gap = std::max(longest_gap, gap);
    say("tick {} ({:.0f} ms since the last){}", tick, gap * 1000, gap > 0.2 ? "  <- frozen" : "");
  }
  co_return longest_gap;
}

}  // namespace course
