#pragma once
// Lesson 08's scenes, one file each.

#include <chrono>
#include <string>

#include <asio/awaitable.hpp>

void show_hand_written_coroutine();
void show_three_fetches();
void show_tasks_a_b_c();
void show_timeout();
void show_exceptions();
void show_gather_failures();
void show_blocked_loop();
void run_slow_server(int seconds);
void compare_fetch_styles(int urls);
void hold_many_connections(int connections);

// "Fetches" `what` by sleeping `delay` on the event loop, saying when it starts
// and ends. Throws if `what` is "broken". Used by several scenes.
asio::awaitable<std::string> fake_fetch(std::string what, std::chrono::milliseconds delay);
