#pragma once
// Two accounts and the tellers who move money between them, for the ABBA
// deadlock and its two fixes.
#include <functional>
#include <string>

#include "course/deadlock.hpp"

struct Account {
  Account(int id, std::string name, long balance)
      : id(id), name(name), balance(balance), mutex(std::move(name)) {}
  const int id;
  const std::string name;
  long balance;
  course::TrackedMutex mutex;  // guards balance
};

using Transfer = std::function<void(Account& from, Account& to, long amount)>;

// Two tellers move money back and forth, `rounds` times each, in opposite
// directions, with a watchdog looking for deadlocks. Prints the balances,
// and throws if money appeared or vanished.
void run_opposite_transfers(const Transfer& transfer, int rounds);
