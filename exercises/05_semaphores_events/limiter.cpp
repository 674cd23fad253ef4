// Lesson 05 exercise, part 2: make ConnectionLimiter keep its limit.
// As given, acquire() never waits, so any number get in at once.
//
// Quick reference
//   std::unique_lock lock(mutex_);                        a lock a condition_variable can release
//   slot_freed_.wait(lock, [&] { return in_use_ < max_; });   sleep until there is room
//   slot_freed_.notify_one();                             wake one waiting thread
//
// Check with: ./course check 05      Stuck? ./course hint 05

#include "limiter.hpp"

void ConnectionLimiter::acquire() {
  std::unique_lock lock(mutex_);
  // TODO: wait until fewer than max_ slots are in use.
  ++in_use_;
}

void ConnectionLimiter::release() {
  std::scoped_lock lock(mutex_);
  --in_use_;
  // TODO: one slot is free now: let one waiting thread know.
}

int ConnectionLimiter::in_use() const {
  std::scoped_lock lock(mutex_);
  return in_use_;
}
