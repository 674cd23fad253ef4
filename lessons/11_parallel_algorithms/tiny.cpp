// When not to: a parallel algorithm costs a hand-off to the thread pool and a
// wait for its threads, a few microseconds, whatever the input. On a small
// input that is more than the work: par is slower than seq. The same call
// on inputs from 100 to 1,000,000 numbers shows where it starts to pay.
#include <cstdint>
#include <execution>
#include <functional>
#include <numeric>
#include <vector>

#include "course/conclusion.hpp"
#include "course/cores.hpp"
#include "course/cpu_meter.hpp"
#include "course/figures.hpp"
#include "course/load.hpp"
#include "course/log.hpp"
#include "course/spread.hpp"
#include "course/stopwatch.hpp"
#include "course/verdict.hpp"
#include "lesson.hpp"

namespace {

// A sum of squares (wrapping at 2^64): cheap per item, as a small input often is.
template <typename Policy>
std::uint64_t sum_of_squares(Policy policy, const std::vector<std::uint64_t>& numbers) {
  return std::transform_reduce(policy, numbers.begin(), numbers.end(), std::uint64_t{0}, std::plus<>{},
                               [](std::uint64_t x) { return x * x; });
}

// The microseconds one call takes: the median of 5 rounds of `calls` calls.
template <typename Policy>
course::Spread microseconds(Policy policy, std::vector<std::uint64_t>& numbers, int calls,
                            std::uint64_t& sink) {
  return course::measure_rounds(5, [&] {
    return course::microseconds_each(calls, [&] {
      numbers[0] = sink & 0xff;  // a different input every call: nothing to hoist out of the loop
      sink += sum_of_squares(policy, numbers);
    });
  });
}

}  // namespace

void show_when_not_to() {
  const int cores = course::usable_cores();
  course::heading(
      fmt::format("When not to: transform_reduce, seq vs par, on small and large inputs; {}, load {}",
                  course::cores_text(cores), course::load_text(course::load_average())));
  fmt::print("{:>10} {:>14} {:>14} {:>12}\n", "numbers", "seq", "par", "par / seq");
  std::uint64_t sink = 0;
  double tiny_ratio = 0;
  const course::CpuMeter meter;
  for (const std::size_t size : {std::size_t{100}, std::size_t{10'000}, std::size_t{1'000'000}}) {
    std::vector<std::uint64_t> numbers(size);
    std::iota(numbers.begin(), numbers.end(), std::uint64_t{1});
    const int calls = static_cast<int>(std::max<std::size_t>(3, 2'000'000 / size));
    const course::Spread seq = microseconds(std::execution::seq, numbers, calls, sink);
    const course::Spread par = microseconds(std::execution::par, numbers, calls, sink);
    const double ratio = par.median / seq.median;
    if (size == 100) {
      tiny_ratio = ratio;
    }
    fmt::print("{:>10} {:>11.2f} µs {:>11.2f} µs {:>11.2f}x\n", size, seq.median, par.median, ratio);
    course::record_figure(fmt::format("tiny.n{}.ratio", size), ratio);
  }
  const course::Given given = course::given_here(cores, meter.read().cores());
  const course::Verdict slower = course::judge_at_least(tiny_ratio, 1.0, given);
  if (slower.holds) {
    fmt::print(
        "\nOn 100 numbers par took {:.1f}x as long as seq: the hand-off to the pool costs more than the "
        "work. Parallelise where each call has milliseconds of work, not microseconds.\n",
        tiny_ratio);
  } else {
    fmt::print("\nOn 100 numbers par took {:.2f}x seq's time, not more as it usually does. {}\n", tiny_ratio,
               course::reason_sentence(slower));
  }
  fmt::print("(checksum {})\n", sink % 1000);
  course::record_verdict("tiny", slower, given);
}
