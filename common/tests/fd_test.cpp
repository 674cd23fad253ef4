#include "course/fd.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <gtest/gtest.h>

namespace {

bool closes_on_exec(const course::UniqueFd& fd) {
  return (::fcntl(fd.get(), F_GETFD) & FD_CLOEXEC) != 0;
}

// Writes one byte into `from` and reads it back from `to`.
bool carries_a_byte(const course::UniqueFd& from, const course::UniqueFd& to) {
  const char sent = 'x';
  char received = 0;
  return ::write(from.get(), &sent, 1) == 1 && ::read(to.get(), &received, 1) == 1 && received == sent;
}

}  // namespace

TEST(MakePipe, BothEndsCloseOnExecAndCarryBytes) {
  const course::Pipe pipe = course::make_pipe();
  EXPECT_TRUE(closes_on_exec(pipe.read_end));
  EXPECT_TRUE(closes_on_exec(pipe.write_end));
  EXPECT_TRUE(carries_a_byte(pipe.write_end, pipe.read_end));
}

TEST(MakeSocketpair, BothEndsCloseOnExecAndCarryBytesBothWays) {
  const auto [one, other] = course::make_socketpair();
  EXPECT_TRUE(closes_on_exec(one));
  EXPECT_TRUE(closes_on_exec(other));
  EXPECT_TRUE(carries_a_byte(one, other));
  EXPECT_TRUE(carries_a_byte(other, one));
}
