// Two children, each with a PID of its own, next to their parent.
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <system_error>
#include <vector>

#include "course/log.hpp"
#include "lesson.hpp"

void show_pids() {
  course::heading("Two children, each with a PID of its own");
  course::say("I am the parent: PID {}", ::getpid());

  // [snippet:two_children]
  std::vector<pid_t> children;
  for (int i = 1; i <= 2; ++i) {
    std::fflush(stdout);  // or the child inherits our buffered output and prints it again
    const pid_t pid = ::fork();
    if (pid < 0) {
      throw std::system_error(errno, std::generic_category(), "fork");
    }
    if (pid == 0) {  // in the child, fork() returned 0
      course::set_actor_name(fmt::format("child-{}", i));
      course::say("my PID is {}, my parent's is {}", ::getpid(), ::getppid());
      ::_exit(0);  // never return into the parent's code
    }
    children.push_back(pid);  // in the parent, fork() returned the child's PID
  }
  for (const pid_t pid : children) {
    ::waitpid(pid, nullptr, 0);  // reap it, or it lingers as a zombie
  }
  // [/snippet:two_children]
  course::say("both children ended and were reaped: {} and {}", children[0], children[1]);
}
