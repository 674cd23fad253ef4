#pragma once
// Lesson 12's programs run as MPI ranks: copies of one program, started by
// mpirun, that share no memory and talk only through messages.
//
// Each of them also starts itself. Run by hand (or by ctest), it is "the
// launcher": it prints the exact mpirun command, runs it, and passes the
// ranks' output through. Run by mpirun, it is a rank. So
// `lesson12_distributed hello` works as every other lesson's demo does, and an
// instructor can copy the printed command to run it by hand, or on a lab's
// machines with a hostfile.
//
// The launcher makes no MPI call: it only builds a command line and reads
// lines. The ranks' side (course::mpi::Session and the functions after it)
// needs <mpi.h>, and is declared in course/mpi_rank.hpp.

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "course/child.hpp"

namespace course::mpi {

// True in a process started by mpirun: Open MPI sets OMPI_COMM_WORLD_SIZE in
// each rank's environment, MPICH and most others PMI_SIZE.
bool in_a_rank();

struct Launch {
  int ranks = 2;
  std::vector<std::string> program{};  // the program and its arguments, run by every rank
  std::string transports{};  // --mca btl VALUE when set: "self,tcp" (TCP even on one host), "self,vader"
  bool quiet = false;        // --quiet: no banner when a rank ends on purpose with an error
};

// The mpirun command for `launch`:
//   -n RANKS
//   --oversubscribe       when RANKS exceeds the cores (not hardware threads) this process may use (Open MPI
//                         refuses to start more ranks than cores without it)
//   --allow-run-as-root   only when running as root (Open MPI refuses root without it)
//   --hostfile FILE       when COURSE_MPI_HOSTFILE names one: ranks on the machines it lists
//   --mca btl TRANSPORTS  when transports is set (Open MPI's byte transfer layers)
//   --quiet               when quiet
std::vector<std::string> mpirun_command(const Launch& launch);

// The command as one line a shell would run.
std::string command_line(const std::vector<std::string>& words);

// The path of this program, for a Launch that runs it again as ranks.
std::string this_program();

// A line a rank writes for the launcher rather than for the screen.
inline constexpr std::string_view kReportMarker = "@course ";

struct Outcome {
  ExitStatus status;
  std::vector<std::string> reports;  // the ranks' report lines, marker removed, in arrival order
  bool interrupted = false;          // Ctrl-C arrived while mpirun ran
};

// Prints "$ mpirun ...", runs it, and passes its output through, line by line,
// except the report lines, which it keeps, and hands to `on_report` as each
// arrives (e.g. to see a deadlock while the ranks still hang). Ctrl-C reaches
// mpirun (it is in this process's group), which ends every rank; run() waits
// for that, then returns with `interrupted` set.
using OnReport = std::function<void(const std::string& report)>;
Outcome run(const Launch& launch, const OnReport& on_report = {});

}  // namespace course::mpi
