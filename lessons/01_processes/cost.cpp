// What it costs to start and finish a process, and a thread.
#include <sys/wait.h>
#include <unistd.h>

#include <thread>

#include "course/log.hpp"
#include "course/stopwatch.hpp"
#include "lesson.hpp"

void compare_creation_cost(int count) {
  course::heading(fmt::format("Creating and finishing {} processes, then {} threads", count, count));
  // [snippet:creation_cost]
  const double process_us = course::microseconds_each(count, [] {
    const pid_t pid = ::fork();
    if (pid == 0) {
      ::_exit(0);
    }
    ::waitpid(pid, nullptr, 0);
  });
  const double thread_us = course::microseconds_each(count, [] { std::thread([] {}).join(); });
  // [/snippet:creation_cost]
  fmt::print("\n{:<10} {:>12} {:>16}\n", "", "C++ (here)", "Python (notes)");
  fmt::print("{:<10} {:>9.1f} µs {:>13} µs\n", "process", process_us, "11,350");
  fmt::print("{:<10} {:>9.1f} µs {:>13} µs\n", "thread", thread_us, "208");
  fmt::print("{:<10} {:>11.0f}x {:>15}x\n", "ratio", process_us / thread_us, "55");
}
