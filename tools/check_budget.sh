#!/usr/bin/env bash
# The student's loop, timed: for each exercise, from a one-file edit to the
# check's verdict, with its race or memory gate. Meant for an idle machine
# (the budgets are 10 s for lessons 01-07 and 15 s for 08-12 on 2 cores); it
# measures, and says how busy the machine was, but asserts nothing: timings
# are not tests.
#
#   tools/check_budget.sh [dir]     (default: build/budget, a fresh clone of HEAD)
#
# In the clone, each exercise gets its solution's files (a check that passes
# runs every test and then the gate), is checked once so that everything is
# built, then one file is edited (a comment appended) and checked again: that
# second check is the figure.
set -u
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
dir=${1:-$root/build/budget}
rm -rf "$dir"
git clone --quiet "$root" "$dir" || exit 1
cd "$dir" || exit 1
export NO_COLOR=1
echo "preparing a fresh clone of $(git rev-parse --short HEAD) in $dir (./course start builds everything and the gates)..."
./course start --yes >start.log 2>&1 || { tail -20 start.log; exit 1; }

printf '\n%-26s %-18s %8s %8s  %s\n' "exercise" "gates" "seconds" "budget" "load average (1 min)"
for exercise in exercises/[0-9][0-9]_*/; do
  id=$(basename "$exercise")
  nn=${id%%_*}
  budget=10
  [ "$nn" -ge 8 ] && budget=15
  cp "solutions/$id/"*.[ch]pp "$exercise"
  ./course check "$nn" >"check-$nn-warm.log" 2>&1 || { echo "$id: the solution did not pass (check-$nn-warm.log)"; continue; }
  file=$(ls "$exercise"*.cpp | head -1)
  printf '\n// an edit\n' >>"$file"
  began=$(date +%s%N)
  ./course check "$nn" >"check-$nn.log" 2>&1
  status=$?
  took_ms=$((($(date +%s%N) - began) / 1000000))
  gates=$(grep -oE "race gate|memory gate" "check-$nn.log" | sort -u | tr '\n' ' ')
  [ "$status" -eq 0 ] || gates="$gates(check FAILED: check-$nn.log)"
  printf '%-26s %-18s %8s %8s  %s\n' "$id" "${gates:-none}" "$((took_ms / 1000)).$((took_ms % 1000 / 100))" "$budget" "$(cut -d' ' -f1 /proc/loadavg 2>/dev/null)"
done
