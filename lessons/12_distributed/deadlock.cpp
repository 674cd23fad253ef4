// Scene 4: a deadlock between processes. Two ranks each send first, then
// receive. MPI_Send may return before the message is received (Open MPI copies
// a small one into a buffer at the receiver: "eager"), or may wait until the
// receiver has posted its receive; the MPI standard allows both. So the same
// code works for 1 KiB and hangs for 1 MiB.
#include <cstdlib>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

#include "course/demo.hpp"
#include "course/log.hpp"
#include "course/mpi_rank.hpp"
#include "lesson.hpp"
#include "ranks.hpp"
#include "watch.hpp"

namespace {

void send_then_receive(int rank, std::size_t bytes, BlockingCallWatch::OnStuck on_stuck) {
  const int other = 1 - rank;
  std::vector<char> mine(bytes, 'x');
  std::vector<char> theirs(bytes);
  const int count = static_cast<int>(bytes);
  const std::string size = bytes_text(bytes);
  // [snippet:send_then_receive]
  {
    const BlockingCallWatch watch("MPI_Send of " + size, rank, other, on_stuck);
    MPI_Send(mine.data(), count, MPI_CHAR, other, 0, MPI_COMM_WORLD);
  }
  // Both ranks sent first: a send returned with no receive posted.
  course::say("{}: my MPI_Send returned before my own MPI_Recv", size);
  MPI_Recv(theirs.data(), count, MPI_CHAR, other, 0, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
  // [/snippet:send_then_receive]
}

void deadlock_as_a_rank(bool hang) {
  const course::mpi::Session mpi;
  if (mpi.size() != 2) {
    throw std::runtime_error("the deadlock needs exactly 2 ranks");
  }
  send_then_receive(mpi.rank(), 1 << 10, BlockingCallWatch::OnStuck::exit);
  MPI_Barrier(MPI_COMM_WORLD);
  send_then_receive(mpi.rank(), 1 << 20,
                    hang ? BlockingCallWatch::OnStuck::hang : BlockingCallWatch::OnStuck::exit);
}

// The ranks' "waiting rank=R for=P" reports: a cycle among them is a deadlock.
class WaitForGraph {
 public:
  void add(const std::string& report) {
    if (report.starts_with("waiting ")) {
      waits_for_[static_cast<int>(report_value(report, "rank"))] =
          static_cast<int>(report_value(report, "for"));
    }
  }
  // The ranks of a cycle, in order, or nothing.
  std::vector<int> cycle() const {
    for (const auto& [start, first] : waits_for_) {
      std::vector<int> path{start};
      for (auto next = waits_for_.find(first); next != waits_for_.end();
           next = waits_for_.find(next->second)) {
        if (next->first == start) {
          return path;
        }
        if (path.size() > waits_for_.size()) {
          break;
        }
        path.push_back(next->first);
      }
    }
    return {};
  }

 private:
  std::map<int, int> waits_for_;
};

void say_deadlock(const std::vector<int>& cycle) {
  course::say("DEADLOCK between processes: a cycle of waits");
  for (std::size_t i = 0; i < cycle.size(); ++i) {
    course::say("  rank {} → waits in MPI_Send for rank {} to receive", cycle[i],
                cycle[(i + 1) % cycle.size()]);
  }
  course::say(
      "each is in its own send, so neither will reach its receive. Above Open MPI's eager limit, MPI_Send");
  course::say("waits for the matching receive. Fixes: ./course run 12 sendrecv, ./course run 12 nonblocking");
}

}  // namespace

void show_send_send_deadlock(bool hang) {
  if (course::mpi::in_a_rank()) {
    deadlock_as_a_rank(hang);
    return;
  }
  course::heading("Two ranks send first, then receive: 1 KiB, then 1 MiB");
  WaitForGraph graph;
  bool told = false;
  std::vector<std::string> words{"deadlock"};
  if (hang) {
    words.emplace_back("--hang");
  }
  // --quiet: the rank that ends the deadlock would otherwise bring mpirun's "job aborted" banner.
  const course::mpi::Outcome outcome =
      launch_ranks(2, words, {.quiet = true}, [&](const std::string& report) {
        graph.add(report);
        if (!told && !graph.cycle().empty()) {
          say_deadlock(graph.cycle());
          told = true;
        }
      });
  if (told) {
    course::say("to keep the ranks hung for a debugger: ./course run 12 deadlock --hang");
    std::exit(course::kDeadlockExitCode);
  }
  throw std::runtime_error("the 1 MiB exchange did not deadlock (mpirun " + outcome.status.describe() +
                           "): this MPI buffered 1 MiB sends");
}
