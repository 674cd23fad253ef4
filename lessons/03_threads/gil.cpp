// C++ threads run on every core at once. CPython's threads must hold the Global
// Interpreter Lock (GIL) to run Python code. Here one global std::mutex plays
// that part: an illustration of what any lock around all the work does (it
// serialises it, by construction), not a measurement of CPython. The real GIL
// differs: it forces a switch every 5 ms, C extensions release it, and
// CPython 3.13's free-threaded build has none.

#include <chrono>
#include <cstdint>
#include <mutex>
#include <thread>
#include <vector>

#include "course/cores.hpp"
#include "course/cpu_work.hpp"
#include "course/figures.hpp"
#include "course/log.hpp"
#include "lesson.hpp"

using namespace std::chrono_literals;

namespace {

// [snippet:simulated_gil]
// Whoever runs "bytecode" must hold the one global lock, whatever the cores.
class SimulatedGil {
 public:
  template <typename Work>
  auto run_bytecode(Work work) {
    std::scoped_lock lock(mutex_);
    return work();
  }

 private:
  std::mutex mutex_;  // unfair, no forced hand-off: unlike CPython's GIL
};
// [/snippet:simulated_gil]

constexpr std::uint64_t kFirst = 1'000'000'000;
constexpr std::uint64_t kTaskWidth = 40'000;  // ~150 ms of prime counting at -O2
// A few ms per slice. Nothing makes a thread hand the lock over between slices:
// the one that unlocks may lock again at once. The total time does not depend
// on who goes next, so the row shows the serialisation either way.
constexpr std::uint64_t kSliceWidth = 1'000;

// CPU-bound: counts primes slice by slice; with a GIL each slice holds it.
std::uint64_t cpu_task(int task, SimulatedGil* gil) {
  const std::uint64_t begin = kFirst + kTaskWidth * static_cast<std::uint64_t>(task);
  std::uint64_t primes = 0;
  for (std::uint64_t slice = begin; slice < begin + kTaskWidth; slice += kSliceWidth) {
    const auto count_slice = [slice] {
      return course::count_primes(slice, slice + kSliceWidth);
    };
    primes += gil != nullptr ? gil->run_bytecode(count_slice) : count_slice();
  }
  return primes;
}

// [snippet:io_task]
// I/O-like: a little bytecode, then a wait during which the GIL is released.
void io_task(SimulatedGil& gil) {
  gil.run_bytecode([] { return 0; });  // build the request
  std::this_thread::sleep_for(150ms);  // wait for the answer, GIL released
  gil.run_bytecode([] { return 0; });  // read the answer
}
// [/snippet:io_task]

// Runs task(0) ... task(n-1), one after another or each on its own thread.
template <typename Task>
double seconds_for(int tasks, bool threaded, Task task) {
  const auto start = course::Clock::now();
  if (threaded) {
    std::vector<std::jthread> threads;
    for (int i = 0; i < tasks; ++i) {
      threads.emplace_back([&task, i] { task(i); });
    }
  } else {
    for (int i = 0; i < tasks; ++i) {
      task(i);
    }
  }
  return course::seconds_since(start);
}

// Prints one row of the table; returns the speedup.
double print_row(const char* workload, double one_thread, double threaded) {
  fmt::print("{:<34} {:>9.2f} s {:>9.2f} s {:>8.2f}x\n", workload, one_thread, threaded,
             one_thread / threaded);
  return one_thread / threaded;
}

// The conclusion, said from this run's numbers: a busy machine or a noisy ratio
// is said as such.
void say_what_the_rows_show(int cores, int threads, double no_gil, double with_gil, double io) {
  fmt::print("\n");
  if (cores < 2) {
    fmt::print("One core here: CPU work cannot run side by side, with or without a lock ({:.2f}x).\n",
               no_gil);
  } else if (no_gil >= 1.4) {
    fmt::print("Without a global lock the CPU work ran side by side: {:.2f}x on {}.\n", no_gil,
               course::cores_text(cores));
  } else {
    fmt::print("Without a global lock the CPU work sped up only {:.2f}x: the cores were busy.\n", no_gil);
  }
  if (with_gil < 1.25) {
    fmt::print("With one lock around every slice the threads took turns: {:.2f}x.\n", with_gil);
  } else {
    fmt::print("With one lock around every slice: {:.2f}x, a noisy run (a lock cannot speed up the work).\n",
               with_gil);
  }
  if (io >= 0.6 * threads) {
    fmt::print("Sleeping outside the lock overlapped: {:.2f}x, since waiting needs no core.\n", io);
  } else {
    fmt::print("Sleeping outside the lock overlapped less than usual ({:.2f}x): a very busy machine.\n", io);
  }
  fmt::print(
      "A lock serialises what it guards, by construction. This illustrates the GIL; it measures\n"
      "nothing about CPython, whose GIL forces a switch every 5 ms and is released by C extensions.\n");
}

}  // namespace

void compare_with_and_without_gil(int threads) {
  const int cores = course::usable_cores();
  course::heading(fmt::format("{} tasks: one thread vs {} threads, {} here", threads, threads,
                              course::cores_text(cores)));
  SimulatedGil gil;
  const auto cpu_free = [](int task) {
    cpu_task(task, nullptr);
  };
  const auto cpu_with_gil = [&gil](int task) {
    cpu_task(task, &gil);
  };
  const auto io_with_gil = [&gil](int) {
    io_task(gil);
  };

  fmt::print("{:<34} {:>11} {:>11} {:>9}\n", "workload", "1 thread", fmt::format("{} threads", threads),
             "speedup");
  const double no_gil = print_row("CPU-bound, C++ threads (no GIL)", seconds_for(threads, false, cpu_free),
                                  seconds_for(threads, true, cpu_free));
  const double with_gil = print_row("CPU-bound, simulated GIL", seconds_for(threads, false, cpu_with_gil),
                                    seconds_for(threads, true, cpu_with_gil));
  const double io = print_row("sleep (I/O-like), simulated GIL", seconds_for(threads, false, io_with_gil),
                              seconds_for(threads, true, io_with_gil));
  course::record_figure("gil.cpu_no_gil_speedup", no_gil);
  course::record_figure("gil.cpu_with_gil_speedup", with_gil);
  course::record_figure("gil.io_with_gil_speedup", io);
  say_what_the_rows_show(cores, threads, no_gil, with_gil, io);
}
