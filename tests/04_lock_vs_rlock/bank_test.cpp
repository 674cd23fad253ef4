// Tests of Bank: money is conserved and opposite transfers never deadlock.
// Each test runs in an isolated child with a deadlock watchdog: a deadlock
// prints its wait-for cycle and fails the test within about a second.
#include "bank.hpp"

#include <chrono>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "course/testing.hpp"

using namespace std::chrono_literals;
using course::testing::finished;
using course::testing::run_watched_in_child;

TEST(Bank, MovesMoneyAndRefusesOverdrafts) {
  const auto run = run_watched_in_child(10s, [] {
    Bank bank({100, 0});
    const bool moved = bank.transfer(0, 1, 30);
    const bool overdraft = bank.transfer(1, 0, 50);
    return std::to_string(moved) + std::to_string(overdraft) + " " + std::to_string(bank.balance(0)) + " " +
           std::to_string(bank.balance(1));
  });
  ASSERT_TRUE(finished(run));
  EXPECT_EQ(run.payload, "10 70 30") << "30 moved from account 0 to 1; then 50 refused, since 1 had only 30";
}

TEST(Bank, OppositeTransfersNeverDeadlock) {
  const auto run = run_watched_in_child(10s, [] {
    Bank bank({1000, 1000});
    {
      std::vector<std::jthread> tellers;
      for (int t = 0; t < 4; ++t) {
        tellers.emplace_back([&bank, t] {
          for (int i = 0; i < 50'000; ++i) {
            t % 2 == 0 ? bank.transfer(0, 1, 1) : bank.transfer(1, 0, 1);
          }
        });
      }
    }
    return std::to_string(bank.total());
  });
  ASSERT_TRUE(finished(run)) << "tellers moving money in opposite directions must never deadlock";
  EXPECT_EQ(run.payload, "2000") << "money was lost or created";
}

TEST(Bank, ManyTellersAndAccountsKeepTheTotalAndNoBalanceGoesNegative) {
  const auto run = run_watched_in_child(10s, [] {
    constexpr std::size_t kAccounts = 8;
    Bank bank(std::vector<long>(kAccounts, 1000));
    {
      std::vector<std::jthread> tellers;
      for (unsigned seed = 1; seed <= 4; ++seed) {
        tellers.emplace_back([&bank, seed] {
          std::mt19937 random(seed);
          std::uniform_int_distribution<std::size_t> account(0, kAccounts - 1);
          std::uniform_int_distribution<long> amount(1, 50);
          for (int i = 0; i < 20'000; ++i) {
            bank.transfer(account(random), account(random), amount(random));
          }
        });
      }
    }
    std::string negative;
    for (std::size_t i = 0; i < kAccounts; ++i) {
      if (bank.balance(i) < 0) {
        negative += " account " + std::to_string(i);
      }
    }
    return std::to_string(bank.total()) + negative;
  });
  ASSERT_TRUE(finished(run));
  EXPECT_EQ(run.payload, "8000") << "the total must stay 8000 and no balance may go below 0";
}

TEST(Bank, ATransferToTheSameAccountChangesNothing) {
  const auto run = run_watched_in_child(10s, [] {
    Bank bank({100});
    const bool moved = bank.transfer(0, 0, 10);
    return std::to_string(moved) + " " + std::to_string(bank.balance(0));
  });
  ASSERT_TRUE(finished(run)) << "locking one account's mutex twice: a thread waits for itself";
  EXPECT_EQ(run.payload, "1 100");
}
