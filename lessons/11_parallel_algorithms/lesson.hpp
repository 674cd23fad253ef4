#pragma once
// Lesson 11's scenes, one file each, and what they share.

#include <cstdint>
#include <string>

void show_five_ways(long thousands);
void show_amdahl(long thousands);
void show_load_imbalance(long thousands);
void show_shared_vector_trap(long items);
void show_when_not_to();

// The work every scene counts: primes among the numbers from 1e9 on, in
// slices of kSliceWidth, each slice about 3 ms at -O2 (lesson 03's work).
inline constexpr std::uint64_t kFirst = 1'000'000'000;
inline constexpr std::uint64_t kSliceWidth = 1'000;
std::uint64_t count_slice(std::uint64_t slice);

// Which backend ran std::execution::par, from the threads it used: "TBB (2
// threads)", or "serial: 1 thread" with the reason when it used one.
std::string backend_text(std::size_t threads, int usable_cores);
