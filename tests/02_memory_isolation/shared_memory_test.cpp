// Tests of allocate_shared(), SharedCounter and SharedArray: what children
// write, the parent must see, and the other way round; no addition is lost;
// memory that is refused, zeroed, too small or never given back is noticed.
//
// The code under test runs in an isolated child (course::testing::in_child),
// so a wrong answer that crashes (memory used after mmap() said MAP_FAILED, an
// element past the end of what was mapped) fails one test, not the whole run.
// The children that share the memory are forked inside that child, as
// course::ChildProcess, so they are always reaped.
#include "shared_memory.hpp"

#include <sched.h>
#include <sys/mman.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <new>
#include <string>
#include <thread>
#include <tuple>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include "course/child.hpp"
#include "course/testing.hpp"

using namespace std::chrono_literals;
using course::ChildProcess;
using course::testing::in_child;
using course::testing::SharedScratch;

namespace {

// More than any system has to give: mmap() refuses it.
constexpr std::size_t kImpossibleBytes = std::size_t{1} << 62;

// The CPUs this process may run on; empty where that cannot be asked (not Linux).
std::vector<int> usable_cpus() {
  std::vector<int> cpus;
#ifdef __linux__
  cpu_set_t usable;
  CPU_ZERO(&usable);
  if (::sched_getaffinity(0, sizeof usable, &usable) == 0) {
    for (int cpu = 0; cpu < CPU_SETSIZE; ++cpu) {
      if (CPU_ISSET(cpu, &usable)) {
        cpus.push_back(cpu);
      }
    }
  }
#endif
  return cpus;
}

// Puts the calling process on `cpu` alone (Linux only; elsewhere the scheduler decides).
void run_on(int cpu) {
#ifdef __linux__
  cpu_set_t one;
  CPU_ZERO(&one);
  CPU_SET(cpu, &one);
  ::sched_setaffinity(0, sizeof one, &one);
#else
  (void)cpu;
#endif
}

// Waits for every child; true if each one ended with exit code 0.
bool all_succeeded(std::vector<ChildProcess>& children) {
  bool ok = true;
  for (ChildProcess& child : children) {
    ok = child.wait().ok() && ok;
  }
  return ok;
}

// ------------------------------------------------------- /proc/self/maps

struct Mapping {
  std::uintptr_t begin = 0;
  std::uintptr_t end = 0;
  bool shared = false;  // 's' in the permissions: MAP_SHARED; 'p' is private
};

// This process's mappings; empty where there is no /proc (macOS).
std::vector<Mapping> mappings() {
  std::vector<Mapping> found;
  std::ifstream maps("/proc/self/maps");
  for (std::string line; std::getline(maps, line);) {
    unsigned long begin = 0;
    unsigned long end = 0;
    char permissions[5] = {};
    if (std::sscanf(line.c_str(), "%lx-%lx %4s", &begin, &end, permissions) == 3) {
      found.push_back({begin, end, permissions[3] == 's'});
    }
  }
  return found;
}

bool have_proc_maps() {
  return !mappings().empty();
}

// Where the bytes [memory, memory + bytes) live.
enum class Placement { one_shared_mapping, one_private_mapping, not_all_mapped };

Placement placement(const void* memory, std::size_t bytes) {
  const auto begin = reinterpret_cast<std::uintptr_t>(memory);
  for (const Mapping& mapping : mappings()) {
    if (mapping.begin <= begin && begin < mapping.end) {
      if (begin + bytes > mapping.end) {
        return Placement::not_all_mapped;  // what lies beyond belongs to someone else, or to nobody
      }
      return mapping.shared ? Placement::one_shared_mapping : Placement::one_private_mapping;
    }
  }
  return Placement::not_all_mapped;
}

// Whether any of the bytes [memory, memory + bytes) is still mapped.
bool still_mapped(const void* memory, std::size_t bytes) {
  const auto begin = reinterpret_cast<std::uintptr_t>(memory);
  for (const Mapping& mapping : mappings()) {
    if (mapping.begin < begin + bytes && begin < mapping.end) {
      return true;
    }
  }
  return false;
}

std::string describe(Placement where) {
  switch (where) {
    case Placement::one_shared_mapping:
      return "in one shared mapping";
    case Placement::one_private_mapping:
      return "in private memory, which fork() copies (MAP_PRIVATE, or the heap)";
    case Placement::not_all_mapped:
      return "not all inside what was mapped for it: too few bytes were allocated";
  }
  return "?";
}

}  // namespace

