// The MPI profiling interface at work: each function here replaces the
// library's own for the program, records the call, and hands it to PMPI_.
#include "mpi_calls.hpp"

#include <mpi.h>

#include <mutex>

#include <fmt/core.h>

namespace mpi_calls {
namespace {

bool counting = false;
int right_neighbour = -1;
Counts counts;

std::mutex blocking_mutex;  // blocking_call is read by the watch's thread
std::string blocking_call;

long bytes_of(int count, MPI_Datatype type) {
  int size = 0;
  PMPI_Type_size(type, &size);
  return static_cast<long>(count) * size;
}

void count_send(int count, MPI_Datatype type, int to) {
  if (counting) {
    counts.bytes_sent += bytes_of(count, type);
    counts.sends_to_others += to != right_neighbour ? 1 : 0;
  }
}

// Nonblocking calls: each starts a request that a wait or test must finish.
// A finished request is set to MPI_REQUEST_NULL, so finishing calls count those.
void count_started() {
  if (counting) {
    ++counts.requests_unfinished;
  }
}

int active_requests(int count, const MPI_Request* requests) {
  int active = 0;
  for (int i = 0; i < count; ++i) {
    active += requests[i] != MPI_REQUEST_NULL ? 1 : 0;
  }
  return active;
}

// Calls `finish` (a wait, a test, MPI_Request_free) on `count` requests, and counts those it finished.
template <typename Finish>
int finishing(int count, MPI_Request* requests, Finish finish) {
  const int before = active_requests(count, requests);
  const int result = finish();
  if (counting) {
    counts.requests_unfinished -= before - active_requests(count, requests);
  }
  return result;
}

void count_collective(const char* name) {
  if (counting) {
    counts.first_collective = counts.collectives == 0 ? name : counts.first_collective;
    ++counts.collectives;
  }
}

void count_uncounted(const char* name) {
  if (counting) {
    counts.first_uncounted = counts.uncounted == 0 ? name : counts.first_uncounted;
    ++counts.uncounted;
  }
}

// The blocking call, named for the watch while it lasts.
class Blocking {
 public:
  explicit Blocking(std::string call) {
    const std::scoped_lock lock(blocking_mutex);
    blocking_call = std::move(call);
  }
  ~Blocking() {
    const std::scoped_lock lock(blocking_mutex);
    blocking_call.clear();
  }
  Blocking(const Blocking&) = delete;
  Blocking& operator=(const Blocking&) = delete;
};

// Rank `rank` of `comm` as "rank R", R its rank in MPI_COMM_WORLD: the number the
// watch's report uses. MPI_ANY_SOURCE and MPI_PROC_NULL are no rank of a group
// (translating them would be an error, fatal by default), so they are named.
std::string world_rank_of(int rank, MPI_Comm comm) {
  if (rank == MPI_ANY_SOURCE) {
    return "any rank";
  }
  if (rank == MPI_PROC_NULL) {
    return "MPI_PROC_NULL";
  }
  MPI_Group group = MPI_GROUP_NULL;
  MPI_Group world = MPI_GROUP_NULL;
  PMPI_Comm_group(comm, &group);
  PMPI_Comm_group(MPI_COMM_WORLD, &world);
  int in_world = MPI_UNDEFINED;
  PMPI_Group_translate_ranks(group, 1, &rank, world, &in_world);
  PMPI_Group_free(&group);
  PMPI_Group_free(&world);
  return fmt::format("rank {}", in_world);
}

std::string bytes_text(long bytes) {
  return bytes >= 1 << 20   ? fmt::format("{} MiB", bytes >> 20)
         : bytes >= 1 << 10 ? fmt::format("{} KiB", bytes >> 10)
                            : fmt::format("{} B", bytes);
}

// What a blocking send waits in, for the watch: "MPI_Send of 2 MiB to rank 1".
std::string send_call(const char* name, int count, MPI_Datatype type, int to, MPI_Comm comm) {
  return fmt::format("{} of {} to {}", name, bytes_text(bytes_of(count, type)), world_rank_of(to, comm));
}

}  // namespace

void start_counting(int right) {
  counts = {};
  right_neighbour = right;
  counting = true;
}

Counts stop_counting() {
  counting = false;
  return counts;
}

std::string blocking_call_now() {
  const std::scoped_lock lock(blocking_mutex);
  return blocking_call;
}

}  // namespace mpi_calls

