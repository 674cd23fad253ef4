// Lesson 06: thread pools and process pools. Run with --help for the modes.
#include <algorithm>

#include "course/cores.hpp"
#include "course/demo.hpp"
#include "lesson.hpp"

int main(int argc, char** argv) {
  const long cores = std::max(2, course::usable_cores());
  const course::Demo demo{
      "Lesson 06: pools. Reuse threads and processes instead of starting one per task.",
      {
          {.name = "submit",
           .summary = "submit() returns a future; the pool's threads run the tasks",
           .run =
               [](course::Args&) {
                 show_submit();
               }},
          {.name = "map",
           .summary = "map() keeps the input order; completion order is another order",
           .run =
               [](course::Args&) {
                 show_map_and_completion_order();
               }},
          {.name = "exceptions",
           .summary = "a task's exception comes out of its own future, and only there",
           .run =
               [](course::Args&) {
                 show_exceptions();
               }},
          {.name = "shutdown",
           .summary = "shutdown() waits for queued tasks; shutdown(cancel) drops them",
           .run =
               [](course::Args&) {
                 show_shutdown();
               }},
          {.name = "async",
           .summary = "std::async for contrast: a thread per task, or deferred to get()",
           .run =
               [](course::Args&) {
                 show_async();
               }},
          {.name = "processes",
           .arguments = "[workers]",
           .summary = "a process pool (fork + socketpairs) on CPU-bound work: the speedup",
           .forks = true,
           .run =
               [cores](course::Args& args) {
                 show_process_pool_speedup(static_cast<int>(args.number("workers", cores, 1, 64)));
               }},
          {.name = "crash",
           .summary = "a worker process is killed mid-task: a broken pool, reported, no zombie",
           .run =
               [](course::Args&) {
                 show_broken_process_pool();
               }},
          {.name = "compare",
           .summary = "the course's ThreadPool vs asio::thread_pool vs std::async, measured",
           .run =
               [](course::Args&) {
                 compare_pools();
               }},
      },
      {"map", "exceptions", "processes", "crash"}};
  return course::run_demo(demo, argc, argv);
}
