// Tasks A, B and C: started together, each finishing in its own time. The
// whole takes as long as the longest (300 ms), not the sum (600 ms). They are
// reported in the order they finish.
#include <asio.hpp>
#include <asio/experimental/deferred.hpp>
#include <asio/experimental/parallel_group.hpp>

#include "course/log.hpp"
#include "lesson.hpp"

using namespace std::chrono_literals;

void show_tasks_a_b_c() {
  course::heading("Tasks A (200 ms), B (100 ms) and C (300 ms)");
  asio::io_context loop;
  // [snippet:tasks]
  const auto start = course::Clock::now();
  auto a = asio::co_spawn(loop, fake_fetch("A", 200ms), asio::experimental::deferred);
  auto b = asio::co_spawn(loop, fake_fetch("B", 100ms), asio::experimental::deferred);
  auto c = asio::co_spawn(loop, fake_fetch("C", 300ms), asio::experimental::deferred);
  asio::experimental::make_parallel_group(std::move(a), std::move(b), std::move(c))
      .async_wait(asio::experimental::wait_for_all(),
                  [start](std::array<std::size_t, 3> finish_order, auto...) {
                    course::say("finished in the order {}, {}, {}", "ABC"[finish_order[0]],
                                "ABC"[finish_order[1]], "ABC"[finish_order[2]]);
                    course::say("600 ms of delays took {:.0f} ms: the longest, not the sum",
                                course::seconds_since(start) * 1000);
                  });
  loop.run();
  // [/snippet:tasks]
}
