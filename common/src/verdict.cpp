#include "course/verdict.hpp"

#include <algorithm>
#include <string>

#include "course/cores.hpp"
#include "course/figures.hpp"
#include "course/load.hpp"

namespace course {
namespace {

constexpr Verdict kHolds{true, Reason::none};

Verdict fails(Reason reason) {
  return {false, reason};
}

}  // namespace

Given given_here(int workers, double cores_got) {
  return {workers, usable_cores(), cores_got, load_average()};
}

double speedup_wanted(const Given& given) {
  const int ideal = std::min(given.workers, given.usable_cores);
  return std::max(1.4, 0.6 * ideal);
}

Verdict judge_speedup(double speedup, const Given& given) {
  if (std::min(given.workers, given.usable_cores) < 2) {
    return fails(Reason::too_few_cores);
  }
  const double wanted = speedup_wanted(given);
  // 0.9: the CPU clocks and the wall clock are read at slightly different moments.
  const bool got_the_cores = given.cores_got >= 0.9 * wanted;
  if (speedup >= wanted && got_the_cores) {
    return kHolds;
  }
  // 1.1: a run that got just what the speedup needs, and spent a little of it
  // starting and joining workers, is still a run that was short of CPU.
  if (given.cores_got < 1.1 * wanted) {
    return fails(Reason::busy);
  }
  return fails(Reason::counter_example);
}

Verdict judge_holds(bool held, const Given& given) {
  if (held) {
    return kHolds;
  }
  return fails(busy(given.load, given.usable_cores) ? Reason::busy : Reason::counter_example);
}

Verdict judge_at_least(double value, double wanted, const Given& given) {
  return judge_holds(value >= wanted, given);
}

Verdict judge_at_most(double value, double wanted, const Given& given) {
  return judge_holds(value <= wanted, given);
}

Verdict judge_at_least_at_once(double value, double wanted, const Given& given) {
  const int at_once = std::min(given.workers, given.usable_cores);
  if (at_once < 2) {
    return fails(Reason::too_few_cores);
  }
  const Verdict got_the_cores = judge_at_least(given.cores_got, 0.8 * at_once, given);
  return given_that(got_the_cores, judge_at_least(value, wanted, given));
}

Verdict judge_race(double lost, const Given& given) {
  if (lost > 0) {
    return kHolds;
  }
  if (std::min(given.workers, given.usable_cores) < 2) {
    return fails(Reason::too_few_cores);
  }
  if (given.cores_got < 1.5) {
    return fails(Reason::busy);
  }
  return fails(Reason::counter_example);
}

Verdict given_that(const Verdict& baseline, const Verdict& verdict) {
  return baseline.holds ? verdict : fails(Reason::baseline);
}

std::string_view reason_words(Reason reason) {
  switch (reason) {
    case Reason::none:
      return "it showed";
    case Reason::busy:
      return "a busy machine";
    case Reason::too_few_cores:
      return "too few cores";
    case Reason::counter_example:
      return "a counter-example";
    case Reason::baseline:
      return "cannot tell: the baseline did not show";
    case Reason::machine_limit:
      return "a limit of this machine";
  }
  return "an unknown reason";
}

std::string_view what_to_do(Reason reason) {
  switch (reason) {
    case Reason::none:
      return "nothing";
    case Reason::busy:
      return "close other programs (a browser, a video call, a build) and run it again";
    case Reason::too_few_cores:
      return "run it on a machine, or in a container, with two cores or more";
    case Reason::counter_example:
      return "run it again; if it repeats, this machine really behaves otherwise: say why";
    case Reason::baseline:
      return "make the baseline show first (see its own line)";
    case Reason::machine_limit:
      return "raise the limit named above and run it again";
  }
  return "run it again";
}

void record_verdict(std::string_view name, const Verdict& verdict, const Given& given) {
  const std::string prefix(name);
  record_figure(prefix + ".verdict", verdict.holds ? 1 : 0);
  record_figure(prefix + ".reason", static_cast<int>(verdict.reason));
  record_given(name, given);
}

void record_given(std::string_view name, const Given& given) {
  const std::string prefix(name);
  record_figure(prefix + ".workers", given.workers);
  record_figure(prefix + ".cores", given.usable_cores);
  record_figure(prefix + ".cpu", given.cores_got);
  if (given.load) {
    record_figure(prefix + ".load", *given.load);
  }
}

}  // namespace course
