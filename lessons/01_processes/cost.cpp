// What it costs to start and finish a process, and a thread. A few
// microseconds move with whatever else the machine does, so the count is
// split into rounds, and the median round is the figure.
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <thread>
#include <vector>

#include "course/cpu_meter.hpp"
#include "course/load.hpp"
#include "course/log.hpp"
#include "course/spread.hpp"
#include "course/stopwatch.hpp"
#include "lesson.hpp"

namespace {

constexpr int kRounds = 5;

struct Round {
  double process_us;
  double thread_us;
};

Round measure_round(int count) {
  // [snippet:creation_cost]
  const double process_us = course::microseconds_each(count, [] {
    const pid_t pid = ::fork();
    if (pid == 0) {
      ::_exit(0);
    }
    ::waitpid(pid, nullptr, 0);
  });
  const double thread_us = course::microseconds_each(count, [] { std::thread([] {}).join(); });
  // [/snippet:creation_cost]
  return {process_us, thread_us};
}

}  // namespace

void compare_creation_cost(int count) {
  const int rounds = std::min(kRounds, count);
  const int per_round = std::max(1, count / rounds);
  course::heading(fmt::format("Creating and finishing {} processes, then {} threads, in {} rounds of {}",
                              per_round * rounds, per_round * rounds, rounds, per_round));
  std::vector<double> process_us;
  std::vector<double> thread_us;
  std::vector<double> ratios;
  const course::CpuMeter meter;  // this process, its threads and its reaped children
  for (int round = 0; round < rounds; ++round) {
    const Round measured = measure_round(per_round);
    process_us.push_back(measured.process_us);
    thread_us.push_back(measured.thread_us);
    ratios.push_back(measured.process_us / measured.thread_us);
  }
  const course::Spread process = course::spread_of(process_us);
  const course::Spread thread = course::spread_of(thread_us);
  const course::Spread ratio = course::spread_of(ratios);

  fmt::print("\n{:<10} {:>12} {:>16}   {}\n", "", "C++ (here)", "Python (notes)", "rounds ranged");
  fmt::print("{:<10} {:>9.1f} µs {:>13} µs   {:.1f} to {:.1f} µs\n", "process", process.median, "11,350",
             process.low, process.high);
  fmt::print("{:<10} {:>9.1f} µs {:>13} µs   {:.1f} to {:.1f} µs\n", "thread", thread.median, "208",
             thread.low, thread.high);
  fmt::print("{:<10} {:>11.0f}x {:>15}x   {:.0f}x to {:.0f}x\n", "ratio", ratio.median, "55", ratio.low,
             ratio.high);
  fmt::print("(the median of {} rounds; the load average was {}; this process and its children got {})\n",
             rounds, course::load_text(course::load_average()), course::cores_got_text(meter.read().cores()));
  if (ratio.wide()) {
    fmt::print(
        "The rounds disagree ({:.0f}x to {:.0f}x): costs of microseconds move with whatever else runs.\n"
        "Quote the median, {:.0f}x; for steadier rounds, close other programs or give a larger count.\n",
        ratio.low, ratio.high, ratio.median);
  } else {
    fmt::print("The rounds agree: a process costs about {:.0f} threads to start and finish here.\n",
               ratio.median);
  }
}
