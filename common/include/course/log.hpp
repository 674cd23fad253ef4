#pragma once
// The demos' voice: every line says when (seconds since the program started)
// and who (the thread's or process's name) before what.

#include <chrono>
#include <string>
#include <string_view>
#include <utility>

#include <fmt/core.h>

namespace course {

using Clock = std::chrono::steady_clock;

// The moment the program started. Forked children inherit it, and the steady
// clock is system-wide, so a child's times line up with its parent's.
Clock::time_point start_time();
double seconds_since(Clock::time_point from);

// The name shown in front of this thread's lines: "main", "worker-2", "child-1".
// A thread that was never named is "thread-N".
// Also names the OS thread, so top -H and gdb show it (up to 15 characters).
void set_actor_name(std::string name);
const std::string& actor_name();

// One line of the story: "[  0.123 s] main      | message". Flushed at once,
// so nothing is left in a buffer that fork() would copy.
void say_line(std::string_view message);

template <typename... Args>
void say(fmt::format_string<Args...> format, Args&&... args) {
  say_line(fmt::format(format, std::forward<Args>(args)...));
}

// A section title, so a live audience sees where one scene ends.
void heading(std::string_view title);

}  // namespace course
