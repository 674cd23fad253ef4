// course_claims: the course's claims, measured on this machine.
//
// Each claim is declared once, below: its words, the demo run that measures
// it, the verdict its demo records (NAME.verdict, NAME.reason, and what the
// run was given: NAME.workers, NAME.cores, NAME.cpu, NAME.load), Python's
// figure from the course notes, and its verdict rule. The rules call the same
// functions the demos call (course/verdict.hpp), with the figures the demos
// recorded, so a row of the table and the demo's own conclusion cannot differ
// without this tool saying so.
//
//   course_claims runs <dir>    prepares <dir> and prints the demo runs, one a line:
//                               "<name> <lesson> <mode> [arguments]". Each run writes its
//                               figures to <dir>/<name>.figures (COURSE_FIGURES) and its
//                               output to <dir>/<name>.log. Records the load before.
//   course_claims table <dir>   the table, from those files
//   course_claims check <dir>   every verdict every run recorded, against its rule applied to
//                               the figures beside it, and every "no" with its reason
//
// `table` and `check` exit 1 when a figure is missing, a file cannot be read,
// or a demo's verdict disagrees with its figures, and say which and where.

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

#include <fmt/core.h>

#include "course/cores.hpp"
#include "course/cpu_meter.hpp"
#include "course/load.hpp"
#include "course/verdict.hpp"

namespace {

namespace fs = std::filesystem;
using course::Given;
using course::Reason;
using course::Verdict;

// ------------------------------------------------------------ the runs

// A demo mode that measures, and how many times it runs: a cheap run is
// repeated, and its claims take the best or the median of the runs.
struct Run {
  std::string_view lesson;
  std::string_view mode;
  std::string_view arguments;
  int times;
};

constexpr Run kRuns[] = {
    {"00_concurrency_vs_parallelism", "both", "", 3},
    {"01_processes", "speedup", "", 1},
    {"02_memory_isolation", "race", "", 1},
    {"03_threads", "race", "", 1},
    {"03_threads", "gil", "", 1},
    {"07_queues_pipes", "throughput", "", 3},
    {"08_coroutines", "fetch", "", 1},
    {"08_coroutines", "connections", "", 1},
    {"09_hybrid", "cost", "", 1},
    {"09_hybrid", "offload", "", 1},
    {"09_hybrid", "matrix", "4", 1},
    {"10_atomics", "litmus", "", 1},
    {"10_atomics", "sharing", "", 1},
    {"10_atomics", "torn", "", 1},
    {"10_atomics", "spin", "", 1},
    {"11_parallel_algorithms", "ways", "", 1},
    {"11_parallel_algorithms", "amdahl", "", 1},
    {"11_parallel_algorithms", "imbalance", "", 1},
    {"11_parallel_algorithms", "trap", "", 1},
    {"11_parallel_algorithms", "tiny", "", 1},
    {"12_distributed", "ping-pong", "", 1},
    {"12_distributed", "primes", "", 1},
    {"12_distributed", "scatter", "", 1},
};

// "02-race-1": the lesson's number, the mode, the repeat.
std::string run_name(const Run& run, int repeat) {
  return fmt::format("{}-{}-{}", run.lesson.substr(0, 2), run.mode, repeat);
}

// ------------------------------------------------------------ the figures one run recorded

class MissingFigure : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct Figures {
  std::string name;  // the run's name
  fs::path file;
  std::map<std::string, double, std::less<>> values;

  double operator[](std::string_view key) const {
    const auto found = values.find(key);
    if (found == values.end()) {
      throw MissingFigure(fmt::format("{} is missing from {}", key, file.string()));
    }
    return found->second;
  }
  bool has(std::string_view key) const { return values.find(key) != values.end(); }

