// std::async, for contrast with a pool: launch::async starts a new thread for
// every call; launch::deferred runs the function later, inside get().
#include <future>
#include <string>
#include <thread>

#include <fmt/std.h>

#include "course/log.hpp"
#include "lesson.hpp"

namespace {

std::string where() {
  return fmt::format("thread {}", std::this_thread::get_id());
}

}  // namespace

void show_async() {
  course::heading("std::async: a new thread each time, or deferred until get()");
  course::say("main runs on {}", where());
  // [snippet:async]
  std::future<std::string> first = std::async(std::launch::async, where);
  std::future<std::string> second = std::async(std::launch::async, where);
  std::future<std::string> lazy = std::async(std::launch::deferred, where);  // nothing runs yet
  course::say("async:    {}", first.get());
  course::say("async:    {}", second.get());
  course::say("deferred: {} (it ran inside get(), on main)", lazy.get());
  // [/snippet:async]
  course::say("no pool: each async call pays for a thread; a pool pays once");
}
