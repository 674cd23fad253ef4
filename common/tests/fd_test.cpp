#include "course/fd.hpp"

#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <array>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstdint>
#include <memory>
#include <stdexcept>
#include <system_error>
#include <thread>

#include <gtest/gtest.h>

#include "course/testing.hpp"
#include "course/thread_probe.hpp"

using namespace std::chrono_literals;

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

// Larger than a pipe's or a socket's buffer (64 KiB and about 200 KiB on
// Linux): one read() or write() cannot move it all.
struct Big {
  std::array<std::uint32_t, 256 * 1024> words;
};

template <typename Ends>
void carries_a_big_value(const Ends& from, const Ends& to) {
  auto sent = std::make_unique<Big>();
  for (std::size_t i = 0; i < sent->words.size(); ++i) {
    sent->words[i] = static_cast<std::uint32_t>(i * 2654435761U);
  }
  std::jthread writer([&] { course::write_value(from.get(), *sent); });
  auto received = std::make_unique<Big>();
  ASSERT_TRUE(course::read_value(to.get(), *received));
  writer.join();
  EXPECT_EQ(received->words, sent->words);
}

TEST(WholeValues, CrossAPipeAndASocketWhateverTheirSize) {
  const course::Pipe pipe = course::make_pipe();
  carries_a_big_value(pipe.write_end, pipe.read_end);
  const auto [one, other] = course::make_socketpair();
  carries_a_big_value(one, other);
}

TEST(WholeValues, EndOfFileBetweenValuesIsFalseAndPartWayThrows) {
  course::Pipe pipe = course::make_pipe();
  std::uint64_t value = 0;
  course::write_value(pipe.write_end.get(), std::uint64_t{42});
  course::write_whole(pipe.write_end.get(), "abc", 3);  // 3 of a value's 8 bytes, then the writer is gone
  pipe.write_end.reset();
  ASSERT_TRUE(course::read_value(pipe.read_end.get(), value));
  EXPECT_EQ(value, 42U);
  EXPECT_THROW(course::read_value(pipe.read_end.get(), value), std::runtime_error);
  EXPECT_FALSE(course::read_value(pipe.read_end.get(), value)) << "end-of-file before a value's first byte";
}

TEST(WholeValues, AReaderThatIsGoneIsAnErrorNotASignalThatKills) {
#ifndef MSG_NOSIGNAL
  GTEST_SKIP() << "no MSG_NOSIGNAL here: a write to a closed socket raises SIGPIPE";
#endif
  auto [one, other] = course::make_socketpair();
  other.reset();
  try {
    course::write_value(one.get(), std::uint64_t{1});
    ADD_FAILURE() << "a write to a socket nobody reads succeeded";
  } catch (const std::system_error& error) {
    EXPECT_EQ(error.code().value(), EPIPE);
  }
}

extern "C" void ignore_the_signal(int) {}

TEST(WholeValues, AReadInterruptedByASignalGoesOn) {
  struct sigaction action {};
  action.sa_handler = &ignore_the_signal;
  action.sa_flags = 0;  // no SA_RESTART: a blocked read() returns EINTR
  sigemptyset(&action.sa_mask);
  struct sigaction previous {};
  ASSERT_EQ(::sigaction(SIGUSR1, &action, &previous), 0);

  const course::Pipe pipe = course::make_pipe();
  std::atomic<bool> started = false;
  course::probe::ThreadHandle reading;  // written before `started`
  std::uint64_t value = 0;
  bool got = false;
  bool threw = false;
  std::thread reader([&] {
    reading = course::probe::this_thread_handle();
    started = true;
    try {
      got = course::read_value(pipe.read_end.get(), value);
    } catch (const std::exception&) {
      threw = true;
    }
  });
  ASSERT_TRUE(course::testing::eventually([&] { return started.load(); }, 2s));
  course::probe::settles(reading, 2s);  // asleep in its read(), where Linux shows it
  ::pthread_kill(reader.native_handle(), SIGUSR1);
  std::this_thread::sleep_for(20ms);
  course::write_value(pipe.write_end.get(), std::uint64_t{7});
  reader.join();
  ::sigaction(SIGUSR1, &previous, nullptr);
  EXPECT_FALSE(threw) << "read() interrupted by a signal (EINTR) must be tried again";
  EXPECT_TRUE(got);
  EXPECT_EQ(value, 7U);
}
