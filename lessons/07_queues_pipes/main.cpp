// Lesson 07: queues and pipes. Run with --help for the modes.
#include "course/demo.hpp"
#include "lesson.hpp"

int main(int argc, char** argv) {
  const course::Demo demo{
      "Lesson 07: queues and pipes. Threads hand work over through a queue; processes through bytes.",
      {
          {"queue", "", "a bounded blocking queue: workers double numbers; task_done/join; close()",
           [](course::Args&) {
             show_worker_queue();
           }},
          {"pipe", "", "pipe(2): the parent writes lines, the child reads them until end-of-file",
           [](course::Args&) {
             show_pipe();
           }},
          {"socketpair", "", "socketpair: two-way talk between parent and child (Python's Pipe)",
           [](course::Args&) {
             show_socketpair();
           }},
          {"framing", "", "length-prefixed messages from 0 bytes to 1 MiB; the pipe's capacity measured",
           [](course::Args&) {
             show_framing();
           }},
          {"shared", "", "a shared-memory array of atomics filled by several processes",
           [](course::Args&) {
             show_shared_array();
           }},
          {"throughput", "", "messages/s and MB/s: thread queue vs pipe vs shared memory, one run",
           [](course::Args&) {
             compare_throughput();
           }},
      },
      {"queue", "socketpair", "framing", "throughput"}};
  return course::run_demo(demo, argc, argv);
}
