// Lesson 08 ended with a frozen ticker: a coroutine counted primes on the
// loop's thread, and nothing else ran until it finished. The one change here:
// the counting is co_spawn-ed onto a thread pool, and the request co_awaits it.
#include <cstdint>

#include <asio.hpp>

#include "course/cpu_work.hpp"
#include "course/figures.hpp"
#include "course/log.hpp"
#include "course/rethrow.hpp"
#include "course/ticker.hpp"
#include "lesson.hpp"

using namespace std::chrono_literals;

namespace {

constexpr std::uint64_t kCount = 150'000;  // about half a second of counting

asio::awaitable<std::uint64_t> count_primes_here() {
  course::say("counting primes on this thread");
  co_return course::count_primes(kFirstNumber, kFirstNumber + kCount);
}

// Lesson 08's heavy request, unchanged: it counts on the loop's own thread.
asio::awaitable<void> heavy_request_on_loop() {
  asio::steady_timer timer(co_await asio::this_coro::executor, 250ms);
  co_await timer.async_wait(asio::use_awaitable);
  const std::uint64_t primes = co_await count_primes_here();
  course::say("{} primes", primes);
}

// [snippet:offload]
asio::awaitable<void> heavy_request_offloaded(asio::thread_pool& pool) {
  asio::steady_timer timer(co_await asio::this_coro::executor, 250ms);
  co_await timer.async_wait(asio::use_awaitable);
  // Start the counting on a pool thread and suspend until it is done; the
  // loop runs the ticker meanwhile, and we resume on the loop's thread.
  const auto primes = co_await asio::co_spawn(pool, count_primes_here(), asio::use_awaitable);
  course::say("{} primes, back on the loop", primes);
}
// [/snippet:offload]

double longest_gap_while(asio::awaitable<void> heavy_request) {
  asio::io_context loop;
  double longest_gap = 0;
  asio::co_spawn(loop, course::ticker(10), [&](std::exception_ptr error, double gap) {
    course::rethrow(error);
    longest_gap = gap;
  });
  asio::co_spawn(loop, std::move(heavy_request), course::rethrow);
  loop.run();
  return longest_gap;
}

}  // namespace

void show_offloading() {
  course::heading("A ticker every 100 ms; a heavy request counts primes on the loop (lesson 08)");
  const double frozen = longest_gap_while(heavy_request_on_loop());

  course::heading("The same, with the counting co_spawn-ed onto a thread pool");
  asio::thread_pool pool(2);
  const double offloaded = longest_gap_while(heavy_request_offloaded(pool));
  pool.join();

  course::say("longest gap between ticks: {:.0f} ms with the counting on the loop, {:.0f} ms offloaded",
              frozen * 1000, offloaded * 1000);
  course::record_figure("offload.gap_on_loop_ms", frozen * 1000);
  course::record_figure("offload.gap_offloaded_ms", offloaded * 1000);
}
