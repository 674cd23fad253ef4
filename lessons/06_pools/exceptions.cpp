// A task that throws does not take the pool down: its exception waits in its
// future and comes out of get(). The other tasks are not affected.
#include <future>
#include <stdexcept>
#include <vector>

#include "course/log.hpp"
#include "lesson.hpp"
#include "thread_pool.hpp"

void show_exceptions() {
  course::heading("One of four tasks throws");
  ThreadPool pool(2);
  // [snippet:exceptions]
  std::vector<std::future<int>> futures;
  for (int task = 1; task <= 4; ++task) {
    futures.push_back(pool.submit([task] {
      if (task == 2) {
        throw std::runtime_error("the server said 500");
      }
      return task * 10;
    }));
  }
  for (std::size_t i = 0; i < futures.size(); ++i) {
    try {
      course::say("task {}: {}", i + 1, futures[i].get());
    } catch (const std::exception& error) {
      course::say("task {} failed: {}", i + 1, error.what());
    }
  }
  // [/snippet:exceptions]
}
