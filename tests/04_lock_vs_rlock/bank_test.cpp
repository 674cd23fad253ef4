// Tests of Bank: money is conserved, no account is overdrawn, and tellers never
// deadlock. Each test runs in an isolated child with a deadlock watchdog: a
// deadlock prints its wait-for cycle and fails the test within about a second.
//
// Several tests play a teller who is busy with an account: the test holds that
// account's lock itself until the other tellers are blocked or done, and
// watches what they did meanwhile. That makes the classic mistakes show on
// every run, not only when the timing happens to be unlucky.
#include "bank.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstddef>
#include <deque>
#include <mutex>
#include <random>
#include <source_location>
#include <string_view>
#include <thread>
#include <tuple>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include "course/testing.hpp"
#include "tellers.hpp"

using namespace std::chrono_literals;
using course::testing::in_watched_child;
using tellers::Teller;

namespace {

// in_watched_child, saying what an expired deadline most likely means when it
// is not a deadlock the watchdog can see.
template <typename Body>
auto in_watched_child_saying(std::chrono::milliseconds deadline, std::string_view if_late, Body body,
                             std::source_location where = std::source_location::current()) {
  return course::testing::detail::typed_run(course::testing::run_watched_in_child, deadline, body, if_late,
                                            where);
}

// Bank keeps its accounts private. An explicit instantiation is the one place
// where C++ lets outside code name a private member (access is not checked
// there), and this one gives the tests the member pointer to Bank::accounts_.
auto& accounts_of(Bank& bank);
template <auto accounts>
struct ReachAccounts {
  friend auto& accounts_of(Bank& bank) { return bank.*accounts; }
};
template struct ReachAccounts<&Bank::accounts_>;

// The lock of one account, for a test playing a teller busy with it.
auto& lock_of(Bank& bank, std::size_t account) {
  return accounts_of(bank).at(account).mutex;
}

}  // namespace

TEST(Bank, MovesMoneyAndRefusesOverdrafts) {
  const auto [moved, overdraft, everything, balances] = in_watched_child(2s, [] {
    Bank bank({100, 0});
    const bool moved = bank.transfer(0, 1, 30);       // 70, 30
    const bool overdraft = bank.transfer(1, 0, 50);   // refused: 1 has only 30
    const bool everything = bank.transfer(1, 0, 30);  // all that 1 has: 100, 0
    return std::tuple(moved, overdraft, everything, std::pair(bank.balance(0), bank.balance(1)));
  });
  EXPECT_TRUE(moved) << "transfer(0, 1, 30) from an account holding 100 must move the money";
  EXPECT_FALSE(overdraft) << "transfer(1, 0, 50) from an account holding 30 must be refused";
  EXPECT_TRUE(everything) << "transfer(1, 0, 30) from an account holding exactly 30 must move it all: "
                             "refuse only when the balance is LESS than the amount";
  EXPECT_EQ(balances, std::pair(100L, 0L));
}

TEST(Bank, ATransferToTheSameAccountChangesNothing) {
  const auto [small, large, balances] = in_watched_child_saying(
      2s,
      "a transfer to the same account never returned: it locked that account's mutex twice "
      "(a std::scoped_lock given one mutex twice spins for ever). Handle from == to before locking",
      [] {
        Bank bank({100, 50});
        const bool small = bank.transfer(0, 0, 10);
        const bool large = bank.transfer(1, 1, 500);  // more than it holds: still nothing to move
        return std::tuple(small, large, std::pair(bank.balance(0), bank.balance(1)));
      });
  EXPECT_TRUE(small) << "transfer(0, 0, 10) changes nothing and returns true";
  EXPECT_TRUE(large) << "transfer(1, 1, 500) changes nothing and returns true";
  EXPECT_EQ(balances, std::pair(100L, 50L)) << "a transfer to the same account must change no balance";
}

TEST(Bank, ATransferWaitsWhileAnotherTellerHoldsEitherAccount) {
  // While the test holds one account's lock, transfer(0, 1, 10) must not get
  // through: it changes both balances, so it needs both locks.
  const auto finished_while_held = in_watched_child(3s, [] {
    std::vector<bool> finished;
    for (const std::size_t held : {1, 0}) {
      Bank bank({100, 0});
      std::atomic<bool> done = false;
      std::unique_lock busy(lock_of(bank, held));
      Teller teller([&] {
        bank.transfer(0, 1, 10);
        done = true;
      });
      teller.blocked_or_done();
      finished.push_back(done.load());
      busy.unlock();
    }
    return finished;
  });
  ASSERT_EQ(finished_while_held.size(), 2u);
  EXPECT_FALSE(finished_while_held[0])
      << "transfer(0, 1, 10) went through while another teller held account 1's lock: it changed "
         "account 1 without its lock. Lock both accounts";
  EXPECT_FALSE(finished_while_held[1])
      << "transfer(0, 1, 10) went through while another teller held account 0's lock: it changed "
         "account 0 without its lock. Lock both accounts";
}

