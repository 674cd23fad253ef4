// The classic trap: std::for_each(par) with a body that pushes into one
// shared std::vector. The policy promises nothing about the body: it runs on
// several threads at once, and push_back is a read of the size, a write of
// the element and a write of the size, with no lock. Items are lost (two
// threads write the same slot), and without the reserve() below the vector's
// reallocation would race too, which can crash. ThreadSanitizer reports it
// whenever a second thread takes part (build/tsan/lesson11_parallel_algorithms
// trap 100000); it cannot when one thread happened to do everything.
#include <algorithm>
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
#include "course/verdict.hpp"
#include "lesson.hpp"

namespace {

bool wanted(long number) {
  return number % 3 == 0;
}

}  // namespace

void show_shared_vector_trap(long items) {
  const int cores = course::usable_cores();
  course::heading(fmt::format("for_each(par) pushing into a shared vector: {} numbers, keep every third; {}",
                              items, course::cores_text(cores)));
  std::vector<long> numbers(static_cast<std::size_t>(items));
  std::iota(numbers.begin(), numbers.end(), 0L);
  const long expected = (items + 2) / 3;

  // [snippet:trap]
  std::vector<long> kept;
  kept.reserve(numbers.size());  // no reallocation: lost items instead of a crash
  const course::CpuMeter meter;
  std::for_each(std::execution::par, numbers.begin(), numbers.end(), [&kept](long number) {
    if (wanted(number)) {
      kept.push_back(number);  // DATA RACE: every thread pushes into the same vector
    }
  });
  // [/snippet:trap]
  const course::CpuUse used = meter.read();
  const long lost = expected - static_cast<long>(kept.size());
  course::say("for_each(par) + push_back: kept {} of {}: {} lost; the threads got {}", kept.size(), expected,
              lost, course::cores_got_text(used.cores()));

  // [snippet:trap_fixed]
  // Nothing shared but the result, which the algorithm combines: each call returns 1 or 0.
  const auto first = numbers.begin(), last = numbers.end();
  const auto one_if = [](long number) {
    return wanted(number) ? 1L : 0L;
  };
  const auto plus = std::plus<>{};
  const long counted = std::transform_reduce(std::execution::par, first, last, 0L, plus, one_if);
  // [/snippet:trap_fixed]
  course::say("transform_reduce(par) counted {} of {}: {}", counted, expected,
              counted == expected ? "exact, every run" : "WRONG");
  // To collect the numbers rather than count them: std::copy_if(std::execution::par, ...) into a
  // vector of numbers.size(), which gives each kept number its own place, in order. (Not run here:
  // under ThreadSanitizer, TBB's parallel_invoke under copy_if gives false reports that the course's
  // shim does not cover; see the README.)

  const course::Given given = course::given_here(cores, used.cores());
  const course::Verdict verdict = course::judge_race(static_cast<double>(lost), given);
  if (verdict.holds) {
    course::say(
        "the shared vector lost {} items ({:.1f}%): two threads read the same size, wrote the same slot, and "
        "one item overwrote the other",
        lost, 100.0 * static_cast<double>(lost) / static_cast<double>(expected));
  } else {
    course::say(
        "nothing was lost this time: {}. The race is there all the same: the tsan build reports it "
        "whenever a second thread takes part (build/tsan/lesson11_parallel_algorithms trap 100000)",
        course::reason_sentence(verdict));
  }
  course::record_figure("trap.lost", static_cast<double>(lost));
  course::record_figure("trap.expected", static_cast<double>(expected));
  course::record_verdict("trap", verdict, given);
}
