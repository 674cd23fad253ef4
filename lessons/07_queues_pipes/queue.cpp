// Workers take numbers from a bounded queue and double them, like the Python
// tutorials' queue.Queue scene. queue.join() is a count of unfinished tasks:
// task_done() lowers it, join() waits for zero.
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>
#include <vector>

#include "blocking_queue.hpp"
#include "course/log.hpp"
#include "lesson.hpp"

using namespace std::chrono_literals;

namespace {

// [snippet:unfinished_tasks]
// What queue.task_done() and queue.join() count, on its own.
class UnfinishedTasks {
 public:
  void add() {
    std::scoped_lock lock(mutex_);
    ++unfinished_;
  }
  void task_done() {
    std::scoped_lock lock(mutex_);
    if (--unfinished_ == 0) {
      all_done_.notify_all();
    }
  }
  void join() {
    std::unique_lock lock(mutex_);
    all_done_.wait(lock, [this] { return unfinished_ == 0; });
  }

 private:
  std::mutex mutex_;
  std::condition_variable all_done_;
  int unfinished_ = 0;  // guarded by mutex_
};
// [/snippet:unfinished_tasks]

}  // namespace

void show_worker_queue() {
  course::heading("3 workers double numbers from a queue that holds at most 2");
  BlockingQueue<int> queue(2);
  UnfinishedTasks unfinished;
  std::vector<std::jthread> workers;
  for (int w = 1; w <= 3; ++w) {
    workers.emplace_back([&, w] {
      course::set_actor_name(fmt::format("worker-{}", w));
      // [snippet:worker]
      while (const std::optional<int> number = queue.pop()) {  // nullopt: closed and empty
        std::this_thread::sleep_for(50ms);
        course::say("{} doubled is {}", *number, 2 * *number);
        unfinished.task_done();
      }
      // [/snippet:worker]
    });
  }
  for (int number = 1; number <= 8; ++number) {
    unfinished.add();
    const auto start = course::Clock::now();
    queue.push(number);  // full: waits for a worker to take one
    if (course::seconds_since(start) > 0.01) {
      course::say("put {} after waiting {:.0f} ms: the queue was full", number,
                  course::seconds_since(start) * 1000);
    }
  }
  unfinished.join();
  course::say("join(): every number was doubled");
  queue.close();  // the workers' pop() returns nullopt: they end
  const std::optional<int> nothing = queue.pop_for(100ms);
  course::say("after close(), pop_for(100 ms) gives {}", nothing ? "an item" : "nothing, at once");
}
