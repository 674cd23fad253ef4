// Two CPU-bound tasks, and a record of when each one was really running.
//
// A task does its work in tiny steps (about 30 µs each) and looks at the clock
// after every step. A gap between two looks far longer than a step means
// the thread was off the CPU meanwhile: the scheduler ran something else.
// So the spans drawn are "on the CPU", measured, not guessed.
#include <algorithm>
#include <cstdint>
#include <optional>
#include <thread>
#include <vector>

#include "course/cpu_work.hpp"
#include "lesson.hpp"

using namespace std::chrono_literals;

namespace {

constexpr std::uint64_t kFirst = 1'000'000'000;
constexpr std::uint64_t kNumbersPerTask = 12'000;  // about 45 ms of counting
constexpr std::uint64_t kNumbersPerStep = 8;       // about 30 µs
constexpr auto kOffCpuGap = 300us;                 // ten steps' worth of nothing

// [snippet:record_running]
void count_and_record(course::Timeline& timeline, const std::string& lane, std::uint64_t first) {
  auto running_since = course::Clock::now();
  auto last_look = running_since;
  for (std::uint64_t n = first; n < first + kNumbersPerTask; n += kNumbersPerStep) {
    course::count_primes(n, n + kNumbersPerStep);
    const auto now = course::Clock::now();
    if (now - last_look > kOffCpuGap) {  // we were descheduled in between
      timeline.add({lane, lane.substr(lane.size() - 1), running_since, last_look});
      running_since = now;
    }
    last_look = now;
  }
  timeline.add({lane, lane.substr(lane.size() - 1), running_since, last_look});
}
// [/snippet:record_running]

}  // namespace

std::chrono::duration<double> run_two_tasks(course::Timeline& timeline, const std::string& run,
                                            bool one_core) {
  std::optional<OneCoreOnly> pinned;
  if (one_core) {
    pinned.emplace();
  }
  const auto start = course::Clock::now();
  {
    std::jthread task_a([&] { count_and_record(timeline, run + " A", kFirst); });
    std::jthread task_b([&] { count_and_record(timeline, run + " B", kFirst + kNumbersPerTask); });
  }
  return course::Clock::now() - start;
}

std::chrono::duration<double> time_both_ran(const course::Timeline& timeline, const std::string& lane_a,
                                            const std::string& lane_b) {
  const std::vector<course::Span> spans = timeline.spans();
  std::chrono::duration<double> both{0};
  for (const course::Span& a : spans) {
    for (const course::Span& b : spans) {
      if (a.lane == lane_a && b.lane == lane_b) {
        const auto overlap = std::min(a.end, b.end) - std::max(a.start, b.start);
        both += std::max(overlap, course::Clock::duration::zero());
      }
    }
  }
  return both;
}
