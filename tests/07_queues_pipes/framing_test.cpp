// Tests of write_message / read_message through a real pipe, across fork():
// every size from 0 bytes to 1 MiB (16 times the pipe's buffer) arrives whole.
#include "framing.hpp"

#include <unistd.h>

#include <chrono>
#include <cstdint>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "course/child.hpp"
#include "course/fd.hpp"
#include "course/testing.hpp"

using namespace std::chrono_literals;
using course::testing::finished;
using course::testing::run_in_child;

namespace {

const std::vector<std::size_t> kSizes = {0, 1, 100, 65'535, 65'536, 65'537, 1 << 20};

std::string pattern(std::size_t size) {
  std::mt19937 random(static_cast<unsigned>(size));
  std::string bytes(size, '\0');
  for (char& byte : bytes) {
    byte = static_cast<char>(random());
  }
  return bytes;
}

}  // namespace

TEST(Framing, MessagesFromZeroBytesToOneMebibyteSurviveAFork) {
  const auto run = run_in_child(10s, [] {
    course::Pipe pipe = course::make_pipe();
    course::ChildProcess writer = course::ChildProcess::start([&pipe] {
      pipe.read_end.reset();
      for (const std::size_t size : kSizes) {
        write_message(pipe.write_end.get(), pattern(size));
      }
      return 0;  // exiting closes the write end: the reader sees end-of-file
    });
    pipe.write_end.reset();
    std::string report;
    for (const std::size_t size : kSizes) {
      const std::optional<std::string> message = read_message(pipe.read_end.get());
      if (!message || *message != pattern(size)) {
        report += "the " + std::to_string(size) + "-byte message arrived " +
                  (message ? std::to_string(message->size()) + " bytes long or changed; " : "missing; ");
      }
    }
    if (read_message(pipe.read_end.get())) {
      report += "a message arrived after the last one; ";
    }
    if (!writer.wait().ok()) {
      report += "the writer failed; ";
    }
    return report;
  });
  ASSERT_TRUE(finished(run));
  EXPECT_EQ(run.payload, "") << "every message must arrive whole, then end-of-file";
}

TEST(Framing, AStreamThatEndsInsideAMessageIsAnError) {
  const auto run = run_in_child(5s, [] {
    course::Pipe pipe = course::make_pipe();
    const std::uint64_t promised = 100;
    ::write(pipe.write_end.get(), &promised, sizeof promised);
    ::write(pipe.write_end.get(), "only ten b", 10);
    pipe.write_end.reset();
    try {
      read_message(pipe.read_end.get());
      return std::string("no error");
    } catch (const std::runtime_error&) {
      return std::string("error");
    }
  });
  ASSERT_TRUE(finished(run));
  EXPECT_EQ(run.payload, "error") << "100 bytes were promised, 10 came, then end-of-file";
}

TEST(Framing, EndOfFileBetweenMessagesIsNoMessage) {
  const auto run = run_in_child(5s, [] {
    course::Pipe pipe = course::make_pipe();
    write_message(pipe.write_end.get(), "last");
    pipe.write_end.reset();
    const auto last = read_message(pipe.read_end.get());
    const auto after = read_message(pipe.read_end.get());
    return last.value_or("?") + " " + (after ? "more" : "end");
  });
  ASSERT_TRUE(finished(run));
  EXPECT_EQ(run.payload, "last end");
}
