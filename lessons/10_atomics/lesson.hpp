#pragma once
// Lesson 10's scenes, one file each.

void show_store_buffering(long rounds);
void show_message_passing(long rounds, bool relaxed);
void show_false_sharing(long millions);
void show_torn_reads();
void show_spinning_and_blocking();
void show_compare_and_swap(int threads);
