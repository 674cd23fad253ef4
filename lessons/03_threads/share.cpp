// Threads live inside one process: the same PID, the same memory.
#include <pthread.h>
#include <unistd.h>

#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <fmt/ranges.h>
#include <fmt/std.h>

#include "course/log.hpp"
#include "lesson.hpp"

namespace {

// What the operating system calls this thread (top -H and gdb show it).
std::string os_thread_name() {
  char name[16] = {};
  ::pthread_getname_np(::pthread_self(), name, sizeof name);
  return name;
}

}  // namespace

void show_threads_share_a_process() {
  course::heading("Three threads in one process");
  course::say("PID {}, thread {}", ::getpid(), std::this_thread::get_id());

  // [snippet:three_threads]
  std::vector<std::string> guest_book;  // one vector, in the memory all threads share
  std::mutex guest_book_mutex;
  std::vector<std::jthread> threads;
  for (int i = 1; i <= 3; ++i) {
    threads.emplace_back([&guest_book, &guest_book_mutex, i] {
      course::set_actor_name(fmt::format("worker-{}", i));
      course::say("PID {}, thread {}, OS name \"{}\"", ::getpid(), std::this_thread::get_id(),
                  os_thread_name());
      std::scoped_lock lock(guest_book_mutex);
      guest_book.push_back(course::actor_name());
    });
  }
  threads.clear();  // a jthread joins in its destructor: all three have finished
  // [/snippet:three_threads]
  course::say("the guest book they all wrote to: {}", fmt::join(guest_book, ", "));
}
