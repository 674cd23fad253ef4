// The decision matrix of the Python tutorials, measured instead of recited:
// three kinds of work, five ways to run them, one table of speedups.
//
//   I/O-bound   each task waits 100 ms (a stand-in for a network reply)
//   CPU-bound   each task counts primes for about 100 ms
//   mixed       each task waits, then counts
#include <array>
#include <chrono>
#include <cstdint>
#include <string>
#include <thread>
#include <vector>

#include <asio.hpp>

#include "course/child.hpp"
#include "course/conclusion.hpp"
#include "course/cores.hpp"
#include "course/cpu_meter.hpp"
#include "course/cpu_work.hpp"
#include "course/figures.hpp"
#include "course/load.hpp"
#include "course/log.hpp"
#include "course/rethrow.hpp"
#include "course/stopwatch.hpp"
#include "course/verdict.hpp"
#include "lesson.hpp"

using namespace std::chrono_literals;

namespace {

struct Work {
  const char* name;
  bool waits;
  bool computes;
};
constexpr std::array<Work, 3> kWorkloads{
    {{"I/O-bound", true, false}, {"CPU-bound", false, true}, {"mixed", true, true}}};
constexpr auto kWait = 100ms;
constexpr std::uint64_t kWidth = 27'000;  // about 100 ms of counting

std::uint64_t compute(int task) {
  const std::uint64_t begin = kFirstNumber + kWidth * static_cast<std::uint64_t>(task);
  return course::count_primes(begin, begin + kWidth);
}

// The task as plain blocking code: for one thread, a thread each, a process each.
void run_blocking(const Work& work, int task) {
  if (work.waits) {
    std::this_thread::sleep_for(kWait);
  }
  if (work.computes) {
    compute(task);
  }
}

asio::awaitable<std::uint64_t> compute_here(int task) {
  co_return compute(task);
}

// The task as a coroutine; with a pool, the counting is offloaded to it.
asio::awaitable<void> run_coroutine(Work work, int task, asio::thread_pool* pool) {
  if (work.waits) {
    asio::steady_timer timer(co_await asio::this_coro::executor, kWait);
    co_await timer.async_wait(asio::use_awaitable);
  }
  if (work.computes && pool == nullptr) {
    compute(task);  // on the loop's thread: the other coroutines wait
  }
  if (work.computes && pool != nullptr) {
    co_await asio::co_spawn(*pool, compute_here(task), asio::use_awaitable);
  }
}

void one_thread(const Work& work, int tasks) {
  for (int task = 0; task < tasks; ++task) {
    run_blocking(work, task);
  }
}

void thread_each(const Work& work, int tasks) {
  std::vector<std::jthread> threads;
  for (int task = 0; task < tasks; ++task) {
    threads.emplace_back([&work, task] { run_blocking(work, task); });
  }
}  // the jthreads join here

void process_each(const Work& work, int tasks) {
  std::vector<course::ChildProcess> children;
  for (int task = 0; task < tasks; ++task) {
    children.push_back(course::ChildProcess::start([&work, task] {
      run_blocking(work, task);
      return 0;
    }));
  }
  for (course::ChildProcess& child : children) {
    child.wait();
  }
}

void coroutines(const Work& work, int tasks, asio::thread_pool* pool) {
  asio::io_context loop;
  for (int task = 0; task < tasks; ++task) {
    asio::co_spawn(loop, run_coroutine(work, task, pool), course::rethrow);
  }
  loop.run();
}

void coroutines_with_pool(const Work& work, int tasks) {
  asio::thread_pool pool(std::max(1U, std::thread::hardware_concurrency()));
  coroutines(work, tasks, &pool);
  pool.join();
}

constexpr std::size_t kIo = 0, kCpu = 1, kMixed = 2;  // the rows
constexpr std::size_t kOneThread = 0, kThreadEach = 1, kProcessEach = 2, kCoroutines = 3, kWithPool = 4;
// Coroutines alone take turns on the counting; with a pool they overlap it.
constexpr double kPoolBeatsCoroutinesBy = 1.3;

// The Python tutorials' decision tree, read from this run's numbers.
void say_what_the_matrix_shows(int tasks, const std::array<std::array<double, 5>, 3>& speedups,
                               const std::array<std::array<double, 5>, 3>& cores_got) {
  fmt::print("\nRead it as the Python tutorials' decision tree, measured here:\n");
  const double io_threads = speedups[kIo][kThreadEach];
  const double io_coroutines = speedups[kIo][kCoroutines];
  fmt::print(
      "  I/O-bound: coroutines {:.1f}x, a thread each {:.1f}x: {}\n", io_coroutines, io_threads,
      io_coroutines >= 0.8 * io_threads ? "as good, on one thread" : "the threads did better this time");

  // CPU-bound: the ways that can use the cores, judged by the slowest of them.
  std::size_t slowest = kThreadEach;
  for (const std::size_t way : {kProcessEach, kWithPool}) {
    if (speedups[kCpu][way] < speedups[kCpu][slowest]) {
      slowest = way;
    }
  }
  const course::Given cpu_given = course::given_here(tasks, cores_got[kCpu][slowest]);
  const course::Verdict cpu_scaled = course::judge_speedup(speedups[kCpu][slowest], cpu_given);
  fmt::print("  CPU-bound: threads {:.1f}x, processes {:.1f}x, a pool {:.1f}x; coroutines alone {:.1f}x.\n",
             speedups[kCpu][kThreadEach], speedups[kCpu][kProcessEach], speedups[kCpu][kWithPool],
             speedups[kCpu][kCoroutines]);
  fmt::print("             {}\n", course::speedup_conclusion("the slowest of the three",
                                                             speedups[kCpu][slowest], cpu_given, cpu_scaled));

  // Mixed: the pool's lead over coroutines alone, when the pool could use the cores at all.
  const double pool_lead = speedups[kMixed][kWithPool] / speedups[kMixed][kCoroutines];
  const course::Given mixed_given = course::given_here(tasks, cores_got[kMixed][kWithPool]);
  const course::Verdict mixed =
      course::given_that(cpu_scaled, course::judge_at_least(pool_lead, kPoolBeatsCoroutinesBy, mixed_given));
  if (mixed.holds) {
    fmt::print(
        "  mixed:     coroutines for the waiting, a pool for the counting: {:.1f}x, against {:.1f}x alone.\n",
        speedups[kMixed][kWithPool], speedups[kMixed][kCoroutines]);
  } else if (mixed.reason == course::Reason::baseline) {
    fmt::print(
        "  mixed:     cannot tell: the CPU-bound work did not scale, so the pool had no cores to add.\n");
  } else {
    fmt::print("  mixed:     a pool {:.1f}x, coroutines alone {:.1f}x: less of a lead than expected. {}\n",
               speedups[kMixed][kWithPool], speedups[kMixed][kCoroutines], course::reason_sentence(mixed));
  }
  course::record_verdict("matrix.cpu", cpu_scaled, cpu_given);
  course::record_figure("matrix.cpu.speedup", speedups[kCpu][slowest]);
  course::record_figure("matrix.mixed.pool_lead", pool_lead);
  course::record_figure("matrix.mixed.wanted", kPoolBeatsCoroutinesBy);
  course::record_verdict("matrix.mixed", mixed, mixed_given);
}

// The wall time and the CPU of one way: the children are reaped, the pool joined, by its end.
template <typename Run>
course::CpuUse measured(Run run) {
  const course::CpuMeter meter;
  run();
  return meter.read();
}

}  // namespace

