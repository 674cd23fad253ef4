// Lesson 04: mutex vs recursive_mutex, and deadlocks. Run with --help for the modes.
#include "course/demo.hpp"
#include "lesson.hpp"

int main(int argc, char** argv) {
  const course::Demo demo{
      "Lesson 04: lock vs recursive lock. Deadlocks that hang, get explained, and get fixed.\n"
      "Modes marked HANGS deadlock on purpose: a watchdog names the cycle and exits with code 3\n"
      "(--hang keeps the program hung and prints the gdb command to inspect it).",
      {
          {"self", "[--hang]", "HANGS: outer() locks a mutex, calls inner(), which locks it again",
           [](course::Args& args) {
             show_self_deadlock(args.flag("--hang"));
           }},
          {"rlock", "", "the same with std::recursive_mutex: its count goes 1, 2, 1, 0",
           [](course::Args&) {
             show_recursive_mutex();
           }},
          {"abba", "[--hang]", "HANGS: two tellers lock two accounts in opposite orders",
           [](course::Args& args) {
             show_abba_deadlock(args.flag("--hang"));
           }},
          {"scoped", "", "the fix: std::scoped_lock takes both locks at once",
           [](course::Args&) {
             show_scoped_lock_fix();
           }},
          {"ordered", "", "the fix: every thread locks accounts in one global order",
           [](course::Args&) {
             show_lock_order_fix();
           }},
          {"philosophers", "[N] [--hang]",
           "HANGS: N dining philosophers each hold their left fork (default 5)",
           [](course::Args& args) {
             const bool hang = args.flag("--hang");
             show_philosophers_deadlock(static_cast<int>(args.number("N", 5, 2, 20)), hang);
           }},
          {"philosophers-fixed", "[N]", "the fix: pick up the lower-numbered fork first",
           [](course::Args& args) {
             show_philosophers_fix(static_cast<int>(args.number("N", 5, 2, 20)));
           }},
          {"inversion", "", "INVERTED ON PURPOSE: opposite orders that happen not to hang; TSan still warns",
           [](course::Args&) {
             show_lucky_inversion();
           }},
          {"hold", "", "timelines: holding the lock during all the work vs only to publish the result",
           [](course::Args&) {
             compare_lock_scopes();
           }},
      },
      {"rlock", "abba"}};
  return course::run_demo(demo, argc, argv);
}
