// Three ways to run tasks on threads, measured in one run: the course's
// ThreadPool, asio::thread_pool, and std::async (a new thread per task).

#include <atomic>
#include <cstdint>
#include <future>
#include <thread>
#include <vector>

#include <asio/post.hpp>
#include <asio/thread_pool.hpp>

#include "course/cores.hpp"
#include "course/cpu_work.hpp"
#include "course/log.hpp"
#include "lesson.hpp"
#include "thread_pool.hpp"

namespace {

constexpr int kTinyTasks = 100'000;
constexpr int kTinyAsyncTasks = 5'000;  // each one starts a thread: fewer, or it takes seconds
constexpr int kCpuTasks = 8;
constexpr std::uint64_t kCpuWidth = 20'000;  // ~75 ms of prime counting per task

std::atomic<long> sink = 0;  // every task's result lands here, so none can be optimised away

void tiny_task() {
  sink.fetch_add(1, std::memory_order_relaxed);
}

void cpu_task(int task) {
  const std::uint64_t first = 1'000'000'000 + static_cast<std::uint64_t>(task) * kCpuWidth;
  sink.fetch_add(static_cast<long>(course::count_primes(first, first + kCpuWidth)));
}

unsigned threads() {
  return std::max(2U, std::thread::hardware_concurrency());
}

// Seconds to run `tasks` calls of `task(i)` with `run_all`.
template <typename RunAll>
double seconds(RunAll run_all) {
  const auto start = course::Clock::now();
  run_all();
  return course::seconds_since(start);
}

// [snippet:three_ways]
template <typename Task>
double with_course_pool(int tasks, Task task) {
  return seconds([&] {
    ThreadPool pool(threads());
    for (int i = 0; i < tasks; ++i) {
      pool.submit([&task, i] { task(i); });
    }
  });  // the destructor runs every queued task, then joins
}

template <typename Task>
double with_asio_pool(int tasks, Task task) {
  return seconds([&] {
    asio::thread_pool pool(threads());
    for (int i = 0; i < tasks; ++i) {
      asio::post(pool, [&task, i] { task(i); });
    }
    pool.join();
  });
}

template <typename Task>
double with_async(int tasks, Task task) {
  return seconds([&] {
    std::vector<std::future<void>> futures;
    for (int i = 0; i < tasks; ++i) {
      futures.push_back(std::async(std::launch::async, [&task, i] { task(i); }));
    }
  });  // each future's destructor waits for its thread
}
// [/snippet:three_ways]

}  // namespace

void compare_pools() {
  course::heading(fmt::format("Tiny tasks and CPU-bound tasks, {} threads, {}", threads(),
                              course::cores_text(course::usable_cores())));
  const auto tiny = [](int) {
    tiny_task();
  };
  const double pool_us = with_course_pool(kTinyTasks, tiny) * 1e6 / kTinyTasks;
  const double asio_us = with_asio_pool(kTinyTasks, tiny) * 1e6 / kTinyTasks;
  const double async_us = with_async(kTinyAsyncTasks, tiny) * 1e6 / kTinyAsyncTasks;

  const double sequential_s = seconds([] {
    for (int i = 0; i < kCpuTasks; ++i) {
      cpu_task(i);
    }
  });
  const double pool_s = with_course_pool(kCpuTasks, cpu_task);
  const double asio_s = with_asio_pool(kCpuTasks, cpu_task);
  const double async_s = with_async(kCpuTasks, cpu_task);

  fmt::print("\n{:<28} {:>18} {:>22}\n", "", "tiny task, µs each", "8 CPU tasks: s, speedup");
  fmt::print("{:<28} {:>18} {:>14.2f} {:>6.2f}x\n", "one thread, no pool", "-", sequential_s, 1.0);
  fmt::print("{:<28} {:>18.2f} {:>14.2f} {:>6.2f}x\n", "course ThreadPool", pool_us, pool_s,
             sequential_s / pool_s);
  fmt::print("{:<28} {:>18.2f} {:>14.2f} {:>6.2f}x\n", "asio::thread_pool", asio_us, asio_s,
             sequential_s / asio_s);
  fmt::print("{:<28} {:>18.2f} {:>14.2f} {:>6.2f}x\n", "std::async (thread per task)", async_us, async_s,
             sequential_s / async_s);
  fmt::print("\nPer tiny task: ThreadPool costs {:.1f}x asio's, std::async {:.0f}x asio's.\n",
             pool_us / asio_us, async_us / asio_us);
  fmt::print("On CPU-bound tasks the three agree: the work dwarfs the overhead.\n");
}
