// join() waits for a thread; a detached thread is nobody's to wait for and
// ends when the process ends, like Python's daemon threads.
#include <chrono>
#include <thread>

#include "course/log.hpp"
#include "lesson.hpp"

using namespace std::chrono_literals;

void show_join_and_detach() {
  course::heading("join vs detach: who waits for whom");
  // [snippet:daemon]
  std::thread heartbeat([] {
    course::set_actor_name("heartbeat");
    for (int beat = 1;; ++beat) {  // never ends by itself
      course::say("beat {}", beat);
      std::this_thread::sleep_for(100ms);
    }
  });
  heartbeat.detach();  // a "daemon": the program will not wait for it

  std::thread saver([] {
    course::set_actor_name("saver");
    course::say("saving the report...");
    std::this_thread::sleep_for(350ms);
    course::say("report saved");
  });
  saver.join();  // the program waits for this one
  // [/snippet:daemon]
  course::say("main returns now: the heartbeat stops mid-loop, with the process");
}
