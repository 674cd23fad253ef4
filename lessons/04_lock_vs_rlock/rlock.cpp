// std::recursive_mutex lets the thread that holds it lock it again; it counts
// the locks and is free again only when the count is back at 0.
#include <mutex>

#include "course/log.hpp"
#include "lesson.hpp"

namespace {

// A recursive_mutex keeps its count to itself; this one says it out loud.
class CountingRecursiveMutex {
 public:
  void lock() {
    mutex_.lock();
    ++count_;  // only the holder gets here, so the count needs no other guard
    course::say("lock()   -> count {}", count_);
  }
  void unlock() {
    --count_;
    course::say("unlock() -> count {}", count_);
    mutex_.unlock();
  }

 private:
  std::recursive_mutex mutex_;
  int count_ = 0;
};

CountingRecursiveMutex counter_lock;
long counter = 0;

// [snippet:outer_inner_recursive]
void inner() {
  std::scoped_lock lock(counter_lock);  // the holder may lock it again
  ++counter;
}

void outer() {
  std::scoped_lock lock(counter_lock);
  inner();
}
// [/snippet:outer_inner_recursive]

}  // namespace

void show_recursive_mutex() {
  course::heading("The same outer()/inner() with std::recursive_mutex");
  outer();
  course::say("done: counter = {}, and the lock is free again", counter);
}
