#include "course/deadlock.hpp"

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <map>
#include <optional>
#include <set>

#include <fmt/core.h>

#include "course/demo.hpp"
#include "course/log.hpp"

namespace course {
namespace {

// Who waits for which lock, and who holds which. Guarded by its own mutex.
struct Registry {
  struct Party {
    std::thread::id id;
    std::string name;
  };
  std::mutex mutex;
  std::map<std::thread::id, std::pair<std::string, const TrackedMutex*>> waiting;
  std::map<const TrackedMutex*, Party> holders;
};

Registry& registry() {
  static auto* shared = new Registry;  // never destroyed: the watchdog may look at it during exit
  return *shared;
}

}  // namespace

TrackedMutex::TrackedMutex(std::string name) : name_(std::move(name)) {}

TrackedMutex::~TrackedMutex() {
  std::scoped_lock lock(registry().mutex);
  registry().holders.erase(this);
}

void TrackedMutex::lock() {
  Registry& r = registry();
  const auto me = std::this_thread::get_id();
  bool already_mine = false;
  {
    std::scoped_lock lock(r.mutex);
    r.waiting[me] = {actor_name(), this};
    const auto holder = r.holders.find(this);
    already_mine = holder != r.holders.end() && holder->second.id == me;
  }
  if (already_mine) {
    while (true) {  // nobody will ever unlock it: this thread is the one that would
      std::this_thread::sleep_for(std::chrono::hours(1));
    }
  }
  mutex_.lock();
  std::scoped_lock lock(r.mutex);
  r.waiting.erase(me);
  r.holders[this] = {me, actor_name()};
}

bool TrackedMutex::try_lock() {
  Registry& r = registry();
  const auto me = std::this_thread::get_id();
  {
    std::scoped_lock lock(r.mutex);
    const auto holder = r.holders.find(this);
    if (holder != r.holders.end() && holder->second.id == me) {
      return false;  // as glibc answers the owner; std::mutex leaves it undefined
    }
  }
  if (!mutex_.try_lock()) {
    return false;
  }
  std::scoped_lock lock(r.mutex);
  r.holders[this] = {me, actor_name()};
  return true;
}

void TrackedMutex::unlock() {
  {
    std::scoped_lock lock(registry().mutex);
    registry().holders.erase(this);
  }
  mutex_.unlock();
}

std::vector<WaitEdge> find_deadlock() {
  Registry& r = registry();
  std::scoped_lock lock(r.mutex);
  for (const auto& [start, wait] : r.waiting) {
    // Follow: thread -> the lock it waits for -> that lock's holder -> ...
    std::vector<WaitEdge> path;
    std::set<std::thread::id> visited;
    std::thread::id current = start;
    while (visited.insert(current).second) {
      const auto waits = r.waiting.find(current);
      if (waits == r.waiting.end()) {
        break;  // this thread is running: no cycle this way
      }
      const auto holder = r.holders.find(waits->second.second);
      if (holder == r.holders.end()) {
        break;  // the lock is free: its waiter is about to get it
      }
      path.push_back({waits->second.first, waits->second.second->name(), holder->second.name});
      current = holder->second.id;
      if (current == start) {
        return path;
      }
    }
  }
  return {};
}

std::string describe_deadlock(const std::vector<WaitEdge>& cycle) {
  std::string text;
  for (const WaitEdge& edge : cycle) {
    text += fmt::format("  {} → waits for lock \"{}\" → held by {}{}\n", edge.thread, edge.lock, edge.holder,
                        edge.thread == edge.holder ? " (itself: this mutex is not recursive)" : "");
  }
  return text;
}

DeadlockWatchdog::DeadlockWatchdog(OnDeadlock on_deadlock, std::chrono::milliseconds patience)
    : thread_([on_deadlock, patience](std::stop_token stop) {
        std::string seen;
        Clock::time_point seen_since{};
        while (!stop.stop_requested()) {
          std::this_thread::sleep_for(std::chrono::milliseconds(50));
          const std::string cycle = describe_deadlock(find_deadlock());
          if (cycle.empty() || cycle != seen) {
            seen = cycle;
            seen_since = Clock::now();
            continue;
          }
          if (Clock::now() - seen_since < patience) {
            continue;
          }
          const bool alone = cycle.find("(itself") != std::string::npos;
          fmt::print(
              stderr, "\nDEADLOCK: nothing has moved for {:.1f} s. The wait-for cycle:\n{}{}\n",
              seconds_since(seen_since), cycle,
              alone ? "The thread waits for a lock it holds itself, so it can never go on."
                    : "Each thread waits for a lock that the next one holds, so none of them can go on.");
          if (on_deadlock == OnDeadlock::hang) {
            const int pid = static_cast<int>(::getpid());
            fmt::print(stderr,
                       "\nStill hung, on purpose (--hang): process {}. See the waiting threads with\n"
                       "  gdb -p {} -batch -ex 'info threads' -ex 'thread apply all bt'\n"
                       "and stop it with Ctrl-C (or kill {}).\n",
                       pid, pid, pid);
            return;
          }
          if (on_deadlock == OnDeadlock::end_test) {
            fmt::print(stderr, "Ending the test's process with exit code {}.\n", kDeadlockExitCode);
          } else {
            fmt::print(stderr,
                       "Ending the program with exit code {} (--hang would keep it hung for a debugger).\n",
                       kDeadlockExitCode);
          }
          std::fflush(nullptr);
          std::_Exit(kDeadlockExitCode);  // the deadlocked threads can never be joined
        }
      }) {}

}  // namespace course
