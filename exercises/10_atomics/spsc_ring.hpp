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
    // TODO: return false when the ring is full (it holds Capacity items). Which
    //       memory order must the load of the consumer's head_ have, so that the
    //       consumer has finished reading the slot you are about to overwrite?
    slots_[tail % Capacity] = item;
    // TODO: publish the slot. With relaxed, the consumer may see the new index
    //       and still read the slot's old contents: which order forbids that?
    tail_.store(tail + 1, std::memory_order_relaxed);
    return true;
  }

  // Called by the consumer thread only. The oldest item, or std::nullopt at
  // once when the ring is empty.
  std::optional<T> try_pop() {
    // TODO: return std::nullopt when the ring is empty (head_ has caught up with
    //       tail_); otherwise copy the oldest slot out, then hand the slot back to
    //       the producer by publishing head_ + 1. In that order: why?
    return std::nullopt;
  }

 private:
  std::array<T, Capacity> slots_{};
  // The consumer writes head_ and the producer tail_: 64 bytes apart, so that
  // they do not share a cache line (false sharing: the demo's `sharing` mode).
  alignas(64) std::atomic<std::size_t> head_{0};  // items popped so far
  alignas(64) std::atomic<std::size_t> tail_{0};  // items pushed so far
};
