// C++ threads run on every core at once. CPython's threads take turns holding
// the Global Interpreter Lock (GIL) while they run Python code. Here is that
// lock, simulated, so both worlds are measured side by side in one run.

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
  std::mutex mutex_;
};
// [/snippet:simulated_gil]

constexpr std::uint64_t kFirst = 1'000'000'000;
constexpr std::uint64_t kTaskWidth = 40'000;  // ~150 ms of prime counting at -O2
constexpr std::uint64_t kSliceWidth = 1'000;  // a few ms, like CPython's 5 ms switch interval

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
  fmt::print(
      "\nWithout a GIL the CPU work scales up to the cores ({}). With one, only\n"
      "waiting overlaps: that is why Python uses threads for I/O and processes for CPU.\n",
      cores);
}
