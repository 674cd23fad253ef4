// Tests of ConnectionLimiter: the limit is kept, and it is reached (a limiter
// that lets one thread in at a time is correct but useless); a freed slot lets
// one waiter in, not all of them; a waiter whose wake-up was stolen goes back
// to sleep; a waiting client sleeps. Counted with course::InFlight and with
// what the clients see, not timed. A client that is never let in is left
// behind once it has stayed asleep a while, so the test fails then, not at
// its deadline.
#include "limiter.hpp"

#include <atomic>
#include <chrono>
#include <latch>
#include <memory>
#include <stdexcept>
#include <thread>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include "course/instrument.hpp"
#include "course/testing.hpp"
#include "waiting.hpp"

using namespace std::chrono_literals;
using course::testing::eventually;
using course::testing::in_child;

namespace {

// Runs `steps` on a thread of its own, and fails the test at once, by
// throwing, if they do not return (the thread falls asleep, or 2 s pass):
// with a slot free, acquire() must not block. What the steps use must be shared with them (see Crowd).
template <typename Steps>
void without_blocking(Steps steps) {
  waiting::Crowd runner;
  runner.start(std::move(steps));
  if (!runner.all_return()) {
    throw std::runtime_error(
        "acquire() blocked although a slot was free: with limit 2, two slots can be taken at once");
  }
}

// A limiter and what its clients share: who is inside, the most in_use() any
// of them saw, and the door out, which opens when the test says so.
struct Room {
  explicit Room(int limit) : limiter(limit) {}

  // Run by a client: takes a Permit, stays inside until the test lets the
  // clients go, then leaves.
  void visit() {
    const ConnectionLimiter::Permit permit(limiter);
    const auto counted = inside.enter();
    record_in_use(limiter.in_use());
    may_leave.wait();
  }
  void record_in_use(int seen) {
    int most = most_in_use.load();
    while (seen > most && !most_in_use.compare_exchange_weak(most, seen)) {
    }
  }

  ConnectionLimiter limiter;
  course::InFlight inside;
  std::atomic<int> most_in_use = 0;
  std::latch may_leave{1};
};

// A room with a limiter of `limit` slots. Before any test uses it, a slot is
// taken and given back on a thread of its own: if that does not return, the
// test fails at once, by throwing, instead of hanging on its first acquire().
std::shared_ptr<Room> open_room(int limit) {
  auto room = std::make_shared<Room>(limit);
  waiting::Crowd tester;
  tester.start([room] {
    room->limiter.acquire();
    room->limiter.release();
  });
  if (!tester.all_return()) {
    throw std::runtime_error(
        "acquire() and release() on a free limiter did not return: does the wait's predicate call "
        "in_use(), which locks mutex_ a second time? The thread waits for itself");
  }
  return room;
}

// `count` clients visiting `room`, each on a thread of its own.
void start_clients(waiting::Crowd& clients, const std::shared_ptr<Room>& room, int count) {
  for (int i = 0; i < count; ++i) {
    clients.start([room] { room->visit(); });
  }
}

}  // namespace

TEST(ConnectionLimiter, KeepsTheLimitAndReachesIt) {
  // Limit 3, 9 clients who stay until the test lets them go: exactly 3 get
  // in, no fourth, and as they leave the others come in, never more than 3.
  static constexpr int kLimit = 3;
  const auto [full_room, all_served, most_inside, most_in_use] = in_child(3s, [] {
    auto room = open_room(kLimit);
    waiting::Crowd clients;
    start_clients(clients, room, 9);
    const bool filled = clients.until([&] { return room->inside.current() >= kLimit; });
    clients.settle();  // would a fourth get in?
    const int full_room = room->inside.current();
    room->may_leave.count_down();
    const bool all_served = filled && clients.all_return();
    return std::tuple(full_room, all_served, room->inside.max(), room->most_in_use.load());
  });
  EXPECT_EQ(full_room, kLimit) << "with 9 clients waiting, exactly as many as the limit (3) must be inside";
  EXPECT_TRUE(all_served) << "clients still waiting after the others left: is a waiting thread woken when a "
                             "slot is given back?";
  EXPECT_EQ(most_inside, kLimit) << "the most clients inside at once must be exactly the limit";
  EXPECT_LE(most_in_use, kLimit) << "in_use() must never exceed the limit";
}

