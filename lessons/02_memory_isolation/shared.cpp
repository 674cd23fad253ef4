// MAP_SHARED memory is the one thing fork() does not copy: both processes
// see the same bytes. A lock-free atomic in it works across processes.
#include <sys/mman.h>

#include <atomic>
#include <new>
#include <vector>

#include "course/child.hpp"
#include "course/log.hpp"
#include "lesson.hpp"

namespace {
constexpr long kAddsPerChild = 100'000;
}

void show_shared_memory() {
  course::heading("MAP_SHARED: memory that stays shared after fork()");
  // [snippet:map_shared]
  const int access = PROT_READ | PROT_WRITE;
  const int sharing = MAP_SHARED | MAP_ANONYMOUS;
  void* memory = ::mmap(nullptr, sizeof(std::atomic<long>), access, sharing, -1, 0);
  if (memory == MAP_FAILED) {
    throw std::bad_alloc();
  }
  static_assert(std::atomic<long>::is_always_lock_free, "a lock inside would be per process");
  auto* shared_counter = new (memory) std::atomic<long>(0);
  long private_counter = 0;
  // [/snippet:map_shared]

  // [snippet:two_children_add]
  std::vector<course::ChildProcess> children;
  for (int i = 1; i <= 2; ++i) {
    children.push_back(course::ChildProcess::start([&, i] {
      course::set_actor_name(fmt::format("child-{}", i));
      for (long n = 0; n < kAddsPerChild; ++n) {
        shared_counter->fetch_add(1);
        ++private_counter;
      }
      course::say("added {}: shared = {}, private = {}", kAddsPerChild, shared_counter->load(),
                  private_counter);
      return 0;
    }));
  }
  for (course::ChildProcess& child : children) {
    child.wait();
  }
  course::say("shared counter = {} (both children's adds), private counter = {} (never touched here)",
              shared_counter->load(), private_counter);
  // [/snippet:two_children_add]
  ::munmap(memory, sizeof(std::atomic<long>));
}