// ---------------------------------------------------------------- allocate_shared

TEST(AllocateShared, GivesZeroedSharedMemoryOfTheSizeAskedAndTakesItBack) {
  if (!have_proc_maps()) {
    GTEST_SKIP() << "no /proc/self/maps on this system";
  }
  const auto [where, zeroed, mapped_after_release] = in_child(5s, [] {
    const std::size_t bytes = 3 * static_cast<std::size_t>(::sysconf(_SC_PAGESIZE)) + 5;
    auto* memory = static_cast<unsigned char*>(allocate_shared(bytes));
    bool zeroed = true;
    for (std::size_t i = 0; i < bytes; ++i) {
      zeroed = zeroed && memory[i] == 0;
    }
    const Placement where = placement(memory, bytes);
    release_shared(memory, bytes);
    return std::tuple(where, zeroed, still_mapped(memory, bytes));
  });
  EXPECT_EQ(describe(where), describe(Placement::one_shared_mapping))
      << "allocate_shared() must give memory that fork() shares: mmap() with MAP_SHARED | MAP_ANONYMOUS";
  EXPECT_TRUE(zeroed) << "allocate_shared() promises zeroed memory";
  if (where == Placement::one_shared_mapping) {
    EXPECT_FALSE(mapped_after_release)
        << "release_shared() left the memory mapped: munmap() all the bytes that mmap() gave";
  }
}

TEST(AllocateShared, ThrowsBadAllocWhenTheSystemRefuses) {
  // mmap() does not return nullptr when it refuses: it returns MAP_FAILED.
  const std::string what_happened = in_child(5s, []() -> std::string {
    try {
      void* memory = allocate_shared(kImpossibleBytes);
      return memory == MAP_FAILED ? "returned MAP_FAILED" : "returned memory";
    } catch (const std::bad_alloc&) {
      return "threw std::bad_alloc";
    }
  });
  EXPECT_EQ(what_happened, "threw std::bad_alloc")
      << "allocate_shared() of 4 EiB, which no system can give: the header promises std::bad_alloc; "
         "check what mmap() returned against MAP_FAILED";
}

// ---------------------------------------------------------------- SharedCounter

TEST(SharedCounter, StartsAtZeroAndAddsTheAmountGiven) {
  const auto [at_start, at_end] = in_child(5s, [] {
    SharedCounter counter;
    const long at_start = counter.value();
    counter.add(5);
    counter.add(-2);
    counter.add(40);
    return std::pair(at_start, counter.value());
  });
  EXPECT_EQ(at_start, 0);
  EXPECT_EQ(at_end, 43) << "add(5), add(-2) and add(40) from 0";
}

TEST(SharedCounter, EachCounterIsItsOwn) {
  // Two counters alive at once, and a third made after they were used: each
  // starts at 0 and counts only its own additions.
  const auto [first, second, third] = in_child(5s, [] {
    SharedCounter first;
    first.add(5);
    SharedCounter second;
    second.add(1);
    const long first_value = first.value();
    const long second_value = second.value();
    SharedCounter third;
    return std::tuple(first_value, second_value, third.value());
  });
  EXPECT_EQ(first, 5) << "another counter's additions reached this one: two counters share memory";
  EXPECT_EQ(second, 1) << "a new counter did not start at 0, or it shares memory with another";
  EXPECT_EQ(third, 0) << "a new counter did not start at 0";
}