TEST(Bank, MoneyIsNeverOutOfBothAccountsAtOnce) {
  // The test holds account 1's lock, so transfer(0, 1, 10) has to wait. An
  // auditor reads account 0 meanwhile: it may find it locked (then it gets no
  // answer yet) or holding its 100, but never 90. 90 would mean the 10 has
  // left account 0 and is in neither account: the transfer took one lock,
  // changed one balance, let go, and is now waiting for the other lock.
  const auto [seen_by_auditor, moved, balances] = in_watched_child(3s, [] {
    Bank bank({100, 0});
    std::atomic<bool> moved = false;
    std::atomic<long> seen_by_auditor = -1;  // -1: no answer while the test held account 1
    std::unique_lock busy(lock_of(bank, 1));
    Teller teller([&] { moved = bank.transfer(0, 1, 10); });
    teller.blocked_or_done();
    Teller auditor([&] { seen_by_auditor = bank.balance(0); });
    auditor.blocked_or_done();
    const long seen = seen_by_auditor.load();
    busy.unlock();
    teller.join();
    auditor.join();
    return std::tuple(seen, moved.load(), std::pair(bank.balance(0), bank.balance(1)));
  });
  EXPECT_NE(seen_by_auditor, 90)
      << "money in flight: while transfer(0, 1, 10) waited for account 1, account 0 already showed 90. "
         "The 10 was in neither account. Take both locks first, then change both balances";
  EXPECT_TRUE(moved);
  EXPECT_EQ(balances, std::pair(90L, 10L));
}

TEST(Bank, EightTellersCannotAllTakeTheLast100) {
  // Account 0 holds 100. Eight tellers each try to move 100 out of it at the
  // same moment; the test holds account 1's lock until all eight are blocked
  // in transfer(). Exactly one may succeed. A transfer that checks the balance
  // before it holds the locks lets all eight pass the check, and then each one
  // takes its 100.
  constexpr int kTellers = 8;
  const auto [successes, balances] = in_watched_child(3s, [] {
    Bank bank({100, 0});
    std::atomic<int> successes = 0;
    std::unique_lock busy(lock_of(bank, 1));
    {
      std::deque<Teller> tellers;  // a deque never moves its elements
      for (int t = 0; t < kTellers; ++t) {
        tellers.emplace_back([&] {
          if (bank.transfer(0, 1, 100)) {
            successes.fetch_add(1);
          }
        });
      }
      for (const Teller& teller : tellers) {
        teller.blocked_or_done();
      }
      busy.unlock();
    }
    return std::pair(successes.load(), std::pair(bank.balance(0), bank.balance(1)));
  });
  EXPECT_EQ(successes, 1) << "check-then-act: " << successes
                          << " tellers each took the same 100. Check the balance only once you hold both "
                             "locks, so that nobody can change it between the check and the move";
  EXPECT_EQ(balances, std::pair(0L, 100L)) << "account 0 went below 0, or money was created";
}

TEST(Bank, OppositeTransfersNeverDeadlock) {
  // Teller A sends 10 from account 0 to account 1 while teller B sends 10
  // back, and the test makes them meet in the worst way, on every run. It
  // holds one account's lock until both tellers are blocked; then it holds A
  // in a signal handler while it lets go, so that B gets the lock first, and
  // lets A go on. A transfer that takes one account's lock and then waits for
  // the other's now holds what the other teller needs: the watchdog reports
  // the cycle. Played twice, the test holding account 1 and then account 0,
  // so that locking the source first is caught, and locking the target first.
  const auto moved = in_watched_child(3s, [] {
    tellers::SignalHold hold;
    std::vector<bool> moved;
    for (const std::size_t held : {1, 0}) {
      Bank bank({100, 100});
      std::atomic<bool> a_moved = false;
      std::atomic<bool> b_moved = false;
      std::unique_lock busy(lock_of(bank, held));
      Teller a([&] { a_moved = bank.transfer(0, 1, 10); });
      a.blocked_or_done();
      Teller b([&] { b_moved = bank.transfer(1, 0, 10); });
      b.blocked_or_done();
      hold.hold(a.handle());
      busy.unlock();
      b.blocked_or_done();  // B got the lock: it has finished, or waits for one that A holds
      hold.release();
      a.join();
      b.join();
      moved.push_back(a_moved.load() && b_moved.load() && bank.balance(0) == 100 && bank.balance(1) == 100);
    }
    return moved;
  });
  EXPECT_EQ(moved, (std::vector<bool>{true, true})) << "both transfers must go through, and both accounts "
                                                       "end with their 100";
}

TEST(Bank, ManyTellersAndAccountsKeepTheTotalAndNoBalanceGoesNegative) {
  constexpr std::size_t kAccounts = 8;
  const auto [total, lowest] = in_watched_child_saying(
      3s,
      "the tellers never finished: a deadlock the watchdog cannot see (a std::scoped_lock given one "
      "account's mutex twice spins for ever), or transfers that wait far too long",
      [] {
        Bank bank(std::vector<long>(kAccounts, 1000));
        {
          std::vector<std::jthread> tellers;
          for (unsigned seed = 1; seed <= 4; ++seed) {
            tellers.emplace_back([&bank, seed] {
              std::mt19937 random(seed);
              std::uniform_int_distribution<std::size_t> account(0, kAccounts - 1);
              std::uniform_int_distribution<long> amount(1, 50);
              for (int i = 0; i < 10'000; ++i) {
                bank.transfer(account(random), account(random), amount(random));  // sometimes to itself
              }
            });
          }
        }
        long lowest = bank.balance(0);
        for (std::size_t i = 0; i < kAccounts; ++i) {
          lowest = std::min(lowest, bank.balance(i));
        }
        return std::pair(bank.total(), lowest);
      });
  EXPECT_EQ(total, 8000) << "money was lost or created";
  EXPECT_GE(lowest, 0) << "an account went below 0";
}
