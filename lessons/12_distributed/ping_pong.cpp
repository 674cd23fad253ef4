// Scene 2: what a message costs. Two ranks bounce messages of 8 B to 8 MiB,
// over Open MPI's shared-memory transport, then over TCP; and, for lesson 07's
// sake, two processes do the same through a pair of pipes.
#include <algorithm>
#include <cstddef>
#include <stdexcept>
#include <string>
#include <vector>

#include "course/child.hpp"
#include "course/conclusion.hpp"
#include "course/fd.hpp"
#include "course/figures.hpp"
#include "course/log.hpp"
#include "course/mpi_rank.hpp"
#include "course/verdict.hpp"
#include "lesson.hpp"
#include "ranks.hpp"

namespace {

// 8 B, 64 B, ... 2 MiB (times 8 each), then 8 MiB.
std::vector<std::size_t> message_sizes() {
  std::vector<std::size_t> sizes;
  for (std::size_t size = 8; size <= 2 << 20; size *= 8) {
    sizes.push_back(size);
  }
  sizes.push_back(8 << 20);
  return sizes;
}

constexpr int kWarmUpTrips = 10;

// Enough round trips to measure, few enough for a live demo: those that fit in
// about 0.2 s at the pace of the warm-up's `warm_up_seconds`, 10 to 10,000 (and
// at most 64 MiB each way). On a busy machine a round trip can wait for the
// scheduler; the count shrinks, so the demo still ends in seconds.
int round_trips_for(std::size_t size, double warm_up_seconds) {
  const double per_trip = warm_up_seconds / kWarmUpTrips;
  const auto fit = static_cast<std::size_t>(0.2 / std::max(per_trip, 1e-9));
  const std::size_t most = std::clamp<std::size_t>((64 << 20) / size, 10, 10'000);
  return static_cast<int>(std::clamp<std::size_t>(fit, 10, most));
}

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

// The same ping-pong between this process and a forked child, through two pipes.
std::vector<double> measure_pipes() {
  course::Pipe to_child = course::make_pipe();
  course::Pipe to_parent = course::make_pipe();
  std::vector<char> message(8 << 20, 'x');
  course::ChildProcess child = course::ChildProcess::start([&] {
    to_child.write_end.reset();
    to_parent.read_end.reset();
    const auto echo = [&](std::size_t size, int round_trips) {
      for (int trip = 0; trip < round_trips; ++trip) {
        course::read_whole(to_child.read_end.get(), message.data(), size);
        course::write_whole(to_parent.write_end.get(), message.data(), size);
      }
    };
    for (const std::size_t size : message_sizes()) {
      echo(size, kWarmUpTrips);
      int round_trips = 0;  // the parent decides, as rank 0 does
      course::read_value(to_child.read_end.get(), round_trips);
      echo(size, round_trips);
    }
    return 0;
  });
  to_child.read_end.reset();
  to_parent.write_end.reset();
  const auto bounce = [&](std::size_t size, int round_trips) {
    for (int trip = 0; trip < round_trips; ++trip) {
      course::write_whole(to_child.write_end.get(), message.data(), size);
      course::read_whole(to_parent.read_end.get(), message.data(), size);
    }
  };
  std::vector<double> seconds;
  for (const std::size_t size : message_sizes()) {
    const auto warm_up_started = course::Clock::now();
    bounce(size, kWarmUpTrips);
    const int round_trips = round_trips_for(size, course::seconds_since(warm_up_started));
    course::write_value(to_child.write_end.get(), round_trips);
    const auto started = course::Clock::now();
    bounce(size, round_trips);
    seconds.push_back(course::seconds_since(started) / (2.0 * round_trips));
  }
  if (!child.wait().ok()) {
    throw std::runtime_error("the pipe's child process failed");
  }
  return seconds;
}

std::string cost_text(double seconds, std::size_t bytes) {
  return fmt::format("{:>9.1f} µs {:>7.0f} MB/s", seconds * 1e6, static_cast<double>(bytes) / seconds / 1e6);
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
  course::say("and the same through two pipes between this process and a child (lesson 07)");
  const std::vector<double> pipes = measure_pipes();

  course::say("{:>8} {:>26} {:>26} {:>26}", "message", "MPI, shared memory", "MPI, TCP", "pipes");
  const std::vector<std::size_t> sizes = message_sizes();
  for (std::size_t i = 0; i < sizes.size(); ++i) {
    course::say("{:>8} {} {} {}", bytes_text(sizes[i]), cost_text(shared[i], sizes[i]),
                cost_text(tcp[i], sizes[i]), cost_text(pipes[i], sizes[i]));
  }
  const std::size_t last = sizes.size() - 1;
  course::say("8 B: TCP took {:.1f}x as long as shared memory, and a pipe {:.1f}x", tcp[0] / shared[0],
              pipes[0] / shared[0]);
  course::say("8 MiB: shared memory moved {:.0f} MB/s, TCP {:.0f}, a pipe {:.0f}",
              static_cast<double>(sizes[last]) / shared[last] / 1e6,
              static_cast<double>(sizes[last]) / tcp[last] / 1e6,
              static_cast<double>(sizes[last]) / pipes[last] / 1e6);
  course::say("over shared memory, {} took {:.0f}x as long as {}: a million times the bytes. A small message",
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
