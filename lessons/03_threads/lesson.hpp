#pragma once
// Lesson 03's scenes, one file each.

void show_threads_share_a_process();
void show_thread_local();
void show_join_and_detach();
void show_stop_token();
void show_lost_updates();
void show_fixed_counters();
void compare_with_and_without_gil(int threads);
