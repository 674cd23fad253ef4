// A pipe is a stream of bytes with no message boundaries and a small buffer.
// Length-prefixed framing carries whole messages of any size across it.
#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <string>
#include <vector>

#include "course/child.hpp"
#include "course/fd.hpp"
#include "course/log.hpp"
#include "framing.hpp"
#include "lesson.hpp"

namespace {

// How many bytes a pipe takes before a writer would block, measured by writing
// to a non-blocking pipe until it refuses.
std::size_t measure_pipe_capacity() {
  course::Pipe pipe = course::make_pipe();
  ::fcntl(pipe.write_end.get(), F_SETFL, O_NONBLOCK);
  const std::string chunk(1024, 'x');
  std::size_t capacity = 0;
  ssize_t n = 0;
  while ((n = ::write(pipe.write_end.get(), chunk.data(), chunk.size())) > 0) {
    capacity += static_cast<std::size_t>(n);
  }
  return capacity;  // stopped with EAGAIN: full
}

}  // namespace

void show_framing() {
  course::heading("Whole messages over a pipe");
  const std::size_t capacity = measure_pipe_capacity();
  course::say("this pipe holds {} bytes ({} KiB) before a writer blocks", capacity, capacity / 1024);

  course::Pipe pipe = course::make_pipe();
  const std::vector<std::size_t> sizes = {0, 10, 100'000, 1 << 20};
  // [snippet:framed_sizes]
  course::ChildProcess writer = course::ChildProcess::start([&] {
    pipe.read_end.reset();
    for (const std::size_t size : sizes) {
      write_message(pipe.write_end.get(), std::string(size, 'a'));  // blocks while the pipe is full
    }
    return 0;
  });
  pipe.write_end.reset();
  while (const std::optional<std::string> message = read_message(pipe.read_end.get())) {
    course::say("a whole message of {} bytes", message->size());
  }
  course::say("end-of-file: the writer has finished");
  // [/snippet:framed_sizes]
  writer.wait();
  course::say("1 MiB is {} times the pipe's buffer: it crossed in many partial writes and reads",
              (1 << 20) / capacity);
}
