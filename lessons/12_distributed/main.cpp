// Lesson 12: beyond one machine, with MPI. Run with --help for the modes.
#include <algorithm>

#include "course/cores.hpp"
#include "course/demo.hpp"
#include "lesson.hpp"

int main(int argc, char** argv) {
  const course::Demo demo{
      "Lesson 12: beyond one machine. The same work across processes that share nothing, with MPI.",
      {
          {.name = "hello",
           .arguments = "[ranks]",
           .summary = "every rank says its rank, the world's size, its PID and its host",
           .forks = true,
           .run =
               [](course::Args& args) {
                 const long cores = std::max(2, course::usable_cores());
                 show_hello(static_cast<int>(args.number("ranks", cores, 1, 64)));
               }},
          {.name = "ping-pong",
           .summary = "two ranks bounce 8 B to 8 MiB: shared memory vs TCP vs lesson 07's pipes",
           .forks = true,
           .run =
               [](course::Args&) {
                 show_ping_pong();
               }},
          {.name = "primes",
           .arguments = "[thousands]",
           .summary = "lesson 01's primes on 1, 2 and 4 ranks, summed with MPI_Reduce: the speedups",
           .forks = true,
           .smoke_arguments = "20",
           .run =
               [](course::Args& args) {
                 show_primes(args.number("thousands", 400, 1, 100'000));
               }},
          {.name = "scatter",
           .arguments = "[thousands]",
           .summary =
               "items of uneven cost: static slices by rank vs dealt by rank 0 with MPI_Scatter/Gather",
           .forks = true,
           .smoke_arguments = "20",
           .run =
               [](course::Args& args) {
                 show_scatter(args.number("thousands", 300, 1, 100'000));
               }},
          {.name = "deadlock",
           .arguments = "[--hang]",
           .summary =
               "DEADLOCKS ON PURPOSE: two ranks MPI_Send 1 KiB (works), then 1 MiB (hangs) before receiving",
           .kind = course::Mode::Kind::deadlocks,
           .forks = true,
           .run =
               [](course::Args& args) {
                 show_send_send_deadlock(args.flag("--hang"));
               }},
          {.name = "sendrecv",
           .summary = "the same 1 MiB exchange with MPI_Sendrecv: no deadlock",
           .forks = true,
           .run =
               [](course::Args&) {
                 show_sendrecv();
               }},
          {.name = "nonblocking",
           .summary = "the same with MPI_Isend, MPI_Irecv and MPI_Waitall: no deadlock",
           .forks = true,
           .run =
               [](course::Args&) {
                 show_nonblocking();
               }},
      },
      {"hello", "ping-pong", "primes", "deadlock"}};
  return course::run_demo(demo, argc, argv);
}
