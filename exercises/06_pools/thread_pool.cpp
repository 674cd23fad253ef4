// Lesson 06 exercise: the thread pool's threads, queue and shutdown.
// As given, no thread is ever started and submit() runs every task inline.
//
// Quick reference
//   threads_.emplace_back([this] { work(); });               start a thread running work()
//   std::unique_lock lock(mutex_);
//   changed_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
//   changed_.notify_one();  changed_.notify_all();
//   job = std::move(queue_.front());  queue_.pop_front();
//   thread.join();
//
// Check with: ./course check 06      Stuck? ./course hint 06

#include "thread_pool.hpp"

#include <stdexcept>

ThreadPool::ThreadPool(std::size_t threads) {
  // TODO: start `threads` threads, each running work().
  (void)threads;
}

ThreadPool::~ThreadPool() {
  shutdown();
}

void ThreadPool::shutdown(Queued queued) {
  std::scoped_lock lock(mutex_);
  stopping_ = true;
  // TODO: with Queued::cancel, drop the queued jobs.
  // TODO: wake every thread, so each sees stopping_; then join them all
  //       (outside the lock: they need it to finish).
  (void)queued;
}

void ThreadPool::enqueue(std::function<void()> job) {
  std::scoped_lock lock(mutex_);
  // TODO: refuse jobs after shutdown (std::runtime_error); queue the job and wake one thread.
  queue_.push_back(std::move(job));
}

void ThreadPool::work() {
  // TODO: until the pool is stopping and the queue is empty: wait for a job,
  //       take it from the queue, and run it without holding the lock.
}
