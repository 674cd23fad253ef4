#pragma once
// Lesson 06 exercise: a thread pool, like Python's ThreadPoolExecutor.
//
//   ThreadPool pool(4);
//   std::future<int> answer = pool.submit([] { return 6 * 7; });
//   std::vector<int> squares = pool.map([](int x) { return x * x; }, inputs);

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <future>
#include <memory>
#include <mutex>
#include <thread>
#include <type_traits>
#include <vector>

class ThreadPool {
 public:
  explicit ThreadPool(std::size_t threads);
  // Runs every task already submitted, then joins the threads.
  ~ThreadPool();
  ThreadPool(const ThreadPool&) = delete;
  ThreadPool& operator=(const ThreadPool&) = delete;

  // Queues `task` for one of the pool's threads. The future gives what the task
  // returns, or rethrows what it throws. Throws std::runtime_error after shutdown().
  // [[nodiscard]]: a future dropped unread hides what the task threw.
  template <typename Task>
  [[nodiscard]] auto submit(Task task) -> std::future<std::invoke_result_t<Task&>> {
    using Result = std::invoke_result_t<Task&>;
    std::packaged_task<Result()> packaged(std::move(task));
    std::future<Result> result = packaged.get_future();
    // TODO: this runs the task here and now, on the caller's thread. Queue it
    //       for the pool instead: enqueue() takes a std::function<void()>, which
    //       must be copyable, and a packaged_task is not (hint: std::shared_ptr).
    packaged();
    return result;
  }

  // Runs function(input) for every input on the pool. The results keep the
  // inputs' order; if a task throws, map() rethrows the first such exception.
  template <typename Function, typename Input>
  auto map(Function function, const std::vector<Input>& inputs)
      -> std::vector<std::invoke_result_t<Function&, const Input&>> {
    std::vector<std::future<std::invoke_result_t<Function&, const Input&>>> futures;
    for (const Input& input : inputs) {
      futures.push_back(submit([function, input]() mutable { return function(input); }));
    }
    std::vector<std::invoke_result_t<Function&, const Input&>> results;
    for (auto& future : futures) {
      results.push_back(future.get());
    }
    return results;
  }

  // What shutdown() does with the queued tasks that have not started yet
  // (Python's shutdown(cancel_futures=False) and shutdown(cancel_futures=True)).
  enum class Queued { run, cancel };

  // No new tasks from now on; runs the queued ones (Queued::run) or drops them
  // (Queued::cancel: their futures throw std::future_error, broken_promise),
  // lets the running ones finish, then joins the threads. Call it from one thread.
  void shutdown(Queued queued = Queued::run);

 private:
  void enqueue(std::function<void()> job);  // throws std::runtime_error after shutdown
  void work();                              // each thread's loop

  std::mutex mutex_;
  std::condition_variable changed_;          // a job was queued, or the pool is stopping
  std::deque<std::function<void()>> queue_;  // guarded by mutex_
  bool stopping_ = false;                    // guarded by mutex_
  std::vector<std::thread> threads_;
};
