#include <sched.h>
#include <signal.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <set>
#include <string>
#include <system_error>
#include <utility>

#include <fmt/core.h>

#include "course/cores.hpp"
#include "course/fd.hpp"
#include "course/mpi.hpp"

#ifndef COURSE_MPIEXEC
#define COURSE_MPIEXEC "mpirun"
#endif

// Built with AddressSanitizer (GCC says so with a macro, clang with __has_feature).
#if defined(__SANITIZE_ADDRESS__)
#define COURSE_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define COURSE_ASAN 1
#endif
#endif

namespace course::mpi {

bool in_a_rank() {
  return std::getenv("OMPI_COMM_WORLD_SIZE") != nullptr || std::getenv("PMI_SIZE") != nullptr;
}

namespace {

// The cores (not hardware threads) among the CPUs this process may use: Open MPI
// 4.1 gives a host one slot per core, so on a machine with two threads per core
// 4 ranks on 4 CPUs need --oversubscribe. Read from Linux's topology files;
// usable_cores() where they cannot be read.
int usable_physical_cores() {
#if defined(__linux__)
  cpu_set_t mask;
  CPU_ZERO(&mask);
  if (::sched_getaffinity(0, sizeof mask, &mask) == 0) {
    std::set<std::pair<std::string, std::string>> cores;  // (package, core) of each usable CPU
    for (int cpu = 0; cpu < CPU_SETSIZE; ++cpu) {
      if (CPU_ISSET(cpu, &mask)) {
        const std::string topology = fmt::format("/sys/devices/system/cpu/cpu{}/topology/", cpu);
        std::string package;
        std::string core;
        if (!(std::ifstream(topology + "physical_package_id") >> package) ||
            !(std::ifstream(topology + "core_id") >> core)) {
          return usable_cores();
        }
        cores.emplace(package, core);
      }
    }
    if (!cores.empty()) {
      return static_cast<int>(cores.size());
    }
  }
#endif
  return usable_cores();
}

}  // namespace

std::vector<std::string> mpirun_command(const Launch& launch) {
  std::vector<std::string> words{COURSE_MPIEXEC, "-n", std::to_string(launch.ranks)};
  const char* hostfile = std::getenv("COURSE_MPI_HOSTFILE");
  const bool on_hosts = hostfile != nullptr && *hostfile != '\0';
  if (on_hosts) {
    words.insert(words.end(), {"--hostfile", hostfile});
  }
  if (!on_hosts && launch.ranks > usable_physical_cores()) {
    words.emplace_back("--oversubscribe");
  }
  if (::geteuid() == 0) {
    words.emplace_back("--allow-run-as-root");
  }
  if (!launch.transports.empty()) {
    words.insert(words.end(), {"--mca", "btl", launch.transports});
  }
  if (launch.quiet) {
    words.emplace_back("--quiet");
  }
  words.insert(words.end(), launch.program.begin(), launch.program.end());
  return words;
}

std::string command_line(const std::vector<std::string>& words) {
  std::string line;
  for (const std::string& word : words) {
    const bool plain = word.find_first_of(" \t'\"\\$*?;&|<>()") == std::string::npos && !word.empty();
    line += line.empty() ? "" : " ";
    line += plain ? word : "'" + word + "'";
  }
  return line;
}

std::string this_program() {
  std::error_code error;
  const std::filesystem::path self = std::filesystem::read_symlink("/proc/self/exe", error);
  if (error) {
    throw std::system_error(error, "this program's path (/proc/self/exe)");
  }
  // Relative to here when it lies below, so the printed command stays short.
  const std::filesystem::path relative = self.lexically_relative(std::filesystem::current_path());
  if (!relative.empty() && *relative.begin() != "..") {
    return "./" + relative.string();
  }
  return self.string();
}

namespace {

volatile sig_atomic_t interrupted = 0;
void note_interrupt(int) {
  interrupted = 1;
}

// SIGINT and SIGTERM while mpirun runs: noted, not fatal, so that this process
// waits for mpirun to end the ranks instead of leaving it orphaned.
class SignalsNoted {
 public:
  SignalsNoted() {
    struct sigaction action {};
    action.sa_handler = note_interrupt;
    sigemptyset(&action.sa_mask);
    ::sigaction(SIGINT, &action, &old_int_);
    ::sigaction(SIGTERM, &action, &old_term_);
  }
  ~SignalsNoted() {
    ::sigaction(SIGINT, &old_int_, nullptr);
    ::sigaction(SIGTERM, &old_term_, nullptr);
  }
  SignalsNoted(const SignalsNoted&) = delete;
  SignalsNoted& operator=(const SignalsNoted&) = delete;

