// Lesson 01 measured what a process and a thread cost to start and finish.
// Here the same, with the third kind of worker: a coroutine on an event loop.
#include <algorithm>
#include <thread>
#include <utility>
#include <vector>

#include <asio.hpp>

#include "course/child.hpp"
#include "course/conclusion.hpp"
#include "course/cpu_meter.hpp"
#include "course/figures.hpp"
#include "course/load.hpp"
#include "course/log.hpp"
#include "course/spread.hpp"
#include "course/stopwatch.hpp"
#include "course/verdict.hpp"
#include "lesson.hpp"

namespace {

asio::awaitable<void> nothing() {
  co_return;
}

constexpr int kRounds = 5;
// How many times dearer the heavier kind should be, at least, in the median round.
constexpr double kDearerAtLeast = 5;

struct Round {
  double process_us;
  double thread_us;
  double coroutine_us;
};

Round measure_round(int count) {
  const double process_us =
      course::microseconds_each(count, [] { course::ChildProcess::start([] { return 0; }).wait(); });
  const double thread_us = course::microseconds_each(count, [] { std::thread([] {}).join(); });
  // Detached below, not course::rethrow: nothing() cannot fail, and the figure
  // is the cost of co_spawn itself.
  // [snippet:coroutine_cost]
  asio::io_context loop;
  const double coroutine_us = course::microseconds_each(count, [&loop] {
    asio::co_spawn(loop, nothing(), asio::detached);
    loop.run();  // runs the coroutine to its end
    loop.restart();
  });
  // [/snippet:coroutine_cost]
  return {process_us, thread_us, coroutine_us};
}

}  // namespace

void compare_creation_costs(int count) {
  const int per_round = std::max(1, count / kRounds);
  course::heading(
      fmt::format("Starting and finishing {} processes, threads and coroutines, in {} rounds of {}",
                  per_round * kRounds, kRounds, per_round));
  std::vector<double> process_us;
  std::vector<double> thread_us;
  std::vector<double> coroutine_us;
  const course::CpuMeter meter;
  for (int round = 0; round < kRounds; ++round) {
    const Round measured = measure_round(per_round);
    process_us.push_back(measured.process_us);
    thread_us.push_back(measured.thread_us);
    coroutine_us.push_back(measured.coroutine_us);
  }
  const course::CpuUse used = meter.read();
  const course::Spread process = course::spread_of(process_us);
  const course::Spread thread = course::spread_of(thread_us);
  const course::Spread coroutine = course::spread_of(coroutine_us);

  fmt::print("\n{:<10} {:>12} {:>16}   {}\n", "", "C++ (here)", "Python (notes)", "rounds ranged");
  fmt::print("{:<10} {:>9.2f} µs {:>13} µs   {:.2f} to {:.2f} µs\n", "process", process.median, "11,350",
             process.low, process.high);
  fmt::print("{:<10} {:>9.2f} µs {:>13} µs   {:.2f} to {:.2f} µs\n", "thread", thread.median, "208",
             thread.low, thread.high);
  fmt::print("{:<10} {:>9.2f} µs {:>16}   {:.2f} to {:.2f} µs\n", "coroutine", coroutine.median, "",
             coroutine.low, coroutine.high);
  fmt::print("(the median of {} rounds; the load average was {}; this process and its children got {})\n",
             kRounds, course::load_text(course::load_average()), course::cores_got_text(used.cores()));
  course::say("a process costs {:.0f} threads; a thread costs {:.0f} coroutines",
              process.median / thread.median, thread.median / coroutine.median);
  if (process.wide() || thread.wide() || coroutine.wide()) {
    course::say("the rounds disagree: costs of microseconds move with whatever else runs; quote the medians");
  }

  const course::Given given = course::given_here(1, used.cores());
  const course::Verdict process_dearer =
      course::judge_at_least(process.median / thread.median, kDearerAtLeast, given);
  const course::Verdict thread_dearer =
      course::judge_at_least(thread.median / coroutine.median, kDearerAtLeast, given);
  for (const auto& [what, verdict] :
       {std::pair{"a process", process_dearer}, std::pair{"a thread", thread_dearer}}) {
    if (!verdict.holds) {
      course::say("{} was less than {:.0f}x dearer than the next kind here. {}", what, kDearerAtLeast,
                  course::reason_sentence(verdict));
    }
  }
  course::record_figure("cost.process_us", process.median);
  course::record_figure("cost.thread_us", thread.median);
  course::record_figure("cost.coroutine_us", coroutine.median);
  course::record_figure("cost.process_spread", process.ratio());
  course::record_figure("cost.thread_spread", thread.ratio());
  course::record_figure("cost.coroutine_spread", coroutine.ratio());
  course::record_figure("cost.wanted", kDearerAtLeast);
  course::record_verdict("cost.process", process_dearer, given);
  course::record_verdict("cost.thread", thread_dearer, given);
}
