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
#include "course/cores.hpp"
#include "course/cpu_work.hpp"
#include "course/figures.hpp"
#include "course/log.hpp"
#include "course/rethrow.hpp"
#include "course/stopwatch.hpp"
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

}  // namespace

void measure_decision_matrix(int tasks) {
  course::heading(fmt::format("{} tasks of each kind, five ways, on {}", tasks,
                              course::cores_text(course::usable_cores())));
  const std::array<const char*, 5> ways{"one thread", "a thread each", "a process each", "coroutines",
                                        "coroutines+pool"};
  fmt::print("\nspeedup over one thread (and the time taken)\n{:<10}", "");
  for (const char* way : ways) {
    fmt::print(" {:>17}", way);
  }
  fmt::print("\n");
  for (const Work& work : kWorkloads) {
    // Processes first: fork while this process has no other thread.
    const double by_process = course::seconds_for([&] { process_each(work, tasks); });
    const std::array<double, 5> seconds{course::seconds_for([&] { one_thread(work, tasks); }),
                                        course::seconds_for([&] { thread_each(work, tasks); }), by_process,
                                        course::seconds_for([&] { coroutines(work, tasks, nullptr); }),
                                        course::seconds_for([&] { coroutines_with_pool(work, tasks); })};
    fmt::print("{:<10}", work.name);
    for (std::size_t way = 0; way < ways.size(); ++way) {
      fmt::print(" {:>17}", fmt::format("{:.1f}x ({:.2f} s)", seconds[0] / seconds[way], seconds[way]));
      course::record_figure(fmt::format("matrix.{}.{}", work.name, way), seconds[0] / seconds[way]);
    }
    fmt::print("\n");
  }
  fmt::print(
      "\nRead it as the Python tutorials' decision tree, measured here:\n"
      "  I/O-bound: coroutines match a thread each, on one thread.\n"
      "  CPU-bound: only threads, processes or a pool use the other cores (no GIL in C++).\n"
      "  mixed:     coroutines for the waiting, a pool for the counting.\n");
}
