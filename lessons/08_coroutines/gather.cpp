// Three fetches of 300 ms each, started together on one thread: they take
// about 300 ms, not 900. (The Python tutorial's version sleeps 1 s each.)
#include <asio.hpp>
#include <asio/experimental/awaitable_operators.hpp>

#include "course/log.hpp"
#include "course/rethrow.hpp"
#include "lesson.hpp"

using namespace asio::experimental::awaitable_operators;
using namespace std::chrono_literals;

namespace {

// [snippet:gather]
asio::awaitable<void> fetch_three() {
  const auto start = course::Clock::now();
  auto first = fake_fetch("page 1", 300ms);
  auto second = fake_fetch("page 2", 300ms);
  auto third = fake_fetch("page 3", 300ms);
  auto all_three = std::move(first) && std::move(second) && std::move(third);  // one awaitable
  const auto [one, two, three] = co_await std::move(all_three);
  course::say("got {}, {}, {}: 900 ms of waiting took {:.0f} ms", one, two, three,
              course::seconds_since(start) * 1000);
}
// [/snippet:gather]

}  // namespace

void show_three_fetches() {
  course::heading("Three fetches of 300 ms, gathered with &&");
  asio::io_context loop;                                 // the event loop, on this one thread
  asio::co_spawn(loop, fetch_three(), course::rethrow);  // its exception leaves run()
  loop.run();
}
