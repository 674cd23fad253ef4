#include "course/fd.hpp"

#include <fcntl.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <stdexcept>
#include <system_error>

namespace course {

void UniqueFd::reset(int fd) {
  if (fd_ >= 0) {
    ::close(fd_);
  }
  fd_ = fd;
}

void close_on_exec(int fd) {
  if (::fcntl(fd, F_SETFD, FD_CLOEXEC) != 0) {
    throw std::system_error(errno, std::generic_category(), "fcntl(FD_CLOEXEC)");
  }
}

// Where the descriptors cannot be made close-on-exec at once, a fork on
// another thread between the two calls could leak them into that child; the
// course's programs do not fork from several threads at once.
Pipe make_pipe() {
  int ends[2];
#ifdef __linux__
  if (::pipe2(ends, O_CLOEXEC) != 0) {
    throw std::system_error(errno, std::generic_category(), "pipe2");
  }
  return Pipe{UniqueFd(ends[0]), UniqueFd(ends[1])};
#else
  if (::pipe(ends) != 0) {
    throw std::system_error(errno, std::generic_category(), "pipe");
  }
  Pipe pipe{UniqueFd(ends[0]), UniqueFd(ends[1])};
  close_on_exec(ends[0]);
  close_on_exec(ends[1]);
  return pipe;
#endif
}

std::pair<UniqueFd, UniqueFd> make_socketpair() {
  int ends[2];
#ifdef __linux__
  if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, ends) != 0) {
    throw std::system_error(errno, std::generic_category(), "socketpair");
  }
  return {UniqueFd(ends[0]), UniqueFd(ends[1])};
#else
  if (::socketpair(AF_UNIX, SOCK_STREAM, 0, ends) != 0) {
    throw std::system_error(errno, std::generic_category(), "socketpair");
  }
  std::pair<UniqueFd, UniqueFd> pair{UniqueFd(ends[0]), UniqueFd(ends[1])};
  close_on_exec(ends[0]);
  close_on_exec(ends[1]);
  return pair;
#endif
}

bool read_whole(int fd, void* data, std::size_t size) {
  auto* bytes = static_cast<char*>(data);
  std::size_t received = 0;
  while (received < size) {
    const ssize_t n = ::read(fd, bytes + received, size - received);
    if (n < 0 && errno == EINTR) {
      continue;
    }
    if (n < 0) {
      throw std::system_error(errno, std::generic_category(), "read");
    }
    if (n == 0 && received == 0) {
      return false;
    }
    if (n == 0) {
      throw std::runtime_error("end of file in the middle of a message: the writer ended part-way");
    }
    received += static_cast<std::size_t>(n);
  }
  return true;
}

void write_whole(int fd, const void* data, std::size_t size) {
#ifdef MSG_NOSIGNAL
  constexpr int kFlags = MSG_NOSIGNAL;
#else
  constexpr int kFlags = 0;
#endif
  const auto* bytes = static_cast<const char*>(data);
  bool socket = true;  // until send() says otherwise
  std::size_t sent = 0;
  while (sent < size) {
    const ssize_t n =
        socket ? ::send(fd, bytes + sent, size - sent, kFlags) : ::write(fd, bytes + sent, size - sent);
    if (n < 0 && errno == ENOTSOCK) {
      socket = false;  // a pipe: write() instead
      continue;
    }
    if (n < 0 && errno == EINTR) {
      continue;
    }
    if (n < 0) {
      throw std::system_error(errno, std::generic_category(), "write");
    }
    sent += static_cast<std::size_t>(n);
  }
}

}  // namespace course
