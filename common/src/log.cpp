#include "course/log.hpp"

#include <pthread.h>
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <thread>

#include <fmt/color.h>

namespace course {
namespace {

const Clock::time_point program_start = Clock::now();
// Static initialisation runs on the main thread.
const std::thread::id main_thread = std::this_thread::get_id();
std::atomic<int> unnamed_threads{0};

// Until it is named, a thread is "main" or "thread-N" (N counts from 1).
std::string default_name() {
  if (std::this_thread::get_id() == main_thread) {
    return "main";
  }
  return fmt::format("thread-{}", unnamed_threads.fetch_add(1) + 1);
}

thread_local std::string this_actor = default_name();

bool use_colour() {
  static const bool colour = isatty(STDOUT_FILENO) != 0 && std::getenv("NO_COLOR") == nullptr;
  return colour;
}

fmt::text_style style_for(const std::string& name) {
  static constexpr fmt::terminal_color palette[] = {fmt::terminal_color::cyan,  fmt::terminal_color::yellow,
                                                    fmt::terminal_color::green, fmt::terminal_color::magenta,
                                                    fmt::terminal_color::blue,  fmt::terminal_color::red};
  return fmt::fg(palette[std::hash<std::string>{}(name) % std::size(palette)]);
}

}  // namespace

Clock::time_point start_time() {
  return program_start;
}

double seconds_since(Clock::time_point from) {
  return std::chrono::duration<double>(Clock::now() - from).count();
}

void set_actor_name(std::string name) {
  this_actor = std::move(name);
  // Linux limits thread names to 15 characters; macOS names only the calling thread.
  const std::string os_name = this_actor.substr(0, 15);
#ifdef __APPLE__
  pthread_setname_np(os_name.c_str());
#else
  pthread_setname_np(pthread_self(), os_name.c_str());
#endif
}

const std::string& actor_name() {
  return this_actor;
}

void say_line(std::string_view message) {
  const std::string when = fmt::format("[{:7.3f} s]", seconds_since(program_start));
  const std::string who = fmt::format("{:<13}", this_actor);
  std::string line;
  if (use_colour()) {
    line = fmt::format("{} {} | {}\n", fmt::styled(when, fmt::emphasis::faint),
                       fmt::styled(who, style_for(this_actor)), message);
  } else {
    line = fmt::format("{} {} | {}\n", when, who, message);
  }
  // One call per line keeps lines from different threads whole.
  std::fwrite(line.data(), 1, line.size(), stdout);
  std::fflush(stdout);
}

void heading(std::string_view title) {
  if (use_colour()) {
    fmt::print("\n{}\n", fmt::styled(fmt::format("== {} ==", title), fmt::emphasis::bold));
  } else {
    fmt::print("\n== {} ==\n", title);
  }
  std::fflush(stdout);
}

}  // namespace course
