// Lesson 09: hybrid. An event loop for the waiting, threads or processes for the computing.
// Run with --help for the modes.
#include "course/demo.hpp"
#include "course/log.hpp"
#include "lesson.hpp"

int main(int argc, char** argv) {
  course::set_actor_name("loop");
  const course::Demo demo{
      "Lesson 09: hybrid. Coroutines wait, a pool computes, and the loop never freezes.",
      {
          {.name = "offload",
           .summary = "lesson 08's frozen ticker, fixed: the counting moves to a thread pool",
           .run =
               [](course::Args&) {
                 show_offloading();
               }},
          {.name = "post",
           .summary = "plain threads hand their results to the loop with asio::post: no lock needed",
           .run =
               [](course::Args&) {
                 show_threads_posting_results();
               }},
          {.name = "process",
           .summary = "the counting in a worker process, its answer read through an Asio stream descriptor",
           .forks = true,
           .run =
               [](course::Args&) {
                 show_process_offloading();
               }},
          {.name = "fetch-process",
           .arguments = "[jobs]",
           .summary = "fetch with coroutines, then count in a pool (Python's fetch_and_process)",
           .run =
               [](course::Args& args) {
                 fetch_and_process(static_cast<int>(args.number("jobs", 6, 1, 64)));
               }},
          {.name = "ping",
           .arguments = "[workers]",
           .summary = "the exercise's server: /ping answers while four /work requests compute",
           .run =
               [](course::Args& args) {
                 show_ping_during_work(static_cast<int>(args.number("workers", 4, 1, 64)));
               }},
          {.name = "matrix",
           .arguments = "[tasks]",
           .summary = "the decision matrix, measured: I/O, CPU and mixed work, five ways",
           .forks = true,
           .run =
               [](course::Args& args) {
                 measure_decision_matrix(static_cast<int>(args.number("tasks", 8, 1, 64)));
               }},
          {.name = "cost",
           .arguments = "[count]",
           .summary = "what it costs to start and finish a process, a thread, a coroutine",
           .run =
               [](course::Args& args) {
                 compare_creation_costs(static_cast<int>(args.number("count", 1000, 10, 100'000)));
               }},
      },
      {"offload", "post", "fetch-process", "ping"}};
  return course::run_demo(demo, argc, argv);
}
