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
  // The predicate, not a bare wait: another thread may take the freed slot
  // between the notify and our wake-up (a stolen wake-up).
  slot_freed_.wait(lock, [this] { return in_use_ < max_; });
  ++in_use_;
}

void ConnectionLimiter::release() {
  std::scoped_lock lock(mutex_);
  --in_use_;
  // One slot freed, one waiter can use it: notify_one is enough.
  slot_freed_.notify_one();
}

int ConnectionLimiter::in_use() const {
  std::scoped_lock lock(mutex_);
  return in_use_;
}
