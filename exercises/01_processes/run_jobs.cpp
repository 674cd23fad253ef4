// Lesson 01 exercise: run every job in a child process of its own, all at
// once, and report how each one ended (exit code, or the signal that killed it).
//
// Quick reference
//   pid_t fork();                           0 in the child, the child's PID in the parent, -1 on error
//   void _exit(int code);                   end the child at once, without running the parent's cleanup
//   pid_t waitpid(pid_t pid, int* status, 0);   wait for that child and reap it
//   WIFEXITED(status)   WEXITSTATUS(status) the child returned or called exit(): its code
//   WIFSIGNALED(status) WTERMSIG(status)    a signal killed the child: which one
//   fflush(stdout);                         before fork, or buffered output is printed twice
//
// Check with: ./course check 01      Stuck? ./course hint 01

#include "run_jobs.hpp"

#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>

std::vector<JobResult> run_jobs(const std::vector<Job>& jobs) {
  std::vector<JobResult> results(jobs.size());

  // Start every job before waiting for any, so they run at the same time.
  for (std::size_t i = 0; i < jobs.size(); ++i) {
    // TODO: fork a child for jobs[i].
    //   In the child: run the job and end with _exit(what it returned);
    //   if the job throws, end with _exit(kJobThrewExitCode). Never return from here.
    //   In the parent: remember the child's PID in results[i].pid.
  }

  // Reap every child, and record how it ended.
  for (JobResult& result : results) {
    // TODO: waitpid(result.pid, ...) and fill in exited, exit_code and signal.
    (void)result;
  }
  return results;
}
