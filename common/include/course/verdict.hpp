#pragma once
// A demo's conclusion, computed from its numbers, never a fixed sentence.
//
// Whether a speedup, an overlap or a race showed is judged against what the
// run was given: the cores it may use, the CPU its workers got, the machine's
// load. So a "no" always comes with its reason: a busy machine, too few cores,
// a limit of this machine, or a real counter-example.
//
// The demos record their verdicts as figures (record_verdict), and the claims
// table (tools/claims.cpp) judges the same figures with these same functions:
// a demo's conclusion and the table cannot disagree, and the load test checks
// that they do not.

#include <optional>
#include <string_view>

namespace course {

// Why a measurement did not show what it shows on an idle machine with the
// cores it needs. Recorded as numbers (NAME.reason) and read by the claims
// table: never renumber.
enum class Reason {
  none = 0,             // it showed
  busy = 1,             // the work got less CPU than it needed: other programs were running
  too_few_cores = 2,    // fewer cores than it needs (the machine, a container, taskset)
  counter_example = 3,  // it got what it needed and still did not show
  baseline = 4,         // cannot tell: what it is measured against did not show
  machine_limit = 5,    // another limit of this machine, e.g. too few open files
};

struct Verdict {
  bool holds = false;
  Reason reason = Reason::none;  // Reason::none exactly when it holds
};

// What a run was given.
struct Given {
  int workers = 1;             // threads or processes meant to run at once
  int usable_cores = 1;        // usable_cores()
  double cores_got = 0;        // CpuUse::cores() of the run: the CPU its workers got
  std::optional<double> load;  // load_average() as it ended
};

// What a run of `workers` was given here and now: the cores this process may
// use, the machine's load, and `cores_got`, what its workers got.
Given given_here(int workers, double cores_got);

// The speedup parallel work should reach with `given`: 1.4 with two workers on
// two cores, and 0.6 of the ideal, min(workers, cores), above that.
double speedup_wanted(const Given& given);

// Parallel work that ran `speedup` times faster than one worker.
//   holds            the speedup reached speedup_wanted() and the workers got
//                    about that many cores (on a busy machine a speedup can also
//                    come from a bigger share of the CPU, not from running at once)
//   too_few_cores    min(workers, cores) < 2: nothing could run at once
//   busy             the workers got less CPU than the speedup needs
//   counter_example  they got it, and the speedup still fell short
Verdict judge_speedup(double speedup, const Given& given);

// Something that should hold, such as an order of rates. When it does not:
// busy when the machine's load was above its cores, a counter-example otherwise.
Verdict judge_holds(bool held, const Given& given);
// A figure that should reach `wanted` (an overlap, a ratio of costs), or stay
// at or below it (a latency); judged as judge_holds() does.
Verdict judge_at_least(double value, double wanted, const Given& given);
Verdict judge_at_most(double value, double wanted, const Given& given);

// A figure that parts only when the workers run at once (the time a slow
// worker costs the rest, say): too few cores when they cannot; cannot tell
// (Reason::baseline) when they did not get about a core each; otherwise
// judge_at_least().
Verdict judge_at_least_at_once(double value, double wanted, const Given& given);

// A race that lost `lost` updates. It showed when any was lost. When none was:
// too few cores, or racers that got less than 1.5 cores between them (busy:
// they took turns, and a turn was long enough for all their updates), or a
// counter-example.
Verdict judge_race(double lost, const Given& given);

// `verdict`, when `baseline` held; otherwise "cannot tell" (Reason::baseline).
// E.g. a lock cannot be shown to remove a speedup that did not happen without it.
Verdict given_that(const Verdict& baseline, const Verdict& verdict);

// "a busy machine", "too few cores", ...: what a reason is, in words.
std::string_view reason_words(Reason reason);
// What to do about it, in words: "close other programs and run it again", ...
std::string_view what_to_do(Reason reason);

// Records NAME.verdict (1 or 0), NAME.reason and what the run was given
// (NAME.workers, NAME.cores, NAME.cpu, and NAME.load where known), for the
// claims table. See course/figures.hpp.
void record_verdict(std::string_view name, const Verdict& verdict, const Given& given);
// Only what a run was given (NAME.workers, .cores, .cpu, .load): for a baseline
// that the table judges inside another claim's rule, not as a claim of its own.
void record_given(std::string_view name, const Given& given);

}  // namespace course
