// A std::mutex is not recursive. Locking it again on the thread that holds it
// is undefined behaviour in C++; glibc's mutex then waits for ever for its own
// thread. course::TrackedMutex is a std::mutex that also tells the watchdog who
// holds it and who waits for it; it notices the relock and sleeps for ever
// instead (well defined), so the watchdog can report the thread waiting for itself.
#include "course/deadlock.hpp"
#include "course/log.hpp"
#include "lesson.hpp"

namespace {

course::TrackedMutex counter_lock("counter lock");
long counter = 0;

// [snippet:outer_inner]
void inner() {
  course::say("inner(): asking for the counter lock...");
  std::scoped_lock lock(counter_lock);  // already held, by this very thread
  ++counter;
}

void outer() {
  std::scoped_lock lock(counter_lock);
  course::say("outer(): holding the counter lock, calling inner()");
  inner();
}
// [/snippet:outer_inner]

}  // namespace

void show_self_deadlock(bool hang) {
  course::heading("outer() calls inner(); both lock the same std::mutex");
  const course::DeadlockWatchdog watchdog(hang ? course::DeadlockWatchdog::OnDeadlock::hang
                                               : course::DeadlockWatchdog::OnDeadlock::exit);
  outer();
  course::say("never printed: counter = {}", counter);
}
