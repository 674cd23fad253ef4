// thread_local: one variable name, one copy per thread. Each copy is ordinary
// memory: a pointer to it works in any thread, so "private" holds only as long
// as the thread hands out no pointer or reference to its copy.
#include <mutex>
#include <thread>
#include <vector>

#include "course/log.hpp"
#include "lesson.hpp"

namespace {

// [snippet:thread_local]
thread_local int calls_on_this_thread = 0;  // every thread starts with its own 0
int shared_calls = 0;                       // one for the whole process (guarded below)

void handle_request(std::mutex& shared_calls_mutex) {
  ++calls_on_this_thread;  // no lock: only this thread uses its copy (no pointer to it escapes)
  std::scoped_lock lock(shared_calls_mutex);
  ++shared_calls;
}
// [/snippet:thread_local]

}  // namespace

void show_thread_local() {
  course::heading("thread_local: one value per thread");
  std::mutex shared_calls_mutex;
  std::vector<std::jthread> threads;
  for (int i = 1; i <= 3; ++i) {
    threads.emplace_back([&shared_calls_mutex, i] {
      course::set_actor_name(fmt::format("worker-{}", i));
      for (int request = 0; request < i * 2; ++request) {
        handle_request(shared_calls_mutex);
      }
      course::say("calls_on_this_thread = {}", calls_on_this_thread);
    });
  }
  threads.clear();
  course::say("calls_on_this_thread = {} (main handled none), shared_calls = {}", calls_on_this_thread,
              shared_calls);
}
