#include "bank.hpp"

#include <stdexcept>
#include <thread>

#include "course/log.hpp"

void run_opposite_transfers(const Transfer& transfer, int rounds) {
  Account a(1, "account A", 1000);
  Account b(2, "account B", 1000);
  const course::DeadlockWatchdog watchdog;
  const auto start = course::Clock::now();
  {
    std::jthread teller1([&] {
      course::set_actor_name("teller-1");
      for (int i = 0; i < rounds; ++i) {
        transfer(a, b, 1);
      }
    });
    std::jthread teller2([&] {
      course::set_actor_name("teller-2");
      for (int i = 0; i < rounds; ++i) {
        transfer(b, a, 1);
      }
    });
  }
  course::say("{} transfers each way in {:.0f} ms: A = {}, B = {}, total = {}", rounds,
              course::seconds_since(start) * 1000, a.balance, b.balance, a.balance + b.balance);
  if (a.balance + b.balance != 2000) {
    throw std::runtime_error("money appeared or vanished");
  }
}
