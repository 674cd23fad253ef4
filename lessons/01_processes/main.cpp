// Lesson 01: processes. Run with --help for the modes.
#include <unistd.h>

#include <algorithm>

#include "course/demo.hpp"
#include "lesson.hpp"

int main(int argc, char** argv) {
  const long cores = std::max(2L, ::sysconf(_SC_NPROCESSORS_ONLN));
  const course::Demo demo{
      "Lesson 01: processes. fork, exit statuses, exec, and what separate processes buy.",
      {
          {"pids", "", "two children print their PIDs next to the parent's",
           [](course::Args&) {
             show_pids();
           }},
          {"status", "", "how a child ended: an exit code, or the signal that killed it",
           [](course::Args&) {
             show_exit_statuses();
           }},
          {"exec", "", "fork + exec vs posix_spawn: starting another program",
           [](course::Args&) {
             show_exec();
           }},
          {"speedup", "[processes]", "CPU-bound work, sequential vs split over processes (default: cores)",
           [cores](course::Args& args) {
             compare_speedup(static_cast<int>(args.number("processes", cores, 1, 64)));
           }},
          {"cost", "[count]", "microseconds to create and reap a process vs a thread (default: 200)",
           [](course::Args& args) {
             compare_creation_cost(static_cast<int>(args.number("count", 200, 1, 100000)));
           }},
      },
      {"pids", "speedup"}};
  return course::run_demo(demo, argc, argv);
}
