#pragma once
// A noisy figure, measured a few times. A cost of a few microseconds moves
// with whatever else the machine does (one run of `cost` ranged from 2x to 88x
// over six tries), so a demo measures it in a few rounds and reports the
// median, which one unlucky round cannot drag, and the spread, which says how
// much to trust it.

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace course {

struct Spread {
  double median = 0;
  double low = 0;   // the smallest round
  double high = 0;  // the largest round
  int rounds = 0;
  // high / low: 1.0 when every round agreed. Wide when above about 1.5.
  double ratio() const;
  bool wide() const { return ratio() > 1.5; }
};

// The spread of `values` (at least one).
Spread spread_of(std::vector<double> values);

// Measures `rounds` times and returns the spread; `measure()` returns one round's figure.
template <typename Measure>
Spread measure_rounds(int rounds, Measure measure) {
  std::vector<double> values;
  for (int round = 0; round < rounds; ++round) {
    values.push_back(measure());
  }
  return spread_of(std::move(values));
}

// "774 µs (median of 5 rounds: 701 to 902)": `decimals` after the point, `unit` after the median.
std::string spread_text(const Spread& spread, int decimals, std::string_view unit);

}  // namespace course
