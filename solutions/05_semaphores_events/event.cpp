// Lesson 05 exercise, part 1: make Event's waits really wait.
//
// Quick reference
//   std::unique_lock lock(mutex_);                  a lock that a condition_variable can release
//   changed_.wait(lock, [&] { return flag_; });     sleeps until notified AND the predicate holds
//   changed_.wait_for(lock, timeout, predicate);    the same with a time limit; returns the predicate
//   changed_.notify_all();                          wakes every waiting thread
//
// Check with: ./course check 05      Stuck? ./course hint 05

#include "event.hpp"

void Event::set() {
  std::scoped_lock lock(mutex_);
  flag_ = true;
  // Every waiter must go on, not just one: notify_all.
  changed_.notify_all();
}

void Event::clear() {
  std::scoped_lock lock(mutex_);
  flag_ = false;
}

bool Event::is_set() const {
  std::scoped_lock lock(mutex_);
  return flag_;
}

void Event::wait() {
  // The predicate is checked under the lock before sleeping (so a set() just
  // before cannot be missed) and again after every wake-up (so a spurious
  // wake-up, or a clear() that came first, sends the thread back to sleep).
  std::unique_lock lock(mutex_);
  changed_.wait(lock, [this] { return flag_; });
}

bool Event::wait_for(std::chrono::milliseconds timeout) {
  std::unique_lock lock(mutex_);
  return changed_.wait_for(lock, timeout, [this] { return flag_; });
}
