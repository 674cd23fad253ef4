// Python's fetch_and_process, in C++: each job first fetches its input over
// HTTP (waiting: a coroutine on the loop), then counts primes in it (computing:
// a pool thread). The fetches all overlap on one thread; the counting runs as
// wide as the pool. Python needs processes for the counting because of its
// GIL; C++ threads compute in parallel, so a thread pool does.
#include <cstdint>
#include <string>
#include <thread>

#include <asio.hpp>

#include "course/cpu_work.hpp"
#include "course/http.hpp"
#include "course/instrument.hpp"
#include "course/log.hpp"
#include "course/rethrow.hpp"
#include "course/timeline.hpp"
#include "lesson.hpp"

namespace {

struct Shared {
  std::uint16_t port;
  asio::thread_pool& pool;
  course::Timeline& timeline;
  course::InFlight& counting;
};

asio::awaitable<std::uint64_t> count_primes_on_this_thread(std::uint64_t count, Shared shared,
                                                           std::string lane) {
  const auto counted = shared.counting.enter();
  const auto span = shared.timeline.measure(lane, "count");
  co_return course::count_primes(kFirstNumber, kFirstNumber + count);
}

// [snippet:fetch_and_process]
asio::awaitable<void> fetch_and_process(int job, Shared shared) {
  const std::string lane = "job " + std::to_string(job);
  // I/O: the loop waits for the server, and serves the other jobs meanwhile.
  std::string body;
  {
    const auto span = shared.timeline.measure(lane, "fetch");
    const std::string path = "/delay/300/60000";  // the input: how many numbers to count
    body = co_await course::http::get(shared.port, path);
  }
  // CPU: off to the pool, so the loop stays free; we resume back on the loop.
  const std::uint64_t count = std::stoull(body);
  const std::uint64_t primes = co_await asio::co_spawn(
      shared.pool, count_primes_on_this_thread(count, shared, lane), asio::use_awaitable);
  course::say("{}: {} primes among {} numbers", lane, primes, count);
}
// [/snippet:fetch_and_process]

}  // namespace

void fetch_and_process(int jobs) {
  const unsigned cores = std::max(1U, std::thread::hardware_concurrency());
  course::heading(fmt::format("{} jobs: fetch (300 ms of waiting), then count (CPU) on a pool of {} threads",
                              jobs, cores));
  const course::http::SlowServer server;
  asio::thread_pool pool(cores);
  course::Timeline timeline;
  course::InFlight counting;
  const Shared shared{server.port(), pool, timeline, counting};

  const auto start = course::Clock::now();
  asio::io_context loop;
  for (int job = 1; job <= jobs; ++job) {
    asio::co_spawn(loop, fetch_and_process(job, shared), course::rethrow);
  }
  loop.run();
  const double elapsed = course::seconds_since(start);
  pool.join();

  fmt::print("\n{}", timeline.render());
  course::say(
      "f = fetching, c = counting. {:.2f} s in all; at most {} fetches at once on the server, "
      "at most {} countings at once (the pool has {} threads)",
      elapsed, server.max_in_flight(), counting.max(), cores);
}
