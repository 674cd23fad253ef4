// The classic deadlock: teller-1 locks A then B, teller-2 locks B then A.
// A latch makes the unlucky timing certain: both hold their first lock
// before either asks for the second, so this hangs on every run.
#include <latch>
#include <thread>

#include "bank.hpp"
#include "course/log.hpp"
#include "lesson.hpp"

void show_abba_deadlock(bool hang) {
  course::heading("Two tellers, two accounts, opposite orders");
  Account a(1, "account A", 1000);
  Account b(2, "account B", 1000);
  const course::DeadlockWatchdog watchdog(hang ? course::DeadlockWatchdog::OnDeadlock::hang
                                               : course::DeadlockWatchdog::OnDeadlock::exit);
  std::latch both_hold_their_first_lock(2);

  // [snippet:abba]
  auto transfer = [&](Account& from, Account& to, long amount) {
    std::scoped_lock lock_from(from.mutex);
    course::say("locked {}, now asking for {}", from.name, to.name);
    both_hold_their_first_lock.arrive_and_wait();  // the unlucky timing, made certain
    std::scoped_lock lock_to(to.mutex);
    from.balance -= amount;
    to.balance += amount;
  };
  std::jthread teller1([&] {
    course::set_actor_name("teller-1");
    transfer(a, b, 100);
  });
  std::jthread teller2([&] {
    course::set_actor_name("teller-2");
    transfer(b, a, 50);
  });
  // [/snippet:abba]
}
