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

#include "course/conclusion.hpp"
#include "course/cores.hpp"
#include "course/cpu_meter.hpp"
#include "course/cpu_work.hpp"
#include "course/figures.hpp"
#include "course/load.hpp"
#include "course/log.hpp"
#include "course/verdict.hpp"
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

// One global lock allows no speedup; a little above 1 is noise.
constexpr double kSerialisedAtMost = 1.25;
// Sleeps overlap: n threads sleeping at once should take little more than one sleep.
constexpr double kOverlappedAtLeast = 0.6;

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
// Returns the wall time, and the CPU the threads got.
template <typename Task>
course::CpuUse run_tasks(int tasks, bool threaded, Task task) {
  const course::CpuMeter meter;
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
  return meter.read();
}

struct Row {
  double speedup;
  double cores_got;  // by the threads, in the threaded run
};

// Runs the workload both ways and prints its row of the table.
template <typename Task>
Row measure_row(const char* workload, int threads, Task task) {
  const course::CpuUse one_thread = run_tasks(threads, false, task);
  const course::CpuUse threaded = run_tasks(threads, true, task);
  const Row row{one_thread.wall_seconds / threaded.wall_seconds, threaded.cores()};
  fmt::print("{:<34} {:>9.2f} s {:>9.2f} s {:>8.2f}x {:>12}\n", workload, one_thread.wall_seconds,
             threaded.wall_seconds, row.speedup, course::cores_got_text(row.cores_got));
  return row;
}

}  // namespace

void compare_with_and_without_gil(int threads) {
  const int cores = course::usable_cores();
  course::heading(fmt::format("{} tasks: one thread vs {} threads, {} here, load average {}", threads,
                              threads, course::cores_text(cores), course::load_text(course::load_average())));
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

  fmt::print("{:<34} {:>11} {:>11} {:>9} {:>12}\n", "workload", "1 thread",
             fmt::format("{} threads", threads), "speedup", "threads got");
  const Row no_gil = measure_row("CPU-bound, C++ threads (no GIL)", threads, cpu_free);
  const Row with_gil = measure_row("CPU-bound, simulated GIL", threads, cpu_with_gil);
  const Row io = measure_row("sleep (I/O-like), simulated GIL", threads, io_with_gil);

  // The conclusion, from this run's numbers. The lock's rows are judged only
  // against a baseline that scaled: a lock cannot be shown to remove a speedup
  // that did not happen without it.
  const course::Given no_gil_given = course::given_here(threads, no_gil.cores_got);
  const course::Verdict scaled = course::judge_speedup(no_gil.speedup, no_gil_given);
  const course::Given gil_given = course::given_here(threads, with_gil.cores_got);
  const course::Verdict serialised =
      course::given_that(scaled, course::judge_at_most(with_gil.speedup, kSerialisedAtMost, gil_given));
  const course::Given io_given = course::given_here(threads, io.cores_got);
  const course::Verdict overlapped =
      course::judge_at_least(io.speedup, kOverlappedAtLeast * threads, io_given);

  fmt::print("\nWithout a lock: {}\n", course::speedup_conclusion(fmt::format("the {} threads", threads),
                                                                  no_gil.speedup, no_gil_given, scaled));
  if (serialised.holds) {
    fmt::print("With one lock around every slice the threads took turns: {:.2f}x, on {}.\n", with_gil.speedup,
               course::cores_got_text(with_gil.cores_got));
  } else if (serialised.reason == course::Reason::baseline) {
    fmt::print(
        "With one lock: {:.2f}x, but cannot tell: without it the threads did not run side by side\n"
        "(above), so there was no parallel speedup for the lock to remove.\n",
        with_gil.speedup);
  } else {
    fmt::print("With one lock: {:.2f}x, more than a lock allows ({:.2f}x at most): a noisy run. {}\n",
               with_gil.speedup, kSerialisedAtMost, course::reason_sentence(serialised));
  }
  if (overlapped.holds) {
    fmt::print("Sleeping outside the lock overlapped: {:.2f}x, since waiting needs no core.\n", io.speedup);
  } else {
    fmt::print("Sleeping outside the lock overlapped only {:.2f}x ({:.1f}x or more expected). {}\n",
               io.speedup, kOverlappedAtLeast * threads, course::reason_sentence(overlapped));
  }
  fmt::print(
      "A lock serialises what it guards, by construction: a demonstration of the GIL, not a measurement\n"
      "of CPython, whose GIL forces a switch every 5 ms and is released by C extensions.\n");
  course::record_figure("threads.speedup", no_gil.speedup);
  course::record_verdict("threads", scaled, no_gil_given);
  course::record_figure("gil.cpu.speedup", with_gil.speedup);
  course::record_figure("gil.cpu.wanted", kSerialisedAtMost);
  course::record_verdict("gil.cpu", serialised, gil_given);
  course::record_figure("gil.io.speedup", io.speedup);
  course::record_figure("gil.io.wanted", kOverlappedAtLeast * threads);
  course::record_verdict("gil.io", overlapped, io_given);
}