void measure_decision_matrix(int tasks) {
  const int cores = course::usable_cores();
  course::heading(fmt::format("{} tasks of each kind, five ways, on {} (load average {})", tasks,
                              course::cores_text(cores), course::load_text(course::load_average())));
  const std::array<const char*, 5> ways{"one thread", "a thread each", "a process each", "coroutines",
                                        "coroutines+pool"};
  fmt::print("\nspeedup over one thread (the time taken, and the cores the way got)\n{:<10}", "");
  for (const char* way : ways) {
    fmt::print(" {:>22}", way);
  }
  fmt::print("\n");
  // speedups[work][way], and the cores each way got
  std::array<std::array<double, 5>, 3> speedups{};
  std::array<std::array<double, 5>, 3> cores_got{};
  for (std::size_t w = 0; w < kWorkloads.size(); ++w) {
    const Work& work = kWorkloads[w];
    // Processes first: fork while this process has no other thread.
    const course::CpuUse by_process = measured([&] { process_each(work, tasks); });
    const std::array<course::CpuUse, 5> runs{measured([&] { one_thread(work, tasks); }),
                                             measured([&] { thread_each(work, tasks); }), by_process,
                                             measured([&] { coroutines(work, tasks, nullptr); }),
                                             measured([&] { coroutines_with_pool(work, tasks); })};
    fmt::print("{:<10}", work.name);
    for (std::size_t way = 0; way < ways.size(); ++way) {
      speedups[w][way] = runs[0].wall_seconds / runs[way].wall_seconds;
      cores_got[w][way] = runs[way].cores();
      fmt::print(" {:>22}", fmt::format("{:.1f}x ({:.2f} s, {:.1f})", speedups[w][way],
                                        runs[way].wall_seconds, cores_got[w][way]));
      course::record_figure(fmt::format("matrix.{}.{}", work.name, way), speedups[w][way]);
    }
    fmt::print("\n");
  }
  say_what_the_matrix_shows(tasks, speedups, cores_got);
}
