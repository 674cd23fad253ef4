// A semaphore counts the free connections; a mutex guards which ones they are.
#include <chrono>
#include <mutex>
#include <semaphore>
#include <thread>
#include <vector>

#include "course/instrument.hpp"
#include "course/log.hpp"
#include "course/timeline.hpp"
#include "lesson.hpp"

namespace {

// [snippet:connection_pool]
class ConnectionPool {
 public:
  explicit ConnectionPool(int size) : free_count_(size) {
    for (int id = size; id >= 1; --id) {
      free_ids_.push_back(id);
    }
  }
  int acquire() {
    free_count_.acquire();  // wait until some connection is free...
    std::scoped_lock lock(mutex_);
    const int id = free_ids_.back();  // ...then take one: the mutex says which
    free_ids_.pop_back();
    return id;
  }
  void release(int id) {
    {
      std::scoped_lock lock(mutex_);
      free_ids_.push_back(id);
    }
    free_count_.release();
  }

 private:
  std::counting_semaphore<> free_count_;
  std::mutex mutex_;
  std::vector<int> free_ids_;  // guarded by mutex_
};
// [/snippet:connection_pool]

}  // namespace

void show_connection_pool() {
  course::heading("8 clients, 3 database connections");
  ConnectionPool pool(3);
  course::InFlight connected;
  course::Timeline timeline;
  std::vector<std::jthread> clients;
  for (int client = 1; client <= 8; ++client) {
    clients.emplace_back([&, client] {
      for (int query = 0; query < 2; ++query) {
        const int connection = pool.acquire();
        {
          const auto counted = connected.enter();
          const auto span = timeline.measure(fmt::format("client {}", client), std::to_string(connection));
          std::this_thread::sleep_for(std::chrono::milliseconds(30));
        }
        pool.release(connection);
      }
    });
  }
  clients.clear();
  fmt::print("(each bar shows the number of the connection the client used)\n{}", timeline.render());
  course::say("16 queries; at most {} connections in use at once", connected.max());
}
