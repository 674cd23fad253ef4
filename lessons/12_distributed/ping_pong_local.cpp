// Lesson 07's two ways between processes, as a ping-pong beside MPI's: this
// process and a forked child bounce the same messages through two pipes, and
// through shared memory handed over with atomics.
#include "ping_pong.hpp"

#include <sys/mman.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <cstring>
#include <new>
#include <stdexcept>
#include <thread>
#include <vector>

#include "course/child.hpp"
#include "course/fd.hpp"
#include "course/log.hpp"

std::vector<std::size_t> message_sizes() {
  std::vector<std::size_t> sizes;
  for (std::size_t size = 8; size <= 2 << 20; size *= 8) {
    sizes.push_back(size);
  }
  sizes.push_back(8 << 20);
  return sizes;
}

int round_trips_for(std::size_t size, double warm_up_seconds) {
  const double per_trip = warm_up_seconds / kWarmUpTrips;
  const auto fit = static_cast<std::size_t>(0.2 / std::max(per_trip, 1e-9));
  const std::size_t most = std::clamp<std::size_t>((64 << 20) / size, 10, 10'000);
  return static_cast<int>(std::clamp<std::size_t>(fit, 10, most));
}

namespace {

// For each message size: a warm-up, then the round trips it sets (`tell` hands
// their number to the child), timed. `bounce(size, round_trips)` is one side's
// loop: send, then wait for the answer.
template <typename Bounce, typename Tell>
std::vector<double> one_way_seconds(Bounce bounce, Tell tell) {
  std::vector<double> seconds;
  for (const std::size_t size : message_sizes()) {
    const auto warm_up_started = course::Clock::now();
    bounce(size, kWarmUpTrips);
    const int round_trips = round_trips_for(size, course::seconds_since(warm_up_started));
    tell(round_trips);
    const auto started = course::Clock::now();
    bounce(size, round_trips);
    seconds.push_back(course::seconds_since(started) / (2.0 * round_trips));
  }
  return seconds;
}

// [snippet:shared_slot]
// Lesson 07's shared ring, one slot deep (a ping-pong has one message in
// flight): the bytes, and two counters that hand them over, each written by
// one side only, with release after the bytes and acquire before them.
struct SharedSlot {
  std::atomic<std::uint64_t> pings{0};  // the parent's messages so far; the last is in `bytes`
  std::atomic<std::uint64_t> pongs{0};  // the child's answers so far
  std::atomic<bool> done{false};
  std::size_t size = 0;  // of the message in `bytes`: written before its counter, read after
  char bytes[8 << 20];
};
// [/snippet:shared_slot]

// Waits, yielding the core as lesson 07's ring does, until `counter` reaches
// `wanted` (true), or `stop` is set (false). A wait of 5 s means the other side
// is gone: no round trip of this demo takes that long.
bool wait_for(const std::atomic<std::uint64_t>& counter, std::uint64_t wanted,
              const std::atomic<bool>& stop) {
  const auto give_up_at = course::Clock::now() + std::chrono::seconds(5);
  for (long spins = 1; counter.load(std::memory_order_acquire) != wanted; ++spins) {
    if (stop.load(std::memory_order_acquire)) {
      return false;
    }
    if (spins % 1024 == 0 && course::Clock::now() > give_up_at) {
      throw std::runtime_error("the shared ring: the other process has not answered for 5 s");
    }
    std::this_thread::yield();
  }
  return true;
}

}  // namespace

std::vector<double> measure_pipes() {
  course::Pipe to_child = course::make_pipe();
  course::Pipe to_parent = course::make_pipe();
  std::vector<char> message(8 << 20, 'x');
  course::ChildProcess child = course::ChildProcess::start([&] {
    to_child.write_end.reset();
    to_parent.read_end.reset();
    const auto echo = [&](std::size_t size, int round_trips) {
      for (int trip = 0; trip < round_trips; ++trip) {
        course::read_whole(to_child.read_end.get(), message.data(), size);
        course::write_whole(to_parent.write_end.get(), message.data(), size);
      }
    };
    for (const std::size_t size : message_sizes()) {
      echo(size, kWarmUpTrips);
      int round_trips = 0;  // the parent decides, as rank 0 does
      course::read_value(to_child.read_end.get(), round_trips);
      echo(size, round_trips);
    }
    return 0;
  });
  to_child.read_end.reset();
  to_parent.write_end.reset();
  const std::vector<double> seconds = one_way_seconds(
      [&](std::size_t size, int round_trips) {
        for (int trip = 0; trip < round_trips; ++trip) {
          course::write_whole(to_child.write_end.get(), message.data(), size);
          course::read_whole(to_parent.read_end.get(), message.data(), size);
        }
      },
      [&](int round_trips) { course::write_value(to_child.write_end.get(), round_trips); });
  if (!child.wait().ok()) {
    throw std::runtime_error("the pipe's child process failed");
  }
  return seconds;
}

std::vector<double> measure_shared_ring() {
  void* memory =
      ::mmap(nullptr, sizeof(SharedSlot), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
  if (memory == MAP_FAILED) {
    throw std::bad_alloc();
  }
  auto* slot = new (memory) SharedSlot;
  const std::atomic<bool> never{false};
  course::ChildProcess child = course::ChildProcess::start([slot] {
    std::vector<char> mine(sizeof slot->bytes);
    // Echoes every message, whatever its size, until the parent is done.
    for (std::uint64_t answered = 0; wait_for(slot->pings, answered + 1, slot->done); ++answered) {
      std::memcpy(mine.data(), slot->bytes, slot->size);  // receive
      std::memcpy(slot->bytes, mine.data(), slot->size);  // and send it back
      slot->pongs.store(answered + 1, std::memory_order_release);
    }
    return 0;
  });
  std::vector<char> message(sizeof slot->bytes, 'x');
  std::uint64_t sent = 0;
  const std::vector<double> seconds = one_way_seconds(
      [&](std::size_t size, int round_trips) {
        for (int trip = 0; trip < round_trips; ++trip) {
          slot->size = size;
          std::memcpy(slot->bytes, message.data(), size);  // send
          slot->pings.store(++sent, std::memory_order_release);
          wait_for(slot->pongs, sent, never);
          std::memcpy(message.data(), slot->bytes, size);  // receive the answer
        }
      },
      [](int) {});  // the child answers whatever comes: nothing to tell it
  slot->done.store(true, std::memory_order_release);
  const bool child_ok = child.wait().ok();
  slot->~SharedSlot();
  ::munmap(memory, sizeof(SharedSlot));
  if (!child_ok) {
    throw std::runtime_error("the shared ring's child process failed");
  }
  return seconds;
}
