#pragma once
// A file descriptor that closes itself, and a pipe made of two of them.

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

}  // namespace course
