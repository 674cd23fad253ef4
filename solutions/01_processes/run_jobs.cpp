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

#include <cerrno>
#include <cstdio>
#include <system_error>

std::vector<JobResult> run_jobs(const std::vector<Job>& jobs) {
  std::vector<JobResult> results(jobs.size());

  // Start every job before waiting for any, so they run at the same time.
  for (std::size_t i = 0; i < jobs.size(); ++i) {
    std::fflush(stdout);
    const pid_t pid = ::fork();
    if (pid < 0) {
      throw std::system_error(errno, std::generic_category(), "fork");
    }
    if (pid == 0) {
      // The child must end here, whatever the job does: an exception that
      // escaped would run the parent's code a second time, in this process.
      int code = kJobThrewExitCode;
      try {
        code = jobs[i]();
      } catch (...) {
      }
      ::_exit(code);
    }
    results[i].pid = pid;
  }

  // Reap every child, and record how it ended. Waiting in input order is fine:
  // the children run meanwhile, and each one is reaped, so none stays a zombie.
  for (JobResult& result : results) {
    int status = 0;
    while (::waitpid(result.pid, &status, 0) < 0 && errno == EINTR) {
    }
    result.exited = WIFEXITED(status);
    if (result.exited) {
      result.exit_code = WEXITSTATUS(status);
    } else if (WIFSIGNALED(status)) {
      result.signal = WTERMSIG(status);
    }
  }
  return results;
}
