// Starting another program: fork() then exec(), or posix_spawn() in one call.
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <string>
#include <system_error>

#include "course/log.hpp"
#include "lesson.hpp"

extern char** environ;

namespace {

// A program every POSIX system has; it prints its own PID and its parent's.
const char* const kScript = "echo \"           sh ($0) | my PID is $$, my parent's is $PPID\"";

}  // namespace

void show_exec() {
  course::heading("fork + exec: copy this process, then replace the copy with another program");
  course::say("I am PID {}", ::getpid());
  // [snippet:fork_exec]
  std::fflush(stdout);
  const pid_t forked = ::fork();
  if (forked == 0) {
    // Between fork and exec the child may rearrange itself: redirect, chdir, drop rights.
    ::execlp("sh", "fork+exec", "-c", kScript, static_cast<char*>(nullptr));
    std::perror("exec");  // exec returns only when it failed
    ::_exit(127);
  }
  ::waitpid(forked, nullptr, 0);
  // [/snippet:fork_exec]

  course::heading("posix_spawn: one call that says what the child should run");
  // [snippet:posix_spawn]
  std::string program = "sh", dash_c = "-c", script = kScript, name = "posix_spawn";
  char* argv[] = {program.data(), dash_c.data(), script.data(), name.data(), nullptr};
  pid_t spawned = 0;
  std::fflush(stdout);
  const int error = ::posix_spawnp(&spawned, "sh", nullptr, nullptr, argv, environ);
  if (error != 0) {
    throw std::system_error(error, std::generic_category(), "posix_spawnp");
  }
  ::waitpid(spawned, nullptr, 0);
  // [/snippet:posix_spawn]
  course::say("both ran sh as a child of mine; posix_spawn can use vfork-like speed under the hood");
}
