#pragma once
// Lesson 01's scenes, one file each.

void show_pids();
void show_exit_statuses();
void show_exec();
void compare_speedup(int processes);
void compare_creation_cost(int count);
