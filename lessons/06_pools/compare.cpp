// Three ways to run tasks on threads, measured in one run: the course's
// ThreadPool, asio::thread_pool, and std::async (a new thread per task).

#include <algorithm>
#include <array>
#include <atomic>
#include <cstdint>
#include <future>
#include <thread>
#include <vector>

#include <asio/post.hpp>
#include <asio/thread_pool.hpp>

#include "course/conclusion.hpp"
#include "course/cores.hpp"
#include "course/cpu_meter.hpp"
#include "course/cpu_work.hpp"
#include "course/load.hpp"
#include "course/log.hpp"
#include "course/spread.hpp"
#include "course/verdict.hpp"
#include "lesson.hpp"
#include "thread_pool.hpp"

namespace {

constexpr int kTinyTasks = 100'000;
constexpr int kTinyAsyncTasks = 5'000;  // each one starts a thread: fewer, or it takes seconds
constexpr int kCpuTasks = 8;
constexpr std::uint64_t kCpuWidth = 20'000;  // ~75 ms of prime counting per task
constexpr int kRounds = 3;                   // for the tiny tasks' costs

std::atomic<long> sink = 0;  // every task's result lands here, so none can be optimised away

void tiny_task() {
  sink.fetch_add(1, std::memory_order_relaxed);
}

void tiny_task_of(int) {
  tiny_task();
}

void cpu_task(int task) {
  const std::uint64_t first = 1'000'000'000 + static_cast<std::uint64_t>(task) * kCpuWidth;
  sink.fetch_add(static_cast<long>(course::count_primes(first, first + kCpuWidth)));
}

unsigned threads() {
  return std::max(2U, std::thread::hardware_concurrency());
}

// The wall time `run_all()` took, and the CPU its threads got.
template <typename RunAll>
course::CpuUse measured(RunAll run_all) {
  const course::CpuMeter meter;
  run_all();
  return meter.read();
}

// [snippet:three_ways]
template <typename Task>
course::CpuUse with_course_pool(int tasks, Task task) {
  return measured([&] {
    ThreadPool pool(threads());
    std::vector<std::future<void>> done;
    for (int i = 0; i < tasks; ++i) {
      done.push_back(pool.submit([&task, i] { task(i); }));
    }
    for (std::future<void>& future : done) {
      future.get();  // waits for the task, and rethrows what it threw
    }
  });
}

template <typename Task>
course::CpuUse with_asio_pool(int tasks, Task task) {
  return measured([&] {
    asio::thread_pool pool(threads());
    for (int i = 0; i < tasks; ++i) {
      asio::post(pool, [&task, i] { task(i); });
    }
    pool.join();
  });
}

template <typename Task>
course::CpuUse with_async(int tasks, Task task) {
  return measured([&] {
    std::vector<std::future<void>> futures;
    for (int i = 0; i < tasks; ++i) {
      futures.push_back(std::async(std::launch::async, [&task, i] { task(i); }));
    }
  });  // each future's destructor waits for its thread
}
// [/snippet:three_ways]

// Microseconds per tiny task: `tasks` of them in all, split into a few rounds,
// since a cost of a few µs is noisy. The same work as one big round, so the
// demo takes no longer (under ThreadSanitizer too).
template <typename RunWith>
course::Spread microseconds_per_tiny_task(int tasks, RunWith run_with) {
  const int per_round = tasks / kRounds;
  return course::measure_rounds(
      kRounds, [&] { return run_with(per_round, tiny_task_of).wall_seconds * 1e6 / per_round; });
}

}  // namespace

void compare_pools() {
  const int cores = course::usable_cores();
  course::heading(fmt::format("Tiny tasks and CPU-bound tasks, {} threads, {}, load average {}", threads(),
                              course::cores_text(cores), course::load_text(course::load_average())));
  const course::Spread pool_us =
      microseconds_per_tiny_task(kTinyTasks, [](int n, auto t) { return with_course_pool(n, t); });
  const course::Spread asio_us =
      microseconds_per_tiny_task(kTinyTasks, [](int n, auto t) { return with_asio_pool(n, t); });
  const course::Spread async_us =
      microseconds_per_tiny_task(kTinyAsyncTasks, [](int n, auto t) { return with_async(n, t); });

  const course::CpuUse sequential = measured([] {
    for (int i = 0; i < kCpuTasks; ++i) {
      cpu_task(i);
    }
  });
  const course::CpuUse pool = with_course_pool(kCpuTasks, cpu_task);
  const course::CpuUse asio = with_asio_pool(kCpuTasks, cpu_task);
  const course::CpuUse async = with_async(kCpuTasks, cpu_task);

  fmt::print("\n{:<28} {:>18} {:>22} {:>12}\n", "", "tiny task, µs each", "8 CPU tasks: s, speedup",
             "threads got");
  fmt::print("{:<28} {:>18} {:>14.2f} {:>6.2f}x {:>12}\n", "one thread, no pool", "-",
             sequential.wall_seconds, 1.0, course::cores_got_text(sequential.cores()));
  const auto row = [&sequential](const char* name, const course::Spread& tiny, const course::CpuUse& cpu) {
    fmt::print("{:<28} {:>18.2f} {:>14.2f} {:>6.2f}x {:>12}\n", name, tiny.median, cpu.wall_seconds,
               sequential.wall_seconds / cpu.wall_seconds, course::cores_got_text(cpu.cores()));
  };
  row("course ThreadPool", pool_us, pool);
  row("asio::thread_pool", asio_us, asio);
  row("std::async (thread per task)", async_us, async);
  fmt::print("(tiny tasks: the median of {} rounds)\n", kRounds);

  fmt::print("\nPer tiny task: ThreadPool costs {:.1f}x asio's, std::async {:.0f}x asio's.\n",
             pool_us.median / asio_us.median, async_us.median / asio_us.median);
  if (pool_us.wide() || asio_us.wide() || async_us.wide()) {
    fmt::print("The rounds disagree (ThreadPool {:.2f} to {:.2f} µs): compare the ratios, not the µs.\n",
               pool_us.low, pool_us.high);
  }
  // On CPU-bound tasks the overhead is negligible, so the three should agree,
  // and reach what the cores they got allow: judged by the slowest of them.
  struct Way {
    const char* threads;
    course::CpuUse run;
    double speedup;
  };
  const std::array<Way, 3> ways{
      Way{"the course pool's threads", pool, sequential.wall_seconds / pool.wall_seconds},
      Way{"asio's threads", asio, sequential.wall_seconds / asio.wall_seconds},
      Way{"std::async's threads", async, sequential.wall_seconds / async.wall_seconds}};
  const auto [slowest, fastest] = std::minmax_element(
      ways.begin(), ways.end(), [](const Way& a, const Way& b) { return a.speedup < b.speedup; });
  if (fastest->speedup <= 1.2 * slowest->speedup) {
    fmt::print("On CPU-bound tasks the three agree ({:.2f}x to {:.2f}x): the work dwarfs the overhead.\n",
               slowest->speedup, fastest->speedup);
  } else {
    fmt::print(
        "On CPU-bound tasks the three differ ({:.2f}x to {:.2f}x): short runs move with the machine.\n",
        slowest->speedup, fastest->speedup);
  }
  const course::Given given = course::given_here(static_cast<int>(threads()), slowest->run.cores());
  fmt::print("{}\n", course::speedup_conclusion(slowest->threads, slowest->speedup, given,
                                                course::judge_speedup(slowest->speedup, given)));
}
