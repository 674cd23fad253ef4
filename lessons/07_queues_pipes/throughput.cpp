// The same 64-byte messages sent three ways, in one run: between two threads
// through the BlockingQueue, between two processes through a pipe (framed),
// and between two processes through a ring buffer in shared memory.
#include <sys/mman.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <cstdint>
#include <cstring>
#include <new>
#include <string>
#include <thread>

#include "blocking_queue.hpp"
#include "course/child.hpp"
#include "course/conclusion.hpp"
#include "course/cpu_meter.hpp"
#include "course/fd.hpp"
#include "course/figures.hpp"
#include "course/load.hpp"
#include "course/log.hpp"
#include "course/verdict.hpp"
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

struct Way {
  const char* name;
  double seconds;
  double cores_got;  // by both ends: threads, or the parent and its child
};

// Runs one way; the CPU meter counts the child too, which each way waits for.
template <typename Send>
Way measure(const char* name, Send send) {
  const course::CpuMeter meter;
  const double seconds = send();
  return {name, seconds, meter.cpu_seconds() / seconds};
}

void print_row(const Way& way, double baseline) {
  const double per_second = kMessages / way.seconds;
  fmt::print("{:<34} {:>12.0f} {:>10.1f} {:>9.2f}x {:>12}\n", way.name, per_second,
             per_second * kMessageBytes / 1e6, baseline / way.seconds, course::cores_got_text(way.cores_got));
}

}  // namespace

void compare_throughput() {
  course::heading(fmt::format("{} messages of {} bytes, three ways (load average {})", kMessages,
                              kMessageBytes, course::load_text(course::load_average())));
  const Way queue = measure("thread -> thread, BlockingQueue", through_queue);
  const Way pipe = measure("process -> process, pipe (framed)", through_pipe);
  const Way shared = measure("process -> process, shared ring", through_shared_memory);
  fmt::print("{:<34} {:>12} {:>10} {:>10} {:>12}\n", "", "messages/s", "MB/s", "vs queue", "both ends got");
  print_row(queue, queue.seconds);
  print_row(pipe, queue.seconds);
  print_row(shared, queue.seconds);
  fmt::print(
      "\nEvery message arrived, in order, every way. The pipe pays two system calls per\n"
      "message each side; the shared ring pays none, but serves one producer and one\n"
      "consumer of fixed-size messages only.\n");

  // Both ends of each way run at once on two cores; on a busy machine they take
  // turns, and the ring's ends, which wait by yielding, suffer most.
  const double least_cores = std::min({queue.cores_got, pipe.cores_got, shared.cores_got});
  const course::Given given = course::given_here(2, least_cores);
  const bool in_order = shared.seconds < queue.seconds && queue.seconds < pipe.seconds;
  const course::Verdict verdict = course::judge_holds(in_order, given);
  if (verdict.holds) {
    fmt::print("Here: shared ring {:.1f}x the queue, the queue {:.1f}x the pipe.\n",
               queue.seconds / shared.seconds, pipe.seconds / queue.seconds);
  } else {
    fmt::print("Here the order was not shared ring > queue > pipe (the ends got {} at the least). {}\n",
               course::cores_got_text(least_cores), course::reason_sentence(verdict));
  }
  course::record_figure("throughput.queue_per_s", kMessages / queue.seconds);
  course::record_figure("throughput.pipe_per_s", kMessages / pipe.seconds);
  course::record_figure("throughput.shared_per_s", kMessages / shared.seconds);
  course::record_verdict("throughput", verdict, given);
}
