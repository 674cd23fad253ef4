#pragma once
// Two threads lined up for every round of a litmus test, and what they got.
//
// A reordering shows only when both threads run their few instructions at the
// same instant. Waking a sleeping thread takes tens of microseconds, far longer
// than a round, so the two meet by spinning: each says "I reached round r",
// then waits until the other has said it too. They leave within about a
// hundred nanoseconds of each other.
#include <atomic>
#include <thread>

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

// What a two-thread run got: its wall time, and the CPU both threads used.
struct PairRun {
  long count = 0;  // the outcome counted (both zero, a stale payload, ...)
  double wall_seconds = 0;
  double cpu_seconds = 0;
  double cores() const { return wall_seconds > 0 ? cpu_seconds / wall_seconds : 0; }
};

}  // namespace lesson10
