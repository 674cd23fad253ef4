// Scene 1: ranks are processes that share nothing, as in lesson 01; MPI gives
// each a name (its rank) and a way to find the others (the communicator).
#include <unistd.h>

#include <array>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

#include "course/log.hpp"
#include "course/mpi_rank.hpp"
#include "lesson.hpp"
#include "ranks.hpp"

namespace {

struct Identity {
  int pid = 0;
  std::array<char, MPI_MAX_PROCESSOR_NAME> host{};
};

void hello_as_a_rank() {
  const course::mpi::Session mpi;
  Identity me{.pid = static_cast<int>(::getpid())};
  int host_length = 0;
  MPI_Get_processor_name(me.host.data(), &host_length);
  course::say("I am rank {} of {}: pid {}, on host {}", mpi.rank(), mpi.size(), me.pid, me.host.data());

  // Rank 0 collects every rank's identity: the first collective of the lesson.
  // [snippet:gather]
  std::vector<Identity> everyone(static_cast<std::size_t>(mpi.size()));
  MPI_Gather(&me, sizeof me, MPI_BYTE, everyone.data(), sizeof me, MPI_BYTE, 0, MPI_COMM_WORLD);
  // [/snippet:gather]
  if (mpi.rank() == 0) {
    std::set<int> pids;
    std::set<std::string> hosts;
    for (const Identity& rank : everyone) {
      pids.insert(rank.pid);
      hosts.insert(rank.host.data());
    }
    course::mpi::report("hello ranks={} pids={} hosts={}", everyone.size(), pids.size(), hosts.size());
  }
}

}  // namespace

void show_hello(int ranks) {
  if (course::mpi::in_a_rank()) {
    hello_as_a_rank();
    return;
  }
  course::heading(fmt::format("{} ranks say who they are", ranks));
  const course::mpi::Outcome outcome = launch_ranks(ranks, {"hello", std::to_string(ranks)});
  if (!outcome.status.ok() || outcome.reports.size() != 1) {
    throw std::runtime_error("mpirun " + outcome.status.describe() + ", without rank 0's summary");
  }
  const std::string& summary = outcome.reports.front();
  course::say("rank 0 gathered {:.0f} identities: {:.0f} different PIDs on {:.0f} host(s)",
              report_value(summary, "ranks"), report_value(summary, "pids"), report_value(summary, "hosts"));
  course::say("{:.0f} processes, one program: each has its own memory, and knows the others only by rank",
              report_value(summary, "pids"));
}
