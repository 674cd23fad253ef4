// Lesson 02: memory isolation. Run with --help for the modes.
#include "course/demo.hpp"
#include "lesson.hpp"

int main(int argc, char** argv) {
  const course::Demo demo{
      "Lesson 02: memory isolation. A child gets a copy of everything; MAP_SHARED memory is the exception.",
      {
          {"copy", "", "the child does x += 5 and sees 15; the parent still sees 10",
           [](course::Args&) {
             show_private_copy();
           }},
          {"cow", "[MiB]",
           "copy-on-write made visible: page faults when a child reads vs writes (default: 256)",
           [](course::Args& args) {
             show_copy_on_write(static_cast<int>(args.number("MiB", 256, 1, 4096)));
           }},
          {"shared", "", "MAP_SHARED memory both processes see, with an atomic counter",
           [](course::Args&) {
             show_shared_memory();
           }},
          {"race", "", "RACES ON PURPOSE: two processes add to a shared plain long and lose updates",
           [](course::Args&) {
             show_cross_process_race();
           }},
      },
      {"copy", "cow", "shared"}};
  return course::run_demo(demo, argc, argv);
}
