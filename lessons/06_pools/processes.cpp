// A process pool on CPU-bound work: the same blocks of primes counted by one
// process, then by a pool of worker processes.

#include <cstdint>
#include <stdexcept>
#include <vector>

#include <fmt/ranges.h>

#include "course/cores.hpp"
#include "course/cpu_work.hpp"
#include "course/log.hpp"
#include "lesson.hpp"
#include "process_pool.hpp"

namespace {

constexpr std::uint64_t kFirst = 1'000'000'000;
constexpr std::uint64_t kBlockWidth = 25'000;  // ~90 ms of work at -O2
constexpr std::uint64_t kBlocks = 16;

std::uint64_t primes_in_block(std::uint64_t block) {
  return course::count_primes(kFirst + block * kBlockWidth, kFirst + (block + 1) * kBlockWidth);
}

}  // namespace

void show_process_pool_speedup(int workers) {
  const int cores = course::usable_cores();
  course::heading(fmt::format("{} blocks of primes: one process, then a pool of {} ({} here)", kBlocks,
                              workers, course::cores_text(cores)));
  std::vector<std::uint64_t> blocks;
  for (std::uint64_t block = 0; block < kBlocks; ++block) {
    blocks.push_back(block);
  }
  // [snippet:pool_map]
  ProcessPool pool(workers, primes_in_block);  // fork first, before any thread exists
  auto start = course::Clock::now();
  const std::vector<std::uint64_t> pooled = pool.map(blocks);
  const double pool_seconds = course::seconds_since(start);
  // [/snippet:pool_map]

  start = course::Clock::now();
  std::vector<std::uint64_t> sequential;
  for (const std::uint64_t block : blocks) {
    sequential.push_back(primes_in_block(block));
  }
  const double sequential_seconds = course::seconds_since(start);

  course::say("one process:      {:.2f} s", sequential_seconds);
  course::say("pool of {}:        {:.2f} s (workers: PIDs {})", workers, pool_seconds,
              fmt::join(pool.pids(), ", "));
  fmt::print("\nspeedup: {:.2f}x with {} workers on {}\n", sequential_seconds / pool_seconds, workers,
             course::cores_text(cores));
  fmt::print("Python's multiprocessing.Pool on 2 cores (course notes): 3.44 s -> 1.83 s, 1.88x\n");
  if (pooled != sequential) {
    throw std::runtime_error("the pool's answers differ from the sequential ones");
  }
}
