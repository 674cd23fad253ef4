// Lesson 03: threads. Run with --help for the modes.
#include "course/demo.hpp"
#include "lesson.hpp"

int main(int argc, char** argv) {
  const course::Demo demo{
      "Lesson 03: threads. One process, shared memory, races, and no GIL.",
      {
          {.name = "share",
           .summary = "three threads: one PID, one memory, a name each",
           .run =
               [](course::Args&) {
                 show_threads_share_a_process();
               }},
          // the local scene is in thread_local.cpp
          {.name = "local",
           .summary = "thread_local: the same variable name, one value per thread",
           .run =
               [](course::Args&) {
                 show_thread_local();
               }},
          {.name = "race",
           .summary = "RACES ON PURPOSE: 5 threads x 100000 unguarded increments lose updates",
           .kind = course::Mode::Kind::racy,
           .run =
               [](course::Args&) {
                 show_lost_updates();
               }},
          {.name = "fixed",
           .summary = "the same counter with a mutex and with an atomic: 500000 both times",
           .run =
               [](course::Args&) {
                 show_fixed_counters();
               }},
          {.name = "gil",
           .arguments = "[threads]",
           .summary = "CPU work scales with threads; a simulated GIL stops that, but not for sleeps",
           .run =
               [](course::Args& args) {
                 compare_with_and_without_gil(static_cast<int>(args.number("threads", 4, 2, 64)));
               }},
          {.name = "daemon",
           .summary = "join waits for a thread; a detached (daemon) thread dies with the program",
           .run =
               [](course::Args&) {
                 show_join_and_detach();
               }},
          {.name = "stop",
           .summary = "a jthread asked to stop through its std::stop_token, then joined",
           .run =
               [](course::Args&) {
                 show_stop_token();
               }},
      },
      {"share", "race", "fixed", "gil"}};
  return course::run_demo(demo, argc, argv);
}
