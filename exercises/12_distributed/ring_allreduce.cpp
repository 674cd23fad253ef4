// Lesson 12 exercise: a ring all-reduce, in two phases.
//
// Goal: every rank of `comm` returns the element-wise sums of all the ranks'
// vectors, using only messages between neighbours in a ring (no collective
// such as MPI_Allreduce), and sending no more than its share.
//
// The vector is cut into n chunks, one per rank. Phase 1 (reduce-scatter):
// at each of n-1 steps, every rank sends one chunk to its right neighbour,
// receives one from its left, and adds it in; afterwards rank r holds the
// whole sum of chunk r+1. Phase 2 (all-gather): n-1 more steps pass the
// finished chunks around the ring until every rank has all of them.
//
// Quick reference (the code below already has rank, ranks, left and right)
//   MPI_Sendrecv(send_buffer, send_count, MPI_LONG, to_rank, tag,
//                receive_buffer, receive_count, MPI_LONG, from_rank, tag, comm, MPI_STATUS_IGNORE);
//       sends one buffer and receives into another at once; returns when both are done.
//       Not MPI_Send then MPI_Recv: MPI_Send may wait until its message is received.
//
// Check with: ./course check 12      Stuck? ./course hint 12
#include "ring_allreduce.hpp"

#include <cstddef>

namespace {

// Where chunk `chunk` of `chunks` begins in a vector of `size`: the chunks
// differ in length by one at most, and chunk `chunks` begins at the end.
std::size_t chunk_begin(std::size_t size, int chunk, int chunks) {
  return size * static_cast<std::size_t>(chunk) / static_cast<std::size_t>(chunks);
}

}  // namespace

std::vector<long> ring_allreduce(MPI_Comm comm, std::vector<long> values) {
  int rank = 0;
  int ranks = 1;
  MPI_Comm_rank(comm, &rank);  // in `comm`, which need not be MPI_COMM_WORLD
  MPI_Comm_size(comm, &ranks);
  const int right = (rank + 1) % ranks;
  const int left = (rank + ranks - 1) % ranks;
  const auto begin = [&](int chunk) {
    return chunk_begin(values.size(), chunk % ranks, ranks);
  };
  const auto length = [&](int chunk) {
    return static_cast<int>(chunk_begin(values.size(), chunk % ranks + 1, ranks) - begin(chunk));
  };

  // Phase 1, reduce-scatter: at step s, send chunk r - s, receive chunk r - s - 1 and add it in.
  // `incoming` has room for the longest chunk: MPI trusts the count it is
  // given, and ASan did not catch writes past a buffer's end here.
  std::vector<long> incoming(values.size() / static_cast<std::size_t>(ranks) + 1);
  for (int step = 0; step < ranks - 1; ++step) {
    const int send_chunk = rank - step + ranks;
    const int receive_chunk = rank - step - 1 + ranks;
    // TODO: send chunk `send_chunk` of `values` to `right`, and receive chunk
    //       `receive_chunk` from `left` into `incoming`; then add `incoming`
    //       into that chunk of `values`. Every rank does this at the same
    //       moment: which call cannot wait forever for a receive?
  }

  // Phase 2, all-gather: at step s, pass on finished chunk r + 1 - s, receive finished chunk r - s.
  for (int step = 0; step < ranks - 1; ++step) {
    const int send_chunk = rank + 1 - step + ranks;
    const int receive_chunk = rank - step + ranks;
    // TODO: send chunk `send_chunk` to `right`, and receive chunk
    //       `receive_chunk` from `left` straight into `values`.
  }
  return values;
}
