// Asking a thread to stop instead of abandoning it: a std::jthread hands its
// function a std::stop_token, and its destructor calls request_stop() and then
// join(). The thread checks the token, finishes its loop, and is joined.
#include <chrono>
#include <stop_token>
#include <thread>

#include "course/log.hpp"
#include "lesson.hpp"

using namespace std::chrono_literals;

void show_stop_token() {
  course::heading("Asking a thread to stop: std::jthread and std::stop_token");
  // [snippet:stop_token]
  {
    std::jthread heartbeat([](std::stop_token stop) {  // the jthread's own token
      course::set_actor_name("heartbeat");
      int beat = 0;
      while (!stop.stop_requested()) {  // looked at once per beat
        course::say("beat {}", ++beat);
        std::this_thread::sleep_for(100ms);
      }
      course::say("asked to stop after beat {}: returning", beat);
    });
    std::this_thread::sleep_for(350ms);
    course::say("leaving the scope");
  }  // ~jthread: request_stop(), then join()
  // [/snippet:stop_token]
  course::say("joined: the heartbeat ended its own loop, nothing was cut off mid-beat");
}
