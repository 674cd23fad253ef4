#include "course/child.hpp"

#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <exception>
#include <stdexcept>
#include <system_error>
#include <thread>
#include <utility>

#include <fmt/core.h>

namespace course {

ExitStatus ExitStatus::from_wait_status(int status) {
  ExitStatus result;
  if (WIFEXITED(status)) {
    result.exited = true;
    result.code = WEXITSTATUS(status);
  } else if (WIFSIGNALED(status)) {
    result.signal = WTERMSIG(status);
  }
  return result;
}

std::string ExitStatus::describe() const {
  if (exited) {
    return fmt::format("exited with code {}", code);
  }
  return fmt::format("killed by signal {} ({})", signal, strsignal(signal));
}

ChildProcess ChildProcess::start(const std::function<int()>& body, Group group) {
  // Whatever sits in a stdio buffer now would be printed twice: once per process.
  std::fflush(nullptr);
  const pid_t pid = ::fork();
  if (pid < 0) {
    throw std::system_error(errno, std::generic_category(), "fork");
  }
  if (pid == 0) {
    if (group == Group::own) {
      ::setpgid(0, 0);
    }
    int code = kChildExceptionExitCode;
    try {
      code = body();
    } catch (const std::exception& error) {
      fmt::print(stderr, "child {}: uncaught exception: {}\n", ::getpid(), error.what());
    } catch (...) {
      fmt::print(stderr, "child {}: uncaught exception\n", ::getpid());
    }
    std::fflush(nullptr);
    ::_exit(code);  // never return into the parent's code, never run its destructors
  }
  if (group == Group::own) {
    ::setpgid(pid, pid);  // also here: whichever runs first, the group exists before kill_group()
  }
  return ChildProcess(pid, group);
}

ChildProcess::ChildProcess(ChildProcess&& other) noexcept
    : pid_(std::exchange(other.pid_, -1)), group_(other.group_) {}

ChildProcess& ChildProcess::operator=(ChildProcess&& other) noexcept {
  if (this != &other) {
    if (pid_ > 0) {
      kill();
      wait();
    }
    pid_ = std::exchange(other.pid_, -1);
    group_ = other.group_;
  }
  return *this;
}

ChildProcess::~ChildProcess() {
  if (pid_ > 0) {
    if (group_ == Group::own) {
      kill_group();
    } else {
      kill();
    }
    wait();
  }
}

ExitStatus ChildProcess::wait() {
  if (pid_ <= 0) {
    throw std::logic_error("ChildProcess: this child was already reaped");
  }
  int status = 0;
  while (::waitpid(pid_, &status, 0) < 0) {
    if (errno != EINTR) {
      throw std::system_error(errno, std::generic_category(), "waitpid");
    }
  }
  pid_ = -1;
  return ExitStatus::from_wait_status(status);
}

std::optional<ExitStatus> ChildProcess::wait_for(std::chrono::milliseconds timeout) {
  if (pid_ <= 0) {
    throw std::logic_error("ChildProcess: this child was already reaped");
  }
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (true) {
    int status = 0;
    const pid_t done = ::waitpid(pid_, &status, WNOHANG);
    if (done == pid_) {
      pid_ = -1;
      return ExitStatus::from_wait_status(status);
    }
    if (done < 0 && errno != EINTR) {
      throw std::system_error(errno, std::generic_category(), "waitpid");
    }
    if (std::chrono::steady_clock::now() >= deadline) {
      return std::nullopt;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
}

void ChildProcess::kill(int signal) const {
  if (pid_ > 0) {
    ::kill(pid_, signal);
  }
}

void ChildProcess::kill_group(int signal) const {
  if (pid_ > 0 && group_ == Group::own) {
    ::kill(-pid_, signal);
  }
}

}  // namespace course
