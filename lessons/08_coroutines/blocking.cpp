// The event loop runs one coroutine at a time, on one thread. A coroutine that
// computes for half a second without a co_await stops everything else: here, a
// ticker that should tick every 100 ms. Lesson 09 moves such work off the loop.
#include <cstdint>

#include <asio.hpp>

#include "course/cpu_work.hpp"
#include "course/log.hpp"
#include "course/rethrow.hpp"
#include "course/ticker.hpp"
#include "lesson.hpp"

using namespace std::chrono_literals;

namespace {

// [snippet:blocking_coroutine]
asio::awaitable<void> heavy_request() {
  asio::steady_timer timer(co_await asio::this_coro::executor, 250ms);
  co_await timer.async_wait(asio::use_awaitable);
  course::say("a CPU-heavy request arrives: counting primes, no co_await inside");
  const std::uint64_t primes = course::count_primes(1'000'000'000, 1'000'000'000 + 150'000);
  course::say("done: {} primes. The loop was blocked all that time", primes);
}
// [/snippet:blocking_coroutine]

}  // namespace

void show_blocked_loop() {
  course::heading("A ticker every 100 ms, and a coroutine that computes without yielding");
  asio::io_context loop;
  double longest_gap = 0;
  asio::co_spawn(loop, course::ticker(10), [&](std::exception_ptr error, double gap) {
    course::rethrow(error);
    longest_gap = gap;
  });
  asio::co_spawn(loop, heavy_request(), course::rethrow);
  loop.run();
  course::say("longest gap between ticks: {:.0f} ms instead of 100 (lesson 09 fixes this)",
              longest_gap * 1000);
}
