#pragma once
// Lesson 08 exercise: fetch many URLs from the local slow server, concurrently
// on one thread with coroutines, at most `limit` at a time, each one given up
// after `timeout`.

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

struct FetchResult {
  std::string body;        // the answer, when there was one
  bool timed_out = false;  // given up after the timeout
  std::string error;       // what went wrong otherwise, e.g. "HTTP error: HTTP/1.1 500 Error"
};

// GETs every path from http://127.0.0.1:<port>, at most `limit` at the same
// time, each within `timeout`. One slow or failing request never stops the
// others. Returns when all are done, with the results in the paths' order.
std::vector<FetchResult> fetch_all(std::uint16_t port, const std::vector<std::string>& paths,
                                   std::size_t limit, std::chrono::milliseconds timeout);
