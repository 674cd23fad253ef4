// Tests of SharedCounter and SharedArray: what children write, the parent must
// see, and the other way round. Every child is a course::ChildProcess, so it
// is reaped even when an assertion fails.
#include "shared_memory.hpp"

#include <unistd.h>

#include <chrono>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "course/child.hpp"
#include "course/testing.hpp"

using namespace std::chrono_literals;
using course::ChildProcess;

TEST(SharedCounter, ChildrensAdditionsReachTheParent) {
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
  for (ChildProcess& child : children) {
    ASSERT_TRUE(child.wait().ok());
  }
  EXPECT_EQ(counter.value(), 4000)
      << "the children's additions did not reach the parent: fork() copies private memory";
}

TEST(SharedCounter, ConcurrentAdditionsAreNeverLost) {
  // Both children start adding at the same moment, so their adds interleave.
  constexpr long kAdds = 1'000'000;
  SharedCounter counter;
  course::testing::SharedScratch<std::atomic<bool>> go(1);
  std::vector<ChildProcess> children;
  for (int i = 0; i < 2; ++i) {
    children.push_back(ChildProcess::start([&] {
      while (!go[0].load()) {
      }
      for (long n = 0; n < kAdds; ++n) {
        counter.add(1);
      }
      return 0;
    }));
  }
  go[0].store(true);
  for (ChildProcess& child : children) {
    ASSERT_TRUE(child.wait().ok());
  }
  EXPECT_EQ(counter.value(), 2 * kAdds) << "additions were lost: reading and then writing is two steps";
}

TEST(SharedArray, StartsZeroedWithItsSize) {
  SharedArray array(1000);
  ASSERT_EQ(array.size(), 1000u);
  for (std::size_t i = 0; i < array.size(); ++i) {
    ASSERT_EQ(array[i].load(), 0) << "element " << i;
  }
}

TEST(SharedArray, EachChildsWriteIsSeenByTheParent) {
  SharedArray array(4);
  std::vector<ChildProcess> children;
  for (std::size_t i = 0; i < array.size(); ++i) {
    children.push_back(ChildProcess::start([&array, i] {
      array[i].store(::getpid());
      return 0;
    }));
  }
  for (std::size_t i = 0; i < children.size(); ++i) {
    const pid_t pid = children[i].pid();
    ASSERT_TRUE(children[i].wait().ok());
    EXPECT_EQ(array[i].load(), pid) << "child " << pid << " wrote its PID to element " << i;
  }
}

TEST(SharedArray, AParentsWriteAfterForkReachesTheChild) {
  SharedArray array(1);
  ChildProcess child = ChildProcess::start([&array] {
    return course::testing::eventually([&array] { return array[0].load() == 42; }, 2s) ? 0 : 1;
  });
  array[0].store(42);
  const course::ExitStatus status = child.wait();
  EXPECT_TRUE(status.ok()) << "the child never saw the parent's 42 (it " << status.describe() << ")";
}

namespace {

// How many mappings this process has; -1 where /proc is missing.
int mapping_count() {
  std::ifstream maps("/proc/self/maps");
  if (!maps) {
    return -1;
  }
  int lines = 0;
  for (std::string line; std::getline(maps, line);) {
    ++lines;
  }
  return lines;
}

}  // namespace

TEST(SharedArray, GivesItsMemoryBack) {
  if (mapping_count() < 0) {
    GTEST_SKIP() << "no /proc/self/maps on this system";
  }
  const int before = mapping_count();
  for (int i = 0; i < 200; ++i) {
    SharedArray array(1 << 17);  // 1 MiB
    array[0].store(i);
  }
  EXPECT_LT(mapping_count() - before, 10) << "each SharedArray left a mapping behind: release what you map";
}
