// Tests of BlockingQueue, against what blocking_queue.hpp promises: push()
// waits while the queue is full, pop() while it is empty, pop_for() no longer
// than its timeout, and close() wakes every waiter; nothing is lost or doubled.
//
// A waiting thread must sleep: the tests watch a thread while it waits (its
// state, CPU time and wake-ups). A wake-up that finds nothing (another consumer
// took the item) is made on purpose, by holding the woken thread in a signal
// handler until the item is gone. Each test runs in an isolated child with a
// deadline, and the tests' own waits are short: a waiter that is never woken
// fails its test in about a second, with the reason.
#include "blocking_queue.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <thread>
#include <tuple>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include "course/testing.hpp"
#include "course/thread_probe.hpp"

namespace probe = course::probe;

using namespace std::chrono_literals;
using course::testing::eventually;
using course::testing::in_child;
using course::testing::step;
using probe::Waiter;

namespace {

constexpr auto kDeadline = 3s;  // for each test's child; the waits inside are shorter

// How long a woken waiter may take to return: far longer than it does, even on
// a busy machine.
constexpr auto kPromptly = 500ms;

using Queue = BlockingQueue<int>;

// The verdict on a thread watched for 300 ms while it waited (probe::watch).
// Asleep on a condition variable, it is never found awake, uses well under a
// millisecond of CPU and is switched out once or twice.
void expect_it_slept(const probe::Watched& watched, const std::string& who, const std::string& woken_by) {
  if (watched.share_awake >= 0) {
    EXPECT_LT(watched.share_awake, 0.2)
        << who << " was awake (running, or ready to run) in " << static_cast<int>(watched.share_awake * 100)
        << "% of the samples taken while it waited. A thread that sleeps on a condition variable until "
        << woken_by
        << " is never found awake; one that spins, or polls (sleeps a little and looks again), is";
  }
  EXPECT_LT(watched.cpu_ms, 30) << who << " used " << watched.cpu_ms
                                << " ms of CPU while it waited 300 ms: it spins, checking the queue, instead "
                                   "of sleeping on a condition variable until "
                                << woken_by;
  EXPECT_LT(watched.switches, 20) << who << " woke up " << watched.switches
                                  << " times while it waited 300 ms: it polls (sleeps a little and looks "
                                     "again) instead of sleeping until "
                                  << woken_by;
}

// Runs `action` on a thread of its own after `delay`, first setting `done`.
std::jthread after(std::chrono::milliseconds delay, std::atomic<bool>& done, std::function<void()> action) {
  return std::jthread([delay, &done, action = std::move(action)] {
    std::this_thread::sleep_for(delay);
    done = true;
    action();
  });
}

}  // namespace

TEST(BlockingQueue, KeepsTheOrderItemsCameIn) {
  const auto [items, size_after_pushes] = in_child(kDeadline, [] {
    Queue queue(10);
    for (int i = 1; i <= 3; ++i) {
      queue.push(i);
    }
    const std::size_t size = queue.size();
    std::vector<int> popped;
    for (int i = 0; i < 3; ++i) {
      popped.push_back(queue.pop().value_or(-1));
    }
    return std::pair(popped, size);
  });
  EXPECT_EQ(size_after_pushes, 3u);
  EXPECT_EQ(items, (std::vector<int>{1, 2, 3})) << "first in, first out";
}

TEST(BlockingQueue, PopWaitsForAnItem) {
  // This thread pops from an empty queue; another pushes 7 100 ms later.
  const auto [item, pushed_before_pop_returned] = in_child(
      kDeadline,
      [] {
        Queue queue(2);
        std::atomic<bool> pushing = false;
        const std::jthread producer = after(100ms, pushing, [&queue] { queue.push(7); });
        const std::optional<int> item = queue.pop();
        return std::pair(item, pushing.load());
      },
      "pop() was never woken by the push()");
  EXPECT_TRUE(pushed_before_pop_returned)
      << "pop() on an empty queue returned at once: it must wait for an item";
  EXPECT_EQ(item, 7);
}

