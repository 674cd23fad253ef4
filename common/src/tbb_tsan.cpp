// ThreadSanitizer and TBB, for the tsan build only (see common/CMakeLists.txt).
//
// TBB hands a task from the thread that spawned it to the thread that runs
// it, and a finished task's result back to the thread that waits for it,
// through atomics inside libtbb.so. That library is not instrumented, so
// ThreadSanitizer sees none of those hand-overs and reports every access on
// either side of one as a data race: hundreds of false reports in a correct
// std::transform_reduce(std::execution::par, ...) (measured with g++ 12.2 and
// oneTBB 2021.8), many of them in the caller's own data, where no
// suppression can tell them from a real race.
//
// This library tells ThreadSanitizer about TBB's hand-overs. It sits between
// the program and libtbb.so (it is linked before it), so these functions are
// found first; each does its part and then calls libtbb's own (all but
// call_itt_notify, which has nothing to forward to without Intel's tools):
//   spawn(task, context)           the spawner releases the algorithm's context...
//   execution_slot(execution_data) ...which a task acquires when it asks where it runs
//                                  (partitioner.h's check_being_stolen(): most tasks of
//                                  parallel_for and parallel_reduce, before they run a range)
//   allocate / deallocate          TBB's pool reuses a task's memory on another thread
//   call_itt_notify                TBB's own notifications for race detectors (Intel's
//                                  ITT; the headers make them with TBB_USE_PROFILING_TOOLS=2):
//                                  a finished task releases its wait_context and the waiter
//                                  acquires it; a child releases its tree node and the join
//                                  acquires it; also TBB's mutexes and queues
//
// What this can and cannot hide. The pool, the wait and the join edges are
// what TBB guarantees. The context edge is coarser: TBB orders a spawn before
// the start of the task it spawned, but the hook a task passes at its start,
// execution_slot(), is given the context, not the task, and every task of one
// algorithm shares that context. So here a task that asks is ordered after
// every spawn made so far in the algorithm, by any thread. A race between
// accesses in two calls of the element function is still reported unless, in
// between, the first thread spawned and the second started a task: two
// threads filling one map meet mostly with no spawn between them, and
// tests/11_parallel_algorithms/mistakes/shared_map.patch is reported on every
// run here. But a write early on one thread and a read late on another can be
// missed. ThreadSanitizer only ever judges the interleaving it saw, and this
// shim widens what it counts as ordered: a clean run is evidence, not proof,
// that the element function shares nothing.
// Each symbol is looked up in libtbb at its first call; one that is missing
// (another oneTBB's ABI) stops the program with its name, rather than run
// without the edge.
#include <dlfcn.h>

#include <cstddef>
#include <cstdio>
#include <cstdlib>

#include <oneapi/tbb/detail/_small_object_pool.h>
#include <oneapi/tbb/detail/_task.h>
#include <oneapi/tbb/profiling.h>

extern "C" void __tsan_acquire(void* address);
extern "C" void __tsan_release(void* address);

namespace {

// libtbb's own definition of `name` (a mangled symbol), the next one after this library's.
template <typename Function>
Function libtbb(const char* name) {
  void* found = ::dlsym(RTLD_NEXT, name);
  if (found == nullptr) {
    std::fprintf(stderr, "course_tbb_tsan: %s is not in libtbb.so: %s\n", name, ::dlerror());
    std::abort();
  }
  return reinterpret_cast<Function>(found);
}

}  // namespace

namespace tbb::detail::r1 {

void spawn(d1::task& task, d1::task_group_context& context) {
  static const auto real = libtbb<void (*)(d1::task&, d1::task_group_context&)>(
      "_ZN3tbb6detail2r15spawnERNS0_2d14taskERNS2_18task_group_contextE");
  __tsan_release(&context);
  real(task, context);
}

void spawn(d1::task& task, d1::task_group_context& context, d1::slot_id slot) {
  static const auto real = libtbb<void (*)(d1::task&, d1::task_group_context&, d1::slot_id)>(
      "_ZN3tbb6detail2r15spawnERNS0_2d14taskERNS2_18task_group_contextEt");
  __tsan_release(&context);
  real(task, context, slot);
}

d1::slot_id execution_slot(const d1::execution_data* data) {
  static const auto real = libtbb<d1::slot_id (*)(const d1::execution_data*)>(
      "_ZN3tbb6detail2r114execution_slotEPKNS0_2d114execution_dataE");
  __tsan_acquire(data->context);
  return real(data);
}

void* allocate(d1::small_object_pool*& pool, std::size_t size) {
  static const auto real = libtbb<void* (*)(d1::small_object_pool*&, std::size_t)>(
      "_ZN3tbb6detail2r18allocateERPNS0_2d117small_object_poolEm");
  void* memory = real(pool, size);
  __tsan_acquire(memory);
  return memory;
}

void* allocate(d1::small_object_pool*& pool, std::size_t size, const d1::execution_data& data) {
  static const auto real = libtbb<void* (*)(d1::small_object_pool*&, std::size_t, const d1::execution_data&)>(
      "_ZN3tbb6detail2r18allocateERPNS0_2d117small_object_poolEmRKNS2_14execution_dataE");
  void* memory = real(pool, size, data);
  __tsan_acquire(memory);
  return memory;
}

void deallocate(d1::small_object_pool& pool, void* memory, std::size_t size) {
  static const auto real = libtbb<void (*)(d1::small_object_pool&, void*, std::size_t)>(
      "_ZN3tbb6detail2r110deallocateERNS0_2d117small_object_poolEPvm");
  __tsan_release(memory);
  real(pool, memory, size);
}

void deallocate(d1::small_object_pool& pool, void* memory, std::size_t size, const d1::execution_data& data) {
  static const auto real =
      libtbb<void (*)(d1::small_object_pool&, void*, std::size_t, const d1::execution_data&)>(
          "_ZN3tbb6detail2r110deallocateERNS0_2d117small_object_poolEPvmRKNS2_14execution_dataE");
  __tsan_release(memory);
  real(pool, memory, size, data);
}

// The notification kinds of d1::notify_type: prepare, cancel, acquired, releasing, destroy.
void call_itt_notify(int kind, void* address) {
  if (kind == d1::acquired) {
    __tsan_acquire(address);
  } else if (kind == d1::releasing) {
    __tsan_release(address);
  }
}

}  // namespace tbb::detail::r1
