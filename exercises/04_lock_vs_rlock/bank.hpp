#pragma once
// Lesson 04 exercise, part 1: a bank whose tellers never deadlock.

#include <cstddef>
#include <deque>
#include <string>
#include <vector>

#include "course/deadlock.hpp"

class Bank {
 public:
  explicit Bank(const std::vector<long>& opening_balances);

  // Moves `amount` from account `from` to account `to` if `from` has at least
  // that much; returns whether it did. Any number of threads may transfer at
  // once, in any direction: no money is lost or created, and nothing deadlocks.
  // A transfer from an account to itself changes nothing and returns true.
  bool transfer(std::size_t from, std::size_t to, long amount);

  long balance(std::size_t account) const;
  // The sum of all balances; exact when no transfer is running.
  long total() const;

 private:
  struct Account {
    explicit Account(std::string name, long balance) : mutex(std::move(name)), balance(balance) {}
    // A std::mutex that the deadlock watchdog can see.
    mutable course::TrackedMutex mutex;
    long balance;  // guarded by mutex
  };
  std::deque<Account> accounts_;  // a deque never moves its elements: each mutex stays put
};