TEST(BlockingQueue, PushWaitsWhileTheQueueIsFull) {
  // This thread pushes 3 into a full queue of 2; another pops 100 ms later.
  const auto [accepted, popped_before_push_returned, items] = in_child(
      kDeadline,
      [] {
        Queue queue(2);
        queue.push(1);
        queue.push(2);
        std::atomic<bool> popping = false;
        std::optional<int> first;
        bool accepted = false;
        bool waited = false;
        {
          const std::jthread consumer = after(100ms, popping, [&] { first = queue.pop(); });
          accepted = queue.push(3);
          waited = popping.load();  // whether the pop had begun when push() returned
        }
        std::vector<int> items = {first.value_or(-1)};
        while (queue.size() > 0) {
          items.push_back(queue.pop().value_or(-1));
        }
        return std::tuple(accepted, waited, items);
      },
      "push() into a full queue was never woken when a pop() made room");
  EXPECT_TRUE(popped_before_push_returned)
      << "push() into a full queue returned at once: it must wait until a pop() makes room";
  EXPECT_TRUE(accepted) << "push() into an open queue must take the item (return true) once there is room";
  EXPECT_EQ(items, (std::vector<int>{1, 2, 3})) << "the queue never holds more than its capacity";
}

TEST(BlockingQueue, AConsumerWaitingInPopSleeps) {
  // A consumer waits in pop() on an empty queue, watched for 300 ms; then an item comes.
  const probe::Watched watched = in_child(kDeadline, [] {
    auto queue = std::make_shared<Queue>(2);
    Waiter<std::optional<int>> consumer([queue] { return queue->pop(); });
    const probe::Watched watched = probe::watch(std::vector{consumer.thread()}, 300ms);
    queue->push(1);
    consumer.returns_within(kPromptly);
    return watched;
  });
  expect_it_slept(watched, "a consumer waiting in pop()", "a push() notifies it");
}

TEST(BlockingQueue, AProducerWaitingInPushSleeps) {
  // A producer waits in push() on a full queue, watched for 300 ms; then a place frees up.
  const probe::Watched watched = in_child(kDeadline, [] {
    auto queue = std::make_shared<Queue>(1);
    queue->push(1);
    Waiter<bool> producer([queue] { return queue->push(2); });
    const probe::Watched watched = probe::watch(std::vector{producer.thread()}, 300ms);
    queue->pop();
    producer.returns_within(kPromptly);
    return watched;
  });
  expect_it_slept(watched, "a producer waiting in push()", "a pop() notifies it");
}

TEST(BlockingQueue, PopForSleepsWhileItWaits) {
  // pop_for(1s) on an empty queue, watched for 300 ms; then an item comes.
  const probe::Watched watched = in_child(kDeadline, [] {
    auto queue = std::make_shared<Queue>(1);
    Waiter<std::optional<int>> consumer([queue] { return queue->pop_for(1s); });
    const probe::Watched watched = probe::watch(std::vector{consumer.thread()}, 300ms);
    queue->push(1);
    consumer.returns_within(kPromptly);
    return watched;
  });
  expect_it_slept(watched, "a consumer waiting in pop_for(1s)", "a push() notifies it (wait_for)");
}

