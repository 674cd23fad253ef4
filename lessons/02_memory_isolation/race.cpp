// RACES ON PURPOSE. Shared memory without atomics: two processes add to one
// plain long, and updates are lost, exactly as between threads (lesson 03).
#include <sys/mman.h>

#include <atomic>
#include <new>
#include <vector>

#include "course/child.hpp"
#include "course/log.hpp"
#include "lesson.hpp"

namespace {
constexpr long kAddsPerChild = 1'000'000;

// One shared page: a start line, so that the two children really add at the
// same time (forking the second takes about as long as the first needs for all
// its adds), and the plain long they race on.
struct RaceTrack {
  std::atomic<int> at_start_line{0};
  long total = 0;
};
}  // namespace

void show_cross_process_race() {
  course::heading("Two processes, one shared plain long, no atomics");
  void* memory =
      ::mmap(nullptr, sizeof(RaceTrack), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
  if (memory == MAP_FAILED) {
    throw std::bad_alloc();
  }
  auto* track = new (memory) RaceTrack;
  // volatile: every add really loads and stores memory, as it would in a bigger program.
  volatile long* total = &track->total;
  // [snippet:racy_add]
  std::vector<course::ChildProcess> children;
  for (int i = 1; i <= 2; ++i) {
    children.push_back(course::ChildProcess::start([track, total] {
      track->at_start_line.fetch_add(1);
      while (track->at_start_line.load() < 2) {
        // wait for the other child: the adds must overlap to collide
      }
      for (long n = 0; n < kAddsPerChild; ++n) {
        *total = *total + 1;  // load, add, store: another process can store in between
      }
      return 0;
    }));
  }
  // [/snippet:racy_add]
  for (course::ChildProcess& child : children) {
    child.wait();
  }
  const long expected = 2 * kAddsPerChild;
  course::say("expected {}, got {}: {} updates lost ({:.1f}%)", expected, *total, expected - *total,
              100.0 * static_cast<double>(expected - *total) / static_cast<double>(expected));
  course::say("the fix is the same as between threads: an atomic (mode 'shared') or a lock");
  ::munmap(memory, sizeof(RaceTrack));
}
