#pragma once
// The figures a measuring demo reports, for `./course claims`.
//
// When the environment variable COURSE_FIGURES names a file, record_figure()
// appends one line "name value" to it; otherwise it does nothing. So a demo
// prints its story for the class as usual, and the claims table can collect
// the same numbers from several demos without parsing their prose.

#include <string_view>

namespace course {

void record_figure(std::string_view name, double value);

}  // namespace course
