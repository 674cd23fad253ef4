// Lesson 08: coroutines, with Asio's event loop. Run with --help for the modes.
#include "course/demo.hpp"
#include "lesson.hpp"

int main(int argc, char** argv) {
  const course::Demo demo{
      "Lesson 08: coroutines. Functions that wait without blocking, on one thread, by the thousand.",
      {
          {.name = "coroutine",
           .summary = "a coroutine by hand, without a library: promise, co_yield, resume",
           .run =
               [](course::Args&) {
                 show_hand_written_coroutine();
               }},
          // the fetch3 scene is in gather.cpp
          {.name = "fetch3",
           .summary = "three 300 ms fetches gathered with &&: about 300 ms, not 900",
           .run =
               [](course::Args&) {
                 show_three_fetches();
               }},
          {.name = "tasks",
           .summary = "tasks A, B and C started together: the longest delay, not the sum",
           .run =
               [](course::Args&) {
                 show_tasks_a_b_c();
               }},
          {.name = "timeout",
           .summary = "a timeout with ||: the loser is cancelled",
           .run =
               [](course::Args&) {
                 show_timeout();
               }},
          {.name = "gather-fails",
           .summary = "one fetch of three fails under &&: what comes out, and how to keep the real error",
           .run =
               [](course::Args&) {
                 show_gather_failures();
               }},
          {.name = "exceptions",
           .summary = "one fetch of three fails: every result and the exception (return_exceptions)",
           .run =
               [](course::Args&) {
                 show_exceptions();
               }},
          {.name = "blocking",
           .summary = "a coroutine that computes without co_await freezes the loop's ticker",
           .run =
               [](course::Args&) {
                 show_blocked_loop();
               }},
          {.name = "server",
           .arguments = "[seconds]",
           .summary = "the slow HTTP server on its own, for curl (default: 60 s)",
           .smoke_arguments = "1",
           .run =
               [](course::Args& args) {
                 run_slow_server(static_cast<int>(args.number("seconds", 60, 1, 86400)));
               }},
          {.name = "fetch",
           .arguments = "[urls]",
           .summary = "100 URLs of 20 ms: one by one, a thread each, a coroutine each",
           .run =
               [](course::Args& args) {
                 compare_fetch_styles(static_cast<int>(args.number("urls", 100, 1, 2000)));
               }},
          {.name = "connections",
           .arguments = "[count]",
           .summary = "10,000 open connections on one thread, and their memory vs threads",
           .forks = true,
           .run =
               [](course::Args& args) {
                 hold_many_connections(static_cast<int>(args.number("count", 10'000, 1, 100'000)));
               }},
      },
      {"fetch3", "tasks", "timeout", "fetch"}};
  return course::run_demo(demo, argc, argv);
}
