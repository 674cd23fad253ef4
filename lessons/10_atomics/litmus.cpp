// Store buffering, the litmus test. Two threads, two variables, both 0:
//
//   thread 0: x = 1; r1 = y;          thread 1: y = 1; r2 = x;
//
// Interleave the four steps in any order and at least one thread reads a 1.
// Yet r1 == r2 == 0 happens: each core puts its store in its store buffer and
// runs the load before the store reaches the cache, so each reads the other's
// variable before the other's store is visible. x86-TSO allows exactly this
// one reordering (a store with a later load); ARM allows it and more. In C++,
// relaxed and release/acquire allow it too; only seq_cst forbids it: all
// seq_cst operations appear in one total order that every thread agrees on.
// g++ compiles a seq_cst store on x86-64 as xchg, which drains the buffer.
#include <algorithm>
#include <atomic>
#include <stdexcept>
#include <thread>
#include <vector>

#include "course/conclusion.hpp"
#include "course/cpu_meter.hpp"
#include "course/figures.hpp"
#include "course/log.hpp"
#include "course/verdict.hpp"
#include "lesson.hpp"
#include "rendezvous.hpp"

namespace {

using lesson10::PairRun;

// A busy machine makes every round wait for a core: each ordering stops after this.
constexpr double kSecondsPerOrdering = 4;

// A fresh pair of variables for every round, so that no round has to reset
// the last one's; each thread writes its own results.
template <std::memory_order Store, std::memory_order Load>
PairRun count_both_zero(long rounds) {
  std::vector<std::atomic<int>> x(static_cast<std::size_t>(rounds));  // all 0 (C++20)
  std::vector<std::atomic<int>> y(static_cast<std::size_t>(rounds));
  std::vector<int> r1(static_cast<std::size_t>(rounds));
  std::vector<int> r2(static_cast<std::size_t>(rounds));
  lesson10::Rendezvous line_up;
  lesson10::RoundBudget budget(rounds, kSecondsPerOrdering);
  long rounds_run = 0;
  double cpu[2] = {0, 0};
  const auto start = course::Clock::now();
  {
    std::jthread zero([&] {
      const double at_start = course::this_thread_cpu_seconds();
      for (long i = 0; i < rounds; ++i) {
        const auto k = static_cast<std::size_t>(i);
        budget.look_at_the_clock(i);
        line_up.arrive_and_wait(0, i);
        if (budget.over(i)) {
          break;
        }
        // [snippet:store_buffering]
        x[k].store(1, Store);  // thread 0: x = 1; r1 = y;
        r1[k] = y[k].load(Load);
        // [/snippet:store_buffering]
        rounds_run = i + 1;
      }
      cpu[0] = course::this_thread_cpu_seconds() - at_start;
    });
    std::jthread one([&] {
      const double at_start = course::this_thread_cpu_seconds();
      for (long i = 0; i < rounds; ++i) {
        const auto k = static_cast<std::size_t>(i);
        line_up.arrive_and_wait(1, i);
        if (budget.over(i)) {
          break;
        }
        y[k].store(1, Store);  // thread 1: y = 1; r2 = x;
        r2[k] = x[k].load(Load);
      }
      cpu[1] = course::this_thread_cpu_seconds() - at_start;
    });
  }  // both joined: their results are visible here
  PairRun run;
  run.wall_seconds = course::seconds_since(start);
  run.cpu_seconds = cpu[0] + cpu[1];
  run.rounds = rounds_run;
  for (std::size_t k = 0; k < static_cast<std::size_t>(rounds_run); ++k) {
    run.count += (r1[k] == 0 && r2[k] == 0) ? 1 : 0;
  }
  return run;
}

void say_row(const char* ordering, const PairRun& run, long asked) {
  course::say("{:<16} {:>12} {:>8.3f} %   {:>5.2f} s   {}{}", ordering, run.count,
              100.0 * static_cast<double>(run.count) / static_cast<double>(std::max(1L, run.rounds)),
              run.wall_seconds, course::cores_got_text(run.cores()),
              run.rounds < asked ? fmt::format(" (time up after {} rounds)", run.rounds) : std::string());
}

}  // namespace

void show_store_buffering(long rounds) {
  course::heading(
      fmt::format("Store buffering: x = 1; r1 = y;  ||  y = 1; r2 = x;  {} rounds per ordering", rounds));
  constexpr auto relaxed = std::memory_order_relaxed;
  constexpr auto seq_cst = std::memory_order_seq_cst;
  const PairRun weak = count_both_zero<relaxed, relaxed>(rounds);
  const PairRun paired = count_both_zero<std::memory_order_release, std::memory_order_acquire>(rounds);
  const PairRun strong = count_both_zero<seq_cst, seq_cst>(rounds);
  course::say("{:<16} {:>12} {:>10}   {:>7}   {}", "ordering", "r1 == r2 == 0", "of rounds", "took",
              "the two threads got");
  say_row("relaxed", weak, rounds);
  say_row("release/acquire", paired, rounds);
  say_row("seq_cst", strong, rounds);

  if (strong.count != 0) {
    // The C++ standard forbids it: a compiler or a machine that shows it is broken.
    throw std::logic_error("seq_cst gave r1 == r2 == 0, which the C++ standard forbids");
  }
  course::say("seq_cst: 0, as the C++ standard promises: one order of all seq_cst operations, agreed by all");
  const double least_cores = std::min(weak.cores(), paired.cores());
  const course::Given given = course::given_here(2, least_cores);
  const course::Verdict verdict = course::judge_race(static_cast<double>(weak.count + paired.count), given);
  if (verdict.holds) {
    course::say("relaxed and release/acquire: both stores were still in the store buffers when both");
    course::say("loads ran, in {} of {} rounds. Release/acquire orders a store after EARLIER accesses and",
                weak.count + paired.count, weak.rounds + paired.rounds);
    course::say("a load before LATER ones: a store and then a load is the one pair it leaves free");
  } else {
    course::say("relaxed and release/acquire showed no reordering this time: {}",
                course::reason_sentence(verdict));
    if (verdict.reason == course::Reason::busy) {
      course::say("(the threads got {}: they took turns, and a turn hides the store buffer)",
                  course::cores_got_text(least_cores));
    }
  }
  course::record_figure("litmus.rounds",
                        static_cast<double>(std::min({weak.rounds, paired.rounds, strong.rounds})));
  course::record_figure("litmus.relaxed", static_cast<double>(weak.count));
  course::record_figure("litmus.release_acquire", static_cast<double>(paired.count));
  course::record_figure("litmus.seq_cst", static_cast<double>(strong.count));
  course::record_verdict("litmus", verdict, given);
}
