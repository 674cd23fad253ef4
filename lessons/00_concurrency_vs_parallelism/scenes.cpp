// The lesson's three scenes: one core, two cores, and both drawn on one chart.
#include <string>
#include <string_view>
#include <thread>

#include "course/cores.hpp"
#include "course/figures.hpp"
#include "course/log.hpp"
#include "lesson.hpp"

using namespace std::chrono_literals;

namespace {

void say_cores() {
  const int cores = course::usable_cores();
  course::say("this machine has {} cores; this process may use {}", std::thread::hardware_concurrency(),
              cores);
  if (cores < 2) {
    course::say("with one core there is no parallelism to show: the two-core run will interleave too");
  }
}

void report(const course::Timeline& timeline, const std::string& run, std::chrono::duration<double> took) {
  const auto both = time_both_ran(timeline, run + " A", run + " B");
  course::say("{}: {:.0f} ms in all; A and B were both running for {:.0f} ms of it", run, took.count() * 1000,
              both.count() * 1000);
}

void show_one_run(std::string_view title, const std::string& run, bool one_core) {
  course::heading(title);
  say_cores();
  course::Timeline timeline;
  const auto took = run_two_tasks(timeline, run, one_core);
  fmt::print("\n{}\n", timeline.render(100));
  report(timeline, run, took);
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
  const auto one_core = run_two_tasks(timeline, "1 core", true);
  std::this_thread::sleep_for(10ms);  // a visible gap between the two runs
  const auto all_cores = run_two_tasks(timeline, "all cores", false);
  fmt::print("\n{}\n", timeline.render(100));
  report(timeline, "1 core", one_core);
  report(timeline, "all cores", all_cores);
  if (course::usable_cores() >= 2) {
    course::say(
        "one core: concurrency, the tasks take turns. All cores: parallelism, they overlap: {:.1f}x faster",
        one_core / all_cores);
  } else {
    course::say("one core only: both runs took turns ({:.1f}x). Try it on a machine with two cores or more",
                one_core / all_cores);
  }
  course::record_figure("parallel.speedup", one_core / all_cores);
}
