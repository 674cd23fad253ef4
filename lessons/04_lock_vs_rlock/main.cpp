// Lesson 04: mutex vs recursive_mutex, and deadlocks. Run with --help for the modes.
#include "course/demo.hpp"
#include "lesson.hpp"

int main(int argc, char** argv) {
  const course::Demo demo{
      "Lesson 04: lock vs recursive lock. Deadlocks that hang, get explained, and get fixed.\n"
      "Modes marked HANGS deadlock on purpose: a watchdog names the cycle and exits with code 3\n"
      "(--hang keeps the program hung and prints the gdb command to inspect it).",
      {
          {.name = "self",
           .arguments = "[--hang]",
           .summary = "HANGS: outer() locks a mutex, calls inner(), which locks it again",
           .kind = course::Mode::Kind::deadlocks,
           .run =
               [](course::Args& args) {
                 show_self_deadlock(args.flag("--hang"));
               }},
          {.name = "rlock",
           .summary = "the same with std::recursive_mutex: its count goes 1, 2, 1, 0",
           .run =
               [](course::Args&) {
                 show_recursive_mutex();
               }},
          {.name = "abba",
           .arguments = "[--hang]",
           .summary = "HANGS: two tellers lock two accounts in opposite orders",
           .kind = course::Mode::Kind::deadlocks,
           .run =
               [](course::Args& args) {
                 show_abba_deadlock(args.flag("--hang"));
               }},
          {.name = "scoped",
           .summary = "the fix: std::scoped_lock takes both locks at once",
           .run =
               [](course::Args&) {
                 show_scoped_lock_fix();
               }},
          {.name = "ordered",
           .summary = "the fix: every thread locks accounts in one global order",
           .run =
               [](course::Args&) {
                 show_lock_order_fix();
               }},
          {.name = "philosophers",
           .arguments = "[N] [--hang]",
           .summary = "HANGS: N dining philosophers each hold their left fork (default 5)",
           .kind = course::Mode::Kind::deadlocks,
           .run =
               [](course::Args& args) {
                 const bool hang = args.flag("--hang");
                 show_philosophers_deadlock(static_cast<int>(args.number("N", 5, 2, 20)), hang);
               }},
          // the philosophers-fixed scene is in philosophers.cpp
          {.name = "philosophers-fixed",
           .arguments = "[N]",
           .summary = "the fix: pick up the lower-numbered fork first",
           .run =
               [](course::Args& args) {
                 show_philosophers_fix(static_cast<int>(args.number("N", 5, 2, 20)));
               }},
          {.name = "inversion",
           .summary = "INVERTED ON PURPOSE: opposite orders that happen not to hang; TSan still warns",
           .kind = course::Mode::Kind::racy,
           .run =
               [](course::Args&) {
                 show_lucky_inversion();
               }},
          {.name = "hold",
           .summary = "timelines: holding the lock during all the work vs only to publish the result",
           .run =
               [](course::Args&) {
                 compare_lock_scopes();
               }},
      },
      {"rlock", "abba"}};
  return course::run_demo(demo, argc, argv);
}
