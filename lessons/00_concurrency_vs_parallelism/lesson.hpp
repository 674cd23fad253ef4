#pragma once
// Lesson 00's scenes.

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "course/cpu_meter.hpp"
#include "course/timeline.hpp"

// While it lives, the calling thread may run on one core only: the first it
// is allowed. Threads it starts meanwhile inherit that. Linux only: elsewhere
// the constructor throws std::runtime_error.
class OneCoreOnly {
 public:
  OneCoreOnly();
  ~OneCoreOnly();
  OneCoreOnly(const OneCoreOnly&) = delete;
  OneCoreOnly& operator=(const OneCoreOnly&) = delete;

 private:
  std::vector<int> allowed_;  // the cores to give back
};

// Runs two CPU-bound tasks, A and B, on two threads and records when each was
// actually running. With `one_core`, both threads are pinned to the same core.
// Returns the wall time taken and the CPU the two threads got; the spans go to
// `timeline`, in lanes named "<run> A" and "<run> B".
course::CpuUse run_two_tasks(course::Timeline& timeline, const std::string& run, bool one_core);

// How long both lanes were running at the same instant.
std::chrono::duration<double> time_both_ran(const course::Timeline& timeline, const std::string& lane_a,
                                            const std::string& lane_b);

void show_one_core();
void show_two_cores();
void show_both();
