#pragma once
// Lesson 01 exercise: run jobs in child processes and collect how each ended.

#include <sys/types.h>

#include <functional>
#include <vector>

// A job runs in a child process; what it returns becomes the child's exit code.
using Job = std::function<int()>;

// The exit code reported for a job that threw instead of returning.
inline constexpr int kJobThrewExitCode = 70;

struct JobResult {
  pid_t pid = -1;       // the child that ran the job
  bool exited = false;  // true: the job returned; false: a signal killed it
  int exit_code = -1;   // what the job returned, when exited
  int signal = 0;       // the signal that killed it, when not exited
};

// Starts every job in a child process of its own, all of them before waiting
// for any, then waits for every child. The results are in the jobs' order.
// Nothing is left behind: no zombie, no child still running.
std::vector<JobResult> run_jobs(const std::vector<Job>& jobs);