TEST(ConnectionLimiter, WaitersGetInOneByOneAsSlotsFree) {
  const auto [all_served, most_inside, in_use] = in_child(3s, [] {
    auto room = open_room(1);
    waiting::Crowd clients;
    for (int i = 0; i < 4; ++i) {
      clients.start([room] {
        const ConnectionLimiter::Permit permit(room->limiter);
        const auto counted = room->inside.enter();
        std::this_thread::sleep_for(20ms);
      });
    }
    const bool all_served = clients.all_return();
    return std::tuple(all_served, room->inside.max(), all_served ? room->limiter.in_use() : -1);
  });
  ASSERT_TRUE(all_served) << "a client waited for ever for a freed slot: is a waiting thread woken when a "
                             "slot is given back?";
  EXPECT_EQ(most_inside, 1) << "limit 1: one client at a time";
  EXPECT_EQ(in_use, 0) << "every slot must be given back";
}

TEST(ConnectionLimiter, CountsTheSlotsInUse) {
  const auto counts = in_child(2s, [] {
    auto limiter = std::make_shared<ConnectionLimiter>(2);
    auto counts = std::make_shared<std::vector<int>>();
    without_blocking([limiter, counts] {
      counts->push_back(limiter->in_use());
      limiter->acquire();
      counts->push_back(limiter->in_use());
      limiter->acquire();
      counts->push_back(limiter->in_use());
      limiter->release();
      counts->push_back(limiter->in_use());
      limiter->release();
      counts->push_back(limiter->in_use());
    });
    return *counts;
  });
  EXPECT_EQ(counts, (std::vector<int>{0, 1, 2, 1, 0})) << "in_use() after acquire, acquire, release, release";
}

TEST(ConnectionLimiter, AReleaseLetsExactlyOneWaiterIn) {
  // Limit 1, the slot held by the test, 6 clients asleep in acquire(). One
  // release() frees one slot: exactly one client may come in. A release that
  // wakes every waiter (notify_all) is fine, if each one woken looks at the
  // count again; a waiter that checked once, with `if`, walks in regardless.
  const auto [after_release, all_served, most_inside] = in_child(3s, [] {
    auto room = open_room(1);
    room->limiter.acquire();
    waiting::Crowd clients;
    start_clients(clients, room, 6);
    clients.settle();  // all six asleep in acquire()
    room->limiter.release();
    const bool let_in = clients.until([&] { return room->inside.current() >= 1; });
    clients.settle();  // would a second one get in?
    const int after_release = room->inside.current();
    room->may_leave.count_down();  // then they come in one by one
    const bool all_served = let_in && clients.all_return();
    return std::tuple(after_release, all_served, room->inside.max());
  });
  EXPECT_EQ(after_release, 1) << "one slot was freed and " << after_release
                              << " waiting clients came in: a woken waiter must check again that there "
                                 "is room (wait with the predicate, or in a while loop), not walk in";
  EXPECT_TRUE(all_served) << "clients still waiting after the others left: is a waiting thread woken when a "
                             "slot is given back?";
  EXPECT_EQ(most_inside, 1) << "limit 1: never more than one client inside";
}

TEST(ConnectionLimiter, AWakeUpStolenByANewcomerSendsTheWaiterBackToSleep) {
  // Limit 1. The test holds the slot; a client waits for it. The test holds
  // the client in a signal handler, gives the slot back (release() wakes the
  // client) and at once takes it again, as a newcomer would. When the client
  // is let go, the slot it was woken for is taken: it must go back to sleep,
  // and come in only after the next release().
  const auto [in_use_after_steal, client_in_early, let_in_later] = in_child(3s, [] {
    waiting::SignalHold hold;
    auto room = open_room(1);
    room->limiter.acquire();
    waiting::Crowd client;
    start_clients(client, room, 1);
    client.settle();  // asleep in acquire()
    hold.hold(client.handle(0));
    room->limiter.release();  // wakes the client, which cannot move yet
    room->limiter.acquire();  // the newcomer takes the slot
    hold.release();
    client.settle();  // it walks in, or goes back to sleep
    const int in_use_after_steal = room->limiter.in_use();
    const bool client_in_early = room->inside.current() > 0;
    room->limiter.release();
    const bool let_in_later = client.until([&] { return room->inside.max() > 0; });
    room->may_leave.count_down();
    if (let_in_later) {
      client.all_return();
    }
    return std::tuple(in_use_after_steal, client_in_early, let_in_later);
  });
  EXPECT_EQ(in_use_after_steal, 1)
      << "limit 1, and " << in_use_after_steal
      << " slots in use: the client was woken for a slot that a newcomer took before it could move, and "
         "it walked in anyway. Check the count again after every wake-up (the predicate form of wait)";
  EXPECT_FALSE(client_in_early) << "the client came in while the newcomer held the only slot";
  EXPECT_TRUE(let_in_later) << "the client must come in once the newcomer gives the slot back";
}

