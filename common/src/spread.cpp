#include "course/spread.hpp"

#include <algorithm>
#include <stdexcept>

#include <fmt/format.h>

namespace course {

double Spread::ratio() const {
  return low > 0 ? high / low : 1.0;
}

Spread spread_of(std::vector<double> values) {
  if (values.empty()) {
    throw std::invalid_argument("spread_of: no values");
  }
  std::sort(values.begin(), values.end());
  const std::size_t n = values.size();
  const double median = n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
  return {median, values.front(), values.back(), static_cast<int>(n)};
}

std::string spread_text(const Spread& spread, int decimals, std::string_view unit) {
  if (spread.rounds == 1) {
    return fmt::format("{:.{}f}{}", spread.median, decimals, unit);
  }
  return fmt::format("{:.{}f}{} (median of {} rounds: {:.{}f} to {:.{}f})", spread.median, decimals, unit,
                     spread.rounds, spread.low, decimals, spread.high, decimals);
}

}  // namespace course
