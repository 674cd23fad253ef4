// map() gives results in the inputs' order. The order in which tasks finish
// is another matter: Python's as_completed() hands them out in that order.
#include <chrono>
#include <condition_variable>
#include <deque>
#include <future>
#include <mutex>
#include <thread>
#include <vector>

#include <fmt/ranges.h>

#include "course/log.hpp"
#include "lesson.hpp"
#include "thread_pool.hpp"

namespace {

// A "download" of `seconds_tenths` tenths of a second that returns its input.
int slow_identity(int tenths) {
  std::this_thread::sleep_for(std::chrono::milliseconds(100 * tenths));
  return tenths;
}

}  // namespace

void show_map_and_completion_order() {
  course::heading("map(): results in input order");
  ThreadPool pool(4);
  const std::vector<int> durations = {3, 1, 4, 2};
  // [snippet:map]
  const std::vector<int> results = pool.map(slow_identity, durations);
  // [/snippet:map]
  course::say("map({}) -> {}", durations, results);

  course::heading("Completion order: whichever finishes first comes first (as_completed)");
  // [snippet:as_completed]
  std::mutex mutex;
  std::condition_variable finished_one;
  std::deque<int> finished;  // guarded by mutex
  std::vector<std::future<void>> tasks;
  for (const int tenths : durations) {
    tasks.push_back(pool.submit([&, tenths] {
      const int result = slow_identity(tenths);
      std::scoped_lock lock(mutex);
      finished.push_back(result);
      finished_one.notify_one();
    }));
  }
  for (std::size_t received = 0; received < durations.size(); ++received) {
    std::unique_lock lock(mutex);
    finished_one.wait(lock, [&] { return !finished.empty(); });
    course::say("finished: the {} ms task", 100 * finished.front());
    finished.pop_front();
  }
  for (std::future<void>& task : tasks) {
    task.get();  // rethrows what a task threw
  }
  // [/snippet:as_completed]
}
