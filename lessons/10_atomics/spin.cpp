// Spinning vs blocking. The main thread holds a lock for 200 ms while two
// other threads want it. A spinlock's waiters keep asking, burning a core each
// for the whole wait; a std::mutex or an atomic::wait puts them to sleep in
// the kernel (a futex on Linux) until the holder wakes one. Spinning pays only
// when the wait is shorter than a sleep and a wake-up (tens of microseconds
// here, the demo's last column).
//
// The two spinlocks differ in what they do to the cache line of the lock:
// exchange() writes it at every try, so the line travels between the waiting
// cores all the time; test-and-test-and-set reads it (each core keeps a copy)
// and tries exchange() only when it saw the lock free.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <mutex>
#include <thread>
#include <vector>

#include "course/conclusion.hpp"
#include "course/cpu_meter.hpp"
#include "course/figures.hpp"
#include "course/log.hpp"
#include "course/verdict.hpp"
#include "lesson.hpp"

namespace {

using namespace std::chrono_literals;

// Each lock() returns how many times it wrote the lock's cache line (its
// exchanges), so that the scene can show the traffic; 0 where it cannot tell.
// [snippet:exchange_spinlock]
class ExchangeSpinLock {
 public:
  long lock() {
    long writes = 1;
    while (locked_.exchange(true, std::memory_order_acquire)) {  // a write, every try
      ++writes;
    }
    return writes;
  }
  void unlock() { locked_.store(false, std::memory_order_release); }

 private:
  std::atomic<bool> locked_{false};
};
// [/snippet:exchange_spinlock]

// [snippet:ttas_spinlock]
class TtasSpinLock {  // test and test-and-set
 public:
  long lock() {
    long writes = 1;
    while (locked_.exchange(true, std::memory_order_acquire)) {
      // Only a read until it looks free: the line stays in this core's cache.
      while (locked_.load(std::memory_order_relaxed)) {
      }
      ++writes;
    }
    return writes;
  }
  void unlock() { locked_.store(false, std::memory_order_release); }

 private:
  std::atomic<bool> locked_{false};
};
// [/snippet:ttas_spinlock]

// [snippet:wait_lock]
class WaitLock {  // atomic::wait: sleeps until notified (C++20)
 public:
  long lock() {
    while (locked_.exchange(true, std::memory_order_acquire)) {
      locked_.wait(true, std::memory_order_relaxed);  // sleeps while it is still true
    }
    return 0;
  }
  void unlock() {
    locked_.store(false, std::memory_order_release);
    locked_.notify_one();  // wakes a sleeper (at least one), if any
  }

 private:
  std::atomic<bool> locked_{false};
};
// [/snippet:wait_lock]

class MutexLock {
 public:
  long lock() {
    mutex_.lock();
    return 0;
  }
  void unlock() { mutex_.unlock(); }

 private:
  std::mutex mutex_;
};

constexpr auto kHold = 200ms;
constexpr int kWaiters = 2;

struct Waiting {
  double waited_ms = 0;  // per waiter, on average: from lock() to holding it
  double cpu_ms = 0;     // per waiter, on average: CPU used in that time
  double wake_us = 0;    // from the holder's unlock() to the first waiter holding it
  long writes = 0;       // the waiters' writes to the lock's line, in all
};

template <typename Lock>
Waiting wait_for_the_holder() {
  Lock lock;
  lock.lock();  // main holds it
  std::atomic<int> waiting{0};
  double cpu[kWaiters] = {};
  double waited[kWaiters] = {};
  long writes[kWaiters] = {};
  course::Clock::time_point got[kWaiters];
  std::vector<std::jthread> waiters;
  for (int w = 0; w < kWaiters; ++w) {
    waiters.emplace_back([&, w] {
      const double cpu_at_start = course::this_thread_cpu_seconds();
      const auto start = course::Clock::now();
      waiting.fetch_add(1);
      writes[w] = lock.lock();
      got[w] = course::Clock::now();
      waited[w] = course::seconds_since(start);
      cpu[w] = course::this_thread_cpu_seconds() - cpu_at_start;
      lock.unlock();
    });
  }
  while (waiting.load() < kWaiters) {
    std::this_thread::yield();
  }
  std::this_thread::sleep_for(kHold);
  const auto released = course::Clock::now();
  lock.unlock();
  waiters.clear();
  Waiting result;
  const auto first = std::min(got[0], got[1]);
  result.wake_us = std::chrono::duration<double, std::micro>(first - released).count();
  for (int w = 0; w < kWaiters; ++w) {
    result.waited_ms += waited[w] * 1000 / kWaiters;
    result.cpu_ms += cpu[w] * 1000 / kWaiters;
    result.writes += writes[w];
  }
  return result;
}

void say_row(const char* name, const Waiting& w) {
  course::say("{:<34} {:>7.0f} ms {:>9.1f} ms {:>12} {:>10.1f} µs", name, w.waited_ms, w.cpu_ms,
              w.writes > 0 ? fmt::format("{}", w.writes) : std::string("-"), w.wake_us);
}

}  // namespace

