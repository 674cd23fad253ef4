#pragma once
// Lesson 09's scenes, one file each.

#include <cstdint>

// Where the scenes start counting primes: big numbers, so each takes a while.
inline constexpr std::uint64_t kFirstNumber = 1'000'000'000;

void show_offloading();
void show_threads_posting_results();
void show_process_offloading();
void fetch_and_process(int jobs);
void show_ping_during_work(int worker_threads);
void measure_decision_matrix(int tasks);
void compare_creation_costs(int count);
