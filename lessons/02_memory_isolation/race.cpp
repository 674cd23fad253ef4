// RACES ON PURPOSE. Shared memory without atomics: two processes add to one
// plain long, and updates are lost, exactly as between threads (lesson 03).
//
// A loss needs both children adding at the same moment, on two cores. Alone on
// a core a million adds take about 0.2 ms, far less than one turn of the
// scheduler (a few ms), and fork often puts both children on the parent's core
// when the machine is busy: then one child did all its adds before the other
// ran, and nothing was lost. So each child adds for tens of milliseconds, long
// enough for the scheduler to spread them over two cores, and the demo says
// how long their adds really overlapped and how much CPU they got.
#include <sys/mman.h>

#include <algorithm>
#include <atomic>
#include <new>
#include <vector>

#include "course/child.hpp"
#include "course/cpu_meter.hpp"
#include "course/figures.hpp"
#include "course/log.hpp"
#include "course/verdict.hpp"
#include "lesson.hpp"

namespace {

// When one child was adding, by the steady clock, which all processes share,
// and the CPU time it got meanwhile.
struct Adding {
  course::Clock::time_point began;
  course::Clock::time_point ended;
  double cpu_seconds = 0;

  void start() {
    began = course::Clock::now();
    cpu_seconds = course::this_thread_cpu_seconds();
  }
  void stop() {
    ended = course::Clock::now();
    cpu_seconds = course::this_thread_cpu_seconds() - cpu_seconds;
  }
};

// One shared page: a start line, so that the two children begin adding at the
// same moment, the plain long they race on, and when each one added.
struct RaceTrack {
  std::atomic<int> at_start_line{0};
  long total = 0;
  Adding adding[2];
};

void wait_for_each_other(RaceTrack& track) {
  track.at_start_line.fetch_add(1);
  while (track.at_start_line.load() < 2) {
    // the adds must overlap to collide
  }
}

double milliseconds(course::Clock::duration duration) {
  return std::chrono::duration<double, std::milli>(duration).count();
}

}  // namespace

void show_cross_process_race(long millions) {
  const long adds = millions * 1'000'000;
  course::heading(fmt::format("Two processes, one shared plain long, no atomics: {} adds each", adds));
  void* memory =
      ::mmap(nullptr, sizeof(RaceTrack), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
  if (memory == MAP_FAILED) {
    throw std::bad_alloc();
  }
  auto* track = new (memory) RaceTrack;
  // volatile: every add really loads and stores memory, as it would in a bigger program.
  volatile long* total = &track->total;
  // [snippet:racy_add]
  std::vector<course::ChildProcess> children;
  for (int i = 0; i < 2; ++i) {
    children.push_back(course::ChildProcess::start([track, total, adds, i] {
      wait_for_each_other(*track);
      track->adding[i].start();
      for (long n = 0; n < adds; ++n) {
        *total = *total + 1;  // load, add, store: another process can store in between
      }
      track->adding[i].stop();  // when it added, and the CPU it got meanwhile
      return 0;
    }));
  }
  // [/snippet:racy_add]
  for (course::ChildProcess& child : children) {
    child.wait();
  }
  const long expected = 2 * adds;
  const long lost = expected - *total;
  course::say("expected {}, got {}: {} updates lost ({:.1f}%)", expected, *total, lost,
              100.0 * static_cast<double>(lost) / static_cast<double>(expected));

  const Adding& first = track->adding[0];
  const Adding& second = track->adding[1];
  const auto window = std::max(first.ended, second.ended) - std::min(first.began, second.began);
  const auto overlap = std::max(course::Clock::duration::zero(),
                                std::min(first.ended, second.ended) - std::max(first.began, second.began));
  // The CPU both got while adding (not while waiting at the start line), over the time they added.
  const double cores =
      (first.cpu_seconds + second.cpu_seconds) / std::chrono::duration<double>(window).count();
  course::say("the two children's adds overlapped for {:.0f} ms of {:.0f} ms; they got {} between them",
              milliseconds(overlap), milliseconds(window), course::cores_got_text(cores));

  const course::Given given = course::given_here(2, cores);
  const course::Verdict verdict = course::judge_race(static_cast<double>(lost), given);
  if (verdict.holds) {
    course::say("each lost update is a load and a store with the other child's store in between");
    course::say("the fix is the same as between threads: an atomic (mode 'shared') or a lock");
  } else {
    course::say(
        "0 updates lost this time: the race did not show, and a race that did not show is still a race");
    switch (verdict.reason) {
      case course::Reason::too_few_cores:
        course::say(
            "why: on one core the children take turns, and a loss needs a switch between a load and "
            "its store");
        break;
      case course::Reason::busy:
        course::say(
            "why: a busy machine; with {} between them they took turns, each long enough for all "
            "its adds",
            course::cores_got_text(cores));
        break;
      default:
        course::say("why: unclear, they had the cores; a counter-example worth a second run");
        break;
    }
    course::say("to make it show: run it again, with more adds ('race {}'), or close other programs",
                millions * 4);
  }
  course::record_figure("race.processes.lost_share",
                        static_cast<double>(lost) / static_cast<double>(expected));
  course::record_figure("race.processes.overlap_ms", milliseconds(overlap));
  course::record_verdict("race.processes", verdict, given);
  ::munmap(memory, sizeof(RaceTrack));
}
