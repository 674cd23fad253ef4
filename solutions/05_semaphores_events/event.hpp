#pragma once
// Lesson 05 exercise, part 1: an Event, like Python's threading.Event. One
// thread sets it; every thread waiting for it goes on.

#include <chrono>
#include <condition_variable>
#include <mutex>

class Event {
 public:
  // Sets the flag and wakes every waiting thread. Waits that come later return at once.
  void set();
  // Lowers the flag again: later waits block until the next set().
  void clear();
  bool is_set() const;
  // Blocks until the flag is set.
  void wait();
  // Blocks until the flag is set or `timeout` has passed; returns whether it is set.
  bool wait_for(std::chrono::milliseconds timeout);

 private:
  mutable std::mutex mutex_;
  std::condition_variable changed_;
  bool flag_ = false;  // guarded by mutex_
};
