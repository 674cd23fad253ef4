#pragma once
// How busy the machine is: its load average, the number of tasks that were
// running or waiting for a CPU, averaged over the last minute. Above the
// number of cores, work waits for a CPU and measurements slow down.
//
// Linux keeps it in /proc/loadavg, which is what is read there; macOS and the
// BSDs give it through getloadavg(). Elsewhere it is unknown, and the demos
// and the claims table say so.

#include <optional>
#include <string>

namespace course {

// The 1-minute load average, or nothing where the system does not tell.
std::optional<double> load_average();

// "3.2" or "unknown", for the demos' lines and the claims table.
std::string load_text(std::optional<double> load);

// True when the load is known and above `cores`: more tasks wanted a CPU than there were.
bool busy(std::optional<double> load, int cores);

}  // namespace course
