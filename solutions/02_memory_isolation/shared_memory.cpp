// Lesson 02 exercise: make SharedCounter and SharedArray really shared between
// processes. As given, they work inside one process and fail across fork().
//
// Quick reference
//   void* mmap(nullptr, bytes, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
//                          memory that fork() shares; zeroed; MAP_FAILED on error
//   int munmap(void* memory, std::size_t bytes);          give it back
//   long std::atomic<long>::fetch_add(long amount);       read, add and write as one step
//
// Check with: ./course check 02      Stuck? ./course hint 02

#include "shared_memory.hpp"

#include <sys/mman.h>

#include <cstdlib>
#include <new>

// Only a lock-free atomic works across processes: a lock inside it would be private to each.
static_assert(std::atomic<long>::is_always_lock_free);

void* allocate_shared(std::size_t bytes) {
  // MAP_SHARED: after fork() both processes map the same physical pages.
  // MAP_ANONYMOUS: no file behind it; the kernel hands out zeroed pages.
  void* memory = ::mmap(nullptr, bytes, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
  if (memory == MAP_FAILED) {
    throw std::bad_alloc();
  }
  return memory;
}

void release_shared(void* memory, std::size_t bytes) {
  // Each process unmaps its own view; the pages go when the last one lets go.
  ::munmap(memory, bytes);
}

SharedCounter::SharedCounter()
    : value_(new (allocate_shared(sizeof(std::atomic<long>))) std::atomic<long>(0)) {}

SharedCounter::~SharedCounter() {
  release_shared(value_, sizeof(std::atomic<long>));
}

void SharedCounter::add(long amount) {
  // One atomic instruction: no other process can slip in between read and write.
  value_->fetch_add(amount);
}

long SharedCounter::value() const {
  return value_->load();
}

SharedArray::SharedArray(std::size_t size)
    : size_(size),
      items_(static_cast<std::atomic<long>*>(allocate_shared(size * sizeof(std::atomic<long>)))) {
  for (std::size_t i = 0; i < size_; ++i) {
    new (&items_[i]) std::atomic<long>(0);
  }
}

SharedArray::~SharedArray() {
  release_shared(items_, size_ * sizeof(std::atomic<long>));
}
