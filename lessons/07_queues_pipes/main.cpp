// Lesson 07: queues and pipes. Run with --help for the modes.
#include "course/demo.hpp"
#include "lesson.hpp"

int main(int argc, char** argv) {
  const course::Demo demo{
      "Lesson 07: queues and pipes. Threads hand work over through a queue; processes through bytes.",
      {
          {.name = "queue",
           .summary = "a bounded blocking queue: workers double numbers; task_done/join; close()",
           .run =
               [](course::Args&) {
                 show_worker_queue();
               }},
          {.name = "pipe",
           .summary = "pipe(2): the parent writes lines, the child reads them until end-of-file",
           .run =
               [](course::Args&) {
                 show_pipe();
               }},
          {.name = "socketpair",
           .summary = "socketpair: two-way talk between parent and child (Python's Pipe)",
           .run =
               [](course::Args&) {
                 show_socketpair();
               }},
          // the framing scene is in messages.cpp
          {.name = "framing",
           .summary = "length-prefixed messages from 0 bytes to 1 MiB; the pipe's capacity measured",
           .run =
               [](course::Args&) {
                 show_framing();
               }},
          {.name = "shared",
           .summary = "a shared-memory array of atomics filled by several processes",
           .run =
               [](course::Args&) {
                 show_shared_array();
               }},
          {.name = "throughput",
           .summary = "messages/s and MB/s: thread queue vs pipe vs shared memory, one run",
           .forks = true,
           .run =
               [](course::Args&) {
                 compare_throughput();
               }},
      },
      {"queue", "socketpair", "framing", "throughput"}};
  return course::run_demo(demo, argc, argv);
}
