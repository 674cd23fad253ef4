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
  // TODO: wake every thread waiting in wait() or wait_for().
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
  // TODO: block until flag_ is true. Why must the check and the sleep happen
  //       under the same lock, and why does a plain wait(lock) need a loop?
}

bool Event::wait_for(std::chrono::milliseconds timeout) {
  // TODO: block until flag_ is true or the timeout has passed.
  (void)timeout;
  return is_set();
}
