// Lesson 01 measured what a process and a thread cost to start and finish.
// Here the same, with the third kind of worker: a coroutine on an event loop.
#include <thread>

#include <asio.hpp>

#include "course/child.hpp"
#include "course/figures.hpp"
#include "course/log.hpp"
#include "course/stopwatch.hpp"
#include "lesson.hpp"

namespace {

asio::awaitable<void> nothing() {
  co_return;
}

}  // namespace

void compare_creation_costs(int count) {
  course::heading(
      fmt::format("Starting and finishing {} processes, {} threads, {} coroutines", count, count, count));
  const double process_us =
      course::microseconds_each(count, [] { course::ChildProcess::start([] { return 0; }).wait(); });
  const double thread_us = course::microseconds_each(count, [] { std::thread([] {}).join(); });
  // Detached below, not course::rethrow: nothing() cannot fail, and the figure
  // is the cost of co_spawn itself.
  // [snippet:coroutine_cost]
  asio::io_context loop;
  const double coroutine_us = course::microseconds_each(count, [&loop] {
    asio::co_spawn(loop, nothing(), asio::detached);
    loop.run();  // runs the coroutine to its end
    loop.restart();
  });
  // [/snippet:coroutine_cost]

  fmt::print("\n{:<10} {:>12} {:>16}\n", "", "C++ (here)", "Python (notes)");
  fmt::print("{:<10} {:>9.2f} µs {:>13} µs\n", "process", process_us, "11,350");
  fmt::print("{:<10} {:>9.2f} µs {:>13} µs\n", "thread", thread_us, "208");
  fmt::print("{:<10} {:>9.2f} µs\n", "coroutine", coroutine_us);
  course::say("a process costs {:.0f} threads; a thread costs {:.0f} coroutines", process_us / thread_us,
              thread_us / coroutine_us);
  course::record_figure("cost.process_us", process_us);
  course::record_figure("cost.thread_us", thread_us);
  course::record_figure("cost.coroutine_us", coroutine_us);
}
