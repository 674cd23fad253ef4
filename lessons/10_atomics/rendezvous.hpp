#pragma once
// Two threads lined up for every round of a litmus test, and what they got.
//
// A reordering shows only when both threads run their few instructions at the
// same instant. Waking a sleeping thread takes tens of microseconds, far longer
// than a round, so the two meet by spinning: each says "I reached round r",
// then waits until the other has said it too. They leave within about a
// cache-line transfer of each other.
#include <atomic>
#include <thread>

#include "course/log.hpp"

namespace lesson10 {

// In a spin loop: nothing, most times; every few thousand calls, a yield,
// in case the thread being waited for has no core just now and needs ours.
inline void pause_briefly() {
  thread_local int spins = 0;
  if (++spins > 4000) {
    spins = 0;
    std::this_thread::yield();
  }
}

class Rendezvous {
 public:
  // Called by thread `me` (0 or 1) at the start of each round, rounds counted from 0.
  void arrive_and_wait(int me, long round) {
    arrived_[me].round.store(round, std::memory_order_release);
    const std::atomic<long>& other = arrived_[1 - me].round;
    while (other.load(std::memory_order_acquire) < round) {
      pause_briefly();
    }
  }

 private:
  struct alignas(64) Arrival {  // each in a cache line of its own (see the sharing mode)
    std::atomic<long> round{-1};
  };
  Arrival arrived_[2];
};

// The rounds a litmus run may take: `rounds`, or fewer when the time is up. A
// round needs both threads on a core at once; on a busy machine each round may
// wait for a core, and a million of them could take minutes. Thread 0 looks at
// the clock every few thousand rounds and, when the time is up, sets the last
// round before it arrives at the rendezvous; thread 1 reads it after the
// rendezvous, which orders the two (release, acquire): both stop at that round.
class RoundBudget {
 public:
  RoundBudget(long rounds, double seconds) : end_(rounds), seconds_(seconds) {}
  // Thread 0, before it arrives at round i.
  void look_at_the_clock(long i) {
    if (i % 4096 == 0 && course::seconds_since(start_) > seconds_) {
      end_.store(i, std::memory_order_relaxed);
    }
  }
  // Both threads, after the rendezvous of round i.
  bool over(long i) const { return i >= end_.load(std::memory_order_relaxed); }

 private:
  std::atomic<long> end_;
  double seconds_;
  course::Clock::time_point start_ = course::Clock::now();
};

// What a two-thread run got: its wall time, and the CPU both threads used.
struct PairRun {
  long count = 0;   // the outcome counted (both zero, a stale payload, ...)
  long rounds = 0;  // the rounds run: fewer than asked for when the time ran out
  double wall_seconds = 0;
  double cpu_seconds = 0;
  double cores() const { return wall_seconds > 0 ? cpu_seconds / wall_seconds : 0; }
};

}  // namespace lesson10
