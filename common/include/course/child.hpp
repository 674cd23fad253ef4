#pragma once
// A forked child process that is always reaped: waited for, or killed and
// waited for by the destructor. No zombies, no orphans.
//
// Lesson 01 teaches fork() and waitpid() raw; later lessons use this.

#include <sys/types.h>

#include <chrono>
#include <csignal>
#include <functional>
#include <optional>
#include <string>

namespace course {

// What waitpid() says about how a child ended.
struct ExitStatus {
  bool exited = false;  // true: returned or called exit(); false: killed by a signal
  int code = 0;         // the exit code, when exited
  int signal = 0;       // the signal, when killed

  static ExitStatus from_wait_status(int status);
  bool ok() const { return exited && code == 0; }
  std::string describe() const;  // "exited with code 3", "killed by signal 6 (Aborted)"
};

// The exit code of a child whose body threw.
inline constexpr int kChildExceptionExitCode = 70;

class ChildProcess {
 public:
  enum class Group {
    shared,  // the parent's process group: Ctrl-C reaches the child too (demos)
    own,     // a group of its own, so kill_group() also ends its descendants (tests)
  };

  // Forks; the child runs `body` and ends with _exit(body's return value).
  // It never returns into the caller's code, even when body throws.
  static ChildProcess start(const std::function<int()>& body, Group group = Group::shared);

  ChildProcess(ChildProcess&& other) noexcept;
  ChildProcess& operator=(ChildProcess&& other) noexcept;
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;
  ~ChildProcess();

  pid_t pid() const { return pid_; }  // -1 once reaped
  bool reaped() const { return pid_ <= 0; }
  // Waiting for a child that was already reaped throws std::logic_error.
  ExitStatus wait();
  // The status if the child ended within `timeout`; it is still running otherwise.
  std::optional<ExitStatus> wait_for(std::chrono::milliseconds timeout);
  void kill(int signal = SIGKILL) const;
  // Group::own only: the signal goes to the child and everything it forked.
  void kill_group(int signal = SIGKILL) const;

 private:
  ChildProcess(pid_t pid, Group group) : pid_(pid), group_(group) {}
  pid_t pid_ = -1;  // -1 once reaped
  Group group_ = Group::shared;
};

}  // namespace course
