// ABBA on a lucky day: the same opposite lock orders as `abba`, but teller-2
// starts only after teller-1 has finished, so nothing hangs. The bug is still
// there, and ThreadSanitizer and Helgrind name it: they record which lock was
// taken while holding which, and find the two orders contradict each other.
#include <mutex>
#include <thread>

#include "bank.hpp"
#include "course/log.hpp"
#include "lesson.hpp"

void show_lucky_inversion() {
  course::heading("Opposite lock orders that happen not to overlap");
  Account a(1, "account A", 1000);
  Account b(2, "account B", 1000);
  // [snippet:lucky_inversion]
  auto transfer = [](Account& from, Account& to, long amount) {
    std::scoped_lock lock_from(from.mutex);
    std::scoped_lock lock_to(to.mutex);
    from.balance -= amount;
    to.balance += amount;
  };
  std::thread([&] { transfer(a, b, 100); }).join();  // A then B
  std::thread([&] { transfer(b, a, 50); }).join();   // B then A, but only after the first ended
  // [/snippet:lucky_inversion]
  course::say("no deadlock this time: A = {}, B = {}. The order bug is still in the code:", a.balance,
              b.balance);
  course::say("build/tsan/lesson04_lock_vs_rlock inversion reports it (lock-order-inversion)");
}
