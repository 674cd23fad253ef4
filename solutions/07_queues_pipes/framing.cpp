// Lesson 07 exercise, part 2: length-prefixed messages over a pipe or socket.
// As given, one write() and one read() are assumed to move everything: true
// for small messages, false for big ones.
//
// Quick reference
//   ssize_t write(int fd, const void* data, size_t n);  may write fewer than n bytes; -1 + errno
//   ssize_t read(int fd, void* data, size_t n);         may read fewer than n; 0 means end-of-file
//   errno == EINTR                                       a signal interrupted the call: try again
//
// Check with: ./course check 07      Stuck? ./course hint 07

#include "framing.hpp"

#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <stdexcept>
#include <system_error>

namespace {

// Writes all `size` bytes.
void write_all(int fd, const char* data, std::size_t size) {
  // A pipe holds 64 KiB; a bigger write blocks until the reader makes room,
  // and may return having written only part. Loop until all of it is out.
  std::size_t written = 0;
  while (written < size) {
    const ssize_t n = ::write(fd, data + written, size - written);
    if (n < 0 && errno == EINTR) {
      continue;  // interrupted by a signal before writing anything: try again
    }
    if (n < 0) {
      throw std::system_error(errno, std::generic_category(), "write");
    }
    written += static_cast<std::size_t>(n);
  }
}

// Reads exactly `size` bytes; returns how many it got before end-of-file.
std::size_t read_exact(int fd, char* data, std::size_t size) {
  // read() returns what has arrived so far, which may be less than asked for.
  std::size_t received = 0;
  while (received < size) {
    const ssize_t n = ::read(fd, data + received, size - received);
    if (n < 0 && errno == EINTR) {
      continue;
    }
    if (n < 0) {
      throw std::system_error(errno, std::generic_category(), "read");
    }
    if (n == 0) {
      break;  // end-of-file: the caller decides whether that was expected here
    }
    received += static_cast<std::size_t>(n);
  }
  return received;
}

}  // namespace

void write_message(int fd, std::string_view payload) {
  const std::uint64_t length = payload.size();
  write_all(fd, reinterpret_cast<const char*>(&length), sizeof length);
  write_all(fd, payload.data(), payload.size());
}

std::optional<std::string> read_message(int fd) {
  std::uint64_t length = 0;
  const std::size_t header = read_exact(fd, reinterpret_cast<char*>(&length), sizeof length);
  if (header == 0) {
    return std::nullopt;  // end-of-file between messages: the writer is done
  }
  if (header < sizeof length) {
    throw std::runtime_error("the stream ended inside a message's length");
  }
  std::string payload(length, '\0');
  if (read_exact(fd, payload.data(), payload.size()) < payload.size()) {
    throw std::runtime_error("the stream ended inside a message");
  }
  return payload;
}
