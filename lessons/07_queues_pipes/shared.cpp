// Shared memory: the fastest way between processes, and the one with no
// messages at all: just bytes both can see. Atomics keep it orderly.
#include <sys/mman.h>
#include <unistd.h>

#include <atomic>
#include <new>
#include <vector>

#include <fmt/ranges.h>

#include "course/child.hpp"
#include "course/log.hpp"
#include "lesson.hpp"

void show_shared_array() {
  course::heading("4 processes fill one shared array");
  constexpr std::size_t kSlots = 8;
  // [snippet:shared_array]
  void* memory = ::mmap(nullptr, sizeof(std::atomic<long>) * (kSlots + 1), PROT_READ | PROT_WRITE,
                        MAP_SHARED | MAP_ANONYMOUS, -1, 0);
  if (memory == MAP_FAILED) {
    throw std::bad_alloc();
  }
  auto* next_slot = new (memory) std::atomic<long>(0);  // which slot is free: a shared counter
  auto* slots = new (next_slot + 1) std::atomic<long>[kSlots] {
  };
  std::vector<course::ChildProcess> children;
  for (int c = 0; c < 4; ++c) {
    children.push_back(course::ChildProcess::start([&] {
      for (int i = 0; i < 2; ++i) {
        const long slot = next_slot->fetch_add(1);  // no two processes get the same slot
        slots[slot].store(::getpid());
      }
      return 0;
    }));
  }
  for (course::ChildProcess& child : children) {
    child.wait();
  }
  // [/snippet:shared_array]
  std::vector<long> pids;
  for (std::size_t i = 0; i < kSlots; ++i) {
    pids.push_back(slots[i].load());
  }
  course::say("slots, each holding the PID that claimed it: {}", pids);
  ::munmap(memory, sizeof(std::atomic<long>) * (kSlots + 1));
}
