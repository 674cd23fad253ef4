#include "course/conclusion.hpp"

#include <cctype>

#include <fmt/format.h>

#include "course/cores.hpp"
#include "course/cpu_meter.hpp"

namespace course {
namespace {

std::string capitalised(std::string_view words) {
  std::string text(words);
  if (!text.empty()) {
    text[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(text[0])));
  }
  return text;
}

}  // namespace

std::string speedup_conclusion(std::string_view workers, double speedup, const Given& given,
                               const Verdict& verdict) {
  const std::string got = cores_got_text(given.cores_got);
  const double wanted = speedup_wanted(given);
  switch (verdict.reason) {
    case Reason::none:
      return fmt::format("{} got {} between them: {:.2f}x faster, parallelism.", workers, got, speedup);
    case Reason::too_few_cores:
      return fmt::format(
          "{:.2f}x: {} on {} cannot run at the same time, only take turns. To see a speedup, {}.", speedup,
          workers, cores_text(given.usable_cores), what_to_do(verdict.reason));
    case Reason::busy:
      if (speedup >= wanted) {
        return fmt::format(
            "{:.2f}x, but {} got only {} between them: on a busy machine more workers win a bigger share "
            "of the CPU, so this does not show them running at once. To see it, {}.",
            speedup, workers, got, what_to_do(verdict.reason));
      }
      return fmt::format(
          "only {:.2f}x: {} got only {} between them, and {:.1f}x needs {:.1f} cores. A busy machine caps "
          "the "
          "speedup, not the program. To see it, {}.",
          speedup, workers, got, wanted, wanted, what_to_do(verdict.reason));
    case Reason::baseline:
      return fmt::format(
          "{:.2f}x, but this cannot tell what {} gave: the one-worker run it is measured against did not "
          "get a whole core. To see it, close other programs and run it again.",
          speedup, workers);
    case Reason::counter_example:
    case Reason::machine_limit:
      break;
  }
  return fmt::format(
      "only {:.2f}x, although {} got {} between them: a counter-example (hyperthreads sharing a core, or "
      "a slow clock on the second core, can do this). {}.",
      speedup, workers, got, capitalised(what_to_do(Reason::counter_example)));
}

std::string reason_sentence(const Verdict& verdict) {
  return fmt::format("{}: {}.", capitalised(reason_words(verdict.reason)), what_to_do(verdict.reason));
}

}  // namespace course
