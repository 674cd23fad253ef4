#pragma once
// A verdict in words, for the demos' last lines: what the numbers show, and
// when they do not show it, why and what to do. Computed from the numbers,
// never a fixed sentence (see course/verdict.hpp).

#include <string>
#include <string_view>

#include "course/verdict.hpp"

namespace course {

// The conclusion of a speedup. `workers` names them, e.g. "the 2 processes".
//   holds:  "the 2 processes got 1.9 cores between them: 1.93x faster, parallelism."
//   busy:   "... got only 1.1 cores between them: a busy machine caps the speedup (1.05x) ..."
std::string speedup_conclusion(std::string_view workers, double speedup, const Given& given,
                               const Verdict& verdict);

// "A busy machine: close other programs ... and run it again." for a verdict that did not hold.
std::string reason_sentence(const Verdict& verdict);

}  // namespace course
