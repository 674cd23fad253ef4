#pragma once
// Lesson 02's scenes, one file each.

void show_private_copy();
void show_copy_on_write(int mebibytes);
void show_shared_memory();
void show_cross_process_race(long millions);
