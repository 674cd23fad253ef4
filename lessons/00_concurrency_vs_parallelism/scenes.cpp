// The lesson's three scenes: one core, two cores, and both drawn on one chart.
#include <string>
#include <string_view>
#include <thread>

#include "course/conclusion.hpp"
#include "course/cores.hpp"
#include "course/figures.hpp"
#include "course/load.hpp"
#include "course/log.hpp"
#include "course/verdict.hpp"
#include "lesson.hpp"

using namespace std::chrono_literals;

namespace {

void say_cores() {
  const int cores = course::usable_cores();
  course::say("this machine has {} cores; this process may use {}; load average {}",
              std::thread::hardware_concurrency(), cores, course::load_text(course::load_average()));
  if (cores < 2) {
    course::say("with one core there is no parallelism to show: the two-core run will interleave too");
  }
}

// How long A and B were both running, in seconds.
double report(const course::Timeline& timeline, const std::string& run, const course::CpuUse& used) {
  const double both = time_both_ran(timeline, run + " A", run + " B").count();
  course::say("{}: {:.0f} ms in all; A and B were both running for {:.0f} ms of it; the threads got {}", run,
              used.wall_seconds * 1000, both * 1000, course::cores_got_text(used.cores()));
  return both;
}

void show_one_run(std::string_view title, const std::string& run, bool one_core) {
  course::heading(title);
  say_cores();
  course::Timeline timeline;
  const course::CpuUse used = run_two_tasks(timeline, run, one_core);
  fmt::print("\n{}\n", timeline.render(100));
  const double both = report(timeline, run, used);
  if (one_core) {
    course::say("pinned to one core, they took turns: concurrency without parallelism");
    return;
  }
  // Free on every core, the two tasks overlap when they get two cores at once.
  const double share_both = both / used.wall_seconds;
  if (course::usable_cores() < 2) {
    course::say("one core only: they took turns here too. Try it on a machine with two cores or more");
  } else if (share_both >= 0.5) {
    course::say("both running for {:.0f}% of the run: parallelism", 100 * share_both);
  } else {
    const course::Verdict why{false,
                              used.cores() < 1.5 ? course::Reason::busy : course::Reason::counter_example};
    course::say("both running for only {:.0f}% of the run, and the threads got {} between them. {}",
                100 * share_both, course::cores_got_text(used.cores()), course::reason_sentence(why));
  }
}

}  // namespace

void show_one_core() {
  show_one_run("Concurrency: tasks A and B on one core take turns", "1 core", true);
}

void show_two_cores() {
  show_one_run("Parallelism: tasks A and B free on every core run at the same time", "all cores", false);
}

void show_both() {
  course::heading("The same two tasks: pinned to one core, then free on every core");
  say_cores();
  course::Timeline timeline;
  const course::CpuUse one_core = run_two_tasks(timeline, "1 core", true);
  std::this_thread::sleep_for(10ms);  // a visible gap between the two runs
  const course::CpuUse all_cores = run_two_tasks(timeline, "all cores", false);
  fmt::print("\n{}\n", timeline.render(100));
  report(timeline, "1 core", one_core);
  report(timeline, "all cores", all_cores);
  const double speedup = one_core.wall_seconds / all_cores.wall_seconds;
  const course::Given given = course::given_here(2, all_cores.cores());  // 2 threads, and what they got
  const course::Verdict verdict = course::judge_speedup(speedup, given);
  course::say("all cores vs one core: {}",
              course::speedup_conclusion("the two threads", speedup, given, verdict));
  course::record_figure("parallel.speedup", speedup);
  course::record_verdict("parallel", verdict, given);
}
