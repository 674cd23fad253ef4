#pragma once
// Every socket, pipe and file is a file descriptor, and a process may hold only
// so many (RLIMIT_NOFILE; `ulimit -n` in the shell). The demos that open
// hundreds ask for more, and scale down with a message when the machine says no.

#include <cstddef>

namespace course {

// Raises this process's open-file limit towards `wanted`, as far as the hard
// limit allows; returns the limit now in force.
std::size_t raise_open_file_limit(std::size_t wanted);

}  // namespace course
