// Fix 2: a global lock order. If every thread locks the lower account id
// first, no thread can hold a later lock while waiting for an earlier one.
#include <mutex>

#include "bank.hpp"
#include "course/log.hpp"
#include "lesson.hpp"

void show_lock_order_fix() {
  course::heading("Fix 2: always lock the lower account id first");
  // [snippet:ordered_transfer]
  const Transfer transfer = [](Account& from, Account& to, long amount) {
    Account& first = from.id < to.id ? from : to;
    Account& second = from.id < to.id ? to : from;
    std::scoped_lock lock_first(first.mutex);
    std::scoped_lock lock_second(second.mutex);
    from.balance -= amount;
    to.balance += amount;
  };
  // [/snippet:ordered_transfer]
  run_opposite_transfers(transfer, 100'000);
}
