// 100 URLs of 20 ms each from the slow server, three ways: one after another,
// a thread per URL, and a coroutine per URL on one thread.
#include <algorithm>
#include <string>
#include <thread>
#include <vector>

#include <asio.hpp>

#include "course/figures.hpp"
#include "course/http.hpp"
#include "course/limits.hpp"
#include "course/log.hpp"
#include "course/rethrow.hpp"
#include "course/stopwatch.hpp"
#include "lesson.hpp"

namespace {

constexpr int kDelayMs = 20;

std::string path_for(int i) {
  return "/delay/" + std::to_string(kDelayMs) + "/" + std::to_string(i);
}

}  // namespace

void compare_fetch_styles(int urls) {
  // A thread's blocking GET holds a socket and a small event loop of its own
  // (an epoll and an eventfd), and the server holds the other end: about five
  // open files per URL in flight.
  constexpr std::size_t kFilesPerUrl = 5;
  constexpr std::size_t kSpareFiles = 32;
  const std::size_t files =
      course::raise_open_file_limit(kFilesPerUrl * static_cast<std::size_t>(urls) + kSpareFiles);
  if (files < kFilesPerUrl * static_cast<std::size_t>(urls) + kSpareFiles) {
    const int fit = static_cast<int>((files - std::min(files, kSpareFiles)) / kFilesPerUrl);
    if (fit < 10) {
      course::say("this machine allows only {} open files per process: too few to fetch many URLs at once.",
                  files);
      course::say("to allow more: ulimit -n 1024 (as root, or raise nofile in /etc/security/limits.conf)");
      return;
    }
    course::say("{} open files allowed here: fetching {} URLs instead of {}", files, fit, urls);
    urls = fit;
  }
  course::heading(fmt::format("{} URLs of {} ms each: one by one, threads, coroutines", urls, kDelayMs));
  const course::http::SlowServer server;
  const std::uint16_t port = server.port();

  const double sequential = course::seconds_for([&] {
    for (int i = 0; i < urls; ++i) {
      course::http::get_blocking(port, path_for(i));
    }
  });
  const double threads = course::seconds_for([&] {
    std::vector<std::jthread> fetchers;
    for (int i = 0; i < urls; ++i) {
      fetchers.emplace_back([port, i] { course::http::get_blocking(port, path_for(i)); });
    }
  });
  // [snippet:coroutine_per_url]
  const double coroutines = course::seconds_for([&] {
    asio::io_context loop;
    for (int i = 0; i < urls; ++i) {
      asio::co_spawn(loop, course::http::get(port, path_for(i)), course::rethrow);
    }
    loop.run();  // one thread; returns when every GET has finished
  });
  // [/snippet:coroutine_per_url]

  fmt::print("\n{:<26} {:>9}\n", "", "seconds");
  fmt::print("{:<26} {:>9.2f}   (the sum of the delays: {:.2f} s)\n", "one after another", sequential,
             urls * kDelayMs / 1000.0);
  fmt::print("{:<26} {:>9.2f}   {} threads\n", "a thread per URL", threads, urls);
  fmt::print("{:<26} {:>9.2f}   1 thread\n", "a coroutine per URL", coroutines);
  course::record_figure("fetch.sequential_s", sequential);
  course::record_figure("fetch.threads_s", threads);
  course::record_figure("fetch.coroutines_s", coroutines);
  course::say("the server answered {} requests, at most {} at once", server.requests(),
              server.max_in_flight());
}
