// Lesson 08: coroutines, with Asio's event loop. Run with --help for the modes.
#include "course/demo.hpp"
#include "lesson.hpp"

int main(int argc, char** argv) {
  const course::Demo demo{
      "Lesson 08: coroutines. Functions that wait without blocking, on one thread, by the thousand.",
      {
          {"coroutine", "", "a coroutine by hand, without a library: promise, co_yield, resume",
           [](course::Args&) {
             show_hand_written_coroutine();
           }},
          {"fetch3", "", "three 300 ms fetches gathered with &&: about 300 ms, not 900",
           [](course::Args&) {
             show_three_fetches();
           }},
          {"tasks", "", "tasks A, B and C started together: the longest delay, not the sum",
           [](course::Args&) {
             show_tasks_a_b_c();
           }},
          {"timeout", "", "a timeout with ||: the loser is cancelled",
           [](course::Args&) {
             show_timeout();
           }},
          {"gather-fails", "",
           "one fetch of three fails under &&: what comes out, and how to keep the real error",
           [](course::Args&) {
             show_gather_failures();
           }},
          {"exceptions", "", "one fetch of three fails: every result and the exception (return_exceptions)",
           [](course::Args&) {
             show_exceptions();
           }},
          {"blocking", "", "a coroutine that computes without co_await freezes the loop's ticker",
           [](course::Args&) {
             show_blocked_loop();
           }},
          {"server", "[seconds]", "the slow HTTP server on its own, for curl (default: 60 s)",
           [](course::Args& args) {
             run_slow_server(static_cast<int>(args.number("seconds", 60, 1, 86400)));
           }},
          {"fetch", "[urls]", "100 URLs of 20 ms: one by one, a thread each, a coroutine each",
           [](course::Args& args) {
             compare_fetch_styles(static_cast<int>(args.number("urls", 100, 1, 2000)));
           }},
          {"connections", "[count]", "10,000 open connections on one thread, and their memory vs threads",
           [](course::Args& args) {
             hold_many_connections(static_cast<int>(args.number("count", 10'000, 1, 100'000)));
           }},
      },
      {"fetch3", "tasks", "timeout", "fetch"}};
  return course::run_demo(demo, argc, argv);
}
