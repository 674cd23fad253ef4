// Amdahl's law, measured. The same job, a share s of it serial (a plain loop
// on the calling thread), the rest std::execution::par on every core. With n
// cores the law says the job runs at most 1/(s + (1-s)/n) times faster than
// on one: the serial part does not shrink, however many cores come.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <execution>
#include <functional>
#include <numeric>
#include <stdexcept>
#include <vector>

#include "course/conclusion.hpp"
#include "course/cores.hpp"
#include "course/cpu_meter.hpp"
#include "course/figures.hpp"
#include "course/load.hpp"
#include "course/log.hpp"
#include "course/spread.hpp"
#include "course/verdict.hpp"
#include "lesson.hpp"

namespace {

// [snippet:amdahl]
double amdahl(double serial_share, int cores) {
  return 1.0 / (serial_share + (1.0 - serial_share) / cores);
}
// [/snippet:amdahl]

// The first `serial` slices one after another, then the rest in parallel.
std::uint64_t run_job(const std::vector<std::uint64_t>& slices, std::size_t serial) {
  std::uint64_t primes = 0;
  for (std::size_t i = 0; i < serial; ++i) {
    primes += count_slice(slices[i]);
  }
  return primes + std::transform_reduce(std::execution::par, slices.begin() + static_cast<long>(serial),
                                        slices.end(), std::uint64_t{0}, std::plus<>{}, count_slice);
}

// A measured speedup this close to the law's counts as following it.
constexpr double kWithin = 0.2;
constexpr int kRounds = 3;

}  // namespace

void show_amdahl(long thousands) {
  const int cores = course::usable_cores();
  const std::size_t count = static_cast<std::size_t>(thousands) * 1000 / kSliceWidth;
  course::heading(
      fmt::format("Amdahl's law: {} slices, a growing serial share, the rest on {}; load average {}", count,
                  course::cores_text(cores), course::load_text(course::load_average())));
  std::vector<std::uint64_t> slices(count);
  std::iota(slices.begin(), slices.end(), std::uint64_t{0});

  // Every share measured kRounds times, in turns, so that a busy moment hits every row; medians.
  constexpr double kShares[] = {1.0, 0.0, 0.1, 0.25, 0.5, 0.75};
  constexpr std::size_t kRows = std::size(kShares);
  std::vector<double> seconds[kRows], cores_got[kRows];
  const std::uint64_t expected = run_job(slices, count);  // all serial; also warms up the pool
  for (int round = 0; round < kRounds; ++round) {
    for (std::size_t row = 0; row < kRows; ++row) {
      const auto serial = static_cast<std::size_t>(std::lround(kShares[row] * static_cast<double>(count)));
      const course::CpuMeter meter;
      if (run_job(slices, serial) != expected) {
        throw std::logic_error("the job counted a different number of primes");
      }
      const course::CpuUse used = meter.read();
      seconds[row].push_back(used.wall_seconds);
      cores_got[row].push_back(used.cores());
    }
  }
  const double one_core = course::spread_of(seconds[0]).median;

  fmt::print("\n(the median of {} rounds each)\n{:>12} {:>9} {:>10} {:>15} {:>9} {:>10}\n", kRounds,
             "serial share", "time", "speedup", "Amdahl predicts", "measured", "cores got");
  double worst = 0;
  double cores_all_parallel = 0;
  for (std::size_t row = 0; row < kRows; ++row) {
    const double share = kShares[row];
    const double wall = course::spread_of(seconds[row]).median;
    const double got = course::spread_of(cores_got[row]).median;
    const double speedup = one_core / wall;
    const double predicted = amdahl(share, cores);
    const double ratio = speedup / predicted;
    if (row > 0) {
      worst = std::max(worst, std::abs(ratio - 1));
    }
    if (share == 0.0) {
      cores_all_parallel = got;
    }
    fmt::print("{:>12.2f} {:>7.0f} ms {:>9.2f}x {:>14.2f}x {:>8.0f}% {:>10}\n", share, wall * 1000, speedup,
               predicted, ratio * 100, course::cores_got_text(got));
    course::record_figure(fmt::format("amdahl.s{:02.0f}.speedup", share * 100), speedup);
  }
  fmt::print("\n");
  const course::Given given = course::given_here(cores, cores_all_parallel);
  const course::Verdict follows = cores < 2 ? course::Verdict{false, course::Reason::too_few_cores}
                                            : course::judge_at_most(worst, kWithin, given);
  if (follows.holds) {
    fmt::print(
        "Every row is within {:.0f}% of 1/(s + (1-s)/{}): on {} the measured speedups follow the law.\n",
        worst * 100, cores, course::cores_text(cores));
  } else if (follows.reason == course::Reason::too_few_cores) {
    fmt::print("With {} every prediction is 1x, nothing to measure against: {}.\n", course::cores_text(cores),
               course::what_to_do(follows.reason));
  } else {
    fmt::print("A row is {:.0f}% off the law's prediction (within {:.0f}% expected). {}\n", worst * 100,
               kWithin * 100, course::reason_sentence(follows));
  }
  fmt::print(
      "With s = 0.1 no machine runs this job more than 10x faster: 1/s is the ceiling at any core count"
      " ({:.1f}x at 8 cores, {:.1f}x at 64).\n",
      amdahl(0.1, 8), amdahl(0.1, 64));
  course::record_figure("amdahl.worst", worst);
  course::record_figure("amdahl.wanted", kWithin);
  course::record_verdict("amdahl", follows, given);
}
