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
    // TODO: wait until there is room or the queue is closed; refuse after close().
    items_.push_back(std::move(item));
    // TODO: a consumer may be waiting for exactly this item.
    return true;
  }

  // Waits while the queue is empty. Returns std::nullopt once it is closed and
  // empty: the items pushed before close() still come out first.
  std::optional<T> pop() {
    std::unique_lock lock(mutex_);
    // TODO: wait until there is an item or the queue is closed.
    if (items_.empty()) {
      return std::nullopt;
    }
    T item = std::move(items_.front());
    items_.pop_front();
    // TODO: a producer may be waiting for exactly this free place.
    return item;
  }

  // pop() that gives up after `timeout`, returning std::nullopt.
  std::optional<T> pop_for(std::chrono::milliseconds timeout) {
    std::unique_lock lock(mutex_);
    // TODO: wait, but no longer than `timeout`.
    (void)timeout;
    if (items_.empty()) {
      return std::nullopt;
    }
    T item = std::move(items_.front());
    items_.pop_front();
    return item;
  }

  // No more pushes. Every waiting producer and consumer wakes up and returns.
  void close() {
    std::scoped_lock lock(mutex_);
    closed_ = true;
    // TODO: wake every waiting thread, producers and consumers alike.
  }

  std::size_t size() const {
    std::scoped_lock lock(mutex_);
    return items_.size();
  }

 private:
  const std::size_t capacity_;
  mutable std::mutex mutex_;
  std::condition_variable not_empty_;  // an item arrived, or the queue closed
  std::condition_variable not_full_;   // a place freed up, or the queue closed
  std::deque<T> items_;                // guarded by mutex_
  bool closed_ = false;                // guarded by mutex_
};
