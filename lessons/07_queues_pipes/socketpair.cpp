// socketpair: two connected sockets, one for each process, and both can talk:
// what Python's multiprocessing.Pipe() gives you.
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <string>
#include <system_error>

#include "course/child.hpp"
#include "course/fd.hpp"
#include "course/log.hpp"
#include "framing.hpp"
#include "lesson.hpp"

void show_socketpair() {
  course::heading("A socketpair: ping from the parent, pong from the child");
  int ends[2];
  if (::socketpair(AF_UNIX, SOCK_STREAM, 0, ends) != 0) {
    throw std::system_error(errno, std::generic_category(), "socketpair");
  }
  course::UniqueFd parent_end(ends[0]);
  course::UniqueFd child_end(ends[1]);
  // [snippet:ping_pong]
  course::ChildProcess child = course::ChildProcess::start([&] {
    course::set_actor_name("child");
    parent_end.reset();
    while (const std::optional<std::string> ping = read_message(child_end.get())) {
      write_message(child_end.get(), "pong " + ping->substr(5));
    }
    return 0;  // end-of-file: the parent hung up
  });
  child_end.reset();
  for (int i = 1; i <= 3; ++i) {
    write_message(parent_end.get(), fmt::format("ping {}", i));
    course::say("sent ping {}, got back: {}", i, read_message(parent_end.get()).value_or("nothing"));
  }
  parent_end.reset();  // hang up
  child.wait();
  // [/snippet:ping_pong]
}
