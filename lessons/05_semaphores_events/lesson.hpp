#pragma once
// Lesson 05's scenes, one file each.

void show_lockers();
void show_connection_pool();
void show_event();
void show_phases();
void show_waiting_room();
void count_empty_wakeups();
