#pragma once
// Lesson 06's scenes, one file each. The thread pool is the finished exercise
// (solutions/06_pools/thread_pool.hpp); the process pool is process_pool.hpp.

void show_submit();
void show_map_and_completion_order();
void show_exceptions();
void show_shutdown();
void show_async();
void show_process_pool_speedup(int workers);
void show_broken_process_pool();
void compare_pools();
