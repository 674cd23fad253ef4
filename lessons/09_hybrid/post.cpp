// Threads that were not started by the loop can still hand it their results:
// asio::post(loop, handler) queues the handler, and the loop's own thread runs
// it. So the loop's state needs no lock: only one thread ever touches it.
#include <cstdint>
#include <map>
#include <thread>
#include <vector>

#include <asio.hpp>

#include "course/cpu_work.hpp"
#include "course/instrument.hpp"
#include "course/log.hpp"
#include "lesson.hpp"

void show_threads_posting_results() {
  course::heading("Four threads count primes and post their answers to the loop");
  asio::io_context loop;
  // Without outstanding work, run() would return at once; the guard says
  // "more is coming" until the last thread has posted.
  auto more_is_coming = asio::make_work_guard(loop);

  std::map<int, std::uint64_t> primes_by_block;  // only the loop's thread touches it
  course::DistinctThreads touched_the_map;

  std::vector<std::jthread> counters;
  for (int block = 0; block < 4; ++block) {
    counters.emplace_back([&, block] {
      course::set_actor_name("counter-" + std::to_string(block));
      const std::uint64_t first = kFirstNumber + block * 40'000ULL;
      const std::uint64_t primes = course::count_primes(first, first + 40'000);
      course::say("block {}: {} primes; posting the answer to the loop", block, primes);
      // [snippet:post]
      asio::post(loop, [&primes_by_block, &touched_the_map, block, primes] {
        // Runs on the loop's thread, one handler at a time: no lock needed.
        touched_the_map.record();
        primes_by_block[block] = primes;
        course::say("got block {}: {} of 4 answers in", block, primes_by_block.size());
      });
      // [/snippet:post]
    });
  }
  // A fifth thread releases the guard once the counters are done.
  std::jthread closer([&] {
    counters.clear();  // joins them
    more_is_coming.reset();
  });
  loop.run();  // runs the posted handlers as they arrive; returns after the last one

  std::uint64_t total = 0;
  for (const auto& [block, primes] : primes_by_block) {
    total += primes;
  }
  course::say("{} primes in all; the map was touched by {} thread: this one, the loop's", total,
              touched_the_map.count());
}
