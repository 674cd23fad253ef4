// Load imbalance. 32 items, the last 8 twelve times heavier than the others,
// as real work often is (a few big files, a few dense rows). OpenMP's
// schedule(static) cuts the loop into one block per thread before it starts:
// one thread gets the light half, the other every heavy item, and the light
// one waits. schedule(dynamic) hands out one item at a time to whoever is
// free. std::for_each(par) runs on TBB, which splits the range and lets an
// idle thread steal half of what another has not started.
#include <omp.h>

#include <algorithm>
#include <cstdint>
#include <execution>
#include <map>
#include <mutex>
#include <numeric>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "course/conclusion.hpp"
#include "course/cores.hpp"
#include "course/cpu_meter.hpp"
#include "course/cpu_work.hpp"
#include "course/figures.hpp"
#include "course/load.hpp"
#include "course/log.hpp"
#include "course/timeline.hpp"
#include "course/verdict.hpp"
#include "lesson.hpp"

namespace {

constexpr int kItems = 32;
constexpr int kHeavyFrom = 24;  // items 24..31
constexpr int kHeavy = 12;      // times the cost of a light one
constexpr int kUnits = kHeavyFrom + (kItems - kHeavyFrom) * kHeavy;

struct Item {
  std::uint64_t begin;
  std::uint64_t end;
  bool heavy;
};

std::vector<Item> make_items(long thousands) {
  const std::uint64_t unit = static_cast<std::uint64_t>(thousands) * 1000 / kUnits;
  std::vector<Item> items;
  std::uint64_t at = kFirst;
  for (int i = 0; i < kItems; ++i) {
    const bool heavy = i >= kHeavyFrom;
    const std::uint64_t width = unit * (heavy ? kHeavy : 1);
    items.push_back({at, at + width, heavy});
    at += width;
  }
  return items;
}

// Names the threads of one run "thread 1", "thread 2", ... in the order they first worked.
class Lanes {
 public:
  std::string of_this_thread() {
    std::scoped_lock lock(mutex_);
    const auto [it, added] = names_.try_emplace(std::this_thread::get_id(), "");
    if (added) {
      it->second = fmt::format("thread {}", names_.size());
    }
    return it->second;
  }

 private:
  std::mutex mutex_;
  std::map<std::thread::id, std::string> names_;
};

struct Run {
  const char* name;
  double seconds = 0;
  double cores = 0;
  double imbalance = 0;  // the busiest thread's busy time over the average of the threads that worked
  std::string chart;
};

// Runs `schedule(work)`, where work(i) counts item i; draws who did what.
template <typename Schedule>
Run measure(const char* name, const std::vector<Item>& items, std::uint64_t expected, Schedule schedule) {
  course::Timeline timeline;
  Lanes lanes;
  std::vector<std::uint64_t> found(items.size(), 0);
  const auto work = [&](int i) {
    const Item& item = items[static_cast<std::size_t>(i)];
    auto span = timeline.measure(lanes.of_this_thread(), item.heavy ? "H" : "l");
    found[static_cast<std::size_t>(i)] = course::count_primes(item.begin, item.end);
  };
  const course::CpuMeter meter;
  schedule(work);
  const course::CpuUse used = meter.read();
  if (std::accumulate(found.begin(), found.end(), std::uint64_t{0}) != expected) {
    throw std::logic_error(fmt::format("{} counted a different number of primes", name));
  }
  std::map<std::string, double> busy;
  for (const course::Span& span : timeline.spans()) {
    busy[span.lane] += std::chrono::duration<double>(span.end - span.start).count();
  }
  double most = 0, total = 0;
  for (const auto& [lane, seconds] : busy) {
    most = std::max(most, seconds);
    total += seconds;
  }
  const double threads = static_cast<double>(std::max<std::size_t>(1, busy.size()));
  return {name, used.wall_seconds, used.cores(), most / (total / threads), timeline.render(60)};
}

}  // namespace

