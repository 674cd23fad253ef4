// Message passing: a payload written, then a flag set; the reader waits for
// the flag, then reads the payload. The payload is a plain int, as real data
// is (a struct, a buffer): only the flag is atomic.
//
// Who guarantees what:
//   - C++: with a release store of the flag and an acquire load that sees it,
//     the payload's write happens-before its read: the reader sees 42. With
//     relaxed, nothing orders them: the plain payload is then a data race,
//     which is undefined behaviour, whatever the hardware does.
//   - x86-TSO: stores become visible in program order, and loads are not
//     reordered with other loads, so a relaxed flag still "works" at run time
//     (unless the compiler moves the code, which relaxed allows it to do).
//   - ARM (Apple's M chips, AWS Graviton, phones): stores may become visible
//     out of order and loads may run early; a relaxed flag can be seen before
//     the payload, and the reader reads a stale value. (Apple's chips have an
//     x86-like mode that Rosetta 2 turns on for translated x86 programs.)
#include <atomic>
#include <stdexcept>
#include <thread>
#include <vector>

#include "course/cpu_meter.hpp"
#include "course/log.hpp"
#include "lesson.hpp"
#include "rendezvous.hpp"

namespace {

using lesson10::PairRun;

template <std::memory_order Store, std::memory_order Load>
PairRun count_stale_payloads(long rounds) {
  std::vector<int> payload(static_cast<std::size_t>(rounds));  // plain ints: only the flags are atomic
  std::vector<std::atomic<bool>> ready(static_cast<std::size_t>(rounds));
  lesson10::Rendezvous line_up;
  lesson10::RoundBudget budget(rounds, 4);  // seconds: on a busy machine every round waits for a core
  long rounds_run = 0;
  long stale = 0;
  double cpu[2] = {0, 0};
  const auto start = course::Clock::now();
  {
    std::jthread writer([&] {
      const double at_start = course::this_thread_cpu_seconds();
      for (long i = 0; i < rounds; ++i) {
        const auto k = static_cast<std::size_t>(i);
        budget.look_at_the_clock(i);
        line_up.arrive_and_wait(0, i);
        if (budget.over(i)) {
          break;
        }
        // [snippet:message_writer]
        payload[k] = 42;              // the message: plain data
        ready[k].store(true, Store);  // then the flag (release: publishes the payload)
        // [/snippet:message_writer]
        rounds_run = i + 1;
      }
      cpu[0] = course::this_thread_cpu_seconds() - at_start;
    });
    std::jthread reader([&] {
      const double at_start = course::this_thread_cpu_seconds();
      for (long i = 0; i < rounds; ++i) {
        const auto k = static_cast<std::size_t>(i);
        line_up.arrive_and_wait(1, i);
        if (budget.over(i)) {
          break;
        }
        // [snippet:message_reader]
        while (!ready[k].load(Load)) {  // acquire: once it sees true, it sees the payload
          lesson10::pause_briefly();
        }
        if (payload[k] != 42) {
          ++stale;  // the flag came through before the payload
        }
        // [/snippet:message_reader]
      }
      cpu[1] = course::this_thread_cpu_seconds() - at_start;
    });
  }
  PairRun run;
  run.count = stale;
  run.rounds = rounds_run;
  run.wall_seconds = course::seconds_since(start);
  run.cpu_seconds = cpu[0] + cpu[1];
  return run;
}

constexpr const char* kArchitecture =
#if defined(__x86_64__) || defined(__i386__)
    "x86";
#elif defined(__aarch64__) || defined(__arm__)
    "ARM";
#else
    "other";
#endif

}  // namespace

void show_message_passing(long rounds, bool relaxed) {
  const char* orders = relaxed ? "relaxed store, relaxed load" : "release store, acquire load";
  course::heading(
      fmt::format("Message passing: payload = 42, then the flag ({}), {} rounds", orders, rounds));
  const PairRun run =
      relaxed ? count_stale_payloads<std::memory_order_relaxed, std::memory_order_relaxed>(rounds)
              : count_stale_payloads<std::memory_order_release, std::memory_order_acquire>(rounds);
  course::say(
      "the reader saw the flag and a stale payload {} times in {} rounds ({:.2f} s; the threads got {})",
      run.count, run.rounds, run.wall_seconds, course::cores_got_text(run.cores()));
  if (run.rounds < rounds) {
    course::say("(the time was up after {} of {} rounds: on a busy machine each round waits for a core)",
                run.rounds, rounds);
  }
  if (!relaxed) {
    if (run.count != 0) {
      throw std::logic_error("release/acquire let the reader see a stale payload, which C++ forbids");
    }
    course::say("0, as C++ promises: the release store and the acquire load that sees it order the payload");
    course::say("ThreadSanitizer agrees: build/tsan/lesson10_atomics message 1000 is quiet");
    return;
  }
  if (run.count == 0) {
    course::say("0 on this {} machine, and that proves nothing: the payload is a plain int, so this is a",
                kArchitecture);
    course::say(
        "data race, undefined behaviour in C++. It hid because x86-TSO keeps stores in order and loads");
    course::say("in order; ARM keeps neither, and there the reader can see the flag before the payload.");
  } else {
    course::say("{} stale payloads: this {} machine made the flag visible before the payload", run.count,
                kArchitecture);
  }
  course::say("ThreadSanitizer reports it every time: build/tsan/lesson10_atomics message-relaxed 1000");
}
