// The same 64-byte messages sent three ways, in one run: between two threads
// through the BlockingQueue, between two processes through a pipe (framed),
// and between two processes through a ring buffer in shared memory.
#include <sys/mman.h>
#include <unistd.h>

#include <array>
#include <atomic>
#include <cstdint>
#include <cstring>
#include <new>
#include <string>
#include <thread>

#include "blocking_queue.hpp"
#include "course/child.hpp"
#include "course/fd.hpp"
#include "course/figures.hpp"
#include "course/log.hpp"
#include "framing.hpp"
#include "lesson.hpp"

namespace {

constexpr std::size_t kMessageBytes = 64;
constexpr long kMessages = 200'000;
using Message = std::array<char, kMessageBytes>;

Message message_number(long n) {
  Message message{};
  std::memcpy(message.data(), &n, sizeof n);
  return message;
}

long number_in(const char* message) {
  long n = 0;
  std::memcpy(&n, message, sizeof n);
  return n;
}

// Each way returns the seconds it took; it throws if a message went missing.
double through_queue() {
  BlockingQueue<Message> queue(1024);
  const auto start = course::Clock::now();
  std::jthread producer([&queue] {
    for (long n = 0; n < kMessages; ++n) {
      queue.push(message_number(n));
    }
    queue.close();
  });
  long expected = 0;
  while (const std::optional<Message> message = queue.pop()) {
    if (number_in(message->data()) != expected++) {
      throw std::runtime_error("queue: a message was lost or reordered");
    }
  }
  return course::seconds_since(start);
}

double through_pipe() {
  course::Pipe pipe = course::make_pipe();
  const auto start = course::Clock::now();
  course::ChildProcess writer = course::ChildProcess::start([&pipe] {
    pipe.read_end.reset();
    for (long n = 0; n < kMessages; ++n) {
      const Message message = message_number(n);
      write_message(pipe.write_end.get(), std::string_view(message.data(), message.size()));
    }
    return 0;
  });
  pipe.write_end.reset();
  long expected = 0;
  while (const std::optional<std::string> message = read_message(pipe.read_end.get())) {
    if (number_in(message->data()) != expected++) {
      throw std::runtime_error("pipe: a message was lost or reordered");
    }
  }
  writer.wait();
  return course::seconds_since(start);
}

// [snippet:shared_ring]
// One producer, one consumer, a ring of slots in shared memory. The producer
// owns `head`, the consumer `tail`; each only reads the other's.
struct SharedRing {
  static constexpr std::size_t kSlots = 1024;
  std::atomic<std::uint64_t> head{0};  // messages written
  std::atomic<std::uint64_t> tail{0};  // messages read
  Message slots[kSlots];

  void push(const Message& message) {
    const std::uint64_t h = head.load(std::memory_order_relaxed);
    while (h - tail.load(std::memory_order_acquire) == kSlots) {
      std::this_thread::yield();  // full: wait for the consumer
    }
    slots[h % kSlots] = message;
    head.store(h + 1, std::memory_order_release);  // publish the slot
  }
  Message pop() {
    const std::uint64_t t = tail.load(std::memory_order_relaxed);
    while (head.load(std::memory_order_acquire) == t) {
      std::this_thread::yield();  // empty: wait for the producer
    }
    const Message message = slots[t % kSlots];
    tail.store(t + 1, std::memory_order_release);  // hand the slot back
    return message;
  }
};
// [/snippet:shared_ring]

double through_shared_memory() {
  void* memory =
      ::mmap(nullptr, sizeof(SharedRing), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
  if (memory == MAP_FAILED) {
    throw std::bad_alloc();
  }
  auto* ring = new (memory) SharedRing;
  const auto start = course::Clock::now();
  course::ChildProcess writer = course::ChildProcess::start([ring] {
    for (long n = 0; n < kMessages; ++n) {
      ring->push(message_number(n));
    }
    return 0;
  });
  for (long n = 0; n < kMessages; ++n) {
    if (number_in(ring->pop().data()) != n) {
      throw std::runtime_error("shared memory: a message was lost or reordered");
    }
  }
  writer.wait();
  const double seconds = course::seconds_since(start);
  ::munmap(memory, sizeof(SharedRing));
  return seconds;
}

void print_row(const char* way, double seconds, double baseline) {
  const double per_second = kMessages / seconds;
  fmt::print("{:<34} {:>12.0f} {:>10.1f} {:>9.2f}x\n", way, per_second, per_second * kMessageBytes / 1e6,
             baseline / seconds);
}

}  // namespace

void compare_throughput() {
  course::heading(fmt::format("{} messages of {} bytes, three ways", kMessages, kMessageBytes));
  const double queue_seconds = through_queue();
  const double pipe_seconds = through_pipe();
  const double shared_seconds = through_shared_memory();
  fmt::print("{:<34} {:>12} {:>10} {:>10}\n", "", "messages/s", "MB/s", "vs queue");
  print_row("thread -> thread, BlockingQueue", queue_seconds, queue_seconds);
  print_row("process -> process, pipe (framed)", pipe_seconds, queue_seconds);
  print_row("process -> process, shared ring", shared_seconds, queue_seconds);
  course::record_figure("throughput.queue_per_s", kMessages / queue_seconds);
  course::record_figure("throughput.pipe_per_s", kMessages / pipe_seconds);
  course::record_figure("throughput.shared_per_s", kMessages / shared_seconds);
  fmt::print(
      "\nEvery message arrived, in order, every way. The pipe pays two system calls per\n"
      "message each side; the shared ring pays none, but serves one producer and one\n"
      "consumer of fixed-size messages only.\n");
}
