#pragma once
// The event loop's heartbeat, for the lessons that block it and then unblock
// it: a coroutine that should tick every 100 ms. If anything holds the loop's
// thread, the ticks stop, and the gap says for how long.

#include <asio/awaitable.hpp>

namespace course {

// Ticks every 100 ms, `ticks` times, saying how long each gap was ("<- frozen"
// when over 200 ms); returns the longest gap in seconds.
asio::awaitable<double> ticker(int ticks);

}  // namespace course