  // What the run was given, as the demo recorded it with its verdict `key`.
  Given given(std::string_view key) const {
    const std::string k(key);
    Given given{static_cast<int>((*this)[k + ".workers"]), static_cast<int>((*this)[k + ".cores"]),
                (*this)[k + ".cpu"], std::nullopt};
    if (has(k + ".load")) {
      given.load = (*this)[k + ".load"];
    }
    return given;
  }
  // The verdict the demo recorded and printed.
  Verdict recorded(std::string_view key) const {
    const std::string k(key);
    return {(*this)[k + ".verdict"] != 0, static_cast<Reason>(static_cast<int>((*this)[k + ".reason"]))};
  }
};

// Reads "name value" lines; a line that is not one is an error, said with its place.
Figures read_figures(const fs::path& file, std::string name) {
  Figures figures{std::move(name), file, {}};
  std::ifstream in(file);
  if (!in) {
    throw std::runtime_error(fmt::format("cannot read {}", file.string()));
  }
  int number = 0;
  for (std::string line; std::getline(in, line);) {
    ++number;
    std::istringstream words(line);
    std::string key;
    double value = 0;
    if (!(words >> key >> value) || !(words >> std::ws).eof()) {
      throw std::runtime_error(fmt::format("{}:{}: not a figure: '{}'", file.string(), number, line));
    }
    figures.values[key] = value;
  }
  return figures;
}

// ------------------------------------------------------------ the claims

enum class Kind {
  claim,          // a claim about C++ on this machine
  demonstration,  // shows a mechanism built on purpose (the simulated GIL): no claim about Python
};

enum class Choice {
  best,    // the run with the highest score
  median,  // the run with the median score
};

struct Claim {
  std::string_view words;
  std::string_view run;          // "lesson mode" of the run that measures it
  std::string_view verdict_key;  // what its demo records: NAME.verdict, NAME.reason, ...
  std::string_view python = "";  // Python's figure from the course notes, if it has one
  Kind kind = Kind::claim;
  Choice choice = Choice::best;
  std::function<double(const Figures&)> score;      // to choose among repeated runs
  std::function<std::string(const Figures&)> here;  // the figure measured here, in words
  std::function<Verdict(const Figures&)> rule;      // the verdict, from the figures alone
};

std::string number(double value, int decimals) {
  return fmt::format("{:.{}f}", value, decimals);
}

std::string rate(double per_second) {
  return per_second >= 1e6 ? number(per_second / 1e6, 1) + "M" : number(per_second / 1e3, 0) + "k";
}

// The rules: the functions the demos call, on the figures they recorded.
Verdict speedup_rule(const Figures& f, std::string_view key, std::string_view speedup) {
  return course::judge_speedup(f[speedup], f.given(key));
}

Verdict threads_scale(const Figures& f) {
  return speedup_rule(f, "threads", "threads.speedup");
}

Verdict pool_scales(const Figures& f) {
  return speedup_rule(f, "matrix.cpu", "matrix.cpu.speedup");
}

Verdict race_rule(const Figures& f, std::string_view key) {
  const std::string k(key);
  return course::judge_race(f[k + ".lost_share"], f.given(key));
}

// The claims, in the order of the table. `score` picks the run a claim is
// judged by when its run is repeated (the best, or the median).
const std::vector<Claim>& claims() {
  using F = const Figures&;
  static const std::vector<Claim> all{
      {.words = "two cores run two tasks at once (lesson 00)",
       .run = "00_concurrency_vs_parallelism both",
       .verdict_key = "parallel",
       .score = [](F f) { return f["parallel.speedup"]; },
       .here = [](F f) { return number(f["parallel.speedup"], 2) + "x"; },
       .rule =
           [](F f) {
             return speedup_rule(f, "parallel", "parallel.speedup");
           }},
      {.words = "CPU-bound work scales with processes",
       .run = "01_processes speedup",
       .verdict_key = "processes",
       .python = "1.88x (Pool.map)",
       .score = [](F f) { return f["processes.speedup"]; },
       .here = [](F f) { return number(f["processes.speedup"], 2) + "x"; },
       .rule =
           [](F f) {
             return speedup_rule(f, "processes", "processes.speedup");
           }},
      {.words = "... and with threads (C++ has no GIL)",
       .run = "03_threads gil",
       .verdict_key = "threads",
       .score = [](F f) { return f["threads.speedup"]; },
       .here = [](F f) { return number(f["threads.speedup"], 2) + "x"; },
       .rule = threads_scale},
      // A demonstration, judged against the row above: with no speedup
      // without the lock, there is none for the lock to take away.
      {.words = "demo: a global lock takes that speedup away",
       .run = "03_threads gil",
       .verdict_key = "gil.cpu",
       .python = "(CPython not measured)",
       .kind = Kind::demonstration,
       .score = [](F f) { return f["threads.speedup"]; },
       .here = [](F f) { return number(f["gil.cpu.speedup"], 2) + "x (a simulated GIL)"; },
       .rule =
           [](F f) {
             const Verdict serialised =
                 course::judge_at_most(f["gil.cpu.speedup"], f["gil.cpu.wanted"], f.given("gil.cpu"));
             return course::given_that(threads_scale(f), serialised);
           }},
      {.words = "demo: ... but waits outside it still overlap",
       .run = "03_threads gil",
       .verdict_key = "gil.io",
       .python = "(CPython not measured)",
       .kind = Kind::demonstration,
       .score = [](F f) { return f["gil.io.speedup"]; },
       .here = [](F f) { return number(f["gil.io.speedup"], 2) + "x (a simulated GIL)"; },
       .rule =
           [](F f) {
             return course::judge_at_least(f["gil.io.speedup"], f["gil.io.wanted"], f.given("gil.io"));
           }},
      {.words = "processes sharing a plain long lose updates",
       .run = "02_memory_isolation race",
       .verdict_key = "race.processes",
       .score = [](F f) { return f["race.processes.lost_share"]; },
       .here = [](F f) { return number(100 * f["race.processes.lost_share"], 1) + "% lost"; },
       .rule =
           [](F f) {
             return race_rule(f, "race.processes");
           }},
      {.words = "... and so do threads sharing a counter",
       .run = "03_threads race",
       .verdict_key = "race.threads",
       .score = [](F f) { return f["race.threads.lost_share"]; },
       .here = [](F f) { return number(100 * f["race.threads.lost_share"], 1) + "% lost"; },
       .rule =
           [](F f) {
             return race_rule(f, "race.threads");
           }},
      {.words = "shared memory > queue > pipe (messages/s)",
       .run = "07_queues_pipes throughput",
       .verdict_key = "throughput",
       // How well the order held: the smaller of the two leads.
       .score =
           [](F f) {
             return std::min(f["throughput.shared_per_s"] / f["throughput.queue_per_s"],
                             f["throughput.queue_per_s"] / f["throughput.pipe_per_s"]);
           },
       .here =
           [](F f) {
             return rate(f["throughput.shared_per_s"]) + " > " + rate(f["throughput.queue_per_s"]) + " > " +
                    rate(f["throughput.pipe_per_s"]);
           },
       .rule =
           [](F f) {
             const double shared = f["throughput.shared_per_s"];
             const double queue = f["throughput.queue_per_s"];
             const double pipe = f["throughput.pipe_per_s"];
             return course::judge_holds(shared > queue && queue > pipe, f.given("throughput"));
           }},
      {.words = "I/O-bound work overlaps with threads",
       .run = "08_coroutines fetch",
       .verdict_key = "fetch.threads",
       .score = [](F f) { return f["fetch.sequential_s"] / f["fetch.threads_s"]; },
       .here =
           [](F f) {
             return number(f["fetch.sequential_s"], 2) + " s -> " + number(f["fetch.threads_s"], 2) + " s";
           },
       .rule =
           [](F f) {
             return course::judge_at_least(f["fetch.sequential_s"] / f["fetch.threads_s"], f["fetch.wanted"],
                                           f.given("fetch.threads"));
           }},
      {.words = "... and with coroutines, on one thread",
       .run = "08_coroutines fetch",
       .verdict_key = "fetch.coroutines",
       .score = [](F f) { return f["fetch.sequential_s"] / f["fetch.coroutines_s"]; },
       .here =
           [](F f) {
             return number(f["fetch.sequential_s"], 2) + " s -> " + number(f["fetch.coroutines_s"], 2) + " s";
           },
       .rule =
           [](F f) {
             return course::judge_at_least(f["fetch.sequential_s"] / f["fetch.coroutines_s"],
                                           f["fetch.wanted"], f.given("fetch.coroutines"));
           }},
      {.words = "one thread holds 10,000 connections",
       .run = "08_coroutines connections",
       .verdict_key = "connections",
       .python = "10,000 tasks: 0.24 s",
       .score = [](F f) { return f["connections.open"]; },
       .here = [](F f) { return number(f["connections.open"], 0) + " open"; },
       // Fewer than asked for: the open-file limit stopped it (the demo says so).
       .rule =
           [](F f) {
             return f["connections.open"] >= f["connections.requested"]
                        ? Verdict{true, Reason::none}
                        : Verdict{false, Reason::machine_limit};
           }},
      {.words = "a coroutine's connection needs less memory",
       .run = "08_coroutines connections",
       .verdict_key = "connections.memory",
       .score = [](F f) { return f["connections.bytes_per_thread"] / f["connections.bytes_per_connection"]; },
       .here =
           [](F f) {
             return number(f["connections.bytes_per_connection"], 0) + " vs " +
                    number(f["connections.bytes_per_thread"], 0) + " B";
           },
       .rule =
           [](F f) {
             return course::judge_at_least(
                 f["connections.bytes_per_thread"] / f["connections.bytes_per_connection"],
                 f["connections.memory.wanted"], f.given("connections.memory"));
           }},
      {.words = "starting a process costs far more than a thread",
       .run = "09_hybrid cost",
       .verdict_key = "cost.process",
       .python = "11,350 vs 208 us (55x)",
       .choice = Choice::median,
       .score = [](F f) { return f["cost.process_us"] / f["cost.thread_us"]; },
       .here =
           [](F f) {
             return number(f["cost.process_us"], 0) + " vs " + number(f["cost.thread_us"], 1) + " us (" +
                    number(f["cost.process_us"] / f["cost.thread_us"], 0) + "x)";
           },
       .rule =
           [](F f) {
             return course::judge_at_least(f["cost.process_us"] / f["cost.thread_us"], f["cost.wanted"],
                                           f.given("cost.process"));
           }},
      {.words = "... and a thread far more than a coroutine",
       .run = "09_hybrid cost",
       .verdict_key = "cost.thread",
       .choice = Choice::median,
       .score = [](F f) { return f["cost.thread_us"] / f["cost.coroutine_us"]; },
       .here =
           [](F f) {
             return number(f["cost.thread_us"], 1) + " vs " + number(f["cost.coroutine_us"], 2) + " us (" +
                    number(f["cost.thread_us"] / f["cost.coroutine_us"], 0) + "x)";
           },
       .rule =
           [](F f) {
             return course::judge_at_least(f["cost.thread_us"] / f["cost.coroutine_us"], f["cost.wanted"],
                                           f.given("cost.thread"));
           }},
      {.words = "offloading CPU work keeps the loop responsive",
       .run = "09_hybrid offload",
       .verdict_key = "offload",
       .score = [](F f) { return -f["offload.gap_offloaded_ms"]; },
       .here =
           [](F f) {
             return "gap " + number(f["offload.gap_on_loop_ms"], 0) + " -> " +
                    number(f["offload.gap_offloaded_ms"], 0) + " ms";
           },
       .rule =
           [](F f) {
             const bool responsive = f["offload.gap_offloaded_ms"] < f["offload.responsive_below_ms"] &&
                                     f["offload.gap_on_loop_ms"] > f["offload.frozen_above_ms"];
             return course::judge_holds(responsive, f.given("offload"));
           }},
      {.words = "CPU-bound work scales on threads, processes, a pool",
       .run = "09_hybrid matrix",
       .verdict_key = "matrix.cpu",
       .score = [](F f) { return f["matrix.cpu.speedup"]; },
       .here = [](F f) { return number(f["matrix.cpu.speedup"], 2) + "x (the slowest)"; },
       .rule = pool_scales},
      // Judged against the row above: a pool that could not use the cores has nothing to add.
      {.words = "mixed work: coroutines + a pool beat coroutines",
       .run = "09_hybrid matrix",
       .verdict_key = "matrix.mixed",
       .score = [](F f) { return f["matrix.mixed.pool_lead"]; },
       .here =
           [](F f) {
             return number(f["matrix.mixed.4"], 1) + "x vs " + number(f["matrix.mixed.3"], 1) + "x alone";
           },
       .rule =
           [](F f) {
             const Verdict lead = course::judge_at_least(f["matrix.mixed.pool_lead"],
                                                         f["matrix.mixed.wanted"], f.given("matrix.mixed"));
             return course::given_that(pool_scales(f), lead);
           }},
      {.words = "the store buffer reorders store, load (not seq_cst)",
       .run = "10_atomics litmus",
       .verdict_key = "litmus",
       .score = [](F f) { return f["litmus.relaxed"] + f["litmus.release_acquire"]; },
       .here =
           [](F f) {
             return number(f["litmus.relaxed"], 0) + " + " + number(f["litmus.release_acquire"], 0) + " vs " +
                    number(f["litmus.seq_cst"], 0) + " of " + number(f["litmus.rounds"] / 1e6, 0) + "M";
           },
       .rule =
           [](F f) {
             // seq_cst never shows it (the demo stops if it does); the weaker orders must.
             return course::judge_race(f["litmus.relaxed"] + f["litmus.release_acquire"], f.given("litmus"));
           }},
      {.words = "false sharing: padding the counters apart pays",
       .run = "10_atomics sharing",
       .verdict_key = "sharing",
       .score = [](F f) { return f["sharing.ratio"]; },
       .here =
           [](F f) {
             return number(f["sharing.one_line_ms"], 0) + " -> " + number(f["sharing.padded_ms"], 0) +
                    " ms (" + number(f["sharing.ratio"], 1) + "x)";
           },
       .rule =
           [](F f) {
             return course::judge_speedup(f["sharing.ratio"], f.given("sharing"));
           }},
      {.words = "a two-word struct is read torn; atomic<Pair> not",
       .run = "10_atomics torn",
       .verdict_key = "torn",
       .score = [](F f) { return f["torn.plain"]; },
       .here =
           [](F f) {
             return number(100 * f["torn.plain"] / f["torn.reads"], 2) + "% torn vs " +
                    number(f["torn.atomic"], 0);
           },
       .rule =
           [](F f) {
             return course::judge_race(f["torn.plain"], f.given("torn"));
           }},
      {.words = "a blocked waiter uses no CPU; a spinning one does",
       .run = "10_atomics spin",
       .verdict_key = "spin",
       .score = [](F f) { return f["spin.spinning_cpu_ms"]; },
       .here =
           [](F f) {
             return number(f["spin.blocking_cpu_ms"], 2) + " vs " + number(f["spin.spinning_cpu_ms"], 0) +
                    " ms CPU in " + number(f["spin.wall_ms"], 0) + " ms";
           },
       .rule =
           [](F f) {
             return course::judge_at_most(f["spin.blocking_cpu_ms"], 0.1 * f["spin.spinning_cpu_ms"],
                                          f.given("spin"));
           }},
      {.words = "transform_reduce(par) runs on every core (TBB)",
       .run = "11_parallel_algorithms ways",
       .verdict_key = "ways.par",
       .score = [](F f) { return f["ways.par.speedup"]; },
       .here =
           [](F f) {
             return number(f["ways.loop_ms"], 0) + " -> " + number(f["ways.par_ms"], 0) + " ms, " +
                    number(f["ways.par_threads"], 0) + " threads";
           },
       .rule =
           [](F f) {
             return course::judge_speedup(f["ways.par.speedup"], f.given("ways.par"));
           }},
      {.words = "... and so does OpenMP's parallel for reduction",
       .run = "11_parallel_algorithms ways",
       .verdict_key = "ways.omp",
       .score = [](F f) { return f["ways.omp.speedup"]; },
       .here = [](F f) { return number(f["ways.omp.speedup"], 2) + "x"; },
       .rule =
           [](F f) {
             return course::judge_speedup(f["ways.omp.speedup"], f.given("ways.omp"));
           }},
      {.words = "speedups follow Amdahl's 1/(s + (1-s)/n)",
       .run = "11_parallel_algorithms amdahl",
       .verdict_key = "amdahl",
       .score = [](F f) { return f["amdahl.worst"]; },
       .here =
           [](F f) {
             return "worst row " + number(100 * f["amdahl.worst"], 0) +
                    "% off; s=0.1: " + number(f["amdahl.s10.speedup"], 2) + "x";
           },
       .rule =
           [](F f) {
             const Given given = f.given("amdahl");
             return given.usable_cores < 2
                        ? Verdict{false, Reason::too_few_cores}
                        : course::judge_at_most(f["amdahl.worst"], f["amdahl.wanted"], given);
           }},
      {.words = "uneven items: schedule(static) loses to dynamic",
       .run = "11_parallel_algorithms imbalance",
       .verdict_key = "imbalance",
       .score = [](F f) { return f["imbalance.ratio"]; },
       .here =
           [](F f) {
             return number(f["imbalance.static_ms"], 0) + " vs " + number(f["imbalance.dynamic_ms"], 0) +
                    " ms; par " + number(f["imbalance.par_ms"], 0) + " ms";
           },
       .rule =
           [](F f) {
             const Given given = f.given("imbalance");
             return given.usable_cores < 2
                        ? Verdict{false, Reason::too_few_cores}
                        : course::judge_at_least(f["imbalance.ratio"], f["imbalance.wanted"], given);
           }},
      {.words = "for_each(par) + push_back into one vector loses items",
       .run = "11_parallel_algorithms trap",
       .verdict_key = "trap",
       .score = [](F f) { return f["trap.lost"]; },
       .here =
           [](F f) { return number(f["trap.lost"], 0) + " of " + number(f["trap.expected"], 0) + " lost"; },
       .rule =
           [](F f) {
             return course::judge_race(f["trap.lost"], f.given("trap"));
           }},
      {.words = "on 100 numbers par is slower than seq",
       .run = "11_parallel_algorithms tiny",
       .verdict_key = "tiny",
       .score = [](F f) { return f["tiny.n100.ratio"]; },
       .here = [](F f) { return "par/seq " + number(f["tiny.n100.ratio"], 1) + "x"; },
       .rule =
           [](F f) {
             return course::judge_at_least(f["tiny.n100.ratio"], 1.0, f.given("tiny"));
           }},
      {.words = "an 8 B message: shared memory beats TCP (MPI)",
       .run = "12_distributed ping-pong",
       .verdict_key = "pingpong",
       .score = [](F f) { return f["pingpong.tcp_us"] / f["pingpong.shared_us"]; },
       .here =
           [](F f) {
             return number(f["pingpong.shared_us"], 1) + " vs " + number(f["pingpong.tcp_us"], 1) + " µs";
           },
       .rule =
           [](F f) {
             return course::judge_at_most(f["pingpong.shared_us"], f["pingpong.tcp_us"], f.given("pingpong"));
           }},
      {.words = "CPU-bound work scales with MPI ranks (2 ranks)",
       .run = "12_distributed primes",
       .verdict_key = "mpi.primes",
       .score = [](F f) { return f["mpi.primes.speedup"]; },
       .here = [](F f) { return number(f["mpi.primes.speedup"], 2) + "x"; },
       .rule =
           [](F f) {
             // Over a one-rank run that got its core, as the demo judges it.
             const Verdict one_rank =
                 course::judge_at_least(f["mpi.one_rank.cpu"], 0.8, f.given("mpi.one_rank"));
             return course::given_that(one_rank, speedup_rule(f, "mpi.primes", "mpi.primes.speedup"));
           }},
      {.words = "uneven items: dealt round the ranks beat slices (MPI)",
       .run = "12_distributed scatter",
       .verdict_key = "scatter",
       .score = [](F f) { return f["scatter.ratio"]; },
       .here = [](F f) { return number(f["scatter.ratio"], 2) + "x"; },
       .rule =
           [](F f) {
             return course::judge_at_least_at_once(f["scatter.ratio"], 1.2, f.given("scatter"));
           }},
  };
  return all;
}

const Claim* claim_recording(std::string_view verdict_key) {
  for (const Claim& claim : claims()) {
    if (claim.verdict_key == verdict_key) {
      return &claim;
    }
  }
  return nullptr;
}

// ------------------------------------------------------------ reading a folder of runs

// Every run of `lesson mode` that left figures; the problems, said, for those that did not.
std::vector<Figures> runs_of(const fs::path& dir, std::string_view lesson_mode,
                             std::vector<std::string>& problems) {
  std::vector<Figures> found;
  for (const Run& run : kRuns) {
    if (fmt::format("{} {}", run.lesson, run.mode) != lesson_mode) {
      continue;
    }
    for (int repeat = 1; repeat <= run.times; ++repeat) {
      const std::string name = run_name(run, repeat);
      const fs::path file = dir / (name + ".figures");
      if (!fs::exists(file)) {
        problems.push_back(fmt::format("{}: no figures (did it run? its output: {})", file.string(),
                                       (dir / (name + ".log")).string()));
        continue;
      }
      try {
        found.push_back(read_figures(file, name));
      } catch (const std::exception& error) {
        problems.push_back(error.what());
      }
    }
  }
  return found;
}

std::optional<double> read_load(const fs::path& file) {
  std::ifstream in(file);
  double load = 0;
  if (in >> load) {
    return load;
  }
  return std::nullopt;
}

// ------------------------------------------------------------ the table

struct Row {
  const Claim* claim;
  std::string run;  // the name of the run it is judged by
  std::string here;
  std::string cpu;
  std::optional<Verdict> verdict;  // none: not measured
  Given given;
  std::string problem;  // why it is not measured, or how the demo disagrees
};

std::string verdict_text(const Row& row) {
  if (!row.verdict) {
    return "no data";
  }
  const bool demo = row.claim->kind == Kind::demonstration;
  switch (row.verdict->reason) {
    case Reason::none:
      return demo ? "shown" : "yes";
    case Reason::too_few_cores:
      return row.given.usable_cores < 2 ? "n/a: 1 core" : "n/a: too few cores";
    case Reason::baseline:
      return "cannot tell";
    case Reason::busy:
    case Reason::counter_example:
    case Reason::machine_limit:
      break;
  }
  return fmt::format("{}: {}", demo ? "not shown" : "NO", course::reason_words(row.verdict->reason));
}

// Why a row is not a yes, in a sentence: what the run got, and what to do.
std::string reason_text(const Row& row) {
  const Reason reason = row.verdict->reason;
  const std::string got = fmt::format(
      "its run got {} (of {}), at a load average of {}", course::cores_got_text(row.given.cores_got),
      course::cores_text(row.given.usable_cores), course::load_text(row.given.load));
  switch (reason) {
    case Reason::baseline:
      return "cannot tell: the baseline it is judged against (the row above it) did not show";
    case Reason::too_few_cores:
      return fmt::format("too few cores: {}; {}", got, course::what_to_do(reason));
    case Reason::busy:
      return fmt::format("a busy machine: {}; {}", got, course::what_to_do(reason));
    case Reason::machine_limit:
      return fmt::format("a limit of this machine (its output says which: {}.log); {}", row.run,
                         course::what_to_do(reason));
    case Reason::counter_example:
      return fmt::format("a counter-example: {}, and it still did not hold; {}", got,
                         course::what_to_do(reason));
    case Reason::none:
      break;
  }
  return "";
}

Row row_for(const Claim& claim, const fs::path& dir) {
  Row row{&claim, "", "not measured", "", std::nullopt, {}, ""};
  std::vector<std::string> problems;
  std::vector<Figures> runs = runs_of(dir, claim.run, problems);
  if (runs.empty()) {
    row.problem = problems.empty() ? fmt::format("no run of {}", claim.run) : problems.front();
    return row;
  }
  try {
    // The run the claim is judged by, whole: its dependent figures come from the same run.
    std::vector<std::pair<double, const Figures*>> scored;
    for (const Figures& run : runs) {
      scored.emplace_back(claim.score(run), &run);
    }
    std::sort(scored.begin(), scored.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    const Figures& chosen =
        *(claim.choice == Choice::best ? scored.back() : scored[scored.size() / 2]).second;
    row.run = chosen.name;
    row.here = claim.here(chosen);
    if (runs.size() > 1) {
      row.here += claim.choice == Choice::best ? fmt::format(", best of {}", runs.size())
                                               : fmt::format(", median of {}", runs.size());
    }
    row.given = chosen.given(claim.verdict_key);
    row.cpu = course::cores_got_text(row.given.cores_got);
    row.verdict = claim.rule(chosen);
    const Verdict said = chosen.recorded(claim.verdict_key);
    if (said.holds != row.verdict->holds || said.reason != row.verdict->reason) {
      row.problem = fmt::format("{}: the demo concluded '{}', its figures say '{}'", chosen.file.string(),
                                course::reason_words(said.reason), course::reason_words(row.verdict->reason));
    }
  } catch (const MissingFigure& missing) {
    row.verdict.reset();
    row.here = "not measured";
    row.problem = missing.what();
  }
  if (!problems.empty() && row.problem.empty()) {
    row.problem = problems.front();
  }
  return row;
}

int print_table(const fs::path& dir) {
  const int cores = course::usable_cores();
  std::vector<Row> rows;
  for (const Claim& claim : claims()) {
    rows.push_back(row_for(claim, dir));
  }
  // The load during the runs, as each demo recorded it with its verdicts.
  std::optional<double> low;
  std::optional<double> high;
  for (const Row& row : rows) {
    if (row.verdict && row.given.load) {
      low = std::min(low.value_or(*row.given.load), *row.given.load);
      high = std::max(high.value_or(*row.given.load), *row.given.load);
    }
  }
  const std::optional<double> before = read_load(dir / "load-before");
  fmt::print("This machine: {} (this process may use {}). Load average (1 min): {} before the runs, ",
             course::cores_text(static_cast<int>(std::max(1U, std::thread::hardware_concurrency()))), cores,
             course::load_text(before));
  if (low && high) {
    fmt::print("{} to {} during them", course::load_text(low), course::load_text(high));
  } else {
    fmt::print("unknown during them");
  }
  fmt::print("{}.\n\n", course::busy(high, cores) || course::busy(before, cores) ? ": a busy machine" : "");

  const auto line = [](std::string_view claim, std::string_view here, std::string_view cpu,
                       std::string_view python, std::string_view verdict) {
    fmt::print("{:<52} {:<34} {:<10} {:<23} {}\n", claim, here, cpu, python, verdict);
  };
  line("claim", "here", "CPU got", "Python (course notes)", "holds?");
  line("-----", "----", "-------", "---------------------", "------");
  int held = 0, judged = 0, not_applicable = 0, cannot_tell = 0, shown = 0, demonstrations = 0, missing = 0;
  std::map<std::string, int> noes;
  std::vector<std::string> notes;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const Row& row = rows[i];
    const bool demo = row.claim->kind == Kind::demonstration;
    line(row.claim->words, row.here, row.cpu, row.claim->python, verdict_text(row));
    if (!row.verdict) {
      ++missing;
      notes.push_back(fmt::format("{}. {}: not measured: {}", i + 1, row.claim->words, row.problem));
      continue;
    }
    const Reason reason = row.verdict->reason;
    if (demo) {
      ++demonstrations;
      shown += row.verdict->holds ? 1 : 0;
    } else if (reason == Reason::too_few_cores) {
      ++not_applicable;
    } else if (reason == Reason::baseline) {
      ++cannot_tell;
    } else {
      ++judged;
      held += row.verdict->holds ? 1 : 0;
      if (!row.verdict->holds) {
        ++noes[std::string(course::reason_words(reason))];
      }
    }
    if (!row.verdict->holds) {
      notes.push_back(fmt::format("{}. {}: {}", i + 1, row.claim->words, reason_text(row)));
    }
    if (!row.problem.empty()) {
      ++missing;
      notes.push_back(fmt::format("{}. {}: ERROR: {}", i + 1, row.claim->words, row.problem));
    }
  }

  fmt::print("\n{} of {} claims hold on this machine", held, judged);
  if (!noes.empty()) {
    std::string why;
    int count_of_noes = 0;
    for (const auto& [reason, count] : noes) {
      why += fmt::format("{}{}: {}", why.empty() ? "" : ", ", reason, count);
      count_of_noes += count;
    }
    fmt::print("; {} do not ({})", count_of_noes, why);
  }
  if (cannot_tell > 0) {
    fmt::print("; {} cannot tell (the baseline did not show)", cannot_tell);
  }
  if (not_applicable > 0) {
    fmt::print("; {} cannot be shown on {}", not_applicable, course::cores_text(cores));
  }
  fmt::print(
      ".\n{} of {} demonstrations shown (the rows marked demo: one std::mutex standing in for a GIL shows "
      "what\n"
      "serialising does; it is not a measurement of CPython, and not counted as a claim).\n",
      shown, demonstrations);
  if (!notes.empty()) {
    fmt::print("\nWhy, row by row:\n");
    for (const std::string& note : notes) {
      fmt::print("  {}\n", note);
    }
  }
  fmt::print("\nFigures and each demo's own output: {}\n", dir.string());
  return missing == 0 ? 0 : 1;
}

// ------------------------------------------------------------ the check

// Every verdict every run recorded, judged again from the figures beside it.
int check(const fs::path& dir) {
  int problems = 0;
  int checked = 0;
  const auto problem = [&problems](const std::string& text) {
    fmt::print("FAIL: {}\n", text);
    ++problems;
  };
  for (const Run& run : kRuns) {
    for (int repeat = 1; repeat <= run.times; ++repeat) {
      const std::string name = run_name(run, repeat);
      const fs::path file = dir / (name + ".figures");
      if (!fs::exists(file)) {
        problem(
            fmt::format("{}: no figures (its output: {})", file.string(), (dir / (name + ".log")).string()));
        continue;
      }
      try {
        const Figures figures = read_figures(file, name);
        for (const auto& [key, value] : figures.values) {
          constexpr std::string_view kSuffix = ".verdict";
          if (key.size() <= kSuffix.size() ||
              key.compare(key.size() - kSuffix.size(), kSuffix.size(), kSuffix) != 0) {
            continue;
          }
          const std::string verdict_key = key.substr(0, key.size() - kSuffix.size());
          const Claim* claim = claim_recording(verdict_key);
          if (claim == nullptr) {
            problem(fmt::format("{}: {} has no rule in tools/claims.cpp", file.string(), key));
            continue;
          }
          const Verdict said = figures.recorded(verdict_key);
          const Verdict rule = claim->rule(figures);
          ++checked;
          if (said.holds != (said.reason == Reason::none)) {
            problem(fmt::format("{}: {} is {} with reason {}: a no needs a reason, a yes none", file.string(),
                                verdict_key, said.holds ? 1 : 0, static_cast<int>(said.reason)));
          }
          if (said.holds != rule.holds || said.reason != rule.reason) {
            problem(fmt::format("{}: {}: the demo concluded '{}', its own figures say '{}'", file.string(),
                                verdict_key, course::reason_words(said.reason),
                                course::reason_words(rule.reason)));
          }
        }
      } catch (const std::exception& error) {
        problem(error.what());
      }
    }
  }
  for (const Claim& claim : claims()) {
    std::vector<std::string> missing;
    for (const Figures& run : runs_of(dir, claim.run, missing)) {
      if (!run.has(std::string(claim.verdict_key) + ".verdict")) {
        problem(fmt::format("{}: no verdict {} for '{}'", run.file.string(), claim.verdict_key, claim.words));
      }
    }
  }
  fmt::print("claims check: {} verdicts judged again from their figures, {} problem(s)\n", checked, problems);
  return problems == 0 ? 0 : 1;
}

// ------------------------------------------------------------ runs

int prepare_runs(const fs::path& dir) {
  fs::create_directories(dir);
  for (const auto& entry : fs::directory_iterator(dir)) {
    const std::string extension = entry.path().extension().string();
    if (extension == ".figures" || extension == ".log") {
      fs::remove(entry.path());
    }
  }
  std::ofstream(dir / "load-before") << course::load_text(course::load_average()) << "\n";
  for (const Run& run : kRuns) {
    for (int repeat = 1; repeat <= run.times; ++repeat) {
      fmt::print("{} {} {}{}{}\n", run_name(run, repeat), run.lesson, run.mode,
                 run.arguments.empty() ? "" : " ", run.arguments);
    }
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  const std::vector<std::string> args(argv + 1, argv + argc);
  if (args.size() != 2 || (args[0] != "runs" && args[0] != "table" && args[0] != "check")) {
    fmt::print(stderr, "usage: course_claims runs|table|check <folder of figures>\n");
    return 2;
  }
  try {
    if (args[0] == "runs") {
      return prepare_runs(args[1]);
    }
    if (!fs::is_directory(args[1])) {
      fmt::print(stderr, "course_claims: {} is not a folder of figures: run ./course claims\n", args[1]);
      return 1;
    }
    return args[0] == "table" ? print_table(args[1]) : check(args[1]);
  } catch (const std::exception& error) {
    fmt::print(stderr, "course_claims: {}\n", error.what());
    return 1;
  }
}
