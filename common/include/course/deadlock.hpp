#pragma once
// A mutex the deadlock watchdog can see, and the watchdog itself.
//
// TrackedMutex records "thread T waits for me" before it blocks and "T holds
// me" once it has the lock. The watchdog follows those records:
//
//   teller-1 waits for "account B", held by teller-2
//   teller-2 waits for "account A", held by teller-1   -> a cycle: a deadlock
//
// A cycle it finds is real: a lock counts as held only while it is held.

#include <chrono>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace course {

class TrackedMutex {
 public:
  explicit TrackedMutex(std::string name);
  ~TrackedMutex();
  TrackedMutex(const TrackedMutex&) = delete;
  TrackedMutex& operator=(const TrackedMutex&) = delete;

  // Locking it again on the thread that holds it blocks forever, as std::mutex
  // does on glibc, but without the undefined behaviour; the watchdog reports it.
  void lock();
  bool try_lock();
  void unlock();
  const std::string& name() const { return name_; }

 private:
  std::mutex mutex_;
  std::string name_;
};

// One step of a wait-for cycle: `thread` waits for `lock`, which `holder` holds.
struct WaitEdge {
  std::string thread;
  std::string lock;
  std::string holder;
};

// The wait-for cycle among tracked mutexes right now; empty when there is none.
std::vector<WaitEdge> find_deadlock();
// "  teller-1 → waits for lock "account B" → held by teller-2", one line per edge.
std::string describe_deadlock(const std::vector<WaitEdge>& cycle);

// Looks for a cycle every 50 ms. When the same cycle has stood for `patience`,
// it prints DEADLOCK and the cycle to stderr, then either ends the program
// with kDeadlockExitCode (3) or leaves it hung for a debugger.
class DeadlockWatchdog {
 public:
  enum class OnDeadlock {
    exit,      // a demo: end the program, saying how to keep it hung (--hang)
    hang,      // a demo run with --hang: stay hung for a debugger
    end_test,  // a test's child: end it, so that the test fails and names the deadlock
  };

  explicit DeadlockWatchdog(OnDeadlock on_deadlock = OnDeadlock::exit,
                            std::chrono::milliseconds patience = std::chrono::milliseconds(1000));

 private:
  std::jthread thread_;
};

}  // namespace course
