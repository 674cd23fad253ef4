// An Event, built from a mutex and a condition variable (the exercise of this
// lesson; the demo uses the finished one from solutions/05_semaphores_events).
#include <chrono>
#include <thread>
#include <vector>

#include "course/log.hpp"
#include "event.hpp"
#include "lesson.hpp"

using namespace std::chrono_literals;

void show_event() {
  course::heading("An Event: one start signal, one stop signal, three workers");
  // [snippet:start_and_stop]
  Event start;
  Event stop;
  std::vector<std::jthread> workers;
  for (int i = 1; i <= 3; ++i) {
    workers.emplace_back([&, i] {
      course::set_actor_name(fmt::format("worker-{}", i));
      course::say("ready, waiting for the start signal");
      start.wait();
      int rounds = 0;
      while (!stop.wait_for(100ms)) {  // one round of work, then check for stop
        ++rounds;
      }
      course::say("stop signal seen after {} rounds", rounds);
    });
  }
  std::this_thread::sleep_for(300ms);
  course::say("start!");
  start.set();  // every waiting worker goes on
  std::this_thread::sleep_for(450ms);
  course::say("stop!");
  stop.set();
  // [/snippet:start_and_stop]
}
