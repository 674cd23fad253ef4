#pragma once
// Lesson 12's scenes, one file each. Each starts itself as ranks under mpirun
// when run by hand (see ranks.hpp), and runs its rank's part when mpirun
// started it.

void show_hello(int ranks);
void show_ping_pong();
void show_primes(long thousands);
void show_scatter(long thousands);
void show_send_send_deadlock(bool hang);
void show_sendrecv();
void show_nonblocking();
