// 100 URLs of 20 ms each from the slow server, three ways: one after another,
// a thread per URL, and a coroutine per URL on one thread.
#include <algorithm>
#include <string>
#include <thread>
#include <vector>

#include <asio.hpp>

#include "course/conclusion.hpp"
#include "course/cpu_meter.hpp"
#include "course/figures.hpp"
#include "course/http.hpp"
#include "course/limits.hpp"
#include "course/log.hpp"
#include "course/rethrow.hpp"
#include "course/stopwatch.hpp"
#include "course/verdict.hpp"
#include "lesson.hpp"

namespace {

constexpr int kDelayMs = 20;
// How much faster than one after another the overlapping ways should be, at
// least: 100 URLs in flight at once would allow 100x; 5x leaves room for a busy machine.
constexpr double kOverlapWanted = 5;

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
  // The CPU these runs got counts the server's thread too: it is in this process.
  const course::CpuMeter threads_meter;
  const double threads = course::seconds_for([&] {
    std::vector<std::jthread> fetchers;
    for (int i = 0; i < urls; ++i) {
      fetchers.emplace_back([port, i] { course::http::get_blocking(port, path_for(i)); });
    }
  });
  const double threads_cores = threads_meter.cpu_seconds() / threads;
  const course::CpuMeter coroutines_meter;
  // [snippet:coroutine_per_url]
  const double coroutines = course::seconds_for([&] {
    asio::io_context loop;
    for (int i = 0; i < urls; ++i) {
      asio::co_spawn(loop, course::http::get(port, path_for(i)), course::rethrow);
    }
    loop.run();  // one thread; returns when every GET has finished
  });
  // [/snippet:coroutine_per_url]
  const double coroutines_cores = coroutines_meter.cpu_seconds() / coroutines;

  fmt::print("\n{:<26} {:>9} {:>12}\n", "", "seconds", "CPU used");
  fmt::print("{:<26} {:>9.2f}   (the sum of the delays: {:.2f} s)\n", "one after another", sequential,
             urls * kDelayMs / 1000.0);
  fmt::print("{:<26} {:>9.2f} {:>12}   {} threads\n", "a thread per URL", threads,
             course::cores_got_text(threads_cores), urls);
  fmt::print("{:<26} {:>9.2f} {:>12}   1 thread\n", "a coroutine per URL", coroutines,
             course::cores_got_text(coroutines_cores));
  course::say("the server answered {} requests, at most {} at once", server.requests(),
              server.max_in_flight());

  // Waiting overlaps: the URLs in flight together should take far less than one after another.
  const double wanted = std::min(kOverlapWanted, 0.5 * urls);
  const course::Given threads_given = course::given_here(urls, threads_cores);
  const course::Verdict threads_overlapped =
      course::judge_at_least(sequential / threads, wanted, threads_given);
  const course::Given coroutines_given = course::given_here(1, coroutines_cores);
  const course::Verdict coroutines_overlapped =
      course::judge_at_least(sequential / coroutines, wanted, coroutines_given);
  const auto conclude = [&](const char* how, double seconds, const course::Verdict& verdict) {
    if (verdict.holds) {
      course::say("{}: {:.0f}x faster than one after another: the waits overlapped", how,
                  sequential / seconds);
    } else {
      course::say("{}: only {:.1f}x faster than one after another ({:.0f}x expected). {}", how,
                  sequential / seconds, wanted, course::reason_sentence(verdict));
    }
  };
  conclude("a thread per URL", threads, threads_overlapped);
  conclude("a coroutine per URL, on one thread", coroutines, coroutines_overlapped);
  course::record_figure("fetch.sequential_s", sequential);
  course::record_figure("fetch.threads_s", threads);
  course::record_figure("fetch.coroutines_s", coroutines);
  course::record_figure("fetch.wanted", wanted);
  course::record_verdict("fetch.threads", threads_overlapped, threads_given);
  course::record_verdict("fetch.coroutines", coroutines_overlapped, coroutines_given);
}