TEST(SharedCounter, ChildrensAdditionsReachTheParent) {
  const auto [value, children_ok] = in_child(5s, [] {
    SharedCounter counter;
    std::vector<ChildProcess> children;
    for (int i = 0; i < 4; ++i) {
      children.push_back(ChildProcess::start([&counter] {
        for (int n = 0; n < 1000; ++n) {
          counter.add(1);
        }
        return 0;
      }));
    }
    const bool children_ok = all_succeeded(children);
    return std::pair(counter.value(), children_ok);
  });
  EXPECT_TRUE(children_ok) << "a child that added to the counter crashed";
  EXPECT_EQ(value, 4000) << "4 children added 1,000 each: the children's additions did not reach the parent. "
                            "fork() copies private memory";
}

namespace {

constexpr int kHammerers = 4;

// What the children hammering one counter share with each other and the test.
struct Scoreboard {
  std::atomic<int> started{0};
  std::atomic<bool> stop{false};
  std::atomic<long> added[kHammerers] = {};           // each child's calls of add(1)
  std::atomic<long long> last_seen[kHammerers] = {};  // when each child last reported, in ns
  std::atomic<long> adds_alongside{0};  // adds made while a child on another core was adding too
};

long long now_nanoseconds() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

struct Hammered {
  long value = 0;           // what the counter says at the end
  long added = 0;           // how many times the children called add(1)
  long adds_alongside = 0;  // of those, how many while a child on another core was adding too
  bool children_ok = false;
};

// Four children call counter.add(1) as fast as they can, each pinned to a core
// and spread over the cores, until half a million additions were made while a
// child on another core was adding too (at most 2 s; 300 ms where there is
// only one core). Each child counts its own calls.
Hammered hammer(SharedCounter& counter) {
  // Two children on different cores that report progress within this span of
  // each other were both running.
  constexpr long long kAlongside = 500'000;  // ns
  constexpr long kEnoughAlongside = 500'000;
  constexpr int kAddsPerReport = 256;
  const std::vector<int> cpus = usable_cpus();
  const auto core_of = [&cpus](int child) {
    return cpus.empty() ? child : cpus[static_cast<std::size_t>(child) % cpus.size()];
  };
  SharedScratch<Scoreboard> shared(1);
  Scoreboard& board = shared[0];
  std::vector<ChildProcess> children;
  for (int i = 0; i < kHammerers; ++i) {
    children.push_back(ChildProcess::start([&, i] {
      if (!cpus.empty()) {
        run_on(core_of(i));
      }
      board.started.fetch_add(1);
      long mine = 0;
      long long previous = now_nanoseconds();
      while (!board.stop.load()) {
        for (int n = 0; n < kAddsPerReport; ++n) {
          counter.add(1);
        }
        mine += kAddsPerReport;
        const long long now = now_nanoseconds();
        if (now - previous < kAlongside) {  // this child ran without a pause since its last report
          for (int other = 0; other < kHammerers; ++other) {
            if (core_of(other) != core_of(i) && now - board.last_seen[other].load() < kAlongside) {
              board.adds_alongside.fetch_add(kAddsPerReport);
              break;
            }
          }
        }
        board.last_seen[i].store(now);
        previous = now;
      }
      board.added[i].store(mine);
      return 0;
    }));
  }
  course::testing::eventually([&] { return board.started.load() == kHammerers; }, 2s);
  course::testing::eventually([&] { return board.adds_alongside.load() >= kEnoughAlongside; },
                              cpus.size() == 1 ? 300ms : 2000ms);
  board.stop.store(true);
  Hammered result;
  result.children_ok = all_succeeded(children);
  for (int i = 0; i < kHammerers; ++i) {
    result.added += board.added[i].load();
  }
  result.adds_alongside = board.adds_alongside.load();
  result.value = counter.value();
  return result;
}

}  // namespace

