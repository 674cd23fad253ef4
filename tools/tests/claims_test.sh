#!/usr/bin/env bash
# ./course claims, run for real against this build.
#
#   claims_test.sh <root> <build dir>           as the machine is
#   claims_test.sh <root> <build dir> --busy    with a busy loop on every core (the load test)
#
# Whether a claim holds depends on the machine and on what else it does, so
# that is reported, not asserted. What is asserted: every measuring mode ran;
# every row has a verdict, and every NO its reason; the header gives the cores
# and the load; the simulated GIL's rows are marked as demonstrations; each
# demo's recorded verdict agrees with the figures it recorded (course_claims
# check); and the table's errors are shown, not swallowed.
set -u
root=$1
build=$2
busy=${3:-}
export COURSE_BUILD_DIR=$build COURSE_STATE_DIR
COURSE_STATE_DIR=$(mktemp -d)
load_pids=""
trap '[ -n "$load_pids" ] && kill $load_pids 2>/dev/null; rm -rf "$COURSE_STATE_DIR"' EXIT
export NO_COLOR=1
claims=$build/tools/course_claims
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

if [ "$busy" = "--busy" ]; then
  cores=$(nproc 2>/dev/null || echo 2)
  # Each loop also ends when this script is gone, even if it was killed
  # without a chance to run its trap (a ctest timeout).
  for ((i = 0; i < cores; i++)); do
    (while kill -0 $$ 2>/dev/null; do :; done) &
    load_pids="$load_pids $!"
  done
  echo "load: $cores busy loops while the claims are measured"
fi

out=$("$root/course" claims 2>&1)
status=$?
echo "$out"
[ "$status" -eq 0 ] || fail "./course claims exited $status"

# The header: the machine's cores and its load, before and during the runs.
grep -qE '^This machine: [0-9]+ cores? \(this process may use [0-9]+\)\. Load average \(1 min\): ([0-9.]+|unknown) before the runs, (([0-9.]+ to [0-9.]+)|unknown) during them' <<<"$out" ||
  fail "no header with the cores and the load before and during the runs"

# Every row has a verdict; every NO and every demonstration not shown has its reason.
verdict='(yes|NO: (a busy machine|too few cores|a counter-example|a limit of this machine)|n/a: (1 core|too few cores)|cannot tell|shown|not shown: .+)'
rows=$(grep -cE "  $verdict\$" <<<"$out")
[ "$rows" -ge 30 ] || fail "$rows rows with a verdict, expected 30"
grep -qE ' (NO|not shown)$' <<<"$out" && fail "a NO without its reason"
grep -q "no data" <<<"$out" && fail "a claim has no data"
grep -q "ERROR:" <<<"$out" && fail "the table reported an error"
# Every row that is not a yes is explained below the table.
explained=$(sed -n '/^Why, row by row:/,/^$/p' <<<"$out" | grep -cE '^  [0-9]+\. ')
not_yes=$(grep -cE "  (NO: .*|n/a: .*|cannot tell|not shown: .*)\$" <<<"$out")
[ "$explained" -ge "$not_yes" ] || fail "$not_yes rows are not a yes, but only $explained are explained"

# The simulated GIL is a demonstration, not a claim about Python.
[ "$(grep -cE '^demo: .*\(CPython not measured\)' <<<"$out")" -eq 2 ] ||
  fail "the two simulated-GIL rows are not marked as demonstrations"
grep -qE '^[0-9]+ of 2 demonstrations shown' <<<"$out" || fail "no line counting the demonstrations apart"

# The summary counts the claims judged, and the ones that could not be.
grep -qE '^[0-9]+ of [0-9]+ claims hold on this machine(; [0-9]+ do not \(.+\))?(; [0-9]+ cannot tell \(the baseline did not show\))?(; [0-9]+ cannot be shown on 1 core)?\.$' <<<"$out" ||
  fail "no summary line"

# Each demo's conclusion agrees with its own figures, in every repeated run.
dir=$COURSE_STATE_DIR/claims
"$claims" check "$dir" || fail "a demo's verdict disagrees with its figures (above)"

# Errors are shown, with what is missing and where, and fail the table.
broken=$(mktemp -d)
cp "$dir"/* "$broken"/
rm "$broken"/01-speedup-1.figures
table=$("$claims" table "$broken" 2>&1) && fail "a missing figures file did not fail the table"
grep -q "01-speedup-1.figures: no figures" <<<"$table" || fail "a missing figures file was not named: $table"
cp "$dir"/01-speedup-1.figures "$broken"/
echo "processes.speedup two" >>"$broken"/01-speedup-1.figures
table=$("$claims" table "$broken" 2>&1) && fail "a line that is not a figure did not fail the table"
grep -q "not a figure: 'processes.speedup two'" <<<"$table" || fail "a bad line was not shown: $table"
# A demo whose conclusion contradicts its numbers is caught: flip the verdict it recorded.
cp "$dir"/01-speedup-1.figures "$broken"/
sed -i.bak -e 's/^processes\.verdict 1$/processes.verdict 2/' -e 's/^processes\.verdict 0$/processes.verdict 1/' \
  -e 's/^processes\.verdict 2$/processes.verdict 0/' "$broken"/01-speedup-1.figures
checked=$("$claims" check "$broken" 2>&1) && fail "a flipped verdict passed the check"
grep -q "processes: the demo concluded" <<<"$checked" || fail "a flipped verdict was not named: $checked"
"$claims" table /nonexistent >/dev/null 2>&1 && fail "a missing folder did not fail the table"
rm -rf "$broken"

[ "$failures" -eq 0 ] || exit 1
echo "claims: ok ($rows rows${busy:+, under load})"
