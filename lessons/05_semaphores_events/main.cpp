// Lesson 05: semaphores, events, latches, barriers, condition variables.
#include "course/demo.hpp"
#include "lesson.hpp"

int main(int argc, char** argv) {
  const course::Demo demo{
      "Lesson 05: semaphores, events and condition variables. Who may go on, and when.",
      {
          {"lockers", "", "std::counting_semaphore: 10 lockers shared by 30 swimmers",
           [](course::Args&) {
             show_lockers();
           }},
          {"connections", "", "a semaphore guarding a pool of 3 database connections, 8 clients",
           [](course::Args&) {
             show_connection_pool();
           }},
          {"event", "", "an Event (mutex + condition_variable): a start signal, then a stop signal",
           [](course::Args&) {
             show_event();
           }},
          {"phases", "", "std::latch (everyone ready) and std::barrier (phase by phase)",
           [](course::Args&) {
             show_phases();
           }},
          {"waiting-room", "",
           "condition_variable: doctors wait for patients; arriving presses the call button",
           [](course::Args&) {
             show_waiting_room();
           }},
          {"stolen", "", "why wait() needs its predicate: wake-ups that find the room already empty",
           [](course::Args&) {
             count_empty_wakeups();
           }},
      },
      {"lockers", "event", "waiting-room"}};
  return course::run_demo(demo, argc, argv);
}
