// Fix 1: std::scoped_lock locks several mutexes as one step. It never holds
// one while blocking on another, so opposite orders cannot deadlock.
#include <mutex>

#include "bank.hpp"
#include "course/log.hpp"
#include "lesson.hpp"

void show_scoped_lock_fix() {
  course::heading("Fix 1: std::scoped_lock(from, to) takes both at once");
  // [snippet:scoped_transfer]
  const Transfer transfer = [](Account& from, Account& to, long amount) {
    std::scoped_lock both(from.mutex, to.mutex);  // all or nothing, in any order
    from.balance -= amount;
    to.balance += amount;
  };
  // [/snippet:scoped_transfer]
  run_opposite_transfers(transfer, 100'000);
}
