// Scene 3: lesson 01's CPU work (primes counted by trial division), split
// across 1, 2 and 4 ranks and combined with MPI_Reduce. Each rank works out
// its own slice from its rank: nothing is sent until the answers are summed.
#include <algorithm>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

#include "course/conclusion.hpp"
#include "course/cores.hpp"
#include "course/cpu_meter.hpp"
#include "course/cpu_work.hpp"
#include "course/figures.hpp"
#include "course/log.hpp"
#include "course/mpi_rank.hpp"
#include "course/verdict.hpp"
#include "lesson.hpp"
#include "ranks.hpp"

namespace {

// The numbers of lesson 01's speedup: every one costs thousands of divisions,
// so equal slices cost about the same.
constexpr std::uint64_t kFirst = 1'000'000'000;

void primes_as_a_rank(std::uint64_t width) {
  const course::mpi::Session mpi;
  // [snippet:slice]
  const std::uint64_t begin = kFirst + width * mpi.rank() / mpi.size();
  const std::uint64_t end = kFirst + width * (mpi.rank() + 1) / mpi.size();
  // [/snippet:slice]

  MPI_Barrier(MPI_COMM_WORLD);  // start together, so the slowest rank's time is the job's
  const double started = MPI_Wtime();
  const double cpu_started = course::this_thread_cpu_seconds();
  std::uint64_t mine = course::count_primes(begin, end);
  double seconds = MPI_Wtime() - started;
  double cpu_seconds = course::this_thread_cpu_seconds() - cpu_started;
  course::say("my slice [{}, {}): {} primes in {:.2f} s", begin, end, mine, seconds);

  // Three reductions to rank 0: the answer, and what the job cost.
  std::uint64_t primes = 0;
  double job_seconds = 0;
  double job_cpu_seconds = 0;
  // [snippet:reduce]
  MPI_Reduce(&mine, &primes, 1, MPI_UINT64_T, MPI_SUM, 0, MPI_COMM_WORLD);
  // [/snippet:reduce]
  MPI_Reduce(&seconds, &job_seconds, 1, MPI_DOUBLE, MPI_MAX, 0, MPI_COMM_WORLD);
  MPI_Reduce(&cpu_seconds, &job_cpu_seconds, 1, MPI_DOUBLE, MPI_SUM, 0, MPI_COMM_WORLD);
  if (mpi.rank() == 0) {
    course::mpi::report("primes ranks={} count={} seconds={} cpu_seconds={}", mpi.size(), primes, job_seconds,
                        job_cpu_seconds);
  }
}

struct Run {
  int ranks = 0;
  double primes = 0;
  double seconds = 0;
  double cores = 0;          // the CPU the ranks got while they counted, over the time it took
  double whole_seconds = 0;  // mpirun's run, from start to end
};

Run run_on(int ranks, std::uint64_t width) {
  const auto started = course::Clock::now();
  const course::mpi::Outcome outcome = launch_ranks(ranks, {"primes", std::to_string(width / 1000)});
  if (!outcome.status.ok() || outcome.reports.size() != 1) {
    throw std::runtime_error("mpirun " + outcome.status.describe() + ", without rank 0's answer");
  }
  const std::string& answer = outcome.reports.front();
  const double seconds = report_value(answer, "seconds");
  return {.ranks = ranks,
          .primes = report_value(answer, "count"),
          .seconds = seconds,
          .cores = seconds > 0 ? report_value(answer, "cpu_seconds") / seconds : 0,
          .whole_seconds = course::seconds_since(started)};
}

}  // namespace

void show_primes(long thousands) {
  const std::uint64_t width = static_cast<std::uint64_t>(thousands) * 1000;
  if (course::mpi::in_a_rank()) {
    primes_as_a_rank(width);
    return;
  }
  course::heading(fmt::format("Primes in [{}, {} + {}), on 1, 2 and 4 ranks ({} here)", kFirst, kFirst, width,
                              course::cores_text(course::usable_cores())));
  std::vector<Run> runs;
  for (const int ranks : {1, 2, 4}) {
    runs.push_back(run_on(ranks, width));
  }

  course::say("{:>5} {:>8} {:>9} {:>8}   {}", "ranks", "primes", "time", "speedup", "the ranks got");
  for (const Run& run : runs) {
    course::say("{:>5} {:>8.0f} {:>7.2f} s {:>7.2f}x   {}", run.ranks, run.primes, run.seconds,
                runs.front().seconds / run.seconds, course::cores_got_text(run.cores));
    if (run.primes != runs.front().primes) {
      throw std::logic_error(
          "the ranks' sum differs from one rank's count: the slices overlap or leave gaps");
    }
  }
  // A speedup over a one-rank run that did not get its core says nothing.
  const Run& one_rank = runs.front();
  const course::Given one_rank_given = course::given_here(1, one_rank.cores);
  const course::Verdict baseline = course::judge_at_least(one_rank.cores, 0.8, one_rank_given);
  course::record_given("mpi.one_rank", one_rank_given);  // judged again inside the mpi.primes row
  for (const Run& run : runs) {
    if (run.ranks == 1) {
      continue;
    }
    const double speedup = one_rank.seconds / run.seconds;
    const course::Given given = course::given_here(run.ranks, run.cores);
    const course::Verdict verdict = course::given_that(baseline, course::judge_speedup(speedup, given));
    course::say("{}",
                course::speedup_conclusion(fmt::format("the {} ranks", run.ranks), speedup, given, verdict));
    if (run.ranks == 2) {  // the claims table's row (tools/claims.cpp), judged by the same rule
      course::record_figure("mpi.primes.speedup", speedup);
      course::record_verdict("mpi.primes", verdict, given);
    }
  }
  const auto slowest_start = std::max_element(runs.begin(), runs.end(), [](const Run& a, const Run& b) {
    return a.whole_seconds - a.seconds < b.whole_seconds - b.seconds;
  });
  course::say("not in these times: starting and ending the ranks, up to {:.2f} s a run (mpirun, {} ranks)",
              slowest_start->whole_seconds - slowest_start->seconds, slowest_start->ranks);
}