TEST(BlockingQueue, ManyProducersAndConsumersLoseAndDuplicateNothing) {
  // 4 producers push 1,000 numbers each through a queue of 4 to 4 consumers;
  // close() once the producers are done. Every number must come out once.
  struct Outcome {
    int received = 0;
    int wrong = 0;  // missing, doubled or made up
    bool stuck = false;
    std::size_t most_held = 0;  // by the queue at once, as size() said meanwhile
  };
  const Outcome outcome = in_child(
      5s,
      [] {
        constexpr int kProducers = 4;
        constexpr int kEach = 1'000;
        auto queue = std::make_shared<Queue>(4);  // small: both sides really wait for each other
        auto received = std::make_shared<std::vector<std::atomic<int>>>(kProducers * kEach);
        auto count = std::make_shared<std::atomic<int>>(0);
        std::vector<std::unique_ptr<Waiter<bool>>> threads;
        for (int c = 0; c < 4; ++c) {
          threads.push_back(std::make_unique<Waiter<bool>>([queue, received, count] {
            while (const std::optional<int> item = queue->pop()) {
              if (*item >= 0 && *item < static_cast<int>(received->size())) {
                (*received)[*item].fetch_add(1);
              }
              count->fetch_add(1);
            }
            return true;
          }));
        }
        auto producers_done = std::make_shared<std::atomic<int>>(0);
        for (int p = 0; p < kProducers; ++p) {
          threads.push_back(std::make_unique<Waiter<bool>>([queue, producers_done, p] {
            for (int i = 0; i < kEach; ++i) {
              queue->push(p * kEach + i);
            }
            if (producers_done->fetch_add(1) + 1 == kProducers) {
              queue->close();  // all produced: the consumers drain the queue and stop
            }
            return true;
          }));
        }
        // Watch the traffic, and the queue's size() meanwhile: if nothing moves
        // for 500 ms, everyone is asleep.
        Outcome seen;
        int last_count = -1;
        auto last_move = std::chrono::steady_clock::now();
        step("4 producers and 4 consumers at work");
        while (!std::all_of(threads.begin(), threads.end(),
                            [](const auto& thread) { return thread->returned(); })) {
          seen.most_held = std::max(seen.most_held, queue->size());
          if (count->load() != last_count) {
            last_count = count->load();
            last_move = std::chrono::steady_clock::now();
          } else if (std::chrono::steady_clock::now() - last_move > 500ms) {
            seen.stuck = true;
            break;
          }
          std::this_thread::sleep_for(1ms);
        }
        seen.received = count->load();
        for (const std::atomic<int>& times : *received) {
          seen.wrong += times.load() == 1 ? 0 : 1;
        }
        return seen;
      },
      "the producers and consumers were still at work, though making progress: the queue is very slow, or "
      "the machine very busy");
  EXPECT_FALSE(outcome.stuck) << "after " << outcome.received
                              << " items, every producer and consumer was asleep for 500 ms: a wake-up went "
                                 "to a thread that could not use it (one condition variable for both sides, "
                                 "woken with notify_one()?), or a waiter was never woken";
  EXPECT_EQ(outcome.received, 4'000) << "every item pushed must come out exactly once";
  EXPECT_EQ(outcome.wrong, 0) << "numbers missing, doubled or made up";
  EXPECT_LE(outcome.most_held, 4u) << "size() said the queue of 4 held " << outcome.most_held << " items";
}

TEST(BlockingQueue, AFreedPlaceWakesAWaitingProducerNotAnotherConsumer) {
  // A queue of 1. Consumers C1 and C2 sleep in pop(); both are held in a
  // signal handler while a producer pushes 1 (its wake-up goes to one of
  // them) and then waits in push(2), the queue being full. Once they are let
  // go, the consumer that takes the 1 frees a place: the producer must be
  // woken for it. If producers and consumers wait on one condition variable,
  // that one wake-up goes to the other consumer, which waited longer, finds
  // nothing and sleeps on: the producer is never told that there is room.
  const auto [lined_up, producer_done, items] = in_child(kDeadline, [] {
    auto queue = std::make_shared<Queue>(1);
    std::vector<std::unique_ptr<Waiter<std::optional<int>>>> consumers;
    for (int i = 0; i < 2; ++i) {
      consumers.push_back(std::make_unique<Waiter<std::optional<int>>>([queue] { return queue->pop(); }));
    }
    probe::SignalHold hold;
    bool ready = probe::all_settle(std::vector{consumers[0]->thread(), consumers[1]->thread()}) &&
                 !consumers[0]->returned() && !consumers[1]->returned() &&
                 hold.hold(consumers[0]->thread()) && hold.hold(consumers[1]->thread());
    step("the producer pushes 1, then 2 into the full queue, while both consumers are held");
    Waiter<bool> producer([queue] { return queue->push(1) && queue->push(2); });
    ready = probe::settles(producer.thread()) && !producer.returned() && ready;  // waiting: the queue is full
    hold.release();
    const auto all_returned = [&] {
      return producer.returned() && consumers[0]->returned() && consumers[1]->returned();
    };
    eventually(all_returned, kPromptly);
    std::vector<int> items;
    for (const auto& consumer : consumers) {
      if (consumer->returned()) {
        items.push_back(consumer->result().value_or(-1));
      }
    }
    std::sort(items.begin(), items.end());
    return std::tuple(ready, producer.returned(), items);
  });
  ASSERT_TRUE(lined_up) << "the test could not line the threads up (a consumer never slept, or the producer "
                           "did not wait on the full queue)";
  EXPECT_TRUE(producer_done) << "the producer waiting on a full queue was never woken when a pop() freed a "
                                "place: the wake-up went to a waiting consumer. Producers must wait on "
                                "not_full_, consumers on not_empty_, and each side notifies the other's";
  EXPECT_EQ(items, (std::vector<int>{1, 2})) << "each consumer must get one of the two items";
}

TEST(BlockingQueue, CloseWakesEveryWaitingConsumerAndProducer) {
  // 3 threads wait in pop() and 1 in pop_for(2.5 s) on an empty queue, 2 in
  // push() on a full one. Once all are asleep, close() both queues: all 6
  // must return within half a second, empty-handed.
  struct Outcome {
    int returned_before_close = 0;
    int consumers_woken = 0;  // of 4, returning std::nullopt
    int producers_woken = 0;  // of 2, returning false
  };
  const Outcome outcome = in_child(kDeadline, [] {
    auto empty = std::make_shared<Queue>(1);
    auto full = std::make_shared<Queue>(1);
    full->push(0);
    std::vector<std::unique_ptr<Waiter<std::optional<int>>>> consumers;
    for (int i = 0; i < 3; ++i) {
      consumers.push_back(std::make_unique<Waiter<std::optional<int>>>([empty] { return empty->pop(); }));
    }
    consumers.push_back(
        std::make_unique<Waiter<std::optional<int>>>([empty] { return empty->pop_for(2500ms); }));
    std::vector<std::unique_ptr<Waiter<bool>>> producers;
    for (int i = 0; i < 2; ++i) {
      producers.push_back(std::make_unique<Waiter<bool>>([full, i] { return full->push(i + 1); }));
    }
    std::vector<probe::ThreadHandle> waiters;
    for (const auto& consumer : consumers) {
      waiters.push_back(consumer->thread());
    }
    for (const auto& producer : producers) {
      waiters.push_back(producer->thread());
    }
    probe::all_settle(waiters);  // all asleep in their waits

    Outcome seen;
    for (const auto& consumer : consumers) {
      seen.returned_before_close += consumer->returned() ? 1 : 0;
    }
    for (const auto& producer : producers) {
      seen.returned_before_close += producer->returned() ? 1 : 0;
    }
    step("close() with 4 consumers and 2 producers waiting");
    empty->close();
    full->close();
    const auto all_returned = [&] {
      return std::all_of(consumers.begin(), consumers.end(), [](const auto& w) { return w->returned(); }) &&
             std::all_of(producers.begin(), producers.end(), [](const auto& w) { return w->returned(); });
    };
    eventually(all_returned, kPromptly);  // one limit for them all
    for (const auto& consumer : consumers) {
      seen.consumers_woken += consumer->returned() && !consumer->result() ? 1 : 0;
    }
    for (const auto& producer : producers) {
      seen.producers_woken += producer->returned() && !producer->result() ? 1 : 0;
    }
    return seen;
  });
  EXPECT_EQ(outcome.returned_before_close, 0) << "a waiter returned before close(): pop() must wait while "
                                                 "the queue is empty, push() while it is full";
  EXPECT_EQ(outcome.consumers_woken, 4)
      << "close() woke " << outcome.consumers_woken
      << " of the 4 waiting consumers (3 in pop(), 1 in pop_for()) within 0.5 s: every waiter must wake up "
         "(notify_all), see closed_ and return std::nullopt";
  EXPECT_EQ(outcome.producers_woken, 2)
      << "close() woke " << outcome.producers_woken
      << " of the 2 producers waiting on a full queue within 0.5 s: they wait on the other condition "
         "variable, which close() must notify too; a push() after close() returns false";
}

TEST(BlockingQueue, ItemsPushedBeforeCloseStillComeOut) {
  // Push 7 and 8, close(), push 9; then three pop()s and a pop_for(2s).
  const auto [push_after_close_refused, popped, popped_for, pop_for_returned_at_once] =
      in_child(kDeadline, [] {
        auto queue = std::make_shared<Queue>(5);
        queue->push(7);
        queue->push(8);
        queue->close();
        const bool refused = !queue->push(9);
        std::vector<std::optional<int>> popped;
        for (int i = 0; i < 3; ++i) {
          Waiter<std::optional<int>> pop([queue] { return queue->pop(); });
          if (!pop.returns_within(kPromptly)) {
            throw std::runtime_error(
                "pop() on a closed queue did not return within 0.5 s: once closed, it must not wait");
          }
          popped.push_back(pop.result());
        }
        const auto start = std::chrono::steady_clock::now();
        const std::optional<int> popped_for = queue->pop_for(2s);
        return std::tuple(refused, popped, popped_for, std::chrono::steady_clock::now() - start < 1s);
      });
  EXPECT_TRUE(push_after_close_refused) << "push() after close() must return false, without adding";
  EXPECT_EQ(popped, (std::vector<std::optional<int>>{7, 8, std::nullopt}))
      << "the items pushed before close() must still come out, in order; only then pop() returns "
         "std::nullopt";
  EXPECT_EQ(popped_for, std::nullopt);
  EXPECT_TRUE(pop_for_returned_at_once)
      << "pop_for() on a closed, empty queue must return std::nullopt at once, not wait for its timeout";
}

TEST(BlockingQueue, AConsumerWokenForAnItemAnotherTookWaitsAgain) {
  // A wake-up can find nothing: a spurious one, or one whose item another
  // consumer took first. Made on purpose: consumer C sleeps in pop(); it is
  // held in a signal handler while 1 is pushed (its wake-up goes to C, the
  // only sleeper) and this thread pops the 1 itself. When C is let go, the
  // queue is empty: C must wait again, and get the 2 pushed later.
  const auto [lined_up, returned_early, item] = in_child(kDeadline, [] {
    auto queue = std::make_shared<Queue>(4);
    Waiter<std::optional<int>> consumer([queue] { return queue->pop(); });
    probe::SignalHold hold;
    if (!probe::settles(consumer.thread()) || consumer.returned() || !hold.hold(consumer.thread())) {
      return std::tuple(false, false, std::optional<int>(-1));  // it never slept
    }
    bool ready = true;
    step("an item pushed for the held consumer, and taken by another");
    queue->push(1);
    ready = queue->pop_for(1s) == 1 && ready;  // the item the held consumer was woken for
    hold.release();
    probe::settles(consumer.thread());  // asleep again, or returned
    const bool early = consumer.returned();
    queue->push(2);
    consumer.returns_within(kPromptly);
    return std::tuple(ready, early, consumer.returned() ? consumer.result() : std::optional<int>(-1));
  });
  ASSERT_TRUE(lined_up)
      << "the test could not line the threads up (the consumer never slept, or the 1 was lost)";
  EXPECT_FALSE(returned_early)
      << "pop() returned after a wake-up that found the queue empty (another consumer had taken the item), "
         "although the queue was not closed. A wait() checked once with `if` lets a thread through without "
         "an item; wait with a predicate, which checks again after every wake-up and waits again";
  EXPECT_EQ(item, 2) << "the consumer must get the item pushed after it was woken for nothing";
}

TEST(BlockingQueue, PopForWokenForAnItemAnotherTookWaitsForTheRest) {
  // As above, with pop_for(2s): after a wake-up for nothing, it must wait on
  // for the rest of its 2 s, and so get the 2 pushed 100 ms later.
  const auto [lined_up, returned_early, item] = in_child(kDeadline, [] {
    auto queue = std::make_shared<Queue>(4);
    Waiter<std::optional<int>> consumer([queue] { return queue->pop_for(2s); });
    probe::SignalHold hold;
    if (!probe::settles(consumer.thread()) || consumer.returned() || !hold.hold(consumer.thread())) {
      return std::tuple(false, false, std::optional<int>(-1));  // it never slept
    }
    bool ready = true;
    queue->push(1);
    ready = queue->pop_for(1s) == 1 && ready;  // the item the held consumer was woken for
    hold.release();
    probe::settles(consumer.thread());
    const bool early = consumer.returned();
    std::this_thread::sleep_for(100ms);
    queue->push(2);
    consumer.returns_within(kPromptly);
    return std::tuple(ready, early, consumer.returned() ? consumer.result() : std::optional<int>(-1));
  });
  ASSERT_TRUE(lined_up)
      << "the test could not line the threads up (the consumer never slept, or the 1 was lost)";
  EXPECT_FALSE(returned_early)
      << "pop_for(2s) returned after a wake-up that found the queue empty, long before its timeout: wait "
         "with a predicate (wait_for(lock, timeout, predicate)), which waits again until the timeout";
  EXPECT_EQ(item, 2) << "pop_for(2s) must get the item pushed within its 2 s";
}

TEST(BlockingQueue, PopForCountsItsTimeoutFromItsStartNotFromEachWakeUp) {
  // pop_for(1000ms) is woken for nothing 800 ms in (its item taken by another
  // consumer, as above). It must still give up at 1,000 ms, not 1,000 ms after
  // the wake-up (1,800 ms).
  const auto [lined_up, item, took_ms] = in_child(kDeadline, [] {
    auto queue = std::make_shared<Queue>(4);
    Waiter<std::optional<int>> consumer([queue] { return queue->pop_for(1000ms); });
    probe::SignalHold hold;
    if (!probe::settles(consumer.thread()) || consumer.returned() || !hold.hold(consumer.thread())) {
      return std::tuple(false, std::optional<int>(-1), 0L);  // it never slept
    }
    bool ready = true;
    queue->push(1);
    ready = queue->pop_for(1s) == 1 && ready;  // the item the held consumer was woken for
    std::this_thread::sleep_for(800ms);
    hold.release();
    consumer.returns_within(2s);
    return std::tuple(ready, consumer.returned() ? consumer.result() : std::optional<int>(-1),
                      static_cast<long>(consumer.took().count()));
  });
  ASSERT_TRUE(lined_up)
      << "the test could not line the threads up (the consumer never slept, or the 1 was lost)";
  EXPECT_EQ(item, std::nullopt) << "nothing was left for pop_for(1000ms) to take";
  EXPECT_GE(took_ms, 990) << "pop_for(1000ms) gave up after " << took_ms << " ms, before its timeout";
  EXPECT_LT(took_ms, 1400)
      << "pop_for(1000ms), woken for nothing 800 ms in, returned after " << took_ms
      << " ms: each wake-up started its timeout again. Wait until one deadline (wait_for "
         "with a predicate does), not for the full timeout after every wake-up";
}

TEST(BlockingQueue, PopForGivesUpAfterItsTimeout) {
  const auto [item, took_ms] = in_child(kDeadline, [] {
    Queue queue(1);
    const auto start = std::chrono::steady_clock::now();
    const std::optional<int> item = queue.pop_for(100ms);
    return std::pair(item, static_cast<long>((std::chrono::steady_clock::now() - start) / 1ms));
  });
  EXPECT_EQ(item, std::nullopt);
  EXPECT_GE(took_ms, 95) << "pop_for(100ms) on an empty queue must wait its 100 ms";
  EXPECT_LT(took_ms, 1000) << "pop_for(100ms) must give up after about 100 ms";
}

TEST(BlockingQueue, PopForReturnsAnItemAsSoonAsItComes) {
  // pop_for(1500ms); the item comes after 50 ms. It must be returned then, not
  // at the timeout.
  const auto [item, took_ms] = in_child(kDeadline, [] {
    Queue queue(1);
    std::atomic<bool> pushing = false;
    const std::jthread producer = after(50ms, pushing, [&queue] { queue.push(5); });
    const auto start = std::chrono::steady_clock::now();
    const std::optional<int> item = queue.pop_for(1500ms);
    return std::pair(item, static_cast<long>((std::chrono::steady_clock::now() - start) / 1ms));
  });
  EXPECT_EQ(item, 5);
  EXPECT_LT(took_ms, 1400)
      << "pop_for(1500ms) returned after " << took_ms
      << " ms, at its timeout, though the item came after 50 ms: it must wake up when an "
         "item is pushed, not sleep out its timeout and look then";
}
