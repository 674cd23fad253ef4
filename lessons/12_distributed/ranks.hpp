#pragma once
// What the scenes share. How each starts: run by hand, a scene runs this same
// program again as ranks under mpirun, with its mode's words, and reads what
// rank 0 reports; run by mpirun, it is one of those ranks.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "course/mpi.hpp"

// Runs this program as `ranks` ranks with `words` (the mode and its
// arguments), with the transports and quiet of `how` (see course::mpi::Launch). On Ctrl-C, ends this program
// too (exit code 130) once mpirun has ended every rank. The caller judges how mpirun ended (outcome.status).
course::mpi::Outcome launch_ranks(int ranks, const std::vector<std::string>& words,
                                  const course::mpi::Launch& how = {},
                                  const course::mpi::OnReport& on_report = {});

// The number after "key=" in a report line such as "ranks=2 seconds=0.51".
double report_value(std::string_view report, std::string_view key);

// A message size in words: "8 B", "4 KiB", "8 MiB".
std::string bytes_text(std::size_t bytes);
