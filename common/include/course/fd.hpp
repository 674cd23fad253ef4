#pragma once
// A file descriptor that closes itself, a pipe made of two of them, and whole
// values sent through either.

#include <cstddef>
#include <type_traits>
#include <utility>

namespace course {

class UniqueFd {
 public:
  UniqueFd() = default;
  explicit UniqueFd(int fd) : fd_(fd) {}
  ~UniqueFd() { reset(); }
  UniqueFd(UniqueFd&& other) noexcept : fd_(other.release()) {}
  UniqueFd& operator=(UniqueFd&& other) noexcept {
    reset(other.release());
    return *this;
  }
  UniqueFd(const UniqueFd&) = delete;
  UniqueFd& operator=(const UniqueFd&) = delete;

  int get() const { return fd_; }
  explicit operator bool() const { return fd_ >= 0; }
  int release() { return std::exchange(fd_, -1); }
  void reset(int fd = -1);

 private:
  int fd_ = -1;
};

struct Pipe {
  UniqueFd read_end;
  UniqueFd write_end;
};

// Both ends close on exec, so a program started later does not inherit them.
// Throws std::system_error.
Pipe make_pipe();

// A connected pair of Unix-domain stream sockets (socketpair(2)), both closing
// on exec; each end reads what the other writes. Throws std::system_error.
std::pair<UniqueFd, UniqueFd> make_socketpair();

// Sets FD_CLOEXEC on `fd`: for descriptors made by calls that cannot do it
// themselves everywhere (SOCK_CLOEXEC and pipe2 are Linux and BSD, not POSIX).
void close_on_exec(int fd);

// Whole messages through a pipe or a socket. A read() or write() may move
// fewer bytes than asked for, or be interrupted by a signal before it moves
// any (EINTR): these loop until every byte has crossed, as lesson 07's
// exercise does by hand.
//
// read_whole: true once `size` bytes are in `data`; false at end-of-file
// before the first byte (the writer closed its end between messages). Throws
// std::runtime_error at end-of-file part-way (the writer died mid-message) and
// std::system_error on an error (ECONNRESET: the other side is gone).
bool read_whole(int fd, void* data, std::size_t size);
// write_whole: throws std::system_error on an error; EPIPE when the reader is
// gone. On a socket that is all (send() with MSG_NOSIGNAL, where the system has
// it); on a pipe, SIGPIPE comes first and ends the writer unless it is ignored.
void write_whole(int fd, const void* data, std::size_t size);

// One value of a trivially copyable type (a number, a struct of numbers), as
// its bytes: for the two ends of one program on one machine, not a file format.
template <typename T>
bool read_value(int fd, T& value) {
  static_assert(std::is_trivially_copyable_v<T>, "only values that are their bytes can cross as bytes");
  return read_whole(fd, &value, sizeof value);
}
template <typename T>
void write_value(int fd, const T& value) {
  static_assert(std::is_trivially_copyable_v<T>, "only values that are their bytes can cross as bytes");
  write_whole(fd, &value, sizeof value);
}

}  // namespace course
