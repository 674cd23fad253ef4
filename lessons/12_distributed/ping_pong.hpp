#pragma once
// The ping-pong's measure, shared by its MPI ranks (ping_pong.cpp) and by
// lesson 07's two ways between a process and its child (ping_pong_local.cpp).

#include <cstddef>
#include <vector>

// 8 B, 64 B, ... 2 MiB (times 8 each), then 8 MiB.
std::vector<std::size_t> message_sizes();

// Round trips before the timed ones, whose pace sets how many to time.
inline constexpr int kWarmUpTrips = 10;

// Enough round trips to measure, few enough for a live demo: those that fit in
// about 0.2 s at the pace of the warm-up's `warm_up_seconds`, 10 to 10,000 (and
// at most 64 MiB each way). On a busy machine a round trip can wait for the
// scheduler; the count shrinks, so the demo still ends in seconds.
int round_trips_for(std::size_t size, double warm_up_seconds);

// One-way seconds per message size, bounced between this process and a forked
// child: through two pipes, and through one slot of shared memory.
std::vector<double> measure_pipes();
std::vector<double> measure_shared_ring();
