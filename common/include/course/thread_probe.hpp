#pragma once
// What the tests of the thread lessons (04-07) need to see of a thread:
// whether it is asleep in the kernel (waiting on a lock or a condition
// variable) or running, what it used while watched, and a way to hold it in a
// signal handler so that a wake-up or a lock meant for it arrives while it
// cannot act on it (a "stolen" wake-up, made on purpose). Also calls with a
// deadline of their own, for code that may hang.
//
// Linux shows a thread's state in /proc; elsewhere the helpers fall back on a
// pause long enough for a thread to fall asleep on an idle machine.

#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>
#ifdef __linux__
#include <sys/syscall.h>
#endif

#include <algorithm>
#include <atomic>
#include <chrono>
#include <exception>
#include <fstream>
#include <functional>
#include <future>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "course/testing.hpp"

namespace course::probe {

using namespace std::chrono_literals;

// A thread as the test needs to know it: to signal it, and to look it up in /proc.
struct ThreadHandle {
  pthread_t handle{};
  long tid = 0;  // the kernel's id of the thread (Linux); 0 elsewhere
};

// Called by the thread itself.
inline ThreadHandle this_thread_handle() {
#ifdef __linux__
  return {::pthread_self(), static_cast<long>(::syscall(SYS_gettid))};
#else
  return {::pthread_self(), 0};
#endif
}

enum class ThreadState { running, asleep, gone, unknown };

inline ThreadState state_of(const ThreadHandle& thread) {
#ifdef __linux__
  // read(2), not std::ifstream: the thread may end between the open and the
  // read, and libstdc++'s filebuf throws when read fails (ESRCH).
  const std::string path = "/proc/self/task/" + std::to_string(thread.tid) + "/stat";
  std::string text;
  if (const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC); fd >= 0) {
    char buffer[512];
    const ssize_t got = ::read(fd, buffer, sizeof buffer);
    ::close(fd);
    text.assign(buffer, got > 0 ? static_cast<std::size_t>(got) : 0);
  }
  const std::size_t name_end = text.rfind(')');  // "tid (name) S ...": the name may hold spaces
  if (text.empty() || name_end == std::string::npos || name_end + 2 >= text.size()) {
    return ThreadState::gone;
  }
  const char state = text[name_end + 2];
  return state == 'S' || state == 'D' ? ThreadState::asleep : ThreadState::running;
#else
  (void)thread;
  return ThreadState::unknown;
#endif
}

// Waits until `thread` is asleep (blocked in the kernel, as in a condition
// variable's wait) and stays so for a few milliseconds, or has ended. False if
// it is still running after `limit`: it spins instead of sleeping. Without
// /proc it just pauses 100 ms.
inline bool settles(const ThreadHandle& thread, std::chrono::milliseconds limit = 500ms) {
  if (state_of(thread) == ThreadState::unknown) {
    std::this_thread::sleep_for(100ms);
    return true;
  }
  int quiet_checks = 0;
  return course::testing::eventually(
      [&] {
        const ThreadState state = state_of(thread);
        quiet_checks = state == ThreadState::running ? 0 : quiet_checks + 1;
        return state == ThreadState::gone || quiet_checks >= 5;
      },
      limit);
}

// What some threads did while the test watched them for a while: the share of
// samples (taken every millisecond) that found one of them running or ready to
// run instead of asleep, the CPU time they used, and how often they were
// switched out. A thread asleep in a condition variable's wait() scores about
// 0, 0 and 0 however busy the machine is; a thread that spins is awake in
// every sample, and one that polls (sleeps a little, looks again) is switched
// out at every look. Linux measures each thread (/proc, its CPU clock);
// elsewhere `share_awake` is unknown (-1) and the CPU time and switches are the
// whole process's, while the watching thread only sleeps.
struct Watched {
  double share_awake = -1;
  long cpu_ms = 0;
  long switches = 0;
};

#ifdef __linux__
namespace detail {

struct Usage {
  long cpu_ns = 0;
  long switches = 0;
};

inline Usage usage_of(const ThreadHandle& thread) {
  Usage usage;
  clockid_t clock{};
  timespec cpu{};
  if (::pthread_getcpuclockid(thread.handle, &clock) == 0 && ::clock_gettime(clock, &cpu) == 0) {
    usage.cpu_ns = cpu.tv_sec * 1'000'000'000L + cpu.tv_nsec;
  }
  std::ifstream status("/proc/self/task/" + std::to_string(thread.tid) + "/status");
  std::string line;
  while (status &&
         std::getline(status, line)) {  // "voluntary_ctxt_switches:\t12", "nonvoluntary_ctxt_switches:\t3"
    if (line.find("ctxt_switches:") != std::string::npos) {
      usage.switches += std::stol(line.substr(line.find(':') + 1));
    }
  }
  return usage;
}

}  // namespace detail
#endif

