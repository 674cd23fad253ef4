// RACES ON PURPOSE: torn reads. A writer keeps setting a two-word struct to
// {i, i}; a reader reads it and checks that both halves agree. Each aligned
// 8-byte word is read and written whole on x86-64 and on ARM64, but the two
// words are two accesses: the reader can get a from one write and b from the
// next. In C++ this is a data race (undefined behaviour), so the plain Pair is
// only read through `volatile`, which keeps each access but orders nothing.
// std::atomic<Pair> makes the whole struct one access. With g++ on x86-64 it
// is a call into libatomic: lock cmpxchg16b where the CPU has it, a lock where
// not; is_lock_free() is false in both cases (GCC does not count a 16-byte
// load done by a compare-and-swap, which writes the line, as lock-free).
#include <atomic>
#include <stdexcept>
#include <thread>

#include "course/conclusion.hpp"
#include "course/cpu_meter.hpp"
#include "course/figures.hpp"
#include "course/log.hpp"
#include "course/verdict.hpp"
#include "lesson.hpp"

namespace {

// [snippet:pair]
struct Pair {
  long a = 0;
  long b = 0;  // a == b in every Pair the writer writes
};
// [/snippet:pair]

constexpr long kReads = 2'000'000;

struct Reading {
  long torn = 0;
  double wall_seconds = 0;
  double cores = 0;
};

// The writer writes {i, i} until the reader has read kReads times.
// `write(i)` and `read()` are the two ways of touching the pair.
template <typename Write, typename Read>
Reading read_while_written(Write write, Read read) {
  std::atomic<bool> done{false};
  std::atomic<bool> writing{false};
  double writer_cpu = 0;
  double writer_wall = 0;
  Reading result;
  std::jthread writer([&] {
    const auto start = course::Clock::now();
    const double at_start = course::this_thread_cpu_seconds();
    writing.store(true);
    for (long i = 1; !done.load(std::memory_order_relaxed); ++i) {
      write(i);
    }
    writer_cpu = course::this_thread_cpu_seconds() - at_start;
    writer_wall = course::seconds_since(start);
  });
  while (!writing.load()) {
    std::this_thread::yield();
  }
  const auto start = course::Clock::now();
  const double at_start = course::this_thread_cpu_seconds();
  for (long r = 0; r < kReads; ++r) {
    const Pair seen = read();
    result.torn += seen.a != seen.b ? 1 : 0;
  }
  const double reader_cpu = course::this_thread_cpu_seconds() - at_start;
  result.wall_seconds = course::seconds_since(start);
  done.store(true);
  writer.join();
  // What each thread got while it ran: the reader reads for a few milliseconds,
  // the writer writes for all of that and a little more.
  result.cores = reader_cpu / result.wall_seconds + (writer_wall > 0 ? writer_cpu / writer_wall : 0);
  return result;
}

}  // namespace

void show_torn_reads() {
  course::heading("Torn reads: a two-word struct written as {i, i} while another thread reads it");
  // volatile keeps every access in the loop (without it, g++ -O2 may read
  // the pair once); it makes nothing atomic and orders nothing.
  // [snippet:torn_plain]
  volatile Pair plain;
  const Reading torn = read_while_written(
      [&](long i) {
        plain.a = i;  // two stores...
        plain.b = i;
      },
      [&] {
        return Pair{plain.a, plain.b};
      });  // ...and two loads: another store may come between
  // [/snippet:torn_plain]
  course::say("plain Pair ({} bytes):        {:>8} of {} reads had mixed halves; the threads got {}",
              sizeof(Pair), torn.torn, kReads, course::cores_got_text(torn.cores));

  // [snippet:torn_atomic]
  std::atomic<Pair> whole{Pair{}};
  const Reading atomic = read_while_written(
      [&](long i) {
        whole.store(Pair{i, i});
      },
      [&] { return whole.load(); });
  // [/snippet:torn_atomic]
  course::say("std::atomic<Pair> ({} bytes): {:>8} of {} reads had mixed halves; the threads got {}",
              sizeof(whole), atomic.torn, kReads, course::cores_got_text(atomic.cores));
  if (atomic.torn != 0) {
    throw std::logic_error("std::atomic<Pair> gave a torn read, which C++ forbids");
  }
  const bool lock_free = whole.is_lock_free();
  course::say("std::atomic<Pair>::is_lock_free() = {}, is_always_lock_free = {}", lock_free,
              std::atomic<Pair>::is_always_lock_free);
  if (lock_free) {
    course::say("here a 16-byte access exists (a single instruction): no lock, and still never torn");
  } else {
    course::say("not lock-free, by the implementation's word: each load and store is a call into libatomic");
    course::say("(lock cmpxchg16b where the CPU has it, a lock where not). Never torn, but a load writes");
    course::say("the cache line, as a store does");
  }
  course::say("reading it whole took about {:.0f} ns a read, against {:.1f} ns for the two plain words",
              atomic.wall_seconds * 1e9 / kReads, torn.wall_seconds * 1e9 / kReads);

  const course::Given given = course::given_here(2, torn.cores);
  const course::Verdict verdict = course::judge_race(static_cast<double>(torn.torn), given);
  if (verdict.holds) {
    course::say("{} torn reads: a struct of two words is two accesses, whatever each word's size", torn.torn);
  } else {
    course::say("no torn read this time, and the race is still there: {}", course::reason_sentence(verdict));
  }
  course::record_figure("torn.plain", static_cast<double>(torn.torn));
  course::record_figure("torn.atomic", static_cast<double>(atomic.torn));
  course::record_figure("torn.reads", static_cast<double>(kReads));
  course::record_figure("torn.lock_free", lock_free ? 1 : 0);
  course::record_verdict("torn", verdict, given);
}
