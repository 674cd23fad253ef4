// Lesson 06: thread pools and process pools. Run with --help for the modes.
#include <unistd.h>

#include <algorithm>

#include "course/demo.hpp"
#include "lesson.hpp"

int main(int argc, char** argv) {
  const long cores = std::max(2L, ::sysconf(_SC_NPROCESSORS_ONLN));
  const course::Demo demo{
      "Lesson 06: pools. Reuse threads and processes instead of starting one per task.",
      {
          {"submit", "", "submit() returns a future; the pool's threads run the tasks",
           [](course::Args&) {
             show_submit();
           }},
          {"map", "", "map() keeps the input order; completion order is another order",
           [](course::Args&) {
             show_map_and_completion_order();
           }},
          {"exceptions", "", "a task's exception comes out of its own future, and only there",
           [](course::Args&) {
             show_exceptions();
           }},
          {"shutdown", "", "shutdown() waits for queued tasks; shutdown(cancel) drops them",
           [](course::Args&) {
             show_shutdown();
           }},
          {"async", "", "std::async for contrast: a thread per task, or deferred to get()",
           [](course::Args&) {
             show_async();
           }},
          {"processes", "[workers]", "a process pool (fork + socketpairs) on CPU-bound work: the speedup",
           [cores](course::Args& args) {
             show_process_pool_speedup(static_cast<int>(args.number("workers", cores, 1, 64)));
           }},
          {"crash", "", "a worker process is killed mid-task: a broken pool, reported, no zombie",
           [](course::Args&) {
             show_broken_process_pool();
           }},
          {"compare", "", "the course's ThreadPool vs asio::thread_pool vs std::async, measured",
           [](course::Args&) {
             compare_pools();
           }},
      },
      {"map", "exceptions", "processes", "crash"}};
  return course::run_demo(demo, argc, argv);
}
