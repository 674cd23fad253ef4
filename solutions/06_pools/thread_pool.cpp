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
  // Starting a thread can fail (std::system_error: the system has no more).
  // A constructor that throws never runs its destructor, and the threads that
  // did start would be destroyed joinable: std::terminate. So stop and join
  // them before letting the exception go, as a joining guard does (C++
  // Concurrency in Action, listing 9.1).
  try {
    for (std::size_t i = 0; i < threads; ++i) {
      threads_.emplace_back([this] { work(); });
    }
  } catch (...) {
    shutdown();
    throw;
  }
}

ThreadPool::~ThreadPool() {
  shutdown();
}

void ThreadPool::shutdown(Queued queued) {
  std::deque<std::function<void()>> dropped;
  {
    std::scoped_lock lock(mutex_);
    stopping_ = true;
    if (queued == Queued::cancel) {
      dropped.swap(queue_);  // destroyed below, outside the lock: their futures see broken_promise
    }
  }
  changed_.notify_all();  // every thread must wake up and see stopping_
  for (std::thread& thread : threads_) {
    if (thread.joinable()) {  // a second shutdown (the destructor's) finds them joined
      thread.join();
    }
  }
}

void ThreadPool::enqueue(std::function<void()> job) {
  {
    std::scoped_lock lock(mutex_);
    if (stopping_) {
      throw std::runtime_error("ThreadPool: submit after shutdown");
    }
    queue_.push_back(std::move(job));
  }
  changed_.notify_one();  // one job, one thread to wake
}

void ThreadPool::work() {
  while (true) {
    std::function<void()> job;
    {
      std::unique_lock lock(mutex_);
      changed_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
      if (queue_.empty()) {
        return;  // stopping, and nothing left: queued jobs always run before the threads end
      }
      job = std::move(queue_.front());
      queue_.pop_front();
    }
    job();  // without the lock, so the other threads can take jobs meanwhile
  }
}
