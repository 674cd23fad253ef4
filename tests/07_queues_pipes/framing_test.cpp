// Tests of write_message / read_message through real pipes, against what
// framing.hpp promises: every message arrives whole, however the stream cuts
// it up, and the stream's end is told apart from a message cut short.
//
// A stream does cut messages up. The tests make it happen on purpose, on every
// run: the bytes of a message are written in pieces, each once the reader has
// taken the one before; a signal whose handler was installed without
// SA_RESTART interrupts a read() or write() that is blocked (then read()
// fails with EINTR, and a write() that has written part of its bytes returns
// that part's size). Each test runs in an isolated child with a deadline.
#include "framing.hpp"

#include <signal.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <cstring>
#include <memory>
#include <optional>
#include <random>
#include <stdexcept>
#include <string>
#include <string_view>
#include <system_error>
#include <tuple>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include "course/child.hpp"
#include "course/fd.hpp"
#include "course/testing.hpp"
#include "course/thread_probe.hpp"

namespace probe = course::probe;

using namespace std::chrono_literals;
using course::testing::eventually;
using course::testing::in_child;
using course::testing::step;
using probe::Waiter;

namespace {

constexpr auto kDeadline = 3s;  // for each test's child; the waits inside are shorter

const std::vector<std::size_t> kSizes = {0, 1, 100, 65'535, 65'536, 65'537, 1 << 20};

std::string pattern(std::size_t size) {
  std::mt19937 random(static_cast<unsigned>(size));
  std::string bytes(size, '\0');
  for (char& byte : bytes) {
    byte = static_cast<char>(random());
  }
  return bytes;
}

// What one read_message() gave: the message (std::nullopt at end-of-file),
// or, if it threw, what it threw.
using ReadOutcome = std::pair<std::optional<std::string>, std::string>;

ReadOutcome read_one(int fd) {
  try {
    return {read_message(fd), ""};
  } catch (const std::runtime_error& error) {
    return {std::nullopt, error.what()};
  } catch (const std::exception& error) {
    return {std::nullopt, std::string("an exception that is not a std::runtime_error: ") + error.what()};
  }
}

// How long a call that has all it needs may take: far longer than it does,
// even on a busy machine.
constexpr auto kPromptly = 500ms;

// read_one(fd) on a thread of its own, which must return promptly once all
// its bytes or end-of-file are there: a read loop that does not stop when
// read() returns 0 would go on for ever.
ReadOutcome read_one_promptly(int fd) {
  Waiter<ReadOutcome> reader([fd] { return read_one(fd); });
  if (!reader.returns_within(kPromptly)) {
    throw std::runtime_error(
        "read_message() did not return within 0.5 s of end-of-file: read() returning 0 means no more bytes "
        "will ever come, so the read loop must stop there");
  }
  return reader.result();
}

// Whether `outcome` is the message `expected`; if not, what it is instead, in
// a few words (the messages are too big to print).
::testing::AssertionResult is_whole(const ReadOutcome& outcome, const std::string& expected) {
  const auto& [message, error] = outcome;
  if (message == expected) {
    return ::testing::AssertionSuccess();
  }
  if (!message) {
    return ::testing::AssertionFailure() << "no message: " << (error.empty() ? "end-of-file" : error);
  }
  std::size_t same = 0;
  while (same < message->size() && same < expected.size() && (*message)[same] == expected[same]) {
    ++same;
  }
  return ::testing::AssertionFailure()
         << "a message of " << message->size() << " bytes instead of " << expected.size()
         << ", the same as the one sent for its first " << same << " bytes";
}

// How many bytes wait in a pipe to be read.
int bytes_waiting(int read_end) {
  int count = 0;
  ::ioctl(read_end, FIONREAD, &count);
  return count;
}

// Writes all of `bytes` with write() itself, for the tests' own pieces.
void write_raw(int fd, std::string_view bytes) {
  while (!bytes.empty()) {
    const ssize_t n = ::write(fd, bytes.data(), bytes.size());
    if (n < 0 && errno == EINTR) {
      continue;
    }
    if (n < 0) {
      throw std::system_error(errno, std::generic_category(), "the test's own write");
    }
    bytes.remove_prefix(static_cast<std::size_t>(n));
  }
}

std::string length_prefix(std::uint64_t length) {
  return std::string(reinterpret_cast<const char*>(&length), sizeof length);
}

// A signal handler installed without SA_RESTART: a blocked read() or write()
// it interrupts returns, instead of carrying on.
class Interrupter {
 public:
  Interrupter() {
    struct sigaction action {};
    action.sa_handler = [](int) {
      handled().fetch_add(1);
    };
    action.sa_flags = 0;  // no SA_RESTART
    sigemptyset(&action.sa_mask);
    ::sigaction(SIGUSR1, &action, nullptr);
  }
  // Interrupts `thread`, which must be blocked, and waits until its handler ran.
  bool interrupt(const probe::ThreadHandle& thread) {
    const int before = handled().load();
    ::pthread_kill(thread.handle, SIGUSR1);
    return eventually([before] { return handled().load() > before; }, 1s);
  }

 private:
  static std::atomic<int>& handled() {
    static std::atomic<int> count{0};  // lock-free: safe in a signal handler
    return count;
  }
};

}  // namespace

TEST(Framing, MessagesFromZeroBytesToOneMebibyteSurviveAFork) {
  const auto [intact, then_end_of_file, writer_ok] = in_child(kDeadline, [] {
    course::Pipe pipe = course::make_pipe();
    course::ChildProcess writer = course::ChildProcess::start([&pipe] {
      pipe.read_end.reset();
      for (const std::size_t size : kSizes) {
        write_message(pipe.write_end.get(), pattern(size));
      }
      return 0;  // exiting closes the write end: the reader sees end-of-file
    });
    pipe.write_end.reset();
    std::vector<bool> intact;
    for (const std::size_t size : kSizes) {
      step("reading the " + std::to_string(size) + "-byte message");
      const std::optional<std::string> message = read_message(pipe.read_end.get());
      intact.push_back(message == pattern(size));
    }
    const bool end_of_file = !read_one_promptly(pipe.read_end.get()).first;
    return std::tuple(intact, end_of_file, writer.wait().ok());
  });
  for (std::size_t i = 0; i < kSizes.size(); ++i) {
    EXPECT_TRUE(intact[i]) << "the " << kSizes[i] << "-byte message did not arrive whole and unchanged";
  }
  EXPECT_TRUE(then_end_of_file) << "after the last message, read_message() must return std::nullopt";
  EXPECT_TRUE(writer_ok) << "the writing process failed";
}

TEST(Framing, AMessageArrivesWholeThoughItsBytesComeInPieces) {
  // The test writes a 1,000-byte message itself, in three pieces: 3 bytes of
  // the length; the other 5 and 500 bytes of the message; the last 500 bytes.
  // Each piece goes out once the reader has taken the one before and waits.
  const auto [returned_early, outcome] = in_child(kDeadline, [] {
    course::Pipe pipe = course::make_pipe();
    const std::string message = pattern(1000);
    const std::string bytes = length_prefix(message.size()) + message;
    const int read_end = pipe.read_end.get();
    Waiter<ReadOutcome> reader([read_end] { return read_one(read_end); });
    const std::vector<std::pair<std::size_t, std::size_t>> pieces = {{0, 3}, {3, 505}, {508, 500}};
    bool early = false;
    for (const auto& [from, count] : pieces) {
      if (reader.returned()) {
        early = true;  // before all of the message was written
        break;
      }
      step("writing bytes " + std::to_string(from) + " to " + std::to_string(from + count) + " of 1,008");
      write_raw(pipe.write_end.get(), std::string_view(bytes).substr(from, count));
      eventually([&] { return bytes_waiting(read_end) == 0 || reader.returned(); }, 1s);
      probe::settles(reader.thread());  // waiting for more, or returned
    }
    pipe.write_end.reset();
    reader.returns_within(kPromptly);
    return std::pair(early,
                     reader.returned() ? reader.result() : ReadOutcome{std::nullopt, "never returned"});
  });
  EXPECT_FALSE(returned_early)
      << "read_message() returned before all of the message was written: one read() gives what has arrived "
         "so far, here 3 bytes of the 8-byte length. Call read() again until you have all the bytes you need";
  EXPECT_TRUE(is_whole(outcome, pattern(1000)))
      << "the message, written in pieces, must arrive whole and unchanged";
}

TEST(Framing, ReadMessageRetriesAReadThatASignalInterrupted) {
  // The reader is interrupted twice while it waits: for the length, and in the
  // middle of the message.
  const auto [interrupted, outcome] = in_child(kDeadline, [] {
    Interrupter interrupter;
    course::Pipe pipe = course::make_pipe();
    const int read_end = pipe.read_end.get();
    const std::string message = pattern(1000);
    const std::string bytes = length_prefix(message.size()) + message;
    Waiter<ReadOutcome> reader([read_end] { return read_one(read_end); });
    bool both = probe::settles(reader.thread()) && interrupter.interrupt(reader.thread());
    probe::settles(reader.thread());
    write_raw(pipe.write_end.get(), std::string_view(bytes).substr(0, 508));
    eventually([&] { return bytes_waiting(read_end) == 0 || reader.returned(); }, 1s);
    both = probe::settles(reader.thread()) && !reader.returned() && interrupter.interrupt(reader.thread()) &&
           both;
    probe::settles(reader.thread());
    if (!reader.returned()) {
      write_raw(pipe.write_end.get(), std::string_view(bytes).substr(508));
    }
    pipe.write_end.reset();
    reader.returns_within(kPromptly);
    return std::pair(both, reader.returned() ? reader.result() : ReadOutcome{std::nullopt, "never returned"});
  });
  ASSERT_EQ(outcome.second, "")
      << "read() returned -1 with errno EINTR: a signal, whose handler was installed without SA_RESTART, "
         "interrupted it before a byte came. That is no error: call read() again";
  EXPECT_TRUE(is_whole(outcome, pattern(1000))) << "the message must arrive whole, signals or not";
  EXPECT_TRUE(interrupted) << "the reader was not blocked in read() both times the test interrupted it";
}

TEST(Framing, WriteMessageFinishesAWriteThatASignalCutShort) {
  // A 1 MiB message into a pipe that holds 64 KiB, whose reader waits: the
  // writer blocks with the pipe full. A signal then makes write() return the
  // count it has written so far. write_message() must write the rest.
  const auto [writer_error, outcome] = in_child(kDeadline, [] {
    Interrupter interrupter;
    course::Pipe pipe = course::make_pipe();
    const int write_end = pipe.write_end.release();  // the writer closes it when done
    Waiter<std::string> writer([write_end] {
      std::string error;
      try {
        write_message(write_end, pattern(1 << 20));
      } catch (const std::exception& thrown) {
        error = thrown.what();
      }
      ::close(write_end);  // all written: end-of-file for the reader
      return error;
    });
    step("waiting for the writer to fill the pipe");
    const int read_end = pipe.read_end.get();
    eventually([&] { return bytes_waiting(read_end) > 0; }, 1s);
    probe::settles(writer.thread());  // blocked, the pipe full
    interrupter.interrupt(writer.thread());
    step("reading the 1 MiB message");
    const ReadOutcome read = read_one_promptly(read_end);
    writer.returns_within(kPromptly);
    return std::pair(writer.returned() ? writer.result() : "never returned", read);
  });
  EXPECT_EQ(writer_error, "");
  EXPECT_TRUE(is_whole(outcome, pattern(1 << 20)))
      << "the 1 MiB message did not arrive whole: a signal interrupted write() after it had written part of "
         "the message, and write() returned that part's size. write_message() must write the rest: loop "
         "until every byte is written";
}

TEST(Framing, WriteMessageRetriesAWriteThatASignalInterrupted) {
  // As above; then, while the writer waits again in write() with the pipe
  // still full and nothing written yet, a second signal: write() fails with
  // EINTR, which is no error.
  const auto [writer_error, outcome] = in_child(kDeadline, [] {
    Interrupter interrupter;
    course::Pipe pipe = course::make_pipe();
    const int write_end = pipe.write_end.release();
    Waiter<std::string> writer([write_end] {
      std::string error;
      try {
        write_message(write_end, pattern(1 << 20));
      } catch (const std::exception& thrown) {
        error = thrown.what();
      }
      ::close(write_end);
      return error;
    });
    const int read_end = pipe.read_end.get();
    eventually([&] { return bytes_waiting(read_end) > 0; }, 1s);
    probe::settles(writer.thread());
    interrupter.interrupt(writer.thread());  // write() returns a part
    probe::settles(writer.thread());         // blocked again, in the next write()
    if (!writer.returned()) {
      interrupter.interrupt(writer.thread());  // write() fails with EINTR
    }
    const ReadOutcome read = read_one_promptly(read_end);
    writer.returns_within(kPromptly);
    return std::pair(writer.returned() ? writer.result() : "never returned", read);
  });
  EXPECT_EQ(writer_error, "")
      << "write() returned -1 with errno EINTR: a signal, whose handler was installed without SA_RESTART, "
         "interrupted it before it wrote a byte. That is no error: call write() again";
  EXPECT_TRUE(is_whole(outcome, pattern(1 << 20))) << "the 1 MiB message must arrive whole, signals or not";
}

TEST(Framing, AStreamThatEndsInsideAMessageIsAnError) {
  // The length promises 100 bytes; 10 come, then end-of-file.
  const auto [message, error] = in_child(kDeadline, [] {
    course::Pipe pipe = course::make_pipe();
    write_raw(pipe.write_end.get(), length_prefix(100) + "only ten b");
    pipe.write_end.reset();
    return read_one_promptly(pipe.read_end.get());
  });
  EXPECT_EQ(message, std::nullopt);
  EXPECT_NE(error, "")
      << "100 bytes were promised, 10 came, then end-of-file: read_message() must throw std::runtime_error";
}

TEST(Framing, AStreamThatEndsInsideTheLengthIsAnError) {
  // 3 of the length's 8 bytes, then end-of-file.
  const auto [message, error] = in_child(kDeadline, [] {
    course::Pipe pipe = course::make_pipe();
    write_raw(pipe.write_end.get(), length_prefix(5).substr(0, 3));
    pipe.write_end.reset();
    return read_one_promptly(pipe.read_end.get());
  });
  EXPECT_EQ(message, std::nullopt);
  EXPECT_NE(error, "") << "the stream ended after 3 bytes of a length: that is a message cut short, not the "
                          "end between messages; read_message() must throw std::runtime_error";
}

TEST(Framing, EndOfFileBetweenMessagesIsNoMessage) {
  // "", "last", then the write end closes.
  const auto [empty, last, after] = in_child(kDeadline, [] {
    course::Pipe pipe = course::make_pipe();
    write_message(pipe.write_end.get(), "");
    write_message(pipe.write_end.get(), "last");
    pipe.write_end.reset();
    const int read_end = pipe.read_end.get();
    const ReadOutcome empty = read_one_promptly(read_end);
    const ReadOutcome last = read_one_promptly(read_end);
    return std::tuple(empty, last, read_one_promptly(read_end));
  });
  EXPECT_EQ(empty, (ReadOutcome{"", ""}))
      << "an empty message is a message (length 0), not the end of the stream";
  EXPECT_EQ(last, (ReadOutcome{"last", ""}));
  EXPECT_EQ(after, (ReadOutcome{std::nullopt, ""}))
      << "end-of-file between messages: read_message() returns std::nullopt, and throws nothing";
}

TEST(Framing, TheLengthIsEightBytesInThisMachinesByteOrder) {
  // write_message's bytes, read raw; and bytes written raw, read by read_message.
  const auto [written, read] = in_child(kDeadline, [] {
    course::Pipe pipe = course::make_pipe();
    write_message(pipe.write_end.get(), "hello");
    std::string raw(13, '\0');
    std::size_t got = 0;
    while (got < raw.size()) {
      const ssize_t n = ::read(pipe.read_end.get(), raw.data() + got, raw.size() - got);
      if (n <= 0) {
        break;
      }
      got += static_cast<std::size_t>(n);
    }
    raw.resize(got);
    write_raw(pipe.write_end.get(), length_prefix(3) + "xyz");
    pipe.write_end.reset();
    return std::pair(raw, read_one_promptly(pipe.read_end.get()));
  });
  EXPECT_EQ(written, length_prefix(5) + "hello")
      << "a message goes out as its length in 8 bytes (std::uint64_t, in this machine's byte order), then "
         "its bytes";
  EXPECT_EQ(read, (ReadOutcome{"xyz", ""})) << "read_message() must read the same format";
}

TEST(Framing, WriteMessageThrowsWhenTheReaderIsGone) {
  const std::string outcome = in_child(kDeadline, [] {
    ::signal(SIGPIPE, SIG_IGN);  // then write() fails with EPIPE instead of killing the process
    course::Pipe pipe = course::make_pipe();
    pipe.read_end.reset();
    const int write_end = pipe.write_end.release();
    Waiter<std::string> writer([write_end] {
      try {
        write_message(write_end, "nobody reads this");
      } catch (const std::system_error&) {
        return std::string("std::system_error");
      } catch (const std::exception& other) {
        return std::string("another exception: ") + other.what();
      }
      return std::string("no exception");
    });
    if (!writer.returns_within(kPromptly)) {
      return std::string("write_message() did not return within 0.5 s");
    }
    return writer.result();
  });
  EXPECT_EQ(outcome, "std::system_error")
      << "write() returned -1 (EPIPE: nobody will ever read the pipe): write_message() must throw "
         "std::system_error, and never treat -1 as a count of bytes";
}