void show_spinning_and_blocking() {
  course::heading(
      fmt::format("Waiting for a lock held {} ms: {} waiters, four kinds of lock", kHold.count(), kWaiters));
  const Waiting exchange = wait_for_the_holder<ExchangeSpinLock>();
  const Waiting ttas = wait_for_the_holder<TtasSpinLock>();
  const Waiting mutex = wait_for_the_holder<MutexLock>();
  const Waiting waited = wait_for_the_holder<WaitLock>();
  course::say("{:<34} {:>10} {:>12} {:>12} {:>13}", "lock (each waiter, on average)", "waited", "CPU used",
              "line writes", "woke after");
  say_row("spinlock: exchange", exchange);
  say_row("spinlock: test and test-and-set", ttas);
  say_row("std::mutex", mutex);
  say_row("atomic::wait / notify_one", waited);

  const double spinning_cpu = (exchange.cpu_ms + ttas.cpu_ms) / 2;
  const double blocking_cpu = (mutex.cpu_ms + waited.cpu_ms) / 2;
  const double spinning_wall = (exchange.waited_ms + ttas.waited_ms) / 2;
  // The CPU the spinners got: kWaiters of them, each busy for its whole wait when it had a core.
  const course::Given given = course::given_here(kWaiters, kWaiters * spinning_cpu / spinning_wall);
  const course::Verdict verdict = course::judge_at_most(blocking_cpu, 0.1 * spinning_cpu, given);
  if (verdict.holds) {
    course::say(
        "a spinning waiter burned {:.0f} ms of CPU in a {:.0f} ms wait; a blocked one {:.2f} ms: it slept",
        spinning_cpu, spinning_wall, blocking_cpu);
  } else {
    course::say(
        "blocked waiters used {:.2f} ms, spinning ones {:.0f} ms: not the tenfold gap it should be. {}",
        blocking_cpu, spinning_cpu, course::reason_sentence(verdict));
  }
  course::say("exchange wrote the lock's line {} times, test-and-test-and-set {}: reading first keeps the",
              exchange.writes, ttas.writes);
  course::say(
      "line in each waiter's cache until it changes, instead of stealing it from the others at every try");
  course::say(
      "the spinners took the lock {:.1f} and {:.1f} µs after the unlock; the sleepers {:.1f} and {:.1f} µs:",
      exchange.wake_us, ttas.wake_us, mutex.wake_us, waited.wake_us);
  course::say("a wake-up costs a system call. Spin only for waits shorter than that, on a core of your own");
  course::record_figure("spin.spinning_cpu_ms", spinning_cpu);
  course::record_figure("spin.blocking_cpu_ms", blocking_cpu);
  course::record_figure("spin.wall_ms", spinning_wall);
  course::record_figure("spin.exchange_writes", static_cast<double>(exchange.writes));
  course::record_figure("spin.ttas_writes", static_cast<double>(ttas.writes));
  course::record_verdict("spin", verdict, given);
}
