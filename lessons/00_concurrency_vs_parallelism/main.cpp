// Lesson 00: concurrency vs parallelism. Run with --help for the modes.
#include "course/demo.hpp"
#include "lesson.hpp"

int main(int argc, char** argv) {
  const course::Demo demo{"Lesson 00: concurrency (taking turns) vs parallelism (at the same time), drawn.",
                          {
                              // the one-core scene is in scenes.cpp
                              {.name = "one-core",
                               .summary = "tasks A and B pinned to one core: they interleave",
                               .run =
                                   [](course::Args&) {
                                     show_one_core();
                                   }},
                              // the two-cores scene is in scenes.cpp
                              {.name = "two-cores",
                               .summary = "tasks A and B free on every core: they overlap",
                               .run =
                                   [](course::Args&) {
                                     show_two_cores();
                                   }},
                              // the both scene is in scenes.cpp
                              {.name = "both",
                               .summary = "both runs on one chart, with the time both were running",
                               .run =
                                   [](course::Args&) {
                                     show_both();
                                   }},
                          },
                          {"both"}};
  return course::run_demo(demo, argc, argv);
}