void show_load_imbalance(long thousands) {
  const int cores = course::usable_cores();
  course::heading(fmt::format("Load imbalance: {} items, the last {} x{} heavier; {}, load average {}",
                              kItems, kItems - kHeavyFrom, kHeavy, course::cores_text(cores),
                              course::load_text(course::load_average())));
  const std::vector<Item> items = make_items(thousands);
  std::uint64_t expected = 0;
  for (const Item& item : items) {
    expected += course::count_primes(item.begin, item.end);  // also warms the caches and the clocks
  }
  std::vector<int> indices(kItems);
  std::iota(indices.begin(), indices.end(), 0);

  // [snippet:schedules]
  const Run fixed = measure("OpenMP schedule(static)", items, expected, [](auto work) {
// One block of 32 / threads items per thread, decided before any work starts.
#pragma omp parallel for schedule(static)
    for (int i = 0; i < kItems; ++i) {
      work(i);
    }
  });
  const Run dynamic = measure("OpenMP schedule(dynamic)", items, expected, [](auto work) {
// The next item to whichever thread is free.
#pragma omp parallel for schedule(dynamic, 1)
    for (int i = 0; i < kItems; ++i) {
      work(i);
    }
  });
  const Run stolen = measure("std::for_each(par)", items, expected, [&indices](auto work) {
    // TBB: the range split in pieces, and idle threads steal them.
    std::for_each(std::execution::par, indices.begin(), indices.end(), work);
  });
  // [/snippet:schedules]

  fmt::print("(l = a light item, H = a heavy one; each row is one thread's busy time)\n");
  for (const Run* run : {&fixed, &dynamic, &stolen}) {
    fmt::print("\n{}: {:.0f} ms, the threads got {}; the busiest thread was busy {:.2f}x the average\n{}",
               run->name, run->seconds * 1000, course::cores_got_text(run->cores), run->imbalance,
               run->chart);
  }
  const double ratio = fixed.seconds / dynamic.seconds;
  const double wanted = cores >= 2 ? 1.3 : 1.0;
  const course::Given given = course::given_here(cores, dynamic.cores);
  const course::Verdict verdict = cores < 2 ? course::Verdict{false, course::Reason::too_few_cores}
                                            : course::judge_at_least(ratio, wanted, given);
  fmt::print("\n");
  if (verdict.holds) {
    fmt::print(
        "schedule(static) took {:.2f}x as long as schedule(dynamic): its blocks were fixed before the "
        "work began, and the thread with the heavy ones finished last while the other waited.\n",
        ratio);
  } else if (verdict.reason == course::Reason::too_few_cores) {
    fmt::print(
        "On {} there is one thread, so no thread waits for another: the schedules tie ({:.2f}x); {}.\n",
        course::cores_text(cores), ratio, course::what_to_do(verdict.reason));
  } else {
    fmt::print(
        "schedule(static) took {:.2f}x as long as dynamic, not the {:.1f}x or more an uneven split costs. "
        "{}\n",
        ratio, wanted, course::reason_sentence(verdict));
  }
  const double par_ratio = stolen.seconds / dynamic.seconds;
  if (!verdict.holds) {
    // static and dynamic did not come apart: nothing here to tell balancing from splitting.
    fmt::print(
        "std::for_each(par) took {:.2f}x dynamic's time; with the schedules not apart this run, "
        "that says nothing about work stealing.\n",
        par_ratio);
  } else if (par_ratio < 0.5 * (1 + ratio)) {
    fmt::print(
        "std::for_each(par) took {:.2f}x dynamic's time, nearer dynamic than static: TBB splits the range "
        "into pieces and an idle thread steals one that another has not started.\n",
        par_ratio);
  } else {
    fmt::print(
        "std::for_each(par) took {:.2f}x dynamic's time, nearer static than dynamic this run (its threads "
        "got {}): stealing needs an idle thread and a piece not yet started. Run it again to see the "
        "spread.\n",
        par_ratio, course::cores_got_text(stolen.cores));
  }
  course::record_figure("imbalance.static_ms", fixed.seconds * 1000);
  course::record_figure("imbalance.dynamic_ms", dynamic.seconds * 1000);
  course::record_figure("imbalance.par_ms", stolen.seconds * 1000);
  course::record_figure("imbalance.ratio", ratio);
  course::record_figure("imbalance.wanted", wanted);
  course::record_verdict("imbalance", verdict, given);
}
