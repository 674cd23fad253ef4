// The same CPU work five ways, side by side from one run: a plain loop,
// hand-written threads (lesson 03), std::transform_reduce with each of the
// three execution policies, and OpenMP. The work is lesson 03's: counting
// primes by trial division, slice by slice, which the optimiser cannot fold.
#include <algorithm>
#include <cstdint>
#include <execution>
#include <functional>
#include <numeric>
#include <set>
#include <stdexcept>
#include <string>
#include <thread>
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

using Slices = std::vector<std::uint64_t>;
// Who counted each slice: a plain write into a slot of its own, which even
// par_unseq allows (a lock inside par_unseq's element function does not).
using Who = std::vector<std::thread::id>;

std::uint64_t the_loop(const Slices& slices, Who& who) {
  std::uint64_t primes = 0;
  for (const std::uint64_t slice : slices) {
    who[slice] = std::this_thread::get_id();
    primes += count_slice(slice);
  }
  return primes;
}

// Lesson 03's way: one thread per core, each a contiguous block of slices.
std::uint64_t by_hand(const Slices& slices, Who& who, int threads) {
  std::vector<std::uint64_t> partial(static_cast<std::size_t>(threads), 0);
  {
    std::vector<std::jthread> workers;
    for (int t = 0; t < threads; ++t) {
      workers.emplace_back([&, t] {
        const std::size_t begin =
            slices.size() * static_cast<std::size_t>(t) / static_cast<std::size_t>(threads);
        const std::size_t end =
            slices.size() * static_cast<std::size_t>(t + 1) / static_cast<std::size_t>(threads);
        for (std::size_t i = begin; i < end; ++i) {
          who[slices[i]] = std::this_thread::get_id();
          partial[static_cast<std::size_t>(t)] += count_slice(slices[i]);
        }
      });
    }
  }
  return std::accumulate(partial.begin(), partial.end(), std::uint64_t{0});
}

// [snippet:transform_reduce]
template <typename Policy>
std::uint64_t with_policy(Policy policy, const Slices& slices, Who& who) {
  const std::uint64_t identity = 0;  // of +: combined with any count, it changes nothing
  const auto count = [&who](std::uint64_t slice) {
    who[slice] = std::this_thread::get_id();
    return count_slice(slice);  // the work: one slice
  };
  // Counts each slice, and adds the counts up, in any grouping: + is associative.
  const auto first = slices.begin(), last = slices.end();
  return std::transform_reduce(policy, first, last, identity, std::plus<>{}, count);
}
// [/snippet:transform_reduce]

// [snippet:openmp]
std::uint64_t with_openmp(const Slices& slices, Who& who) {
  std::uint64_t primes = 0;
  const long count = static_cast<long>(slices.size());
#pragma omp parallel for reduction(+ : primes) schedule(static)
  for (long i = 0; i < count; ++i) {
    who[slices[static_cast<std::size_t>(i)]] = std::this_thread::get_id();
    primes += count_slice(slices[static_cast<std::size_t>(i)]);
  }
  return primes;
}
// [/snippet:openmp]

struct Way {
  const char* name;
  bool parallel;
  double seconds = 0;
  std::size_t threads = 0;
  double cores = 0;
  std::uint64_t primes = 0;
};

template <typename Run>
void measure(Way& way, std::size_t slice_count, Run run) {
  Who who(slice_count);
  const course::CpuMeter meter;
  way.primes = run(who);
  const course::CpuUse used = meter.read();
  way.seconds = used.wall_seconds;
  way.cores = used.cores();
  way.threads = std::set<std::thread::id>(who.begin(), who.end()).size();
}

}  // namespace