using mpi_calls::count_collective;
using mpi_calls::count_send;
using mpi_calls::count_started;
using mpi_calls::count_uncounted;
using mpi_calls::finishing;
using mpi_calls::send_call;
using mpi_calls::world_rank_of;

extern "C" {

// Point to point: what is sent, and to whom.
int MPI_Send(const void* buffer, int count, MPI_Datatype type, int to, int tag, MPI_Comm comm) {
  count_send(count, type, to);
  const mpi_calls::Blocking blocking(send_call("MPI_Send", count, type, to, comm));
  return PMPI_Send(buffer, count, type, to, tag, comm);
}

int MPI_Ssend(const void* buffer, int count, MPI_Datatype type, int to, int tag, MPI_Comm comm) {
  count_send(count, type, to);
  const mpi_calls::Blocking blocking(send_call("MPI_Ssend", count, type, to, comm));
  return PMPI_Ssend(buffer, count, type, to, tag, comm);
}

int MPI_Isend(const void* buffer, int count, MPI_Datatype type, int to, int tag, MPI_Comm comm,
              MPI_Request* request) {
  count_send(count, type, to);
  count_started();
  return PMPI_Isend(buffer, count, type, to, tag, comm, request);
}

// The other sends: a wrong answer may use any of them, and its bytes count the same.
int MPI_Bsend(const void* buffer, int count, MPI_Datatype type, int to, int tag, MPI_Comm comm) {
  count_send(count, type, to);
  return PMPI_Bsend(buffer, count, type, to, tag, comm);
}

int MPI_Rsend(const void* buffer, int count, MPI_Datatype type, int to, int tag, MPI_Comm comm) {
  count_send(count, type, to);
  const mpi_calls::Blocking blocking(send_call("MPI_Rsend", count, type, to, comm));
  return PMPI_Rsend(buffer, count, type, to, tag, comm);
}

int MPI_Issend(const void* buffer, int count, MPI_Datatype type, int to, int tag, MPI_Comm comm,
               MPI_Request* request) {
  count_send(count, type, to);
  count_started();
  return PMPI_Issend(buffer, count, type, to, tag, comm, request);
}

int MPI_Ibsend(const void* buffer, int count, MPI_Datatype type, int to, int tag, MPI_Comm comm,
               MPI_Request* request) {
  count_send(count, type, to);
  count_started();
  return PMPI_Ibsend(buffer, count, type, to, tag, comm, request);
}

int MPI_Irsend(const void* buffer, int count, MPI_Datatype type, int to, int tag, MPI_Comm comm,
               MPI_Request* request) {
  count_send(count, type, to);
  count_started();
  return PMPI_Irsend(buffer, count, type, to, tag, comm, request);
}

int MPI_Sendrecv_replace(void* buffer, int count, MPI_Datatype type, int to, int send_tag, int from,
                         int receive_tag, MPI_Comm comm, MPI_Status* status) {
  count_send(count, type, to);
  const mpi_calls::Blocking blocking(fmt::format("MPI_Sendrecv_replace, to {} and from {}",
                                                 world_rank_of(to, comm), world_rank_of(from, comm)));
  return PMPI_Sendrecv_replace(buffer, count, type, to, send_tag, from, receive_tag, comm, status);
}

int MPI_Sendrecv(const void* send_buffer, int send_count, MPI_Datatype send_type, int to, int send_tag,
                 void* receive_buffer, int receive_count, MPI_Datatype receive_type, int from,
                 int receive_tag, MPI_Comm comm, MPI_Status* status) {
  count_send(send_count, send_type, to);
  const mpi_calls::Blocking blocking(
      fmt::format("MPI_Sendrecv, to {} and from {}", world_rank_of(to, comm), world_rank_of(from, comm)));
  return PMPI_Sendrecv(send_buffer, send_count, send_type, to, send_tag, receive_buffer, receive_count,
                       receive_type, from, receive_tag, comm, status);
}

int MPI_Recv(void* buffer, int count, MPI_Datatype type, int from, int tag, MPI_Comm comm,
             MPI_Status* status) {
  const mpi_calls::Blocking blocking(fmt::format("MPI_Recv from {}", world_rank_of(from, comm)));
  return PMPI_Recv(buffer, count, type, from, tag, comm, status);
}

int MPI_Irecv(void* buffer, int count, MPI_Datatype type, int from, int tag, MPI_Comm comm,
              MPI_Request* request) {
  count_started();
  return PMPI_Irecv(buffer, count, type, from, tag, comm, request);
}

// What finishes requests: every wait and test, and MPI_Request_free.
int MPI_Wait(MPI_Request* request, MPI_Status* status) {
  const mpi_calls::Blocking blocking("MPI_Wait");
  return finishing(1, request, [&] { return PMPI_Wait(request, status); });
}

int MPI_Waitany(int count, MPI_Request requests[], int* index, MPI_Status* status) {
  const mpi_calls::Blocking blocking(fmt::format("MPI_Waitany of {} requests", count));
  return finishing(count, requests, [&] { return PMPI_Waitany(count, requests, index, status); });
}

int MPI_Waitsome(int count, MPI_Request requests[], int* done, int indices[], MPI_Status statuses[]) {
  const mpi_calls::Blocking blocking(fmt::format("MPI_Waitsome of {} requests", count));
  return finishing(count, requests, [&] { return PMPI_Waitsome(count, requests, done, indices, statuses); });
}

int MPI_Test(MPI_Request* request, int* flag, MPI_Status* status) {
  return finishing(1, request, [&] { return PMPI_Test(request, flag, status); });
}

int MPI_Testall(int count, MPI_Request requests[], int* flag, MPI_Status statuses[]) {
  return finishing(count, requests, [&] { return PMPI_Testall(count, requests, flag, statuses); });
}

int MPI_Testany(int count, MPI_Request requests[], int* index, int* flag, MPI_Status* status) {
  return finishing(count, requests, [&] { return PMPI_Testany(count, requests, index, flag, status); });
}

int MPI_Testsome(int count, MPI_Request requests[], int* done, int indices[], MPI_Status statuses[]) {
  return finishing(count, requests, [&] { return PMPI_Testsome(count, requests, done, indices, statuses); });
}

int MPI_Request_free(MPI_Request* request) {
  return finishing(1, request, [&] { return PMPI_Request_free(request); });
}

int MPI_Waitall(int count, MPI_Request requests[], MPI_Status statuses[]) {
  const mpi_calls::Blocking blocking(fmt::format("MPI_Waitall of {} requests", count));
  return finishing(count, requests, [&] { return PMPI_Waitall(count, requests, statuses); });
}

// Collectives: the exercise is to do without them.
int MPI_Allreduce(const void* send, void* receive, int count, MPI_Datatype type, MPI_Op op, MPI_Comm comm) {
  count_collective("MPI_Allreduce");
  return PMPI_Allreduce(send, receive, count, type, op, comm);
}

int MPI_Reduce(const void* send, void* receive, int count, MPI_Datatype type, MPI_Op op, int root,
               MPI_Comm comm) {
  count_collective("MPI_Reduce");
  return PMPI_Reduce(send, receive, count, type, op, root, comm);
}

int MPI_Bcast(void* buffer, int count, MPI_Datatype type, int root, MPI_Comm comm) {
  count_collective("MPI_Bcast");
  return PMPI_Bcast(buffer, count, type, root, comm);
}

int MPI_Reduce_scatter_block(const void* send, void* receive, int count, MPI_Datatype type, MPI_Op op,
                             MPI_Comm comm) {
  count_collective("MPI_Reduce_scatter_block");
  return PMPI_Reduce_scatter_block(send, receive, count, type, op, comm);
}

int MPI_Reduce_scatter(const void* send, void* receive, const int counts[], MPI_Datatype type, MPI_Op op,
                       MPI_Comm comm) {
  count_collective("MPI_Reduce_scatter");
  return PMPI_Reduce_scatter(send, receive, counts, type, op, comm);
}

int MPI_Allgather(const void* send, int send_count, MPI_Datatype send_type, void* receive, int receive_count,
                  MPI_Datatype receive_type, MPI_Comm comm) {
  count_collective("MPI_Allgather");
  return PMPI_Allgather(send, send_count, send_type, receive, receive_count, receive_type, comm);
}

int MPI_Allgatherv(const void* send, int send_count, MPI_Datatype send_type, void* receive,
                   const int receive_counts[], const int displacements[], MPI_Datatype receive_type,
                   MPI_Comm comm) {
  count_collective("MPI_Allgatherv");
  return PMPI_Allgatherv(send, send_count, send_type, receive, receive_counts, displacements, receive_type,
                         comm);
}

int MPI_Gather(const void* send, int send_count, MPI_Datatype send_type, void* receive, int receive_count,
               MPI_Datatype receive_type, int root, MPI_Comm comm) {
  count_collective("MPI_Gather");
  return PMPI_Gather(send, send_count, send_type, receive, receive_count, receive_type, root, comm);
}

int MPI_Scatter(const void* send, int send_count, MPI_Datatype send_type, void* receive, int receive_count,
                MPI_Datatype receive_type, int root, MPI_Comm comm) {
  count_collective("MPI_Scatter");
  return PMPI_Scatter(send, send_count, send_type, receive, receive_count, receive_type, root, comm);
}

int MPI_Alltoall(const void* send, int send_count, MPI_Datatype send_type, void* receive, int receive_count,
                 MPI_Datatype receive_type, MPI_Comm comm) {
  count_collective("MPI_Alltoall");
  return PMPI_Alltoall(send, send_count, send_type, receive, receive_count, receive_type, comm);
}

int MPI_Scan(const void* send, void* receive, int count, MPI_Datatype type, MPI_Op op, MPI_Comm comm) {
  count_collective("MPI_Scan");
  return PMPI_Scan(send, receive, count, type, op, comm);
}

// Their nonblocking and vector forms, which do the same work.
int MPI_Iallreduce(const void* send, void* receive, int count, MPI_Datatype type, MPI_Op op, MPI_Comm comm,
                   MPI_Request* request) {
  count_collective("MPI_Iallreduce");
  return PMPI_Iallreduce(send, receive, count, type, op, comm, request);
}

int MPI_Ireduce(const void* send, void* receive, int count, MPI_Datatype type, MPI_Op op, int root,
                MPI_Comm comm, MPI_Request* request) {
  count_collective("MPI_Ireduce");
  return PMPI_Ireduce(send, receive, count, type, op, root, comm, request);
}

int MPI_Ibcast(void* buffer, int count, MPI_Datatype type, int root, MPI_Comm comm, MPI_Request* request) {
  count_collective("MPI_Ibcast");
  return PMPI_Ibcast(buffer, count, type, root, comm, request);
}

int MPI_Ireduce_scatter_block(const void* send, void* receive, int count, MPI_Datatype type, MPI_Op op,
                              MPI_Comm comm, MPI_Request* request) {
  count_collective("MPI_Ireduce_scatter_block");
  return PMPI_Ireduce_scatter_block(send, receive, count, type, op, comm, request);
}

int MPI_Ireduce_scatter(const void* send, void* receive, const int counts[], MPI_Datatype type, MPI_Op op,
                        MPI_Comm comm, MPI_Request* request) {
  count_collective("MPI_Ireduce_scatter");
  return PMPI_Ireduce_scatter(send, receive, counts, type, op, comm, request);
}

int MPI_Iallgather(const void* send, int send_count, MPI_Datatype send_type, void* receive, int receive_count,
                   MPI_Datatype receive_type, MPI_Comm comm, MPI_Request* request) {
  count_collective("MPI_Iallgather");
  return PMPI_Iallgather(send, send_count, send_type, receive, receive_count, receive_type, comm, request);
}

int MPI_Iallgatherv(const void* send, int send_count, MPI_Datatype send_type, void* receive,
                    const int receive_counts[], const int displacements[], MPI_Datatype receive_type,
                    MPI_Comm comm, MPI_Request* request) {
  count_collective("MPI_Iallgatherv");
  return PMPI_Iallgatherv(send, send_count, send_type, receive, receive_counts, displacements, receive_type,
                          comm, request);
}

int MPI_Gatherv(const void* send, int send_count, MPI_Datatype send_type, void* receive,
                const int receive_counts[], const int displacements[], MPI_Datatype receive_type, int root,
                MPI_Comm comm) {
  count_collective("MPI_Gatherv");
  return PMPI_Gatherv(send, send_count, send_type, receive, receive_counts, displacements, receive_type, root,
                      comm);
}

int MPI_Scatterv(const void* send, const int send_counts[], const int displacements[], MPI_Datatype send_type,
                 void* receive, int receive_count, MPI_Datatype receive_type, int root, MPI_Comm comm) {
  count_collective("MPI_Scatterv");
  return PMPI_Scatterv(send, send_counts, displacements, send_type, receive, receive_count, receive_type,
                       root, comm);
}

int MPI_Alltoallv(const void* send, const int send_counts[], const int send_displacements[],
                  MPI_Datatype send_type, void* receive, const int receive_counts[],
                  const int receive_displacements[], MPI_Datatype receive_type, MPI_Comm comm) {
  count_collective("MPI_Alltoallv");
  return PMPI_Alltoallv(send, send_counts, send_displacements, send_type, receive, receive_counts,
                        receive_displacements, receive_type, comm);
}

int MPI_Exscan(const void* send, void* receive, int count, MPI_Datatype type, MPI_Op op, MPI_Comm comm) {
  count_collective("MPI_Exscan");
  return PMPI_Exscan(send, receive, count, type, op, comm);
}

int MPI_Ialltoall(const void* send, int send_count, MPI_Datatype send_type, void* receive, int receive_count,
                  MPI_Datatype receive_type, MPI_Comm comm, MPI_Request* request) {
  count_collective("MPI_Ialltoall");
  return PMPI_Ialltoall(send, send_count, send_type, receive, receive_count, receive_type, comm, request);
}

int MPI_Ialltoallv(const void* send, const int send_counts[], const int send_displacements[],
                   MPI_Datatype send_type, void* receive, const int receive_counts[],
                   const int receive_displacements[], MPI_Datatype receive_type, MPI_Comm comm,
                   MPI_Request* request) {
  count_collective("MPI_Ialltoallv");
  return PMPI_Ialltoallv(send, send_counts, send_displacements, send_type, receive, receive_counts,
                         receive_displacements, receive_type, comm, request);
}

int MPI_Alltoallw(const void* send, const int send_counts[], const int send_displacements[],
                  const MPI_Datatype send_types[], void* receive, const int receive_counts[],
                  const int receive_displacements[], const MPI_Datatype receive_types[], MPI_Comm comm) {
  count_collective("MPI_Alltoallw");
  return PMPI_Alltoallw(send, send_counts, send_displacements, send_types, receive, receive_counts,
                        receive_displacements, receive_types, comm);
}

int MPI_Ialltoallw(const void* send, const int send_counts[], const int send_displacements[],
                   const MPI_Datatype send_types[], void* receive, const int receive_counts[],
                   const int receive_displacements[], const MPI_Datatype receive_types[], MPI_Comm comm,
                   MPI_Request* request) {
  count_collective("MPI_Ialltoallw");
  return PMPI_Ialltoallw(send, send_counts, send_displacements, send_types, receive, receive_counts,
                         receive_displacements, receive_types, comm, request);
}

int MPI_Igather(const void* send, int send_count, MPI_Datatype send_type, void* receive, int receive_count,
                MPI_Datatype receive_type, int root, MPI_Comm comm, MPI_Request* request) {
  count_collective("MPI_Igather");
  return PMPI_Igather(send, send_count, send_type, receive, receive_count, receive_type, root, comm, request);
}

int MPI_Igatherv(const void* send, int send_count, MPI_Datatype send_type, void* receive,
                 const int receive_counts[], const int displacements[], MPI_Datatype receive_type, int root,
                 MPI_Comm comm, MPI_Request* request) {
  count_collective("MPI_Igatherv");
  return PMPI_Igatherv(send, send_count, send_type, receive, receive_counts, displacements, receive_type,
                       root, comm, request);
}

int MPI_Iscatter(const void* send, int send_count, MPI_Datatype send_type, void* receive, int receive_count,
                 MPI_Datatype receive_type, int root, MPI_Comm comm, MPI_Request* request) {
  count_collective("MPI_Iscatter");
  return PMPI_Iscatter(send, send_count, send_type, receive, receive_count, receive_type, root, comm,
                       request);
}

int MPI_Iscatterv(const void* send, const int send_counts[], const int displacements[],
                  MPI_Datatype send_type, void* receive, int receive_count, MPI_Datatype receive_type,
                  int root, MPI_Comm comm, MPI_Request* request) {
  count_collective("MPI_Iscatterv");
  return PMPI_Iscatterv(send, send_counts, displacements, send_type, receive, receive_count, receive_type,
                        root, comm, request);
}

int MPI_Iscan(const void* send, void* receive, int count, MPI_Datatype type, MPI_Op op, MPI_Comm comm,
              MPI_Request* request) {
  count_collective("MPI_Iscan");
  return PMPI_Iscan(send, receive, count, type, op, comm, request);
}

int MPI_Iexscan(const void* send, void* receive, int count, MPI_Datatype type, MPI_Op op, MPI_Comm comm,
                MPI_Request* request) {
  count_collective("MPI_Iexscan");
  return PMPI_Iexscan(send, receive, count, type, op, comm, request);
}

// One-sided messages (MPI_Put, MPI_Get, ...) need a window, and neighbourhood
// collectives a topology: each is made by a collective call, counted as one.
int MPI_Win_create(void* base, MPI_Aint size, int disp_unit, MPI_Info info, MPI_Comm comm, MPI_Win* win) {
  count_collective("MPI_Win_create");
  return PMPI_Win_create(base, size, disp_unit, info, comm, win);
}

int MPI_Win_allocate(MPI_Aint size, int disp_unit, MPI_Info info, MPI_Comm comm, void* base, MPI_Win* win) {
  count_collective("MPI_Win_allocate");
  return PMPI_Win_allocate(size, disp_unit, info, comm, base, win);
}

int MPI_Win_allocate_shared(MPI_Aint size, int disp_unit, MPI_Info info, MPI_Comm comm, void* base,
                            MPI_Win* win) {
  count_collective("MPI_Win_allocate_shared");
  return PMPI_Win_allocate_shared(size, disp_unit, info, comm, base, win);
}

int MPI_Win_create_dynamic(MPI_Info info, MPI_Comm comm, MPI_Win* win) {
  count_collective("MPI_Win_create_dynamic");
  return PMPI_Win_create_dynamic(info, comm, win);
}

int MPI_Cart_create(MPI_Comm comm, int dimensions, const int sizes[], const int periodic[], int reorder,
                    MPI_Comm* cartesian) {
  count_collective("MPI_Cart_create");
  return PMPI_Cart_create(comm, dimensions, sizes, periodic, reorder, cartesian);
}

int MPI_Graph_create(MPI_Comm comm, int nodes, const int index[], const int edges[], int reorder,
                     MPI_Comm* graph) {
  count_collective("MPI_Graph_create");
  return PMPI_Graph_create(comm, nodes, index, edges, reorder, graph);
}

int MPI_Dist_graph_create(MPI_Comm comm, int n, const int nodes[], const int degrees[], const int targets[],
                          const int weights[], MPI_Info info, int reorder, MPI_Comm* graph) {
  count_collective("MPI_Dist_graph_create");
  return PMPI_Dist_graph_create(comm, n, nodes, degrees, targets, weights, info, reorder, graph);
}

int MPI_Dist_graph_create_adjacent(MPI_Comm comm, int in_degree, const int sources[],
                                   const int source_weights[], int out_degree, const int destinations[],
                                   const int destination_weights[], MPI_Info info, int reorder,
                                   MPI_Comm* graph) {
  count_collective("MPI_Dist_graph_create_adjacent");
  return PMPI_Dist_graph_create_adjacent(comm, in_degree, sources, source_weights, out_degree, destinations,
                                         destination_weights, info, reorder, graph);
}

// Persistent requests: made once, started by MPI_Start, and finished by a wait
// that leaves them inactive, not MPI_REQUEST_NULL. What they send is not
// counted here, so a test that counts says so rather than count nothing.
int MPI_Send_init(const void* buffer, int count, MPI_Datatype type, int to, int tag, MPI_Comm comm,
                  MPI_Request* request) {
  count_uncounted("MPI_Send_init");
  return PMPI_Send_init(buffer, count, type, to, tag, comm, request);
}

int MPI_Ssend_init(const void* buffer, int count, MPI_Datatype type, int to, int tag, MPI_Comm comm,
                   MPI_Request* request) {
  count_uncounted("MPI_Ssend_init");
  return PMPI_Ssend_init(buffer, count, type, to, tag, comm, request);
}

int MPI_Bsend_init(const void* buffer, int count, MPI_Datatype type, int to, int tag, MPI_Comm comm,
                   MPI_Request* request) {
  count_uncounted("MPI_Bsend_init");
  return PMPI_Bsend_init(buffer, count, type, to, tag, comm, request);
}

int MPI_Rsend_init(const void* buffer, int count, MPI_Datatype type, int to, int tag, MPI_Comm comm,
                   MPI_Request* request) {
  count_uncounted("MPI_Rsend_init");
  return PMPI_Rsend_init(buffer, count, type, to, tag, comm, request);
}

// A persistent receive too: freed by MPI_Request_free, it would pass for a finished request.
int MPI_Recv_init(void* buffer, int count, MPI_Datatype type, int from, int tag, MPI_Comm comm,
                  MPI_Request* request) {
  count_uncounted("MPI_Recv_init");
  return PMPI_Recv_init(buffer, count, type, from, tag, comm, request);
}

}  // extern "C"
