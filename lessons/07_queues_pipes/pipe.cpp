// pipe(2): a one-way channel of bytes between related processes.
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <string>
#include <system_error>

#include "course/child.hpp"
#include "course/log.hpp"
#include "lesson.hpp"

void show_pipe() {
  course::heading("A pipe from parent to child");
  // [snippet:pipe]
  int ends[2];  // ends[0] is for reading, ends[1] for writing
  if (::pipe(ends) != 0) {
    throw std::system_error(errno, std::generic_category(), "pipe");
  }
  course::ChildProcess child = course::ChildProcess::start([&ends] {
    course::set_actor_name("child");
    ::close(ends[1]);  // the child only reads; keeping a write end open would hide end-of-file
    std::string text;
    char buffer[64];
    ssize_t n = 0;
    while ((n = ::read(ends[0], buffer, sizeof buffer)) > 0) {  // 0: end-of-file
      text.append(buffer, static_cast<std::size_t>(n));
    }
    course::say("read {} bytes, then end-of-file:\n{}", text.size(), text);
    return 0;
  });
  ::close(ends[0]);  // the parent only writes
  for (const char* line : {"first line\n", "second line\n", "third line\n"}) {
    ::write(ends[1], line, std::char_traits<char>::length(line));
  }
  ::close(ends[1]);  // end-of-file for the child
  child.wait();
  // [/snippet:pipe]
}
