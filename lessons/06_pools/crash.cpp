// A worker process dies in the middle of a task. The pool sees its socket
// close, reaps it, and reports a broken pool; nothing hangs, nothing is left.
#include <sys/wait.h>

#include <cerrno>
#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <stdexcept>
#include <thread>
#include <vector>

#include <fmt/ranges.h>

#include "course/log.hpp"
#include "lesson.hpp"
#include "process_pool.hpp"

void show_broken_process_pool() {
  course::heading("A worker dies in the middle of a task");
  {
    // [snippet:crashing_task]
    ProcessPool pool(2, [](std::uint64_t input) -> std::uint64_t {
      if (input == 5) {
        std::abort();  // a failed assertion, a segfault, the OOM killer...
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
      return input * input;
    });
    try {
      pool.map({1, 2, 3, 4, 5, 6, 7, 8});
    } catch (const BrokenProcessPool& error) {
      course::say("BrokenProcessPool: {}", error.what());
    }
    // [/snippet:crashing_task]
    std::vector<pid_t> alive;
    for (const pid_t pid : pool.pids()) {
      if (pid > 0) {  // the dead worker was reaped: its PID is gone
        alive.push_back(pid);
      }
    }
    course::say("still alive: worker PID {}; the pool closes it on the way out", fmt::join(alive, ", "));
  }
  // Proof of hygiene: this process has no child left, not even a zombie.
  if (::waitpid(-1, nullptr, WNOHANG) != -1 || errno != ECHILD) {
    throw std::runtime_error("a worker process was left behind");
  }
  course::say("no child process left: every worker was reaped");
}
