// Scene 2: what a message costs. Two ranks bounce messages of 8 B to 8 MiB,
// over Open MPI's shared-memory transport, then over TCP; side by side with
// lesson 07's two ways between processes (ping_pong_local.cpp).
#include <algorithm>
#include <cstddef>
#include <stdexcept>
#include <string>
#include <vector>

#include "course/conclusion.hpp"
#include "course/figures.hpp"
#include "course/log.hpp"
#include "course/mpi_rank.hpp"
#include "course/verdict.hpp"
#include "lesson.hpp"
#include "ping_pong.hpp"
#include "ranks.hpp"

namespace {

void ping_pong_as_a_rank() {
  const course::mpi::Session mpi;
  if (mpi.size() != 2) {
    throw std::runtime_error("ping-pong needs exactly 2 ranks");
  }
  const int other = 1 - mpi.rank();
  std::vector<char> message(8 << 20, 'x');
  const auto bounce = [&](int count, int round_trips) {
    // [snippet:ping_pong]
    for (int trip = 0; trip < round_trips; ++trip) {
      if (mpi.rank() == 0) {  // ping, then wait for the pong
        MPI_Send(message.data(), count, MPI_CHAR, other, 0, MPI_COMM_WORLD);
        MPI_Recv(message.data(), count, MPI_CHAR, other, 0, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
      } else {  // the mirror image
        MPI_Recv(message.data(), count, MPI_CHAR, other, 0, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
        MPI_Send(message.data(), count, MPI_CHAR, other, 0, MPI_COMM_WORLD);
      }
    }
    // [/snippet:ping_pong]
  };
  for (const std::size_t size : message_sizes()) {
    const int count = static_cast<int>(size);
    MPI_Barrier(MPI_COMM_WORLD);
    const double warm_up_started = MPI_Wtime();
    bounce(count, kWarmUpTrips);
    // Rank 0 decides how many round trips to time, and tells the other.
    int round_trips = round_trips_for(size, MPI_Wtime() - warm_up_started);
    MPI_Bcast(&round_trips, 1, MPI_INT, 0, MPI_COMM_WORLD);
    const double started = MPI_Wtime();
    bounce(count, round_trips);
    if (mpi.rank() == 0) {
      course::mpi::report("pingpong bytes={} seconds={}", size,
                          (MPI_Wtime() - started) / (2.0 * round_trips));
    }
  }
}

// One-way seconds per message size, as rank 0 measured them.
std::vector<double> measure_over(const std::string& transports) {
  const course::mpi::Outcome outcome = launch_ranks(2, {"ping-pong"}, {.transports = transports});
  if (!outcome.status.ok() || outcome.reports.size() != message_sizes().size()) {
    throw std::runtime_error("mpirun " + outcome.status.describe() + ", without rank 0's timings");
  }
  std::vector<double> seconds;
  for (const std::string& line : outcome.reports) {
    seconds.push_back(report_value(line, "seconds"));
  }
  return seconds;
}

std::string cost_text(double seconds, std::size_t bytes) {
  const double per_second = static_cast<double>(bytes) / seconds;
  return per_second < 1e9 ? fmt::format("{:>8.1f} µs {:>5.0f} MB/s", seconds * 1e6, per_second / 1e6)
                          : fmt::format("{:>8.1f} µs {:>5.1f} GB/s", seconds * 1e6, per_second / 1e9);
}

double gigabytes_per_second(std::size_t bytes, double seconds) {
  return static_cast<double>(bytes) / seconds / 1e9;
}

}  // namespace

void show_ping_pong() {
  if (course::mpi::in_a_rank()) {
    ping_pong_as_a_rank();
    return;
  }
  course::heading("Ping-pong: one message's one-way time and bandwidth, 8 B to 8 MiB");
  const std::vector<double> shared = measure_over("self,vader");
  const std::vector<double> tcp = measure_over("self,tcp");
  course::say("and the same between this process and a child, lesson 07's two ways: pipes, a shared ring");
  const std::vector<double> pipes = measure_pipes();
  const std::vector<double> ring = measure_shared_ring();

  course::say("{:>8} {:>21} {:>21} {:>21} {:>21}", "message", "MPI, shared memory", "MPI, TCP", "pipes",
              "shared ring");
  const std::vector<std::size_t> sizes = message_sizes();
  for (std::size_t i = 0; i < sizes.size(); ++i) {
    course::say("{:>8} {} {} {} {}", bytes_text(sizes[i]), cost_text(shared[i], sizes[i]),
                cost_text(tcp[i], sizes[i]), cost_text(pipes[i], sizes[i]), cost_text(ring[i], sizes[i]));
  }
  const std::size_t last = sizes.size() - 1;
  course::say("8 B: TCP took {:.1f}x as long as MPI's shared memory, a pipe {:.1f}x, the shared ring {:.1f}x",
              tcp[0] / shared[0], pipes[0] / shared[0], ring[0] / shared[0]);
  course::say(
      "8 MiB: MPI's shared memory moved {:.1f} GB/s, TCP {:.1f}, a pipe {:.1f}, the shared ring {:.1f}",
      gigabytes_per_second(sizes[last], shared[last]), gigabytes_per_second(sizes[last], tcp[last]),
      gigabytes_per_second(sizes[last], pipes[last]), gigabytes_per_second(sizes[last], ring[last]));
  course::say(
      "over MPI's shared memory, {} took {:.0f}x as long as {}: a million times the bytes. A small message",
      bytes_text(sizes[last]), shared[last] / shared[0], bytes_text(sizes[0]));
  course::say("costs its latency, a big one its bytes: send fewer, bigger messages");

  // The claims table's row (tools/claims.cpp): shared memory answers a small
  // message sooner than TCP. Its CPU is not measured: judged by the load alone.
  const course::Given given = course::given_here(2, 0);
  const course::Verdict verdict = course::judge_at_most(shared[0], tcp[0], given);
  course::record_figure("pingpong.shared_us", shared[0] * 1e6);
  course::record_figure("pingpong.tcp_us", tcp[0] * 1e6);
  course::record_verdict("pingpong", verdict, given);
  if (!verdict.holds) {
    course::say("shared memory was not faster than TCP for 8 B here: {}", course::reason_sentence(verdict));
  }
}
