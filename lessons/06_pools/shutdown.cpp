// Two ways to stop a pool: let the queued tasks run first, or drop them.
#include <atomic>
#include <chrono>
#include <future>
#include <thread>
#include <vector>

#include "course/log.hpp"
#include "lesson.hpp"
#include "thread_pool.hpp"

using namespace std::chrono_literals;

namespace {

// Queues 6 tasks of 50 ms on 2 threads, shuts down once two are running, and
// tells what happened to the six.
void queue_six_then_shut_down(ThreadPool::Queued queued) {
  ThreadPool pool(2);
  std::atomic<int> started = 0;
  std::atomic<int> ran = 0;
  std::vector<std::future<void>> futures;
  for (int task = 0; task < 6; ++task) {
    futures.push_back(pool.submit([&started, &ran] {
      started.fetch_add(1);
      std::this_thread::sleep_for(50ms);
      ran.fetch_add(1);
    }));
  }
  while (started.load() < 2) {  // shut down while both threads are busy
    std::this_thread::sleep_for(1ms);
  }
  const auto start = course::Clock::now();
  pool.shutdown(queued);
  int dropped = 0;
  for (std::future<void>& future : futures) {
    try {
      future.get();
    } catch (const std::future_error&) {  // broken_promise: the task was dropped unrun
      ++dropped;
    }
  }
  course::say("shutdown({}) took {:.0f} ms: {} tasks ran, {} were dropped",
              queued == ThreadPool::Queued::cancel ? "Queued::cancel" : "",
              course::seconds_since(start) * 1000, ran.load(), dropped);
}

}  // namespace

void show_shutdown() {
  course::heading("shutdown(): the queued tasks run first");
  queue_six_then_shut_down(ThreadPool::Queued::run);
  course::heading("shutdown(Queued::cancel): the running tasks finish, the queued ones are dropped");
  queue_six_then_shut_down(ThreadPool::Queued::cancel);
}
