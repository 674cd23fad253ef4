// submit() hands a task to the pool and returns a std::future for its result.
#include <chrono>
#include <future>
#include <string>
#include <thread>
#include <vector>

#include "course/log.hpp"
#include "lesson.hpp"
#include "thread_pool.hpp"

using namespace std::chrono_literals;

void show_submit() {
  course::heading("3 threads, 5 tasks: submit() returns a future");
  // [snippet:submit]
  ThreadPool pool(3);
  std::vector<std::future<std::string>> futures;
  for (int task = 1; task <= 5; ++task) {
    futures.push_back(pool.submit([task] {
      std::this_thread::sleep_for(100ms);
      return fmt::format("task {} ran on {}", task, course::actor_name());
    }));
  }
  for (std::future<std::string>& future : futures) {
    course::say("{}", future.get());  // waits for that task, if it has not finished yet
  }
  // [/snippet:submit]
  course::say("5 tasks of 100 ms on 3 threads: two rounds, about 200 ms");
}
