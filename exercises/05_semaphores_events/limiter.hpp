#pragma once
// Lesson 05 exercise, part 2: a connection limiter. At most `max_connections`
// holders at a time; the others wait their turn, like a semaphore.

#include <condition_variable>
#include <mutex>

class ConnectionLimiter {
 public:
  explicit ConnectionLimiter(int max_connections) : max_(max_connections) {}

  // Blocks until fewer than max_connections hold a slot, then takes one.
  void acquire();
  // Gives a slot back, letting one waiting thread in.
  void release();
  int in_use() const;

  // A slot held for as long as the Permit lives.
  class Permit {
   public:
    explicit Permit(ConnectionLimiter& limiter) : limiter_(limiter) { limiter_.acquire(); }
    ~Permit() { limiter_.release(); }
    Permit(const Permit&) = delete;
    Permit& operator=(const Permit&) = delete;

   private:
    ConnectionLimiter& limiter_;
  };

 private:
  const int max_;
  mutable std::mutex mutex_;
  std::condition_variable slot_freed_;
  int in_use_ = 0;  // guarded by mutex_
};
