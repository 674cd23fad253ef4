// CPU-bound work done twice: once in one process, once split over N processes.
// Each child sends its answer and its own start/end times back through a pipe.
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <stdexcept>
#include <string>
#include <system_error>
#include <vector>

#include "course/conclusion.hpp"
#include "course/cores.hpp"
#include "course/cpu_meter.hpp"
#include "course/cpu_work.hpp"
#include "course/figures.hpp"
#include "course/load.hpp"
#include "course/log.hpp"
#include "course/timeline.hpp"
#include "course/verdict.hpp"
#include "lesson.hpp"

namespace {

// Primes are counted in [kFirst, kFirst + kWidth): every number costs a few
// thousand divisions, so equal slices cost about the same.
constexpr std::uint64_t kFirst = 1'000'000'000;
constexpr std::uint64_t kWidth = 400'000;

struct Slice {
  std::uint64_t begin;
  std::uint64_t end;
};

std::vector<Slice> split(int parts) {
  std::vector<Slice> slices;
  for (int i = 0; i < parts; ++i) {
    slices.push_back({kFirst + kWidth * i / parts, kFirst + kWidth * (i + 1) / parts});
  }
  return slices;
}

std::string read_until_eof(int fd) {
  std::string text;
  char buffer[256];
  ssize_t n = 0;
  while ((n = ::read(fd, buffer, sizeof buffer)) > 0) {
    text.append(buffer, static_cast<std::size_t>(n));
  }
  return text;
}

std::uint64_t run_sequentially(const std::vector<Slice>& slices, course::Timeline& timeline) {
  std::uint64_t primes = 0;
  for (std::size_t i = 0; i < slices.size(); ++i) {
    const auto measured = timeline.measure(fmt::format("slice {}", i + 1));
    primes += course::count_primes(slices[i].begin, slices[i].end);
  }
  return primes;
}

// [snippet:one_process_per_slice]
std::uint64_t run_in_processes(const std::vector<Slice>& slices, course::Timeline& timeline) {
  struct Running {
    pid_t pid;
    int answer_fd;  // read end of the pipe the child writes its answer to
  };
  std::vector<Running> children;
  for (std::size_t i = 0; i < slices.size(); ++i) {
    int ends[2];
    if (::pipe(ends) != 0) {
      throw std::system_error(errno, std::generic_category(), "pipe");
    }
    std::fflush(stdout);
    const pid_t pid = ::fork();
    if (pid == 0) {
      ::close(ends[0]);
      const auto start = course::Clock::now();
      const std::uint64_t primes = course::count_primes(slices[i].begin, slices[i].end);
      const course::Span span{fmt::format("slice {}", i + 1), "", start, course::Clock::now()};
      const std::string answer = fmt::format("{}\n{}", primes, course::Timeline::encode(span));
      // One write is enough here: a blocking write to a pipe completes in full
      // unless a signal handler interrupts it (POSIX), and this program
      // installs none. Lesson 07 writes the loop that general code needs.
      ::write(ends[1], answer.data(), answer.size());
      ::_exit(0);
    }
    ::close(ends[1]);
    children.push_back({pid, ends[0]});
  }
  // Every child is running now; collect the answers in order.
  std::uint64_t primes = 0;
  for (const Running& child : children) {
    const std::string answer = read_until_eof(child.answer_fd);
    ::close(child.answer_fd);
    ::waitpid(child.pid, nullptr, 0);
    const auto newline = answer.find('\n');
    primes += std::stoull(answer.substr(0, newline));
    timeline.add(course::Timeline::decode(answer.substr(newline + 1)));
  }
  return primes;
}
// [/snippet:one_process_per_slice]

}  // namespace

void compare_speedup(int processes) {
  const int cores = course::usable_cores();
  course::heading(fmt::format("Counting primes: one process, then {} processes ({} here, load average {})",
                              processes, course::cores_text(cores),
                              course::load_text(course::load_average())));
  const std::vector<Slice> slices = split(processes);

  course::Timeline sequential_timeline;
  const course::CpuMeter sequential_meter;
  const std::uint64_t sequential_primes = run_sequentially(slices, sequential_timeline);
  const course::CpuUse sequential = sequential_meter.read();
  course::say("one process:     {} primes in {:.2f} s; it got {}", sequential_primes, sequential.wall_seconds,
              course::cores_got_text(sequential.cores()));

  course::Timeline parallel_timeline;
  // The children's CPU time counts once they are reaped, which run_in_processes does.
  const course::CpuMeter parallel_meter;
  const std::uint64_t parallel_primes = run_in_processes(slices, parallel_timeline);
  const course::CpuUse used = parallel_meter.read();
  course::say("{} processes:    {} primes in {:.2f} s; they got {} between them", processes, parallel_primes,
              used.wall_seconds, course::cores_got_text(used.cores()));

  fmt::print("\nOne process, slice after slice:\n{}", sequential_timeline.render());
  fmt::print("\n{} processes at once (each child timed itself):\n{}", processes, parallel_timeline.render());
  const double speedup = sequential.wall_seconds / used.wall_seconds;
  fmt::print("\nspeedup: {:.2f}x with {} processes on {} (ideal: {}x)\n", speedup, processes,
             course::cores_text(cores), std::min(processes, cores));
  const course::Given given = course::given_here(processes, used.cores());
  const course::Verdict verdict = course::judge_speedup(speedup, given);
  fmt::print("{}\n",
             course::speedup_conclusion(fmt::format("the {} processes", processes), speedup, given, verdict));
  fmt::print("Python's multiprocessing.Pool on 2 cores (course notes): 1.88x\n");
  course::record_figure("processes.speedup", speedup);
  course::record_verdict("processes", verdict, given);
  if (sequential_primes != parallel_primes) {
    throw std::runtime_error("the two runs disagree: a slice was lost");
  }
}
