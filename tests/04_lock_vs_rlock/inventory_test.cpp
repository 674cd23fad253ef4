// Tests of Inventory: public methods that call each other under one lock
// must not wait for themselves, and a restock is one step that no other thread
// ever sees half done. Watched for deadlocks, like the bank tests.
#include "inventory.hpp"

#include <atomic>
#include <chrono>
#include <map>
#include <string>
#include <thread>
#include <tuple>
#include <utility>
#include <vector>

#include <fmt/core.h>
#include <gtest/gtest.h>

#include "course/testing.hpp"

using namespace std::chrono_literals;
using course::testing::in_watched_child;

namespace {

// "item-000", "item-001" and so on: a delivery of one of each, long enough to
// be caught in the middle by a thread that looks at it.
std::map<std::string, int> one_of_each(int items) {
  std::map<std::string, int> delivery;
  for (int i = 0; i < items; ++i) {
    delivery[fmt::format("item-{:03}", i)] = 1;
  }
  return delivery;
}

}  // namespace

TEST(Inventory, AddsRemovesAndCounts) {
  const auto [took, too_many, apples, pears] = in_watched_child(2s, [] {
    Inventory inventory;
    inventory.add("apples", 5);
    const bool took = inventory.remove("apples", 2);
    const bool too_many = inventory.remove("apples", 9);
    return std::tuple(took, too_many, inventory.count("apples"), inventory.count("pears"));
  });
  EXPECT_TRUE(took) << "remove(\"apples\", 2) with 5 apples must succeed";
  EXPECT_FALSE(too_many) << "remove(\"apples\", 9) with 3 apples must be refused";
  EXPECT_EQ(apples, 3);
  EXPECT_EQ(pears, 0) << "an item never added counts 0";
}

TEST(Inventory, RestockAddsTheWholeDelivery) {
  const auto [apples, pears, plums] = in_watched_child(2s, [] {
    Inventory inventory;
    inventory.add("apples", 1);
    inventory.restock({{"apples", 3}, {"pears", 2}});
    inventory.restock({{"pears", 1}, {"plums", 4}});
    return std::tuple(inventory.count("apples"), inventory.count("pears"), inventory.count("plums"));
  });
  EXPECT_EQ(apples, 4) << "1 apple, then a delivery of 3: a restock adds to what is there";
  EXPECT_EQ(pears, 3) << "two deliveries of pears, 2 and 1";
  EXPECT_EQ(plums, 4);
}

TEST(Inventory, NoThreadEverSeesHalfADelivery) {
  // One thread restocks deliveries of one each of 100 items, again and again,
  // while another counts the first item and the last, 2,000 times or more. Every
  // delivery is one step, so at every moment all 100 items have the same
  // count; read one after the other, the item read second can only have been
  // restocked more often, never less. A restock that lets go of the lock
  // between items is caught half done: the first item already has the new
  // delivery, the last not yet.
  constexpr int kLooks = 2'000;
  const auto delivery = one_of_each(100);
  const std::string first = delivery.begin()->first;
  const std::string last = delivery.rbegin()->first;
  const auto [halves_seen, deliveries, first_count, last_count] = in_watched_child(5s, [&] {
    Inventory inventory;
    std::atomic<int> deliveries = 0;
    std::atomic<bool> stop = false;
    std::jthread restocker([&] {
      while (!stop.load()) {
        inventory.restock(delivery);
        deliveries.fetch_add(1);
      }
    });
    course::testing::eventually([&] { return deliveries.load() > 0; }, 1s);  // it is under way
    int halves_seen = 0;
    // At least 2,000 looks, and until the restocker has been seen to move on
    // between two looks 100 times: on a busy machine the two threads may take
    // turns on one core, and the looks must not all fall between two turns.
    int moves_seen = 0;
    int deliveries_seen = deliveries.load();
    const auto give_up = std::chrono::steady_clock::now() + 2s;
    for (int look = 0; (look < kLooks || moves_seen < 100) && std::chrono::steady_clock::now() < give_up;
         ++look) {
      const int first_then = inventory.count(first);
      const int last_now = inventory.count(last);
      const int last_then = inventory.count(last);
      const int first_now = inventory.count(first);
      if (first_then > last_now || last_then > first_now) {
        ++halves_seen;
      }
      if (deliveries.load() != deliveries_seen) {
        deliveries_seen = deliveries.load();
        ++moves_seen;
      }
    }
    stop = true;
    restocker.join();
    return std::tuple(halves_seen, deliveries.load(), inventory.count(first), inventory.count(last));
  });
  EXPECT_EQ(halves_seen, 0) << "another thread saw half a delivery " << halves_seen
                            << " times: one item already restocked, another not yet. Hold the lock for "
                               "the whole delivery, and do not let go of it between items";
  EXPECT_EQ(first_count, deliveries) << "every delivery brings one of each item";
  EXPECT_EQ(last_count, deliveries) << "every delivery brings one of each item";
}

TEST(Inventory, ConcurrentRestocksAndRemovalsAddUp) {
  const auto [apples, pears] = in_watched_child(5s, [] {
    Inventory inventory;
    std::atomic<int> restockers_done = 0;
    {
      std::vector<std::jthread> workers;
      for (int w = 0; w < 2; ++w) {
        workers.emplace_back([&] {
          for (int i = 0; i < 5'000; ++i) {
            inventory.restock({{"apples", 1}, {"pears", 1}});
          }
          restockers_done.fetch_add(1);
        });
        workers.emplace_back([&] {
          // Restocks bring 10,000 apples in all, so the 2,500 this thread takes
          // always come, eventually. Once the restocks are over, there is no
          // point waiting for more.
          for (int removed = 0; removed < 2'500;) {
            const bool restocks_over = restockers_done.load() == 2;  // read first: then a refusal is final
            if (inventory.remove("apples", 1)) {
              ++removed;
            } else if (restocks_over) {
              break;
            }
          }
        });
      }
    }
    return std::pair(inventory.count("apples"), inventory.count("pears"));
  });
  EXPECT_EQ(apples, 5000) << "10000 apples delivered, 5000 taken: apples were lost or created";
  EXPECT_EQ(pears, 10000) << "10000 pears delivered, none taken: pears were lost or created";
}

TEST(Inventory, ConcurrentAddsAndRestocksAddUp) {
  // add() from two threads while two others restock the same items: every
  // unit counts, and a restock never blocks an add for good.
  const auto [apples, pears] = in_watched_child(5s, [] {
    Inventory inventory;
    {
      std::vector<std::jthread> workers;
      for (int w = 0; w < 2; ++w) {
        workers.emplace_back([&inventory] {
          for (int i = 0; i < 5'000; ++i) {
            inventory.restock({{"apples", 2}, {"pears", 1}});
          }
        });
        workers.emplace_back([&inventory] {
          for (int i = 0; i < 5'000; ++i) {
            inventory.add("pears", 1);
          }
        });
      }
    }
    return std::pair(inventory.count("apples"), inventory.count("pears"));
  });
  EXPECT_EQ(apples, 20000) << "2 × 5000 deliveries of 2 apples: apples were lost";
  EXPECT_EQ(pears, 20000) << "10000 pears delivered and 10000 added: pears were lost";
}
