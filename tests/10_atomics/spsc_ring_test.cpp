// Tests of SpscRing<T, Capacity>: order, full and empty at the right moments,
// no loss or duplication between a producer thread and a consumer thread over
// millions of items, and no thread ever waiting for the other.
//
// How a test catches a thread in the middle of try_push() or try_pop(): the
// items are Items, whose copy (the copy into a slot, the copy out of it) can
// be made to pause on one thread, once. While the producer is held halfway
// through writing a slot, the consumer must still get every item published
// before, and must not get the one being written. While the consumer is held
// halfway through reading a slot, the producer must find the ring full, not
// overwrite that slot. And neither may wait for the other: a mutex in the ring
// makes the free thread wait for the held one, which the tests see.
//
// Every test runs in an isolated child with a deadline (course::testing::in_child).
#include "spsc_ring.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstddef>
#include <deque>
#include <optional>
#include <string>
#include <thread>

#include <gtest/gtest.h>

#include "course/sanitizer.hpp"
#include "course/testing.hpp"

using namespace std::chrono_literals;
using course::testing::eventually;
using course::testing::in_child;

namespace {

constexpr bool kUnderThreadSanitizer = course::kThreadSanitizer;

// ---------------------------------------------------------------- Item: a copy that can pause

// One pause at a time, in one child: the test arms it on a thread, the next
// copy of an Item on that thread stops and waits until the test lets it go.
class Pause {
 public:
  static void arm_this_thread() { armed() = true; }
  static bool reached() { return reached_flag().load(); }
  static void release() { released_flag().store(true); }

  // Called by every copy of an Item.
  static void here() {
    if (!armed()) {
      return;
    }
    armed() = false;
    reached_flag().store(true);
    // Held until released, never for ever: 3 s, longer than any test waits.
    const auto give_up = std::chrono::steady_clock::now() + 3s;
    while (!released_flag().load() && std::chrono::steady_clock::now() < give_up) {
      std::this_thread::sleep_for(1ms);
    }
  }

 private:
  static bool& armed() {
    thread_local bool armed = false;
    return armed;
  }
  static std::atomic<bool>& reached_flag() {
    static std::atomic<bool> flag{false};
    return flag;
  }
  static std::atomic<bool>& released_flag() {
    static std::atomic<bool> flag{false};
    return flag;
  }
};

// A value with a check word: ~value once it is written whole. A default Item
// (never written) is {0, 0}, which is not whole.
struct Item {
  long value = 0;
  long check = 0;

