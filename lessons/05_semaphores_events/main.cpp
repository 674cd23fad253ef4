// Lesson 05: semaphores, events, latches, barriers, condition variables.
#include "course/demo.hpp"
#include "lesson.hpp"

int main(int argc, char** argv) {
  const course::Demo demo{
      "Lesson 05: semaphores, events and condition variables. Who may go on, and when.",
      {
          {.name = "lockers",
           .summary = "std::counting_semaphore: 10 lockers shared by 30 swimmers",
           .run =
               [](course::Args&) {
                 show_lockers();
               }},
          {.name = "connections",
           .summary = "a semaphore guarding a pool of 3 database connections, 8 clients",
           .run =
               [](course::Args&) {
                 show_connection_pool();
               }},
          {.name = "event",
           .summary = "an Event (mutex + condition_variable): a start signal, then a stop signal",
           .run =
               [](course::Args&) {
                 show_event();
               }},
          {.name = "phases",
           .summary = "std::latch (everyone ready) and std::barrier (phase by phase)",
           .run =
               [](course::Args&) {
                 show_phases();
               }},
          {.name = "waiting-room",
           .summary = "condition_variable: doctors wait for patients; arriving presses the call button",
           .run =
               [](course::Args&) {
                 show_waiting_room();
               }},
          // the stolen scene is in waiting_room.cpp
          {.name = "stolen",
           .summary = "why wait() needs its predicate: wake-ups that find the room already empty",
           .run =
               [](course::Args&) {
                 count_empty_wakeups();
               }},
      },
      {"lockers", "event", "waiting-room"}};
  return course::run_demo(demo, argc, argv);
}
