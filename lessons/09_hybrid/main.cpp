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
          {"offload", "", "lesson 08's frozen ticker, fixed: the counting moves to a thread pool",
           [](course::Args&) {
             show_offloading();
           }},
          {"post", "", "plain threads hand their results to the loop with asio::post: no lock needed",
           [](course::Args&) {
             show_threads_posting_results();
           }},
          {"process", "",
           "the counting in a worker process, its answer read through an Asio stream descriptor",
           [](course::Args&) {
             show_process_offloading();
           }},
          {"fetch-process", "[jobs]",
           "fetch with coroutines, then count in a pool (Python's fetch_and_process)",
           [](course::Args& args) {
             fetch_and_process(static_cast<int>(args.number("jobs", 6, 1, 64)));
           }},
          {"ping", "[workers]", "the exercise's server: /ping answers while four /work requests compute",
           [](course::Args& args) {
             show_ping_during_work(static_cast<int>(args.number("workers", 4, 1, 64)));
           }},
          {"matrix", "[tasks]", "the decision matrix, measured: I/O, CPU and mixed work, five ways",
           [](course::Args& args) {
             measure_decision_matrix(static_cast<int>(args.number("tasks", 8, 1, 64)));
           }},
          {"cost", "[count]", "what it costs to start and finish a process, a thread, a coroutine",
           [](course::Args& args) {
             compare_creation_costs(static_cast<int>(args.number("count", 1000, 10, 100'000)));
           }},
      },
      {"offload", "post", "fetch-process", "ping"}};
  return course::run_demo(demo, argc, argv);
}