 private:
  struct sigaction old_int_ {};
  struct sigaction old_term_ {};
};

// Passes a line through, or keeps it when it is a report.
void take_line(const std::string& line, Outcome& outcome, const OnReport& on_report) {
  if (line.starts_with(kReportMarker)) {
    outcome.reports.push_back(line.substr(kReportMarker.size()));
    if (on_report) {
      on_report(outcome.reports.back());
    }
  } else {
    std::fwrite(line.data(), 1, line.size(), stdout);
    std::fputc('\n', stdout);
    std::fflush(stdout);
  }
}

}  // namespace

Outcome run(const Launch& launch, const OnReport& on_report) {
  const std::vector<std::string> words = mpirun_command(launch);
  fmt::print("$ {}\n", command_line(words));
  std::fflush(stdout);

  Pipe output = make_pipe();
  interrupted = 0;
  SignalsNoted signals_noted;
  ChildProcess mpirun = ChildProcess::start([&] {
    ::signal(SIGINT, SIG_DFL);
    ::signal(SIGTERM, SIG_DFL);
    // The ranks write to mpirun, which gives them a terminal of its own: tell
    // them whether the lines end on a real one (course/log.hpp, and GoogleTest
    // for the tests that run as ranks, colour only there).
    if (::isatty(STDOUT_FILENO) == 0) {
      ::setenv("NO_COLOR", "1", 1);
      ::setenv("GTEST_COLOR", "no", 1);
    }
#ifdef COURSE_ASAN
    // In the ranks, LeakSanitizer would report Open MPI's own memory, kept to
    // the end by design, much of it from plugins unloaded before the check (no
    // frame can be named, so no suppression can match). AddressSanitizer's
    // checks of every access, and UBSan's, still run.
    const char* asan_options = std::getenv("ASAN_OPTIONS");
    ::setenv("ASAN_OPTIONS", (std::string(asan_options ? asan_options : "") + ":detect_leaks=0").c_str(), 1);
#endif
    ::dup2(output.write_end.get(), STDOUT_FILENO);
    std::vector<char*> argv;
    for (const std::string& word : words) {
      argv.push_back(const_cast<char*>(word.c_str()));
    }
    argv.push_back(nullptr);
    ::execvp(argv[0], argv.data());
    fmt::print(stderr, "could not start {}: {}\n", words[0], std::strerror(errno));
    return 127;
  });
  output.write_end.reset();

  Outcome outcome;
  std::string pending;
  char buffer[4096];
  for (;;) {
    const ssize_t got = ::read(output.read_end.get(), buffer, sizeof buffer);
    if (got < 0 && errno == EINTR) {
      continue;  // Ctrl-C: mpirun has it too, and ends the ranks; keep reading until it closes
    }
    if (got <= 0) {
      break;
    }
    pending.append(buffer, static_cast<std::size_t>(got));
    for (std::size_t end = pending.find('\n'); end != std::string::npos; end = pending.find('\n')) {
      take_line(pending.substr(0, end), outcome, on_report);
      pending.erase(0, end + 1);
    }
  }
  if (!pending.empty()) {
    take_line(pending, outcome, on_report);
  }
  outcome.status = mpirun.wait();
  outcome.interrupted = interrupted != 0;
  return outcome;
}

}  // namespace course::mpi
