#pragma once
// Lesson 10 exercise: a bounded single-producer/single-consumer ring buffer,
// lock-free. One thread pushes, one other thread pops; neither ever waits for
// the other, and no mutex is involved. What makes it correct is the memory
// order of two indices: each thread publishes its index with a release store,
// and reads the other's with an acquire load.
//
// Quick reference
//   std::atomic<std::size_t> i{0};
//   i.load(std::memory_order_relaxed)          an index only this thread writes: no order needed
//   i.load(std::memory_order_acquire)          see everything the other thread wrote before its release
//   i.store(n, std::memory_order_release)      publish: everything written before becomes visible with n
//   head_ counts pops, tail_ counts pushes; the ring holds tail_ - head_ items,
//   and slot index % Capacity holds item number index.
//
// Check with: ./course check 10      Stuck? ./course hint 10

#include <array>
#include <atomic>
#include <cstddef>
#include <optional>

template <typename T, std::size_t Capacity>
class SpscRing {
  static_assert(Capacity >= 1, "a ring holds at least one item");

 public:
  static constexpr std::size_t capacity() { return Capacity; }

  // Called by the producer thread only. Adds a copy of `item` and returns true,
  // or returns false at once when the ring holds Capacity items.
  bool try_push(const T& item) {
    const std::size_t tail = tail_.load(std::memory_order_relaxed);  // only this thread writes it
    // acquire: the consumer's read of the slot we are about to reuse is finished
    if (tail - head_.load(std::memory_order_acquire) == Capacity) {
      return false;  // full
    }
    slots_[tail % Capacity] = item;                    // 1. write the slot
    tail_.store(tail + 1, std::memory_order_release);  // 2. then publish it
    return true;
  }

  // Called by the consumer thread only. The oldest item, or std::nullopt at
  // once when the ring is empty.
  std::optional<T> try_pop() {
    const std::size_t head = head_.load(std::memory_order_relaxed);  // only this thread writes it
    // acquire: the producer's write of the slot is visible once we see its index
    if (head == tail_.load(std::memory_order_acquire)) {
      return std::nullopt;  // empty
    }
    std::optional<T> item{slots_[head % Capacity]};    // 1. read the slot
    head_.store(head + 1, std::memory_order_release);  // 2. then hand it back
    return item;
  }

 private:
  std::array<T, Capacity> slots_{};
  // The consumer writes head_ and the producer tail_: 64 bytes apart, so that
  // they do not share a cache line (false sharing: the demo's `sharing` mode).
  alignas(64) std::atomic<std::size_t> head_{0};  // items popped so far
  alignas(64) std::atomic<std::size_t> tail_{0};  // items pushed so far
};
