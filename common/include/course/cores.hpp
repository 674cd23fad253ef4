#pragma once
// How many cores this process may use. Not always every core of the machine:
// `taskset -c 0`, a container's cpuset or a VM can allow fewer, and a speedup
// is bounded by the cores allowed, not by the cores present.

#include <string>

namespace course {

// The cores the calling thread may run on: its CPU affinity mask on Linux,
// elsewhere every core the system reports. At least 1.
int usable_cores();

// "1 core", "2 cores": for the demos' headings, which also run on one core.
std::string cores_text(int cores);

}  // namespace course
