// Scene 3b: work items of uneven cost, split two ways. Static slices: each
// rank works out its own block of items from its rank: no item is sent, only
// the total is reduced.
// Dealt: rank 0 alone holds the list, deals the items round the ranks, sends
// each rank its pile with MPI_Scatter and collects the answers with MPI_Gather.
#include <algorithm>
#include <array>
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

constexpr std::uint64_t kFirst = 1'000'000'000;  // as in primes: every number costs thousands of divisions
constexpr int kItemsPerRank = 16;

using Item = std::array<std::uint64_t, 2>;  // the numbers [begin, end) to count the primes of
static_assert(sizeof(Item) == 2 * sizeof(std::uint64_t), "an Item is sent as two MPI_UINT64_T");

// Item i of `items` covers a range i + 1 times as wide as item 0's: the last
// items are the heavy ones, so a block of consecutive items is not a fair share.
Item item(int i, int items, std::uint64_t width) {
  const auto units_before = [&](int k) {
    return static_cast<std::uint64_t>(k) * static_cast<std::uint64_t>(k + 1) / 2;
  };
  const std::uint64_t units = units_before(items);
  return {kFirst + width * units_before(i) / units, kFirst + width * units_before(i + 1) / units};
}

// What one way cost, as rank 0 reports it.
struct Split {
  double seconds = 0;          // from the common start to rank 0 holding every answer
  double busiest_seconds = 0;  // the CPU of the rank that counted the longest
  double average_seconds = 0;  // the CPU each rank counted for, on average
  double cores = 0;            // the CPU all ranks counted for, over `seconds`
  double primes = 0;
};

// The job's time and costs, reduced to rank 0, which reports them in one line.
void report_split(const course::mpi::Session& mpi, double started, double busy_seconds,
                  std::uint64_t primes) {
  const double seconds = MPI_Wtime() - started;
  double busiest = 0;
  double all_busy = 0;
  MPI_Reduce(&busy_seconds, &busiest, 1, MPI_DOUBLE, MPI_MAX, 0, MPI_COMM_WORLD);
  MPI_Reduce(&busy_seconds, &all_busy, 1, MPI_DOUBLE, MPI_SUM, 0, MPI_COMM_WORLD);
  if (mpi.rank() == 0) {
    course::mpi::report("split seconds={} busiest={} average={} cores={} primes={}", seconds, busiest,
                        all_busy / mpi.size(), seconds > 0 ? all_busy / seconds : 0, primes);
  }
}

void static_slices(const course::mpi::Session& mpi, std::uint64_t width) {
  const int items = kItemsPerRank * mpi.size();
  MPI_Barrier(MPI_COMM_WORLD);
  const double started = MPI_Wtime();
  const double cpu_started = course::this_thread_cpu_seconds();
  // [snippet:static]
  std::uint64_t mine = 0;
  for (int i = mpi.rank() * kItemsPerRank; i < (mpi.rank() + 1) * kItemsPerRank; ++i) {
    const Item range = item(i, items, width);
    mine += course::count_primes(range[0], range[1]);
  }
  // [/snippet:static]
  const double busy = course::this_thread_cpu_seconds() - cpu_started;
  std::uint64_t primes = 0;
  MPI_Reduce(&mine, &primes, 1, MPI_UINT64_T, MPI_SUM, 0, MPI_COMM_WORLD);
  report_split(mpi, started, busy, primes);
}

void dealt_by_rank_zero(const course::mpi::Session& mpi, std::uint64_t width) {
  const int items = kItemsPerRank * mpi.size();
  MPI_Barrier(MPI_COMM_WORLD);
  const double started = MPI_Wtime();
  // [snippet:deal]
  const int words = 2 * kItemsPerRank;  // uint64 values per pile
  // Rank 0 deals: pile r gets items r, r + n, r + 2n, ...
  std::vector<Item> piles;
  if (mpi.rank() == 0) {
    for (int pile = 0; pile < mpi.size(); ++pile) {
      for (int i = pile; i < items; i += mpi.size()) {
        piles.push_back(item(i, items, width));
      }
    }
  }
  std::vector<Item> my_pile(kItemsPerRank);
  MPI_Scatter(piles.data(), words, MPI_UINT64_T,    // from rank 0's piles
              my_pile.data(), words, MPI_UINT64_T,  // into each rank's
              0, MPI_COMM_WORLD);
  // [/snippet:deal]
  const double cpu_started = course::this_thread_cpu_seconds();
  std::vector<std::uint64_t> my_counts;
  for (const Item& range : my_pile) {
    my_counts.push_back(course::count_primes(range[0], range[1]));
  }
  const double busy = course::this_thread_cpu_seconds() - cpu_started;
  // [snippet:gather_counts]
  std::vector<std::uint64_t> counts(mpi.rank() == 0 ? static_cast<std::size_t>(items) : 0);
  MPI_Gather(my_counts.data(), kItemsPerRank, MPI_UINT64_T, counts.data(), kItemsPerRank, MPI_UINT64_T, 0,
             MPI_COMM_WORLD);
  // [/snippet:gather_counts]
  std::uint64_t primes = 0;
  for (const std::uint64_t count : counts) {
    primes += count;
  }
  report_split(mpi, started, busy, primes);
}

