// How long to hold a lock. Four workers each prepare records (50 ms of
// waiting, like a database query) and add them to a shared list. Holding the
// lock while preparing makes them take turns; taking it only to add lets
// them prepare side by side.
#include <chrono>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "course/log.hpp"
#include "course/timeline.hpp"
#include "lesson.hpp"

using namespace std::chrono_literals;

namespace {

constexpr int kWorkers = 4;
constexpr int kRecordsEach = 2;

std::string prepare_record(int worker, int record) {
  std::this_thread::sleep_for(50ms);
  return fmt::format("record {}.{}", worker, record);
}

// Runs the four workers; `work` is one worker's loop. Returns the seconds taken.
template <typename Work>
double run_workers(Work work) {
  const auto start = course::Clock::now();
  std::vector<std::jthread> workers;
  for (int w = 1; w <= kWorkers; ++w) {
    workers.emplace_back([&work, w] { work(w, fmt::format("worker-{}", w)); });
  }
  workers.clear();
  return course::seconds_since(start);
}

}  // namespace

void compare_lock_scopes() {
  course::heading("Hold the lock for all the work, or only to publish the result?");
  std::vector<std::string> records;
  std::mutex records_mutex;

  course::Timeline all_the_work;
  const double long_hold_seconds = run_workers([&](int worker, const std::string& name) {
    for (int r = 1; r <= kRecordsEach; ++r) {
      // [snippet:lock_all_the_work]
      std::scoped_lock lock(records_mutex);
      const auto held = all_the_work.measure(name, "holding the lock");
      records.push_back(prepare_record(worker, r));  // everyone else waits meanwhile
      // [/snippet:lock_all_the_work]
    }
  });

  const std::size_t records_long_hold = records.size();
  records.clear();

  course::Timeline briefly;
  const double short_hold_seconds = run_workers([&](int worker, const std::string& name) {
    for (int r = 1; r <= kRecordsEach; ++r) {
      // [snippet:lock_briefly]
      std::string record;
      {
        const auto working = briefly.measure(name, "working");
        record = prepare_record(worker, r);  // no lock: others prepare at the same time
      }
      std::scoped_lock lock(records_mutex);
      const auto held = briefly.measure(name, "locked");
      records.push_back(std::move(record));
      // [/snippet:lock_briefly]
    }
  });

  fmt::print("\nLock held during all the work (h = holding the lock): {:.0f} ms\n{}",
             long_hold_seconds * 1000, all_the_work.render());
  fmt::print("\nLock held only to add the record (w = working, l = locked): {:.0f} ms\n{}",
             short_hold_seconds * 1000, briefly.render());
  fmt::print("\n{} records the first way, {} the second; {:.1f}x faster when the lock is held briefly.\n",
             records_long_hold, records.size(), long_hold_seconds / short_hold_seconds);
}