TEST(ConnectionLimiter, AWaitingClientSleeps) {
  // The test holds the only slot for 200 ms while a client waits in
  // acquire(). The test watches whether the client falls asleep (a thread
  // that spins stays runnable); the client measures what it used meanwhile.
  const auto [fell_asleep, let_in, effort] = in_child(3s, [] {
    auto room = open_room(1);
    auto effort = std::make_shared<waiting::Effort>();
    room->limiter.acquire();
    waiting::Crowd client;
    client.start([room, effort] {
      const waiting::EffortMeter meter;
      room->limiter.acquire();
      *effort = meter.used();
      room->limiter.release();
    });
    eventually([&] { return client.started() == 1; }, 1s);
    const auto start = std::chrono::steady_clock::now();
    const bool fell_asleep = waiting::settles(client.handle(0), 150ms);
    std::this_thread::sleep_until(start + 200ms);
    room->limiter.release();
    const bool let_in = client.all_return();
    return std::tuple(fell_asleep, let_in, let_in ? *effort : waiting::Effort{});
  });
  EXPECT_TRUE(fell_asleep) << "a client waiting in acquire() never fell asleep: it kept running, busy "
                              "waiting. Sleep in the condition variable until a slot is freed";
  ASSERT_TRUE(let_in) << "the client was not let in when the slot was given back: is a waiting thread woken "
                         "when a slot is given back?";
  EXPECT_LT(effort.cpu_ms, 20) << "a client waiting 200 ms in acquire() used " << effort.cpu_ms
                               << " ms of CPU: busy waiting. Sleep in the condition variable instead";
  EXPECT_LT(effort.sleeps, 10) << "a client waiting 200 ms in acquire() went to sleep " << effort.sleeps
                               << " times: polling. Sleep in the condition variable until notified";
}

namespace {

// Hands a Permit over to a second one, if the Permit type allows that at all
// (the given one does not): the slot must be given back once, not twice.
template <typename Permit>
std::vector<int> hand_over(ConnectionLimiter& limiter) {
  std::vector<int> in_use;
  if constexpr (std::is_move_constructible_v<Permit>) {
    {
      Permit first(limiter);
      {
        Permit second(std::move(first));
        in_use.push_back(limiter.in_use());  // one slot, now the second one's
      }
      in_use.push_back(limiter.in_use());  // given back by the second; the first holds nothing
    }
    in_use.push_back(limiter.in_use());  // the first must not give it back again
  }
  return in_use;
}

}  // namespace

TEST(ConnectionLimiter, APermitGivesItsSlotBackOnce) {
  const auto [counts, handed_over] = in_child(2s, [] {
    auto limiter = std::make_shared<ConnectionLimiter>(2);
    auto counts = std::make_shared<std::vector<int>>();
    auto handed_over = std::make_shared<std::vector<int>>();
    without_blocking([limiter, counts, handed_over] {
      {
        const ConnectionLimiter::Permit a(*limiter);
        counts->push_back(limiter->in_use());
        {
          const ConnectionLimiter::Permit b(*limiter);
          counts->push_back(limiter->in_use());
        }
        counts->push_back(limiter->in_use());
      }
      counts->push_back(limiter->in_use());
      try {
        const ConnectionLimiter::Permit c(*limiter);
        throw std::runtime_error("the connection failed");
      } catch (const std::runtime_error&) {
      }
      counts->push_back(limiter->in_use());
      *handed_over = hand_over<ConnectionLimiter::Permit>(*limiter);
    });
    return std::pair(*counts, *handed_over);
  });
  EXPECT_EQ(counts, (std::vector<int>{1, 2, 1, 0, 0}))
      << "in_use() with one Permit, two, one, none, and after an exception left a Permit's block";
  EXPECT_TRUE(handed_over.empty() || handed_over == (std::vector<int>{1, 0, 0}))
      << "a Permit moved to another gave its slot back twice: in_use() went 1, 0, then "
      << handed_over.back();
  EXPECT_FALSE(std::is_copy_constructible_v<ConnectionLimiter::Permit>)
      << "a Permit must not be copyable: a copy would give the same slot back a second time";
}
