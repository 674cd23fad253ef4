// Lesson 08 ended with a frozen ticker: a coroutine counted primes on the
// loop's thread, and nothing else ran until it finished. The one change here:
// the counting is co_spawn-ed onto a thread pool, and the request co_awaits it.
#include <cstdint>

#include <asio.hpp>

#include "course/conclusion.hpp"
#include "course/cpu_meter.hpp"
#include "course/cpu_work.hpp"
#include "course/figures.hpp"
#include "course/load.hpp"
#include "course/log.hpp"
#include "course/rethrow.hpp"
#include "course/ticker.hpp"
#include "course/verdict.hpp"
#include "lesson.hpp"

using namespace std::chrono_literals;

namespace {

constexpr std::uint64_t kCount = 150'000;  // about half a second of counting
// The ticker beats every 100 ms: a longest gap under 150 ms means it kept its
// beat, one over 300 ms means the counting held the loop.
constexpr double kResponsiveBelowMs = 150;
constexpr double kFrozenAboveMs = 300;

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

struct Gap {
  double longest_ms;  // the longest time between two ticks
  double loop_cores;  // the CPU the loop's thread got while it ran
};

Gap longest_gap_while(asio::awaitable<void> heavy_request) {
  asio::io_context loop;
  double longest_gap = 0;
  asio::co_spawn(loop, course::ticker(10), [&](std::exception_ptr error, double gap) {
    course::rethrow(error);
    longest_gap = gap;
  });
  asio::co_spawn(loop, std::move(heavy_request), course::rethrow);
  const auto start = course::Clock::now();
  const double cpu = course::this_thread_cpu_seconds();
  loop.run();
  return {longest_gap * 1000, (course::this_thread_cpu_seconds() - cpu) / course::seconds_since(start)};
}

}  // namespace

void show_offloading() {
  course::heading("A ticker every 100 ms; a heavy request counts primes on the loop (lesson 08)");
  const Gap frozen = longest_gap_while(heavy_request_on_loop());

  course::heading("The same, with the counting co_spawn-ed onto a thread pool");
  asio::thread_pool pool(2);
  const Gap offloaded = longest_gap_while(heavy_request_offloaded(pool));
  pool.join();

  course::say("longest gap between ticks: {:.0f} ms with the counting on the loop, {:.0f} ms offloaded",
              frozen.longest_ms, offloaded.longest_ms);
  course::say("the loop's thread got {} with the counting on it, {} with it offloaded (load average {})",
              course::cores_got_text(frozen.loop_cores), course::cores_got_text(offloaded.loop_cores),
              course::load_text(course::load_average()));
  // Responsive: no gap much longer than the ticker's 100 ms; frozen: a gap as long as the counting.
  const course::Given given = course::given_here(1, offloaded.loop_cores);
  const course::Verdict responsive = course::judge_holds(
      offloaded.longest_ms < kResponsiveBelowMs && frozen.longest_ms > kFrozenAboveMs, given);
  if (responsive.holds) {
    course::say("offloaded, the ticker kept its beat; on the loop, the counting froze it");
  } else if (frozen.longest_ms <= kFrozenAboveMs) {
    course::say("the counting froze the loop for only {:.0f} ms: a fast machine. {}", frozen.longest_ms,
                course::reason_sentence(responsive));
  } else {
    course::say(
        "offloaded, a gap of {:.0f} ms still (under {:.0f} ms expected): the loop waited for a CPU. {}",
        offloaded.longest_ms, kResponsiveBelowMs, course::reason_sentence(responsive));
  }
  course::record_figure("offload.gap_on_loop_ms", frozen.longest_ms);
  course::record_figure("offload.gap_offloaded_ms", offloaded.longest_ms);
  course::record_figure("offload.responsive_below_ms", kResponsiveBelowMs);
  course::record_figure("offload.frozen_above_ms", kFrozenAboveMs);
  course::record_verdict("offload", responsive, given);
}