Split split_of(const std::string& report) {
  return {.seconds = report_value(report, "seconds"),
          .busiest_seconds = report_value(report, "busiest"),
          .average_seconds = report_value(report, "average"),
          .cores = report_value(report, "cores"),
          .primes = report_value(report, "primes")};
}

// The busiest rank's CPU over the average rank's: 1 when the work was shared evenly.
double busiest_share(const Split& split) {
  return split.average_seconds > 0 ? split.busiest_seconds / split.average_seconds : 0;
}

void say_split(const char* name, const Split& split, std::size_t bytes) {
  course::say("{:<28} {:>6.2f} s {:>9.2f} s {:>9.2f}x   {:<22} {}", name, split.seconds,
              split.busiest_seconds, busiest_share(split), course::cores_got_text(split.cores),
              bytes_text(bytes));
}

}  // namespace

void show_scatter(long thousands) {
  const std::uint64_t width = static_cast<std::uint64_t>(thousands) * 1000;
  if (course::mpi::in_a_rank()) {
    const course::mpi::Session mpi;
    static_slices(mpi, width);
    dealt_by_rank_zero(mpi, width);
    return;
  }
  const int cores = course::usable_cores();
  const int ranks = std::max(2, cores);
  const int items = kItemsPerRank * ranks;
  course::heading(fmt::format(
      "{} ranges of numbers to count the primes in, the last {} times as wide as the first, on {} "
      "ranks ({} here)",
      items, items, ranks, course::cores_text(cores)));
  const course::mpi::Outcome outcome = launch_ranks(ranks, {"scatter", std::to_string(thousands)});
  if (!outcome.status.ok() || outcome.reports.size() != 2) {
    throw std::runtime_error("mpirun " + outcome.status.describe() + ", without rank 0's two answers");
  }
  const Split fixed = split_of(outcome.reports[0]);
  const Split dealt = split_of(outcome.reports[1]);
  if (fixed.primes != dealt.primes) {
    throw std::logic_error("the two splits counted different primes: an item was lost or counted twice");
  }
  // The payload between ranks. Static: each rank's total, reduced to rank 0. Dealt: rank 0 keeps its
  // own pile and counts; the others' items go out and their counts come back.
  const auto others = static_cast<std::size_t>(ranks - 1);
  const std::size_t static_bytes = others * sizeof(std::uint64_t);
  const std::size_t dealt_bytes = others * kItemsPerRank * (sizeof(Item) + sizeof(std::uint64_t));
  course::say("{:<28} {:>8} {:>11} {:>10}   {:<22} {}", "", "time", "busiest CPU", "÷ average",
              "the ranks got", "sent between ranks");
  say_split("static slices, by rank", fixed, static_bytes);
  say_split("dealt: MPI_Scatter, Gather", dealt, dealt_bytes);
  course::say(
      "both found {:.0f} primes; the static run's ranks sit idle once their slice is done, so they got fewer "
      "cores",
      fixed.primes);

  // The busiest rank's share is the CPU it spent, whatever the cores: it shows on one core too.
  course::say(
      "In static slices the busiest rank spent {:.2f}x the average rank's CPU; dealt round the ranks, "
      "{:.2f}x.",
      busiest_share(fixed), busiest_share(dealt));
  const double ratio = dealt.seconds > 0 ? fixed.seconds / dealt.seconds : 0;
  // Both runs must have had their cores: a starved static run would take longer for want of CPU, not
  // for its slowest rank. Its busiest rank had a core throughout when its CPU matched the run's time.
  const double cores_got =
      fixed.seconds > 0 ? std::min(dealt.cores, ranks * fixed.busiest_seconds / fixed.seconds) : 0;
  const course::Given given = course::given_here(ranks, cores_got);
  const course::Verdict verdict = course::judge_at_least_at_once(ratio, 1.2, given);
  course::record_figure("scatter.ratio", ratio);
  course::record_verdict("scatter", verdict, given);  // the claims table's row, judged by the same rule
  if (verdict.holds) {
    course::say(
        "So the static slices took {:.2f}x as long: the job ends with its slowest rank. The balance came "
        "from the dealing: a static split by stride (rank r takes items r, r + n, ...) balances as well, "
        "with no message. The scatter and gather are what it costs when rank 0 alone holds the list: "
        "here {} of messages.",
        ratio, bytes_text(dealt_bytes));
  } else if (verdict.reason == course::Reason::baseline) {
    course::say(
        "The static slices took {:.2f}x as long, but the ranks of one of the runs got less than a core "
        "each: these times say nothing this run; {}.",
        ratio, course::what_to_do(course::Reason::busy));
  } else if (verdict.reason == course::Reason::too_few_cores) {
    course::say(
        "On {} the ranks take turns, so the times cannot show the slowest rank holding the others up (here "
        "{:.2f}x); the CPU shares above still show the imbalance; {}.",
        course::cores_text(cores), ratio, course::what_to_do(verdict.reason));
  } else {
    course::say("The static slices took {:.2f}x as long, not the 1.2x or more that share costs. {}", ratio,
                course::reason_sentence(verdict));
  }
}
