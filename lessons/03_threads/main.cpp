// Lesson 03: threads. Run with --help for the modes.
#include "course/demo.hpp"
#include "lesson.hpp"

int main(int argc, char** argv) {
  const course::Demo demo{
      "Lesson 03: threads. One process, shared memory, races, and no GIL.",
      {
          {"share", "", "three threads: one PID, one memory, a name each",
           [](course::Args&) {
             show_threads_share_a_process();
           }},
          {"local", "", "thread_local: the same variable name, one value per thread",
           [](course::Args&) {
             show_thread_local();
           }},
          {"race", "", "RACES ON PURPOSE: 5 threads x 100000 unguarded increments lose updates",
           [](course::Args&) {
             show_lost_updates();
           }},
          {"fixed", "", "the same counter with a mutex and with an atomic: 500000 both times",
           [](course::Args&) {
             show_fixed_counters();
           }},
          {"gil", "[threads]", "CPU work scales with threads; a simulated GIL stops that, but not for sleeps",
           [](course::Args& args) {
             compare_with_and_without_gil(static_cast<int>(args.number("threads", 4, 2, 64)));
           }},
          {"daemon", "", "join waits for a thread; a detached (daemon) thread dies with the program",
           [](course::Args&) {
             show_join_and_detach();
           }},
          {"stop", "", "a jthread asked to stop through its std::stop_token, then joined",
           [](course::Args&) {
             show_stop_token();
           }},
      },
      {"share", "race", "fixed", "gil"}};
  return course::run_demo(demo, argc, argv);
}
