// Compare-and-swap: a lock-free stack's push. Read the head, point the new
// node at it, and swap the node in only if the head is still what was read;
// if another thread got there first, compare_exchange_weak fails, loads the
// new head into node->next, and the loop tries again. No thread ever waits
// for another: one of them always succeeds (lock-free), though a given thread
// may retry. _weak may also fail spuriously (where the swap is an LL/SC pair
// that can lose its reservation, as on ARMv8.0), which a loop absorbs.
//
// Pop is harder, and not written here. pop() reads head, then head->next, and
// swaps in next. Between the read and the swap, another thread may pop that
// node, free it, and push a new node that the allocator put at the same
// address: the swap succeeds (same pointer), with a `next` that is stale. That
// is the ABA problem. And a popped node cannot simply be deleted, since
// another popper may still be reading its `next`: safe reclamation needs hazard
// pointers, epochs (RCU) or reference counts (C++ Concurrency in Action,
// chapter 7). C++26 adds std::hazard_pointer and RCU to the library.
#include <atomic>
#include <stdexcept>
#include <thread>
#include <vector>

#include "course/conclusion.hpp"
#include "course/cpu_meter.hpp"
#include "course/figures.hpp"
#include "course/log.hpp"
#include "course/verdict.hpp"
#include "lesson.hpp"

namespace {

struct Node {
  long value = 0;
  Node* next = nullptr;
};

// [snippet:cas_push]
class LockFreeStack {
 public:
  long push(Node* node) {  // returns how many swaps failed
    long retries = 0;
    node->next = head_.load(std::memory_order_relaxed);
    // Swap node in if head_ still equals node->next; if not, node->next = head_, try again.
    while (!head_.compare_exchange_weak(node->next, node, std::memory_order_release,
                                        std::memory_order_relaxed)) {
      ++retries;
    }
    return retries;
  }
  Node* top() const { return head_.load(std::memory_order_acquire); }

 private:
  std::atomic<Node*> head_{nullptr};
};
// [/snippet:cas_push]

constexpr long kPushes = 2'000'000;  // in all, shared out among the threads

}  // namespace

void show_compare_and_swap(int threads) {
  const long per_thread = kPushes / threads;
  course::heading(fmt::format("A lock-free stack: {} threads push {} nodes each with compare_exchange_weak",
                              threads, per_thread));
  // The nodes live in these vectors, which outlive the stack's use of them: no delete while anyone reads.
  std::vector<std::vector<Node>> nodes(static_cast<std::size_t>(threads),
                                       std::vector<Node>(static_cast<std::size_t>(per_thread)));
  LockFreeStack stack;
  std::vector<long> retries(static_cast<std::size_t>(threads));
  std::vector<double> cpu(static_cast<std::size_t>(threads));
  std::atomic<int> ready{0};
  std::atomic<bool> go{false};
  const auto start_line = [&] {
    ready.fetch_add(1);
    while (!go.load()) {
    }
  };
  std::vector<std::jthread> pushers;
  for (int t = 0; t < threads; ++t) {
    pushers.emplace_back([&, t] {
      const auto k = static_cast<std::size_t>(t);
      start_line();
      const double at_start = course::this_thread_cpu_seconds();
      long mine = 0;  // counted here, stored once: neighbouring counters would share a cache line
      for (long i = 0; i < per_thread; ++i) {
        Node& node = nodes[k][static_cast<std::size_t>(i)];
        node.value = t * per_thread + i;
        mine += stack.push(&node);
      }
      retries[k] = mine;
      cpu[k] = course::this_thread_cpu_seconds() - at_start;
    });
  }
  while (ready.load() < threads) {
    std::this_thread::yield();
  }
  const auto start = course::Clock::now();
  go.store(true);
  pushers.clear();
  const double wall = course::seconds_since(start);

  long found = 0;
  long sum = 0;
  for (const Node* node = stack.top(); node != nullptr; node = node->next) {
    ++found;
    sum += node->value;
  }
  const long total = threads * per_thread;
  if (found != total || sum != total * (total - 1) / 2) {
    throw std::logic_error("the lock-free stack lost or doubled a node");
  }
  long all_retries = 0;
  double all_cpu = 0;
  for (int t = 0; t < threads; ++t) {
    const auto k = static_cast<std::size_t>(t);
    course::say("pusher {}: {} pushes, {} retries ({:.1f} per 100 pushes)", t + 1, per_thread, retries[k],
                100.0 * static_cast<double>(retries[k]) / static_cast<double>(per_thread));
    all_retries += retries[k];
    all_cpu += cpu[k];
  }
  const double cores = all_cpu / wall;
  course::say("all {} nodes are on the stack, each once, in {:.0f} ms; the threads got {}", total,
              wall * 1000, course::cores_got_text(cores));
  const course::Given given = course::given_here(threads, cores);
  const course::Verdict verdict = course::judge_race(static_cast<double>(all_retries), given);
  if (verdict.holds) {
    course::say("{} swaps failed because another thread had moved the head since it was read: each retry",
                all_retries);
    course::say("re-read the head and tried again, and nothing was lost. No lock: a thread stopped anywhere");
    course::say("in push() holds up no one");
  } else {
    course::say("no swap failed: the pushers never met. {}", course::reason_sentence(verdict));
  }
  course::say("pop() is harder: a node popped, freed and reallocated at the same address between a read of");
  course::say(
      "the head and the swap fools the comparison (the ABA problem), and a popped node cannot be freed");
  course::say(
      "while another thread may still read it: that needs hazard pointers, epochs or reference counts");
  course::record_figure("cas.retries", static_cast<double>(all_retries));
}
