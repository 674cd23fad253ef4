#pragma once
// The CPU a piece of work actually got, next to the wall time it took.
//
// A speedup is bounded by the cores the workers were given, not by the cores
// the machine has: on a busy machine two processes may get one core between
// them, and then no program can run them 2x faster. So a measuring demo reads
// a CpuMeter around its workers and says what they got:
//
//   course::CpuMeter meter;
//   ... start the workers, join the threads or wait for the children ...
//   const course::CpuUse used = meter.read();
//   used.cores()   // 1.1: "the 2 processes got 1.1 cores between them"
//
// What is counted, and who guarantees it:
//   - every thread of this process (POSIX CLOCK_PROCESS_CPUTIME_ID), the
//     waiting main thread too, which costs next to nothing;
//   - children that have ended AND been waited for (POSIX getrusage with
//     RUSAGE_CHILDREN). A child still running, or not yet reaped, is not
//     counted: read the meter after waitpid().
// Linux brings the other running threads' share up to date only at their
// next scheduler tick (a few ms): for runs of a few milliseconds, have each
// worker read its own clock instead (this_thread_cpu_seconds() below).

#include <string>

namespace course {

struct CpuUse {
  double wall_seconds = 0;
  double cpu_seconds = 0;  // this process's threads and its reaped children
  // CPU time over wall time: how many cores the work kept busy on average. 0 when no time passed.
  double cores() const;
};

class CpuMeter {
 public:
  CpuMeter();  // starts counting now
  // Since construction.
  CpuUse read() const;
  // The CPU part alone, for work whose wall time was measured apart (e.g.
  // children reaped after the timed part): divide it by that time.
  double cpu_seconds() const;

 private:
  double wall_start_;
  double cpu_start_;
};

// The CPU time the calling thread has had so far (POSIX CLOCK_THREAD_CPUTIME_ID).
// For workers that should be measured only while they work, not while they
// wait at a start line: read it before and after the work, in the worker.
double this_thread_cpu_seconds();

// "1.1 cores", "0.9 cores": what the workers got, for the demos' lines.
std::string cores_got_text(double cores);

}  // namespace course
