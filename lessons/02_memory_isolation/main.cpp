// Lesson 02: memory isolation. Run with --help for the modes.
#include "course/demo.hpp"
#include "lesson.hpp"

int main(int argc, char** argv) {
  const course::Demo demo{
      "Lesson 02: memory isolation. A child gets a copy of everything; MAP_SHARED memory is the exception.",
      {
          {.name = "copy",
           .summary = "the child does x += 5 and sees 15; the parent still sees 10",
           .run =
               [](course::Args&) {
                 show_private_copy();
               }},
          {.name = "cow",
           .arguments = "[MiB]",
           .summary = "copy-on-write made visible: page faults when a child reads vs writes (default: 256)",
           .forks = true,
           .run =
               [](course::Args& args) {
                 show_copy_on_write(static_cast<int>(args.number("MiB", 256, 1, 4096)));
               }},
          {.name = "shared",
           .summary = "MAP_SHARED memory both processes see, with an atomic counter",
           .run =
               [](course::Args&) {
                 show_shared_memory();
               }},
          {.name = "race",
           .arguments = "[millions]",
           .summary = "RACES ON PURPOSE: two processes add to a shared plain long and lose updates (default: "
                      "50 million adds each)",
           .kind = course::Mode::Kind::racy,
           .run =
               [](course::Args& args) {
                 show_cross_process_race(args.number("millions", 50, 1, 1000));
               }},
      },
      {"copy", "cow", "shared"}};
  return course::run_demo(demo, argc, argv);
}
