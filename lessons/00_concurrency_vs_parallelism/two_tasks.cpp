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

course::CpuUse run_two_tasks(course::Timeline& timeline, const std::string& run, bool one_core) {
  std::optional<OneCoreOnly> pinned;
  if (one_core) {
    pinned.emplace();
  }
  // Each task reads its own thread's CPU clock: precise even for a run of 45 ms,
  // where the process-wide clock may still lack the other core's last tick.
  double cpu_a = 0;
  double cpu_b = 0;
  const auto counted = [&timeline](const std::string& lane, std::uint64_t first, double& cpu) {
    const double cpu_at_start = course::this_thread_cpu_seconds();
    count_and_record(timeline, lane, first);
    cpu = course::this_thread_cpu_seconds() - cpu_at_start;
  };
  const auto start = course::Clock::now();
  {
    std::jthread task_a([&] { counted(run + " A", kFirst, cpu_a); });
    std::jthread task_b([&] { counted(run + " B", kFirst + kNumbersPerTask, cpu_b); });
  }  // joined: cpu_a and cpu_b are written, and visible here
  return {course::seconds_since(start), cpu_a + cpu_b};
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
