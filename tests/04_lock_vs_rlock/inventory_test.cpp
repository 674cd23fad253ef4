// Tests of Inventory: public methods that call each other under one lock
// must not wait for themselves. Watched for deadlocks, like the bank tests.
#include "inventory.hpp"

#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "course/testing.hpp"

using namespace std::chrono_literals;
using course::testing::finished;
using course::testing::run_watched_in_child;

TEST(Inventory, AddsRemovesAndCounts) {
  const auto run = run_watched_in_child(10s, [] {
    Inventory inventory;
    inventory.add("apples", 5);
    const bool took = inventory.remove("apples", 2);
    const bool too_many = inventory.remove("apples", 9);
    return std::to_string(took) + std::to_string(too_many) + " " + std::to_string(inventory.count("apples")) +
           " " + std::to_string(inventory.count("pears"));
  });
  ASSERT_TRUE(finished(run));
  EXPECT_EQ(run.payload, "10 3 0");
}

TEST(Inventory, RestockAddsTheWholeDelivery) {
  const auto run = run_watched_in_child(10s, [] {
    Inventory inventory;
    inventory.add("apples", 1);
    inventory.restock({{"apples", 3}, {"pears", 2}});
    return std::to_string(inventory.count("apples")) + " " + std::to_string(inventory.count("pears"));
  });
  ASSERT_TRUE(finished(run)) << "restock() holds the lock while it adds: it must not lock it a second time";
  EXPECT_EQ(run.payload, "4 2");
}

TEST(Inventory, ConcurrentRestocksAndRemovalsAddUp) {
  const auto run = run_watched_in_child(10s, [] {
    Inventory inventory;
    {
      std::vector<std::jthread> workers;
      for (int w = 0; w < 2; ++w) {
        workers.emplace_back([&inventory] {
          for (int i = 0; i < 5'000; ++i) {
            inventory.restock({{"apples", 1}, {"pears", 1}});
          }
        });
        workers.emplace_back([&inventory] {
          for (int removed = 0; removed < 2'500;) {  // restocks always bring enough, eventually
            removed += inventory.remove("apples", 1) ? 1 : 0;
          }
        });
      }
    }
    return std::to_string(inventory.count("apples")) + " " + std::to_string(inventory.count("pears"));
  });
  ASSERT_TRUE(finished(run));
  EXPECT_EQ(run.payload, "5000 10000") << "10000 apples and pears delivered, 5000 apples taken";
}