TEST(SharedCounter, ConcurrentAdditionsAreNeverLost) {
  // Children on different cores add at the very same moment: a read and a
  // write in two steps then loses additions all the time. (On one core it
  // practically never shows: the kernel hardly ever stops a process between
  // the two steps. A machine with one core cannot catch that mistake.)
  const Hammered run = in_child(5s, [] {
    SharedCounter counter;
    return hammer(counter);
  });
  ASSERT_TRUE(run.children_ok) << "a child that added to the counter crashed";
  ASSERT_GT(run.added, 0);
  if (run.value == 0) {
    FAIL() << "the children called add(1) " << run.added << " times, and none of it reached the parent: "
           << "fork() copies private memory";
  }
  EXPECT_EQ(run.value, run.added)
      << "the children called add(1) " << run.added << " times (" << run.adds_alongside
      << " of them while a child on another core was adding too), the counter says " << run.value
      << ": additions were lost. Reading and then writing is two steps, and a lock that lives in each "
         "process's private memory keeps no other process out";
}

namespace {

// How many mappings this process has now.
int mapping_count() {
  return static_cast<int>(mappings().size());
}

}  // namespace

TEST(SharedCounter, GivesItsMemoryBack) {
  if (!have_proc_maps()) {
    GTEST_SKIP() << "no /proc/self/maps on this system";
  }
  const int left_behind = in_child(5s, [] {
    const int before = mapping_count();
    for (int i = 0; i < 100; ++i) {
      SharedCounter counter;
      counter.add(i);
    }
    return mapping_count() - before;
  });
  EXPECT_LT(left_behind, 10) << "100 counters made and destroyed left " << left_behind
                             << " mappings behind: release what you map";
}

// ---------------------------------------------------------------- SharedArray

TEST(SharedArray, StartsZeroedWithItsSize) {
  const auto [size, nonzero, nonzero_again] = in_child(5s, [] {
    std::size_t nonzero = 0;
    std::size_t size = 0;
    {
      SharedArray array(1000);
      size = array.size();
      for (std::size_t i = 0; i < array.size(); ++i) {
        nonzero += array[i].load() != 0 ? 1 : 0;
        array[i].store(-1);
      }
    }
    // Memory given back and asked for again is zeroed again.
    std::size_t nonzero_again = 0;
    SharedArray again(1000);
    for (std::size_t i = 0; i < again.size(); ++i) {
      nonzero_again += again[i].load() != 0 ? 1 : 0;
    }
    return std::tuple(size, nonzero, nonzero_again);
  });
  EXPECT_EQ(size, 1000u);
  EXPECT_EQ(nonzero, 0u) << "a new array of 1,000 had " << nonzero << " elements that were not 0";
  EXPECT_EQ(nonzero_again, 0u) << "an array made after another was filled with -1 and destroyed had "
                               << nonzero_again << " elements that were not 0";
}