void show_five_ways(long thousands) {
  const int cores = course::usable_cores();
  const std::size_t slice_count = static_cast<std::size_t>(thousands) * 1000 / kSliceWidth;
  course::heading(fmt::format(
      "Primes among {},000 numbers from 1e9, in {} slices, five ways; {} here, load average {}", thousands,
      slice_count, course::cores_text(cores), course::load_text(course::load_average())));
  Slices slices(slice_count);
  std::iota(slices.begin(), slices.end(), std::uint64_t{0});

  std::vector<Way> ways{{"a plain loop", false},
                        {"threads by hand (lesson 03)", true},
                        {"transform_reduce(seq)", false},
                        {"transform_reduce(par)", true},
                        {"transform_reduce(par_unseq)", true},
                        {"OpenMP parallel for reduction", true}};
  measure(ways[0], slice_count, [&](Who& who) { return the_loop(slices, who); });
  measure(ways[1], slice_count, [&](Who& who) { return by_hand(slices, who, cores); });
  measure(ways[2], slice_count, [&](Who& who) { return with_policy(std::execution::seq, slices, who); });
  measure(ways[3], slice_count, [&](Who& who) { return with_policy(std::execution::par, slices, who); });
  measure(ways[4], slice_count,
          [&](Who& who) { return with_policy(std::execution::par_unseq, slices, who); });
  measure(ways[5], slice_count, [&](Who& who) { return with_openmp(slices, who); });

  const double serial = ways[0].seconds;
  fmt::print("\n{:<31} {:>9} {:>8} {:>8} {:>10}  {}\n", "way", "time", "speedup", "threads", "cores got",
             "verdict");
  course::Verdict par_verdict{}, omp_verdict{};
  course::Given par_given{}, omp_given{};
  for (const Way& way : ways) {
    if (way.primes != ways[0].primes) {
      throw std::logic_error(
          fmt::format("{} counted {} primes, the loop {}", way.name, way.primes, ways[0].primes));
    }
    const double speedup = serial / way.seconds;
    std::string verdict = "-";
    if (way.parallel) {
      const course::Given given = course::given_here(cores, way.cores);
      const course::Verdict judged = course::judge_speedup(speedup, given);
      verdict = judged.holds ? "parallel" : std::string(course::reason_words(judged.reason));
      if (&way == &ways[3]) {
        par_verdict = judged, par_given = given;
      } else if (&way == &ways[5]) {
        omp_verdict = judged, omp_given = given;
      }
    }
    fmt::print("{:<31} {:>7.0f} ms {:>7.2f}x {:>8} {:>10}  {}\n", way.name, way.seconds * 1000, speedup,
               way.threads, course::cores_got_text(way.cores), verdict);
  }
  fmt::print("(every way found {} primes)\n\n", ways[0].primes);

  fmt::print("std::execution::par ran {}.\n", backend_text(ways[3].threads, cores));
  fmt::print("par: {}\n",
             course::speedup_conclusion("its threads", serial / ways[3].seconds, par_given, par_verdict));
  fmt::print("OpenMP: {}\n",
             course::speedup_conclusion("its threads", serial / ways[5].seconds, omp_given, omp_verdict));
  const double unseq_vs_par = ways[3].seconds / ways[4].seconds;
  // par_unseq only permits vector code; the function here is a call to count_slice() in another file,
  // which the compiler cannot vectorise through, so any difference from par is not vectors.
  if (unseq_vs_par > 0.9 && unseq_vs_par < 1.1) {
    fmt::print(
        "par_unseq took what par took ({:.2f}x): it permits vectorising, and the function here (a call "
        "to count_slice() in another file) gives the compiler nothing to vectorise.\n",
        unseq_vs_par);
  } else {
    fmt::print(
        "par_unseq against par: {:.2f}x. The function here (a call to count_slice() in another file) is "
        "not vectorised, so this is the machine's noise (load {}), not vectors.\n",
        unseq_vs_par, course::load_text(course::load_average()));
  }
  course::record_figure("ways.loop_ms", serial * 1000);
  course::record_figure("ways.par_ms", ways[3].seconds * 1000);
  course::record_figure("ways.par_threads", static_cast<double>(ways[3].threads));
  course::record_figure("ways.par.speedup", serial / ways[3].seconds);
  course::record_verdict("ways.par", par_verdict, par_given);
  course::record_figure("ways.omp.speedup", serial / ways[5].seconds);
  course::record_verdict("ways.omp", omp_verdict, omp_given);
}
