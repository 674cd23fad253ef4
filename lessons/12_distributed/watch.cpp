#include "watch.hpp"

#include <unistd.h>

#include <cstdlib>
#include <utility>

#include "course/demo.hpp"
#include "course/log.hpp"
#include "course/mpi_rank.hpp"

BlockingCallWatch::BlockingCallWatch(std::string call, int rank, int peer, OnStuck on_stuck,
                                     std::chrono::milliseconds patience)
    : thread_([this, call = std::move(call), rank, peer, on_stuck, patience]() mutable {
        watch(std::move(call), rank, peer, on_stuck, patience);
      }) {}

BlockingCallWatch::~BlockingCallWatch() {
  {
    const std::scoped_lock lock(mutex_);
    returned_ = true;
  }
  returned_changed_.notify_one();
  thread_.join();
}

void BlockingCallWatch::watch(std::string call, int rank, int peer, OnStuck on_stuck,
                              std::chrono::milliseconds patience) {
  course::set_actor_name(fmt::format("rank-{}-watch", rank));
  std::unique_lock lock(mutex_);
  if (returned_changed_.wait_for(lock, patience, [this] { return returned_; })) {
    return;  // the call returned in time
  }
  course::say("still in {} for rank {}, after {:.1f} s", call, peer, patience.count() / 1000.0);
  course::mpi::report("waiting rank={} for={} pid={}", rank, peer, ::getpid());
  if (on_stuck == OnStuck::hang) {
    course::say("staying hung (--hang): attach with gdb -p {}", ::getpid());
    returned_changed_.wait(lock, [this] { return returned_; });
    return;
  }
  // A moment for the other ranks to report their waits too, then end: mpirun
  // sees a rank fail and ends the rest.
  returned_changed_.wait_for(lock, std::chrono::milliseconds(500), [this] { return returned_; });
  std::_Exit(course::kDeadlockExitCode);
}