TEST(SharedArray, EveryElementLiesInSharedMemory) {
  if (!have_proc_maps()) {
    GTEST_SKIP() << "no /proc/self/maps on this system";
  }
  for (const std::size_t size : {1u, 512u, 1000u, 100'000u}) {
    // A child of its own for each size: an array whose elements do not fit
    // crashes as soon as they are set to 0, and that is the answer here.
    const course::testing::ChildRun run = course::testing::run_in_child(5s, [size] {
      SharedArray array(size);
      return describe(placement(&array[0], size * sizeof(std::atomic<long>)));
    });
    ASSERT_TRUE(course::testing::finished(run))
        << "making a SharedArray(" << size << ") crashed while its elements were set to 0: too few bytes "
        << "were allocated for them. It needs size * sizeof(std::atomic<long>) bytes";
    EXPECT_EQ(run.payload, describe(Placement::one_shared_mapping))
        << "the " << size << " elements of a SharedArray(" << size << ") lie " << run.payload
        << ". It needs size * sizeof(std::atomic<long>) bytes, shared";
  }
}

TEST(SharedArray, TwoArraysAreIndependent) {
  const auto [first_kept, second_zeroed] = in_child(5s, [] {
    SharedArray first(8);
    for (std::size_t i = 0; i < first.size(); ++i) {
      first[i].store(static_cast<long>(i) + 1);
    }
    SharedArray second(8);
    bool second_zeroed = true;
    for (std::size_t i = 0; i < second.size(); ++i) {
      second_zeroed = second_zeroed && second[i].load() == 0;
      second[i].store(100);
    }
    bool first_kept = true;
    for (std::size_t i = 0; i < first.size(); ++i) {
      first_kept = first_kept && first[i].load() == static_cast<long>(i) + 1;
    }
    return std::pair(first_kept, second_zeroed);
  });
  EXPECT_TRUE(second_zeroed) << "a second array did not start zeroed: it shares memory with the first";
  EXPECT_TRUE(first_kept) << "writing a second array changed the first: two arrays share memory";
}

TEST(SharedArray, EachChildsWritesAreSeenByTheParent) {
  // Child c writes its PID into every element i with i % 4 == c, all through
  // an array of 10,000 (80,000 bytes, many pages).
  constexpr std::size_t kChildren = 4;
  constexpr std::size_t kSize = 10'000;
  const auto [wrong_elements, children_ok] = in_child(5s, [] {
    SharedArray array(kSize);
    std::vector<ChildProcess> children;
    for (std::size_t c = 0; c < kChildren; ++c) {
      children.push_back(ChildProcess::start([&array, c] {
        for (std::size_t i = c; i < kSize; i += kChildren) {
          array[i].store(::getpid());
        }
        return 0;
      }));
    }
    std::vector<pid_t> pids;
    for (const ChildProcess& child : children) {
      pids.push_back(child.pid());
    }
    const bool children_ok = all_succeeded(children);
    std::size_t wrong = 0;
    for (std::size_t i = 0; i < kSize; ++i) {
      wrong += array[i].load() != pids[i % kChildren] ? 1 : 0;
    }
    return std::pair(wrong, children_ok);
  });
  EXPECT_TRUE(children_ok) << "a child that wrote into the array crashed";
  EXPECT_EQ(wrong_elements, 0u) << wrong_elements << " of the " << kSize
                                << " elements did not hold the PID of the child that wrote them: the "
                                   "children's writes did not reach the parent. fork() copies private memory";
}

TEST(SharedArray, AParentsWriteAfterForkReachesTheChild) {
  const bool child_saw_it = in_child(5s, [] {
    SharedArray array(1);
    ChildProcess child = ChildProcess::start([&array] {
      return course::testing::eventually([&array] { return array[0].load() == 42; }, 1s) ? 0 : 1;
    });
    array[0].store(42);
    return child.wait().ok();
  });
  EXPECT_TRUE(child_saw_it) << "the parent stored 42 after forking; the child never saw it within 1 s";
}

TEST(SharedArray, TooBigForTheSystemThrowsBadAlloc) {
  // Unchecked, MAP_FAILED is used as memory: the first element written crashes.
  const course::testing::ChildRun run = course::testing::run_in_child(5s, []() -> std::string {
    try {
      SharedArray array(kImpossibleBytes / sizeof(std::atomic<long>));
      return "made an array of 4 EiB";
    } catch (const std::bad_alloc&) {
      return "threw std::bad_alloc";
    }
  });
  ASSERT_TRUE(course::testing::finished(run))
      << "making a SharedArray of 4 EiB crashed: mmap() returned MAP_FAILED and it was used as memory. "
         "Check for MAP_FAILED and throw std::bad_alloc, as the header promises";
  EXPECT_EQ(run.payload, "threw std::bad_alloc");
}

TEST(SharedArray, GivesItsMemoryBack) {
  if (!have_proc_maps()) {
    GTEST_SKIP() << "no /proc/self/maps on this system";
  }
  const int left_behind = in_child(5s, [] {
    const int before = mapping_count();
    for (int i = 0; i < 100; ++i) {
      SharedArray array(4096);  // 32 KiB
      array[0].store(i);
      array[array.size() - 1].store(i);
    }
    return mapping_count() - before;
  });
  EXPECT_LT(left_behind, 10) << "100 arrays of 32 KiB made and destroyed left " << left_behind
                             << " mappings behind: release all the bytes you map";
}
