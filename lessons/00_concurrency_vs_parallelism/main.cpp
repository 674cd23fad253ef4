// Lesson 00: concurrency vs parallelism. Run with --help for the modes.
#include "course/demo.hpp"
#include "lesson.hpp"

int main(int argc, char** argv) {
  const course::Demo demo{"Lesson 00: concurrency (taking turns) vs parallelism (at the same time), drawn.",
                          {
                              {"one-core", "", "tasks A and B pinned to one core: they interleave",
                               [](course::Args&) {
                                 show_one_core();
                               }},
                              {"two-cores", "", "tasks A and B free on every core: they overlap",
                               [](course::Args&) {
                                 show_two_cores();
                               }},
                              {"both", "", "both runs on one chart, with the time both were running",
                               [](course::Args&) {
                                 show_both();
                               }},
                          },
                          {"both"}};
  return course::run_demo(demo, argc, argv);
}
