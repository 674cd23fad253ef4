// std::latch: a one-time count down ("everyone is ready").
// std::barrier: a reusable meeting point ("nobody starts phase 2 before
// everyone has finished phase 1"), with a function run once per phase.
#include <barrier>
#include <chrono>
#include <latch>
#include <thread>
#include <vector>

#include "course/log.hpp"
#include "lesson.hpp"

void show_phases() {
  course::heading("A latch for 'all ready', a barrier for each phase");
  constexpr int kWorkers = 3;
  int phase = 1;
  // [snippet:latch_and_barrier]
  std::latch all_ready(kWorkers);
  std::barrier phase_done(kWorkers, [&phase]() noexcept {
    course::say("--- everyone finished phase {} ---", phase);  // runs once, on the last to arrive
    ++phase;
  });
  std::vector<std::jthread> workers;
  for (int w = 1; w <= kWorkers; ++w) {
    workers.emplace_back([&, w] {
      course::set_actor_name(fmt::format("worker-{}", w));
      all_ready.count_down();
      for (int step = 1; step <= 3; ++step) {
        std::this_thread::sleep_for(std::chrono::milliseconds(30 * w));  // uneven work
        course::say("finished my part of phase {}", step);
        phase_done.arrive_and_wait();
      }
    });
  }
  all_ready.wait();
  course::say("all {} workers are set up", kWorkers);
  // [/snippet:latch_and_barrier]
}
