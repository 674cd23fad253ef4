#pragma once
// A rank's watch over one blocking MPI call, for the deadlock scene.
//
// Ranks share no memory, so no watchdog can see both of them, as lesson 04's
// does with threads. Instead each rank watches itself: when its call has not
// returned within the patience, it says where it waits and for whom, and
// reports "waiting rank=R for=P" to the launcher, which sees every rank's line
// and finds the cycle.

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>

class BlockingCallWatch {
 public:
  enum class OnStuck {
    exit,  // end this rank with kDeadlockExitCode (mpirun then ends the others)
    hang,  // stay, and say how to attach gdb
  };

  // Watches from now until destroyed, i.e. until the call has returned. The
  // watching thread makes no MPI call (see course::mpi::Session).
  BlockingCallWatch(std::string call, int rank, int peer, OnStuck on_stuck,
                    std::chrono::milliseconds patience = std::chrono::milliseconds(2000));
  ~BlockingCallWatch();
  BlockingCallWatch(const BlockingCallWatch&) = delete;
  BlockingCallWatch& operator=(const BlockingCallWatch&) = delete;

 private:
  void watch(std::string call, int rank, int peer, OnStuck on_stuck, std::chrono::milliseconds patience);

  std::mutex mutex_;
  std::condition_variable returned_changed_;
  bool returned_ = false;
  std::thread thread_;
};
