// Lesson 01: processes. Run with --help for the modes.
#include <algorithm>

#include "course/cores.hpp"
#include "course/demo.hpp"
#include "lesson.hpp"

int main(int argc, char** argv) {
  const long cores = std::max(2, course::usable_cores());
  const course::Demo demo{
      "Lesson 01: processes. fork, exit statuses, exec, and what separate processes buy.",
      {
          {.name = "pids",
           .summary = "two children print their PIDs next to the parent's",
           .run =
               [](course::Args&) {
                 show_pids();
               }},
          // the status scene is in exit_status.cpp
          {.name = "status",
           .summary = "how a child ended: an exit code, or the signal that killed it",
           .run =
               [](course::Args&) {
                 show_exit_statuses();
               }},
          {.name = "exec",
           .summary = "fork + exec vs posix_spawn: starting another program",
           .run =
               [](course::Args&) {
                 show_exec();
               }},
          {.name = "speedup",
           .arguments = "[processes]",
           .summary = "CPU-bound work, sequential vs split over processes (default: cores)",
           .forks = true,
           .run =
               [cores](course::Args& args) {
                 compare_speedup(static_cast<int>(args.number("processes", cores, 1, 64)));
               }},
          {.name = "cost",
           .arguments = "[count]",
           .summary = "microseconds to create and reap a process vs a thread (default: 200)",
           .run =
               [](course::Args& args) {
                 compare_creation_cost(static_cast<int>(args.number("count", 200, 1, 100000)));
               }},
      },
      {"pids", "speedup"}};
  return course::run_demo(demo, argc, argv);
}