template <typename Threads>
Watched watch(const Threads& threads, std::chrono::milliseconds duration) {
  Watched watched;
#ifdef __linux__
  std::vector<detail::Usage> before;
  for (const ThreadHandle& thread : threads) {
    before.push_back(detail::usage_of(thread));
  }
  long samples = 0;
  long awake = 0;
  const auto end = std::chrono::steady_clock::now() + duration;
  while (std::chrono::steady_clock::now() < end) {
    for (const ThreadHandle& thread : threads) {
      ++samples;
      awake += state_of(thread) == ThreadState::running ? 1 : 0;
    }
    std::this_thread::sleep_for(1ms);
  }
  watched.share_awake = samples == 0 ? 0.0 : static_cast<double>(awake) / static_cast<double>(samples);
  std::size_t i = 0;
  for (const ThreadHandle& thread : threads) {
    const detail::Usage after = detail::usage_of(thread);
    watched.cpu_ms += (after.cpu_ns - before[i].cpu_ns) / 1'000'000;
    watched.switches += after.switches - before[i].switches;
    ++i;
  }
#else
  const auto process_usage = [] {
    rusage usage{};
    ::getrusage(RUSAGE_SELF, &usage);
    return usage;
  };
  const rusage before = process_usage();
  std::this_thread::sleep_for(duration);
  const rusage after = process_usage();
  const auto cpu_us = [](const rusage& usage) {
    return (usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1'000'000L + usage.ru_utime.tv_usec +
           usage.ru_stime.tv_usec;
  };
  watched.cpu_ms = (cpu_us(after) - cpu_us(before)) / 1000;
  watched.switches = (after.ru_nvcsw - before.ru_nvcsw) + (after.ru_nivcsw - before.ru_nivcsw);
  (void)threads;
#endif
  return watched;
}

// settles() for every thread in `threads`, within one `limit` for them all.
template <typename Threads>
bool all_settle(const Threads& threads, std::chrono::milliseconds limit = 500ms) {
  const auto give_up = std::chrono::steady_clock::now() + limit;
  bool all = true;
  for (const ThreadHandle& thread : threads) {
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(give_up - std::chrono::steady_clock::now());
    all = settles(thread, std::max(left, std::chrono::milliseconds(10))) && all;
  }
  return all;
}

// Holds threads in a signal handler (SIGUSR2, installed without SA_RESTART)
// until released, one hold() after another. A thread held while asleep in a
// condition variable's wait() stays one of its waiters: a notify may pick it,
// but it can use that wake-up only after release, when another thread may well
// have taken what it was woken for. A thread held while it waits for a lock is
// out of the race for it: another waiting thread gets it.
class SignalHold {
 public:
  SignalHold() {
    struct sigaction action {};
    action.sa_handler = &SignalHold::handler;
    action.sa_flags = 0;
    sigemptyset(&action.sa_mask);
    ::sigaction(SIGUSR2, &action, nullptr);
  }
  ~SignalHold() { release(); }
  SignalHold(const SignalHold&) = delete;
  SignalHold& operator=(const SignalHold&) = delete;

  // Signals `thread` and waits until its handler runs: true if it does within
  // half a second. If it does not (a sanitizer may delay a signal), the hold is
  // called off, and a handler that runs later returns at once.
  bool hold(const ThreadHandle& thread) {
    phase() = kWanted;
    ::pthread_kill(thread.handle, SIGUSR2);
    course::testing::eventually([] { return phase().load() == kTaken; }, 500ms);
    int wanted = kWanted;  // call it off, unless the handler took it just now
    if (phase().compare_exchange_strong(wanted, kIdle)) {
      return false;
    }
    phase() = kIdle;
    ++held_;
    return true;
  }
  // Lets every held thread go; true once all have left the handler (within 1 s).
  bool release() {
    released() = true;
    const bool all_left = course::testing::eventually([this] { return left().load() == held_; }, 1s);
    held_ = 0;
    left() = 0;
    released() = false;
    return all_left;
  }

 private:
  static constexpr int kIdle = 0, kWanted = 1, kTaken = 2;
  // Lock-free atomics: safe in a signal handler.
  static std::atomic<int>& phase() {
    static std::atomic<int> value{kIdle};
    return value;
  }
  static std::atomic<int>& left() {
    static std::atomic<int> count{0};
    return count;
  }
  static std::atomic<bool>& released() {
    static std::atomic<bool> flag{false};
    return flag;
  }
  static void handler(int) {
    int wanted = kWanted;
    if (!phase().compare_exchange_strong(wanted, kTaken)) {
      return;  // the hold was called off
    }
    const timespec a_millisecond{0, 1'000'000};
    for (int i = 0; i < 3000 && !released().load(); ++i) {  // 3 s at most
      ::nanosleep(&a_millisecond, nullptr);                 // async-signal-safe
    }
    left().fetch_add(1);
  }
  int held_ = 0;  // holds taken since the last release (the test's thread only)
};

// Calls `call` on a thread of its own and waits at most `limit` for it to
// return: true if it did (an exception it threw is rethrown here). A call that
// hangs is left behind with what it holds; the test's child process ends with
// it, so a hang fails the test in `limit` instead of at the child's deadline.
//
// `call` is moved into that thread, which runs it and then destroys it: a
// call that owns what it ends (the last std::shared_ptr to a pool, whose
// destructor may hang) ends it there, never here. Pass a lambda, not a
// std::function: a moved-from std::function is left "valid but unspecified",
// and libc++ leaves a small one holding a copy of its callable, whose
// destruction here would run that destructor on the test's own thread.
template <typename Call>
bool returns_within(std::chrono::milliseconds limit, Call call) {
  auto outcome = std::make_shared<std::promise<void>>();
  std::future<void> returned = outcome->get_future();
  std::thread caller([call = std::move(call), outcome]() mutable {
    try {
      call();
      outcome->set_value();
    } catch (...) {
      outcome->set_exception(std::current_exception());
    }
  });
  if (returned.wait_for(limit) != std::future_status::ready) {
    caller.detach();
    return false;
  }
  caller.join();
  returned.get();
  return true;
}

// A call running on a thread of its own, which may never return (a waiter
// that nobody wakes). The test asks whether, and when, it has returned. If it
// is still stuck when the Waiter is destroyed, its thread is detached, not
// joined: whatever the call uses must then be shared with it (a shared_ptr
// captured by value), and the test's child process ends with it.
template <typename Result>
class Waiter {
 public:
  // `call` is moved into the thread, as returns_within() does.
  template <typename Call>
  explicit Waiter(Call call) : state_(std::make_shared<State>()) {
    thread_ = std::thread([state = state_, call = std::move(call)]() mutable {
      state->thread = this_thread_handle();
      state->started = true;
      Result result = call();
      {
        std::scoped_lock lock(state->mutex);
        state->result = std::move(result);
        state->took = std::chrono::steady_clock::now() - state->start;
      }
      state->returned = true;
    });
    course::testing::eventually([this] { return state_->started.load(); }, 1s);
  }
  ~Waiter() {
    if (state_->returned.load()) {
      thread_.join();
    } else {
      thread_.detach();
    }
  }
  Waiter(const Waiter&) = delete;
  Waiter& operator=(const Waiter&) = delete;

  bool returned() const { return state_->returned.load(); }
  bool returns_within(std::chrono::milliseconds limit) const {
    return course::testing::eventually([this] { return returned(); }, limit);
  }
  // What the call returned; only once returned().
  Result result() const {
    std::scoped_lock lock(state_->mutex);
    return state_->result;
  }
  // How long the call took, from the Waiter's construction; only once returned().
  std::chrono::milliseconds took() const {
    std::scoped_lock lock(state_->mutex);
    return std::chrono::duration_cast<std::chrono::milliseconds>(state_->took);
  }
  ThreadHandle thread() const { return state_->thread; }

 private:
  struct State {
    const std::chrono::steady_clock::time_point start = std::chrono::steady_clock::now();
    std::atomic<bool> started = false;
    std::atomic<bool> returned = false;
    ThreadHandle thread;  // written before `started`
    std::mutex mutex;
    Result result{};                             // guarded by mutex
    std::chrono::steady_clock::duration took{};  // guarded by mutex
  };
  std::shared_ptr<State> state_;
  std::thread thread_;
};

}  // namespace course::probe
