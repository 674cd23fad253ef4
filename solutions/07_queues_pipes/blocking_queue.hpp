#pragma once
// Lesson 07 exercise, part 1: a bounded blocking queue with close(), like
// Python's queue.Queue(maxsize): producers wait while it is full, consumers
// while it is empty, and close() tells everyone that no more items will come.

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <mutex>
#include <optional>

template <typename T>
class BlockingQueue {
 public:
  explicit BlockingQueue(std::size_t capacity) : capacity_(capacity) {}

  // Waits while the queue is full. Returns false, without adding, once closed.
  bool push(T item) {
    std::unique_lock lock(mutex_);
    not_full_.wait(lock, [this] { return items_.size() < capacity_ || closed_; });
    if (closed_) {
      return false;
    }
    items_.push_back(std::move(item));
    not_empty_.notify_one();  // one item: one consumer can use it
    return true;
  }

  // Waits while the queue is empty. Returns std::nullopt once it is closed and
  // empty: the items pushed before close() still come out first.
  std::optional<T> pop() {
    std::unique_lock lock(mutex_);
    not_empty_.wait(lock, [this] { return !items_.empty() || closed_; });
    return take_front();
  }

  // pop() that gives up after `timeout`, returning std::nullopt.
  std::optional<T> pop_for(std::chrono::milliseconds timeout) {
    std::unique_lock lock(mutex_);
    not_empty_.wait_for(lock, timeout, [this] { return !items_.empty() || closed_; });
    return take_front();
  }

  // No more pushes. Every waiting producer and consumer wakes up and returns.
  void close() {
    std::scoped_lock lock(mutex_);
    closed_ = true;
    // Everyone must see closed_: every waiter, on both sides.
    not_empty_.notify_all();
    not_full_.notify_all();
  }

  std::size_t size() const {
    std::scoped_lock lock(mutex_);
    return items_.size();
  }

 private:
  // The front item, if any; the caller holds the lock.
  std::optional<T> take_front() {
    if (items_.empty()) {
      return std::nullopt;
    }
    T item = std::move(items_.front());
    items_.pop_front();
    not_full_.notify_one();  // one free place: one producer can use it
    return item;
  }

  const std::size_t capacity_;
  mutable std::mutex mutex_;
  std::condition_variable not_empty_;  // an item arrived, or the queue closed
  std::condition_variable not_full_;   // a place freed up, or the queue closed
  std::deque<T> items_;                // guarded by mutex_
  bool closed_ = false;                // guarded by mutex_
};
