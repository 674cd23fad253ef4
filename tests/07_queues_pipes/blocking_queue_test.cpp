// Tests of BlockingQueue: nothing lost or duplicated under many producers and
// consumers, a full queue blocks, close() wakes everybody. Each test runs in an
// isolated child with a deadline, so a waiter that is never woken fails it.
#include "blocking_queue.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "course/testing.hpp"

using namespace std::chrono_literals;
using course::testing::finished;
using course::testing::run_in_child;
using Clock = std::chrono::steady_clock;

TEST(BlockingQueue, KeepsTheOrderItemsCameIn) {
  const auto run = run_in_child(5s, [] {
    BlockingQueue<int> queue(10);
    for (int i = 1; i <= 3; ++i) {
      queue.push(i);
    }
    std::string text;
    for (int i = 0; i < 3; ++i) {
      text += std::to_string(queue.pop().value_or(-1));
    }
    return text;
  });
  ASSERT_TRUE(finished(run));
  EXPECT_EQ(run.payload, "123");
}

TEST(BlockingQueue, ManyProducersAndConsumersLoseAndDuplicateNothing) {
  const auto run = run_in_child(10s, [] {
    constexpr int kProducers = 4;
    constexpr int kEach = 10'000;
    BlockingQueue<int> queue(16);  // small: producers and consumers really wait for each other
    std::mutex received_mutex;
    std::vector<int> received;
    {
      std::vector<std::jthread> consumers;
      for (int c = 0; c < 4; ++c) {
        consumers.emplace_back([&] {
          while (const std::optional<int> item = queue.pop()) {
            std::scoped_lock lock(received_mutex);
            received.push_back(*item);
          }
        });
      }
      {
        std::vector<std::jthread> producers;
        for (int p = 0; p < kProducers; ++p) {
          producers.emplace_back([&queue, p] {
            for (int i = 0; i < kEach; ++i) {
              queue.push(p * kEach + i);
            }
          });
        }
      }
      queue.close();  // all produced: the consumers drain the queue and stop
    }
    std::sort(received.begin(), received.end());
    int missing_or_extra = std::abs(static_cast<int>(received.size()) - kProducers * kEach);
    for (std::size_t i = 0; i < received.size() && missing_or_extra == 0; ++i) {
      missing_or_extra += received[i] == static_cast<int>(i) ? 0 : 1;
    }
    return std::to_string(received.size()) + " received, " + std::to_string(missing_or_extra) + " wrong";
  });
  ASSERT_TRUE(finished(run));
  EXPECT_EQ(run.payload, "40000 received, 0 wrong") << "every item exactly once";
}

TEST(BlockingQueue, AFullQueueBlocksItsProducerUntilThereIsRoom) {
  const auto run = run_in_child(5s, [] {
    BlockingQueue<int> queue(2);
    queue.push(1);
    queue.push(2);
    std::atomic<bool> pushed = false;
    std::jthread producer([&] {
      queue.push(3);  // full: must wait
      pushed = true;
    });
    std::this_thread::sleep_for(100ms);
    const bool pushed_while_full = pushed.load();
    queue.pop();  // room for one
    producer.join();
    return std::string(pushed_while_full ? "pushed into a full queue " : "") + std::to_string(queue.size());
  });
  ASSERT_TRUE(finished(run)) << "the producer was never woken when a place freed up";
  EXPECT_EQ(run.payload, "2") << "the third push must wait until a pop makes room, then go in";
}

TEST(BlockingQueue, CloseWakesEveryWaitingConsumerAndProducer) {
  const auto run = run_in_child(5s, [] {
    BlockingQueue<int> empty(1);
    BlockingQueue<int> full(1);
    full.push(0);
    std::atomic<int> woken = 0;
    std::vector<std::jthread> waiters;
    for (int i = 0; i < 3; ++i) {
      waiters.emplace_back([&] { woken += empty.pop().has_value() ? 0 : 1; });
    }
    waiters.emplace_back([&] { woken += full.push(1) ? 0 : 1; });
    std::this_thread::sleep_for(100ms);  // let them all go to sleep
    const int before_close = woken.load();
    empty.close();
    full.close();
    waiters.clear();
    return std::to_string(before_close) + " " + std::to_string(woken.load());
  });
  ASSERT_TRUE(finished(run)) << "close() left a waiting thread asleep";
  EXPECT_EQ(run.payload, "0 4") << "nobody may return before close(); all four after, empty-handed";
}

TEST(BlockingQueue, ItemsPushedBeforeCloseStillComeOut) {
  const auto run = run_in_child(5s, [] {
    BlockingQueue<int> queue(5);
    queue.push(7);
    queue.close();
    const bool refused = !queue.push(8);
    const int first = queue.pop().value_or(-1);
    const bool then_empty = !queue.pop().has_value();
    return std::to_string(refused) + std::to_string(first) + std::to_string(then_empty);
  });
  ASSERT_TRUE(finished(run));
  EXPECT_EQ(run.payload, "171") << "push after close() is refused; 7 still comes out; then nothing";
}

TEST(BlockingQueue, PopForGivesUpAfterItsTimeout) {
  const auto run = run_in_child(5s, [] {
    BlockingQueue<int> queue(1);
    const auto start = Clock::now();
    const bool got = queue.pop_for(100ms).has_value();
    const auto waited = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start).count();
    return std::to_string(got) + " " + std::to_string(waited);
  });
  ASSERT_TRUE(finished(run));
  const long waited_ms = std::stol(run.payload.substr(2));
  EXPECT_EQ(run.payload.front(), '0');
  EXPECT_GE(waited_ms, 90) << "pop_for(100ms) on an empty queue must wait about 100 ms";
  EXPECT_LT(waited_ms, 2000);
}
