#pragma once
// Proof of concurrency by counting, not by the clock.

#include <atomic>
#include <cstddef>
#include <mutex>
#include <set>
#include <thread>

namespace course {

// How many are inside at once, and the most there ever were.
class InFlight {
 public:
  class Guard {
   public:
    explicit Guard(InFlight& owner) : owner_(owner) {}
    ~Guard() { owner_.current_.fetch_sub(1); }
    Guard(const Guard&) = delete;
    Guard& operator=(const Guard&) = delete;

   private:
    InFlight& owner_;
  };

  [[nodiscard]] Guard enter() {
    const int now = current_.fetch_add(1) + 1;
    int seen = max_.load();
    while (now > seen && !max_.compare_exchange_weak(seen, now)) {
    }
    return Guard(*this);
  }
  int current() const { return current_.load(); }
  int max() const { return max_.load(); }

 private:
  std::atomic<int> current_{0};
  std::atomic<int> max_{0};
};

// Which threads did the work.
class DistinctThreads {
 public:
  void record() {
    std::scoped_lock lock(mutex_);
    ids_.insert(std::this_thread::get_id());
  }
  std::size_t count() const {
    std::scoped_lock lock(mutex_);
    return ids_.size();
  }

 private:
  mutable std::mutex mutex_;
  std::set<std::thread::id> ids_;
};

}  // namespace course
