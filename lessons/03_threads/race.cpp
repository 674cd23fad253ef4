// RACES ON PURPOSE: ++ on a shared variable is read, add, write; two threads
// that read the same value both write value + 1, and one increment is lost.
#include <algorithm>

#include "counter.hpp"
#include "course/figures.hpp"
#include "course/verdict.hpp"
#include "lesson.hpp"

namespace {
constexpr int kRuns = 5;
}

void show_lost_updates() {
  course::heading(fmt::format("5 threads x 100000 increments, no lock, {} runs", kRuns));
  const long expected = kCounterThreads * kIncrementsPerThread;
  int runs_that_lost = 0;
  long lost_in_all = 0;
  double most_cores = 0;
  for (int run = 1; run <= kRuns; ++run) {
    // volatile only stops the optimiser from merging 100000 increments into one
    // addition (without it, g++ -O2 adds 100000 once). It makes nothing
    // thread-safe: this is still a data race, undefined behaviour in C++.
    // [snippet:racy_counter]
    volatile long counter = 0;
    const course::CpuUse used = run_counter_threads([&counter] { counter = counter + 1; });
    // [/snippet:racy_counter]
    runs_that_lost += counter < expected ? 1 : 0;
    lost_in_all += expected - counter;
    most_cores = std::max(most_cores, used.cores());
    course::say("run {}: {:>6} of {} ({:>6} lost) in {:.1f} ms; the threads got {}", run, counter, expected,
                expected - counter, used.wall_seconds * 1000, course::cores_got_text(used.cores()));
  }
  // Judged by the run that got the most CPU: if even that one lost nothing
  // while it had the cores, the race truly hid.
  const course::Given given = course::given_here(kCounterThreads, most_cores);
  const course::Verdict verdict = course::judge_race(static_cast<double>(lost_in_all), given);
  if (verdict.holds) {
    course::say("{} of {} runs lost updates, each a different number: the threads interleave differently",
                runs_that_lost, kRuns);
  } else {
    course::say("0 of {} runs lost updates this time: a race that did not show is still a race", kRuns);
    if (verdict.reason == course::Reason::too_few_cores) {
      course::say(
          "why: on one core the threads take turns, and a loss needs a switch between a load and "
          "its store");
    } else if (verdict.reason == course::Reason::busy) {
      course::say(
          "why: a busy machine; the threads got at most {}, so they mostly took turns, and 100000 "
          "increments fit in one turn",
          course::cores_got_text(most_cores));
    } else {
      course::say("why: unclear, they had the cores; a counter-example worth a second run");
    }
    course::say(
        "to make it show: run it again, or close other programs; ThreadSanitizer reports it every time");
  }
  course::record_figure("race.threads.lost_share",
                        static_cast<double>(lost_in_all) / static_cast<double>(kRuns * expected));
  course::record_verdict("race.threads", verdict, given);
}
