// Lesson 11: the parallel algorithms, OpenMP, Amdahl's law. Run with --help for the modes.
#include "course/demo.hpp"
#include "lesson.hpp"

int main(int argc, char** argv) {
  const course::Demo demo{
      "Lesson 11: parallel algorithms. One line of policy, a thread pool underneath, and the laws that cap "
      "it.",
      {
          {.name = "ways",
           .arguments = "[thousands]",
           .summary = "the same prime count five ways: loop, threads, seq/par/par_unseq, OpenMP; speedups",
           .smoke_arguments = "8",
           .run =
               [](course::Args& args) {
                 show_five_ways(args.number("thousands", 160, 1, 100'000));
               }},
          {.name = "amdahl",
           .arguments = "[thousands]",
           .summary = "Amdahl's law: a growing serial part, measured against 1/(s + (1-s)/n)",
           .smoke_arguments = "8",
           .run =
               [](course::Args& args) {
                 show_amdahl(args.number("thousands", 60, 1, 100'000));
               }},
          {.name = "imbalance",
           .arguments = "[thousands]",
           .summary = "uneven items: OpenMP schedule(static) vs dynamic vs std::for_each(par), timelines",
           .smoke_arguments = "8",
           .run =
               [](course::Args& args) {
                 show_load_imbalance(args.number("thousands", 60, 1, 100'000));
               }},
          {.name = "trap",
           .arguments = "[items]",
           .summary = "RACES ON PURPOSE: for_each(par) pushing into a shared vector; then transform_reduce",
           .kind = course::Mode::Kind::racy,
           .smoke_arguments = "100000",
           .run =
               [](course::Args& args) {
                 show_shared_vector_trap(args.number("items", 2'000'000, 1000, 100'000'000));
               }},
          {.name = "tiny",
           .summary = "when not to: par against seq on 100 to 1,000,000 numbers, the cost of a call",
           .run =
               [](course::Args&) {
                 show_when_not_to();
               }},
      },
      {"ways", "amdahl", "imbalance", "trap", "tiny"}};
  return course::run_demo(demo, argc, argv);
}
