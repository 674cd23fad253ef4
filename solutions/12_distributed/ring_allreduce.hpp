#pragma once
// Lesson 12 exercise: an all-reduce written with point-to-point messages.
//
// Every rank of `comm` calls ring_allreduce() with a vector of the same
// length; every rank gets back the element-wise sums over all the ranks, as
// MPI_Allreduce(MPI_SUM) would give. The ranks stand in a ring, and each talks
// only to its two neighbours, so each sends 2 (n-1)/n of the vector, less
// than twice the vector whatever the number of ranks n: the algorithm behind
// the all-reduce of distributed deep learning.

#include <mpi.h>

#include <vector>

std::vector<long> ring_allreduce(MPI_Comm comm, std::vector<long> values);