  Item() = default;
  explicit Item(long v) : value(v), check(~v) {}
  // No move operations: a move copies, so it pauses too.
  Item(const Item& other) {
    Pause::here();
    value = other.value;
    check = other.check;
  }
  Item& operator=(const Item& other) {
    Pause::here();
    value = other.value;
    check = other.check;
    return *this;
  }
  bool whole() const { return check == ~value; }
};

// What try_pop() gave, as a number a child can send back: the value, -1 for
// nullopt, -2 for an item that was never written whole.
long code_of(const std::optional<Item>& item) {
  if (!item) {
    return -1;
  }
  return item->whole() ? item->value : -2;
}

std::string said(long code) {
  return code == -1 ? "nullopt" : code == -2 ? "an item never written whole" : std::to_string(code);
}

// ---------------------------------------------------------------- one thread

TEST(SpscRing, SaysItsCapacity) {
  EXPECT_EQ((SpscRing<int, 4>::capacity()), 4u);
  EXPECT_EQ((SpscRing<int, 1>::capacity()), 1u);
  static_assert(SpscRing<int, 3>::capacity() == 3, "capacity() is constexpr");
}

TEST(SpscRing, TakesItemsOutInTheOrderTheyWentIn) {
  const auto popped = in_child(2s, [] {
    SpscRing<int, 8> ring;
    std::vector<int> out;
    for (const int v : {1, 2, 3}) {
      if (!ring.try_push(v)) {
        out.push_back(-100 - v);  // refused
      }
    }
    for (int i = 0; i < 4; ++i) {
      const std::optional<int> item = ring.try_pop();
      out.push_back(item ? *item : -1);
    }
    return out;
  });
  EXPECT_EQ(popped, (std::vector<int>{1, 2, 3, -1}))
      << "pushed 1, 2, 3 into an empty ring of 8, then popped 4 times: expected 1, 2, 3, then nullopt (-1). "
         "-101..-103 mean that try_push() refused an item although the ring had room";
}

TEST(SpscRing, IsEmptyUntilSomethingIsPushed) {
  const auto popped = in_child(2s, [] {
    SpscRing<int, 4> ring;
    std::vector<int> out;
    const std::optional<int> first = ring.try_pop();
    out.push_back(first ? *first : -1);
    out.push_back(ring.try_push(42) ? 1 : 0);
    const std::optional<int> second = ring.try_pop();
    out.push_back(second ? *second : -1);
    const std::optional<int> third = ring.try_pop();
    out.push_back(third ? *third : -1);
    return out;
  });
  EXPECT_EQ(popped, (std::vector<int>{-1, 1, 42, -1}))
      << "a new ring pops nullopt (-1); push 42 (1: accepted); pop 42; then nullopt again";
}

// Fills a ring of Capacity, one more push, then empties it: what came out.
template <std::size_t Capacity>
std::vector<int> fill_and_empty() {
  SpscRing<int, Capacity> ring;
  std::vector<int> out;
  for (int v = 1; v <= static_cast<int>(Capacity) + 1; ++v) {
    out.push_back(ring.try_push(v) ? v : -v);
  }
  for (std::size_t i = 0; i <= Capacity; ++i) {
    const std::optional<int> item = ring.try_pop();
    out.push_back(item ? *item : 0);
  }
  return out;
}

template <std::size_t Capacity>
std::vector<int> expected_fill_and_empty() {
  std::vector<int> out;
  for (int v = 1; v <= static_cast<int>(Capacity); ++v) {
    out.push_back(v);
  }
  out.push_back(-static_cast<int>(Capacity) - 1);
  for (int v = 1; v <= static_cast<int>(Capacity); ++v) {
    out.push_back(v);
  }
  out.push_back(0);
  return out;
}

TEST(SpscRing, HoldsExactlyItsCapacity) {
  // Capacity + 1 pushes: the first Capacity are accepted (v), the last refused
  // (-v); then Capacity + 1 pops: every item in order, then nullopt (0).
  const auto four = in_child(2s, [] { return fill_and_empty<4>(); });
  EXPECT_EQ(four, expected_fill_and_empty<4>())
      << "a ring of 4 must accept 4 items, refuse the 5th (shown as -5) without overwriting anything, then "
         "give back 1, 2, 3, 4 and nullopt (0). A refused item shown as -4 means it held only 3: the "
         "indices cannot tell full from empty when they are kept modulo the capacity";
  const auto one = in_child(2s, [] { return fill_and_empty<1>(); });
  EXPECT_EQ(one, expected_fill_and_empty<1>()) << "a ring of capacity 1 holds exactly one item";
  const auto three = in_child(2s, [] { return fill_and_empty<3>(); });
  EXPECT_EQ(three, expected_fill_and_empty<3>())
      << "a ring of capacity 3 (not a power of two) holds exactly three items";
}

TEST(SpscRing, AFreedSlotCanBeUsedAgain) {
  const auto out = in_child(2s, [] {
    SpscRing<int, 2> ring;
    std::vector<int> seen;
    seen.push_back(ring.try_push(1) ? 1 : 0);
    seen.push_back(ring.try_push(2) ? 1 : 0);
    seen.push_back(ring.try_push(3) ? 1 : 0);  // full: refused
    const std::optional<int> first = ring.try_pop();
    seen.push_back(first ? *first : -1);
    seen.push_back(ring.try_push(3) ? 1 : 0);  // a slot is free again
    seen.push_back(ring.try_push(4) ? 1 : 0);  // full again
    for (int i = 0; i < 3; ++i) {
      const std::optional<int> item = ring.try_pop();
      seen.push_back(item ? *item : -1);
    }
    return seen;
  });
  EXPECT_EQ(out, (std::vector<int>{1, 1, 0, 1, 1, 0, 2, 3, -1}))
      << "ring of 2: push 1, 2 (accepted: 1 1), push 3 (full: 0), pop (1), push 3 (1: the popped slot is "
         "free again), push 4 (full: 0), then pop 2, 3 and nullopt (-1)";
}

TEST(SpscRing, WrapsAroundManyTimesLikeAQueue) {
  // 20,000 steps of pushes and pops in a changing rhythm, on a ring of 3,
  // checked against a std::deque limited to 3: every answer must agree.
  const auto first_difference = in_child(5s, [] {
    SpscRing<long, 3> ring;
    std::deque<long> model;
    long next = 0;
    for (long step = 0; step < 20'000; ++step) {
      const bool push = (step * 7919 % 13) < 7;  // a little more pushing than popping, in no simple rhythm
      if (push) {
        const bool accepted = ring.try_push(next);
        const bool room = model.size() < 3;
        if (accepted != room) {
          return std::string("step ") + std::to_string(step) + ": try_push() returned " +
                 (accepted ? "true" : "false") + " with " + std::to_string(model.size()) + " of 3 items in";
        }
        if (room) {
          model.push_back(next);
        }
        ++next;
      } else {
        const std::optional<long> item = ring.try_pop();
        const std::optional<long> wanted = model.empty() ? std::nullopt : std::optional<long>(model.front());
        if (item != wanted) {
          return "step " + std::to_string(step) + ": try_pop() gave " +
                 (item ? std::to_string(*item) : "nullopt") + ", expected " +
                 (wanted ? std::to_string(*wanted) : "nullopt");
        }
        if (!model.empty()) {
          model.pop_front();
        }
      }
    }
    return std::string();
  });
  EXPECT_EQ(first_difference, "") << "the ring must behave like a FIFO queue of 3, lap after lap";
}

// ---------------------------------------------------------------- two threads, millions of items

struct Transfer {
  long received = 0;        // items the consumer got
  long out_of_order = 0;    // items that were not the next one expected (lost, doubled or reordered)
  long first_wrong = -1;    // the first such item's value
  long expected_then = -1;  // ... and what was expected instead
  bool producer_stuck = false;
  bool consumer_stuck = false;
};

// The producer pushes 0, 1, 2, ... `count` - 1 (retrying while the ring is
// full); the consumer pops until it has `count` items, checking that each is
// the next one. A side that makes no progress for two seconds gives up.
Transfer transfer(long count) {
  SpscRing<long, 4096> ring;  // 500 laps; big enough that a busy scheduler hands over rarely
  Transfer result;
  std::atomic<bool> consumer_done{false};
  std::jthread producer([&] {
    auto last_progress = std::chrono::steady_clock::now();
    int misses = 0;
    for (long v = 0; v < count;) {
      if (ring.try_push(v)) {
        ++v;
        misses = 0;
      } else if (++misses % 1024 != 0) {
        // Full: the consumer, on another core, empties it within microseconds.
      } else if (consumer_done.load()) {
        return;
      } else if (std::chrono::steady_clock::now() - last_progress > 2s) {
        result.producer_stuck = true;
        return;
      } else {
        std::this_thread::yield();  // still full: perhaps the consumer needs this core
      }
      if (misses == 0 && v % 1024 == 0) {
        last_progress = std::chrono::steady_clock::now();
      }
    }
  });
  auto last_progress = std::chrono::steady_clock::now();
  long expected = 0;
  int misses = 0;
  while (result.received < count) {
    const std::optional<long> item = ring.try_pop();
    if (!item) {
      if (++misses % 1024 != 0) {
        continue;  // empty: the producer, on another core, fills it within microseconds
      }
      if (std::chrono::steady_clock::now() - last_progress > 2s) {
        result.consumer_stuck = true;
        break;
      }
      std::this_thread::yield();  // still empty: perhaps the producer needs this core
      continue;
    }
    misses = 0;
    if (result.received % 1024 == 0) {
      last_progress = std::chrono::steady_clock::now();
    }
    ++result.received;
    if (*item != expected) {
      if (result.out_of_order == 0) {
        result.first_wrong = *item;
        result.expected_then = expected;
      }
      ++result.out_of_order;
    }
    expected = *item + 1;
  }
  consumer_done.store(true);
  producer.join();
  return result;
}

TEST(SpscRing, AProducerAndAConsumerThreadLoseAndDuplicateNothing) {
  // ThreadSanitizer runs this some times slower, and reports a race at once.
  constexpr long kItems = kUnderThreadSanitizer ? 200'000 : 2'000'000;
  // Well under a second on an idle machine; the deadline is for a busy one,
  // where every handover may wait for a core.
  const Transfer t = in_child(
      10s, [] { return transfer(kItems); }, "the items did not get through in time");
  EXPECT_EQ(t.received, kItems) << "the consumer got " << t.received << " of " << kItems << " items: "
                                << (t.consumer_stuck ? "it found the ring empty for two seconds" : "")
                                << (t.producer_stuck ? " (the producer found the ring full for two seconds)"
                                                     : "");
  EXPECT_EQ(t.out_of_order, 0) << t.out_of_order
                               << " items came out of order, lost or twice; the first: " << t.first_wrong
                               << " where " << t.expected_then << " was next";
}

// ---------------------------------------------------------------- a thread held halfway through

struct HeldPush {
  bool held = false;                // the producer's copy into the slot was reached and held
  bool pops_returned = false;       // the consumer's three pops returned while the producer was held
  long popped[3] = {-1, -1, -1};    // what they gave
  bool push_returned_true = false;  // the held push, once let go
  long after = -1;                  // a pop after everything
};

// A ring of 4 holds 1 and 2. The producer starts to push 3 and is held inside
// try_push(), in the copy into the slot. Meanwhile the consumer pops three times.
HeldPush pop_while_a_push_is_held() {
  SpscRing<Item, 4> ring;
  HeldPush seen;
  std::atomic<bool> push_done{false};
  std::jthread producer([&] {
    const Item one(1), two(2), three(3);
    ring.try_push(one);
    ring.try_push(two);
    Pause::arm_this_thread();
    seen.push_returned_true = ring.try_push(three);
    push_done.store(true);
  });
  seen.held = eventually([] { return Pause::reached(); }, 1000ms);
  if (!seen.held) {
    Pause::release();
    return seen;  // try_push() never copied the item: the checks below say so
  }
  std::atomic<int> pops{0};
  std::jthread consumer([&] {
    for (long& code : seen.popped) {
      code = code_of(ring.try_pop());
      pops.fetch_add(1);
    }
  });
  seen.pops_returned = eventually([&] { return pops.load() == 3; }, 500ms);
  Pause::release();
  consumer.join();
  producer.join();
  seen.after = code_of(ring.try_pop());  // both threads joined: this thread may pop now
  return seen;
}

TEST(SpscRing, APopDoesNotWaitForAPushHalfwayThrough) {
  const HeldPush seen = in_child(5s, [] { return pop_while_a_push_is_held(); });
  ASSERT_TRUE(seen.held) << "try_push() never copied the item into a slot";
  EXPECT_TRUE(seen.pops_returned)
      << "try_pop() did not return within 0.5 s while the producer was held halfway through a try_push(): "
         "the consumer waited for the producer. A lock-free ring has no mutex: each side only reads the "
         "other's "
         "index, and never waits";
}

TEST(SpscRing, AnItemIsNotPoppedBeforeItsSlotIsWritten) {
  const HeldPush seen = in_child(5s, [] { return pop_while_a_push_is_held(); });
  ASSERT_TRUE(seen.held) << "try_push() never copied the item into a slot";
  EXPECT_EQ(seen.popped[0], 1) << "the first pop gave " << said(seen.popped[0]) << ", expected 1";
  EXPECT_EQ(seen.popped[1], 2) << "the second pop gave " << said(seen.popped[1]) << ", expected 2";
  EXPECT_EQ(seen.popped[2], -1)
      << "the third pop gave " << said(seen.popped[2])
      << " while the producer was still writing item 3 into its slot: expected nullopt. try_push() published "
         "its index before it wrote the slot. Write the slot first, then store tail_ + 1 with "
         "memory_order_release";
  EXPECT_TRUE(seen.push_returned_true) << "the push of 3 into a ring holding 2 of 4 was refused";
  EXPECT_EQ(seen.after, 3) << "once written, item 3 must come out: got " << said(seen.after);
}

struct HeldPop {
  bool held = false;           // the consumer's copy out of the slot was reached and held
  bool push_returned = false;  // the producer's try_push returned while the consumer was held
  bool push_accepted = false;  // ... and what it returned (the ring was full: false)
  long held_pop = -1;          // what the held pop gave, once let go
  long after[2] = {-1, -1};    // two pops after everything
};

// A ring of 2 holds 1 and 2: full. The consumer starts to pop and is held
// inside try_pop(), in the copy out of the slot of 1. Meanwhile the producer
// pushes 3.
HeldPop push_while_a_pop_is_held() {
  SpscRing<Item, 2> ring;
  HeldPop seen;
  {
    const Item one(1), two(2);
    ring.try_push(one);  // before any other thread starts: the producer's role passes on at the thread start
    ring.try_push(two);
  }
  std::jthread consumer([&] {
    Pause::arm_this_thread();
    seen.held_pop = code_of(ring.try_pop());
  });
  seen.held = eventually([] { return Pause::reached(); }, 1000ms);
  if (!seen.held) {
    Pause::release();
    return seen;
  }
  std::atomic<bool> pushed{false};
  std::jthread producer([&] {
    const Item three(3);
    seen.push_accepted = ring.try_push(three);
    pushed.store(true);
  });
  seen.push_returned = eventually([&] { return pushed.load(); }, 500ms);
  Pause::release();
  producer.join();
  consumer.join();
  for (long& code : seen.after) {
    code = code_of(ring.try_pop());
  }
  return seen;
}

TEST(SpscRing, APushDoesNotWaitForAPopHalfwayThrough) {
  const HeldPop seen = in_child(5s, [] { return push_while_a_pop_is_held(); });
  ASSERT_TRUE(seen.held) << "try_pop() never copied the item out of its slot";
  EXPECT_TRUE(seen.push_returned)
      << "try_push() did not return within 0.5 s while the consumer was held halfway through a try_pop(): "
         "the "
         "producer waited for the consumer. A lock-free ring has no mutex: each side only reads the other's "
         "index, and never waits";
}

TEST(SpscRing, ASlotIsNotReusedBeforeItsItemIsRead) {
  const HeldPop seen = in_child(5s, [] { return push_while_a_pop_is_held(); });
  ASSERT_TRUE(seen.held) << "try_pop() never copied the item out of its slot";
  EXPECT_FALSE(seen.push_accepted)
      << "try_push() into a full ring of 2 succeeded while the consumer was still reading the oldest item: "
         "try_pop() handed its slot back (published head_ + 1) before it had read it, and the push "
         "overwrote it. Read the slot first, then store head_ + 1 with memory_order_release";
  EXPECT_EQ(seen.held_pop, 1) << "the pop that was held gave " << said(seen.held_pop)
                              << ", expected 1: its slot was overwritten while it read it";
  EXPECT_EQ(seen.after[0], 2) << "then 2, got " << said(seen.after[0]);
  EXPECT_EQ(seen.after[1], -1) << "then nullopt (3 was refused), got " << said(seen.after[1]);
}

}  // namespace
