// How a child ended, as waitpid() tells it: an exit code, or a signal.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <string>
#include <system_error>
#include <thread>

#include "course/log.hpp"
#include "lesson.hpp"

namespace {

pid_t start_child(const std::string& name, const std::function<int()>& body) {
  std::fflush(stdout);
  const pid_t pid = ::fork();
  if (pid < 0) {
    throw std::system_error(errno, std::generic_category(), "fork");
  }
  if (pid == 0) {
    course::set_actor_name(name);
    ::_exit(body());
  }
  return pid;
}

// [snippet:decode_status]
std::string describe(int status) {
  if (WIFEXITED(status)) {
    return fmt::format("exited with code {}", WEXITSTATUS(status));
  }
  if (WIFSIGNALED(status)) {
    const int signal = WTERMSIG(status);
    return fmt::format("was killed by signal {} ({})", signal, strsignal(signal));
  }
  return "stopped";
}
// [/snippet:decode_status]

}  // namespace

void show_exit_statuses() {
  course::heading("How did the child end? waitpid() knows");

  const pid_t fine = start_child("fine", [] {
    course::say("all good, returning 0");
    return 0;
  });
  const pid_t unhappy = start_child("unhappy", [] {
    course::say("no input found, returning 3");
    return 3;
  });
  const pid_t crasher = start_child("crasher", []() -> int {
    course::say("calling abort()");
    std::abort();
  });
  const pid_t sleeper = start_child("sleeper", [] {
    course::say("sleeping for a minute...");
    std::this_thread::sleep_for(std::chrono::minutes(1));
    return 0;
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  course::say("sending SIGTERM to the sleeper ({})", sleeper);
  ::kill(sleeper, SIGTERM);

  for (const pid_t pid : {fine, unhappy, crasher, sleeper}) {
    int status = 0;
    ::waitpid(pid, &status, 0);
    course::say("child {} {}", pid, describe(status));
  }
}
