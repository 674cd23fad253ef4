#pragma once
// Lesson 07's scenes, one file each. The queue and the framing are the finished
// exercise (solutions/07_queues_pipes).

void show_worker_queue();
void show_pipe();
void show_socketpair();
void show_framing();
void show_shared_array();
void compare_throughput();
