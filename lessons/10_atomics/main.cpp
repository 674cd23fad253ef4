// Lesson 10: atomics and the memory model. Run with --help for the modes.
#include "course/demo.hpp"
#include "lesson.hpp"

int main(int argc, char** argv) {
  const course::Demo demo{
      "Lesson 10: atomics and the memory model. The hardware reorders your code; the tools prove it.",
      {
          {.name = "litmus",
           .arguments = "[rounds]",
           .summary = "store buffering: r1 == r2 == 0 counted with relaxed, release/acquire and seq_cst",
           .smoke_arguments = "20000",
           .run =
               [](course::Args& args) {
                 show_store_buffering(args.number("rounds", 1'000'000, 1000, 100'000'000));
               }},
          {.name = "message",
           .arguments = "[rounds]",
           .summary = "message passing: a payload, then a flag, with release/acquire (TSan is quiet)",
           .smoke_arguments = "20000",
           .run =
               [](course::Args& args) {
                 show_message_passing(args.number("rounds", 200'000, 1000, 100'000'000), false);
               }},
          {.name = "message-relaxed",
           .arguments = "[rounds]",
           .summary = "RACES ON PURPOSE: the same with relaxed; x86 hides it, the tsan build reports it",
           .kind = course::Mode::Kind::racy,
           .smoke_arguments = "20000",
           .run =
               [](course::Args& args) {
                 show_message_passing(args.number("rounds", 200'000, 1000, 100'000'000), true);
               }},
          {.name = "sharing",
           .arguments = "[millions]",
           .summary = "false sharing: two counters in one cache line vs padded apart, the ratio measured",
           .smoke_arguments = "1",
           .run =
               [](course::Args& args) {
                 show_false_sharing(args.number("millions", 10, 1, 1000));
               }},
          {.name = "torn",
           .summary = "RACES ON PURPOSE: a two-word struct read while written; then std::atomic<Pair>",
           .kind = course::Mode::Kind::racy,
           .run =
               [](course::Args&) {
                 show_torn_reads();
               }},
          {.name = "spin",
           .summary = "waiting for a lock: two spinlocks, std::mutex, atomic::wait; wall and CPU time",
           .run =
               [](course::Args&) {
                 show_spinning_and_blocking();
               }},
          {.name = "cas",
           .arguments = "[threads]",
           .summary = "a lock-free stack's push: a compare_exchange_weak loop, its retries counted",
           .run =
               [](course::Args& args) {
                 show_compare_and_swap(static_cast<int>(args.number("threads", 2, 1, 16)));
               }},
      },
      {"litmus", "message", "sharing", "torn", "spin", "cas"}};
  return course::run_demo(demo, argc, argv);
}
