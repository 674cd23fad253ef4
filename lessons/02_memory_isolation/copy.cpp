// After fork() the child has its own copy of every variable, at the same address.
#include "course/child.hpp"
#include "course/log.hpp"
#include "lesson.hpp"

void show_private_copy() {
  course::heading("The child changes its copy; the parent's stays");
  // [snippet:child_adds_five]
  int x = 10;
  course::ChildProcess child = course::ChildProcess::start([&x] {
    course::set_actor_name("child");
    x += 5;
    course::say("Inside process: x = {}   (at address {})", x, static_cast<void*>(&x));
    return 0;
  });
  child.wait();
  course::say("In main process: x = {}  (at address {})", x, static_cast<void*>(&x));
  // [/snippet:child_adds_five]
  course::say("the same address holds 15 in one process and 10 in the other:");
  course::say("addresses are virtual, and each process maps them to memory of its own");
}
