// A process pool on CPU-bound work: the same blocks of primes counted by one
// process, then by a pool of worker processes.

#include <sys/types.h>

#include <cstdint>
#include <stdexcept>
#include <vector>

#include <fmt/ranges.h>

#include "course/conclusion.hpp"
#include "course/cores.hpp"
#include "course/cpu_meter.hpp"
#include "course/cpu_work.hpp"
#include "course/load.hpp"
#include "course/log.hpp"
#include "course/verdict.hpp"
#include "lesson.hpp"
#include "process_pool.hpp"

namespace {

constexpr std::uint64_t kFirst = 1'000'000'000;
constexpr std::uint64_t kBlockWidth = 25'000;  // ~90 ms of work at -O2
constexpr std::uint64_t kBlocks = 16;

std::uint64_t primes_in_block(std::uint64_t block) {
  return course::count_primes(kFirst + block * kBlockWidth, kFirst + (block + 1) * kBlockWidth);
}

struct PoolRun {
  std::vector<std::uint64_t> results;
  double seconds;  // for map() alone
  std::vector<pid_t> pids;
};

// The pool is made and destroyed in here, so that its workers are reaped, and
// their CPU time counted, by the time it returns.
PoolRun run_pool(int workers, const std::vector<std::uint64_t>& blocks) {
  // [snippet:pool_map]
  ProcessPool pool(workers, primes_in_block);  // fork first, before any thread exists
  auto start = course::Clock::now();
  const std::vector<std::uint64_t> pooled = pool.map(blocks);
  const double pool_seconds = course::seconds_since(start);
  // [/snippet:pool_map]
  return {pooled, pool_seconds, pool.pids()};
}

}  // namespace

void show_process_pool_speedup(int workers) {
  const int cores = course::usable_cores();
  course::heading(
      fmt::format("{} blocks of primes: one process, then a pool of {} ({} here, load average {})", kBlocks,
                  workers, course::cores_text(cores), course::load_text(course::load_average())));
  std::vector<std::uint64_t> blocks;
  for (std::uint64_t block = 0; block < kBlocks; ++block) {
    blocks.push_back(block);
  }
  // The workers wait in read() between tasks, so nearly all their CPU time is map()'s.
  const course::CpuMeter pool_meter;
  const PoolRun pooled = run_pool(workers, blocks);
  const double pool_cores = pool_meter.cpu_seconds() / pooled.seconds;

  const course::CpuMeter sequential_meter;
  std::vector<std::uint64_t> sequential;
  for (const std::uint64_t block : blocks) {
    sequential.push_back(primes_in_block(block));
  }
  const course::CpuUse one_process = sequential_meter.read();

  course::say("one process:      {:.2f} s; it got {}", one_process.wall_seconds,
              course::cores_got_text(one_process.cores()));
  course::say("pool of {}:        {:.2f} s; the workers got {} between them (PIDs {})", workers,
              pooled.seconds, course::cores_got_text(pool_cores), fmt::join(pooled.pids, ", "));
  const double speedup = one_process.wall_seconds / pooled.seconds;
  fmt::print("\nspeedup: {:.2f}x with {} workers on {}\n", speedup, workers, course::cores_text(cores));
  const course::Given given = course::given_here(workers, pool_cores);
  fmt::print("{}\n", course::speedup_conclusion(fmt::format("the {} workers", workers), speedup, given,
                                                course::judge_speedup(speedup, given)));
  fmt::print("Python's multiprocessing.Pool on 2 cores (course notes): 3.44 s -> 1.83 s, 1.88x\n");
  if (pooled.results != sequential) {
    throw std::runtime_error("the pool's answers differ from the sequential ones");
  }
}
