#pragma once
// Lesson 02 exercise: numbers that stay shared after fork(), the C++ analogue
// of Python's multiprocessing.Value and multiprocessing.Array.
//
// Create them in the parent *before* forking; parent and children then read
// and write the same numbers.

#include <atomic>
#include <cstddef>

// Zeroed memory that every process forked afterwards shares (not copies).
// Throws std::bad_alloc when the system refuses.
void* allocate_shared(std::size_t bytes);
void release_shared(void* memory, std::size_t bytes);

// One number, like multiprocessing.Value('l', 0).
class SharedCounter {
 public:
  SharedCounter();
  ~SharedCounter();
  SharedCounter(const SharedCounter&) = delete;
  SharedCounter& operator=(const SharedCounter&) = delete;

  // Safe to call from any process at any time: no addition is ever lost.
  void add(long amount);
  long value() const;

 private:
  std::atomic<long>* value_;
};

// A fixed number of numbers, like multiprocessing.Array('l', size). Each
// element is atomic, so processes may read and write elements concurrently.
class SharedArray {
 public:
  explicit SharedArray(std::size_t size);
  ~SharedArray();
  SharedArray(const SharedArray&) = delete;
  SharedArray& operator=(const SharedArray&) = delete;

  std::size_t size() const { return size_; }
  std::atomic<long>& operator[](std::size_t index) { return items_[index]; }

 private:
  std::size_t size_;
  std::atomic<long>* items_;
};
