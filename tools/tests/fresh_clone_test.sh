#!/usr/bin/env bash
# The student's loop on a fresh clone, in a folder whose name has a space,
# with nothing built and no state folder: check gives the compact report of
# the untouched exercise 01, run builds and runs the demo, and watch, started
# on a broken file, shows the compile error, keeps watching, checks again when
# the file is fixed, and quits on q. The keys reach watch through a
# pseudo-terminal (script(1)), as a student's keyboard would.
set -u
root=$1
work=$(mktemp -d)
trap 'exec 3>&- 2>/dev/null; kill "$watch_pid" 2>/dev/null; rm -rf "$work"' EXIT
export NO_COLOR=1
unset COURSE_STATE_DIR COURSE_BUILD_DIR
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
watch_pid=""

clone="$work/fresh clone"
git clone -q "$root" "$clone" || { echo "FAIL: git clone"; exit 1; }
cd "$clone" || exit 1

# check: the untouched exercise, as the student first sees it.
report=$(./course check 01 2>&1)
status=$?
printf '%s\n' "$report"
[ "$status" -eq 1 ] || fail "check of the untouched exercise exited $status, expected 1"
grep -qF "✗ exercise 01_processes does not pass yet" <<<"$report" || fail "check did not say the exercise does not pass"
grep -qE "^[0-9]+ of [0-9]+ tests pass" <<<"$report" || fail "check gave no count"
lines=$(wc -l <<<"$report")
[ "$lines" -le 40 ] || fail "the report is $lines lines long; it must fit in 40"
for framing in "Test project" "Internal ctest" "[ RUN" "[  FAILED" "Running main()" "Label Time Summary" \
  "Errors while running CTest" "tests passed," "==========="; do
  grep -qF -- "$framing" <<<"$report" && fail "the report shows ctest's or gtest's framing: '$framing'"
done

# run: the demo builds on demand and runs.
demo=$(./course run 01 pids 2>&1) || fail "./course run 01 pids failed: $demo"
grep -q "PID" <<<"$demo" || fail "the demo printed no PID: $demo"

# A compile error: the compiler's own first diagnostic; in its colours on a
# terminal, plain when the output is a file or NO_COLOR is set.
exercise=exercises/01_processes/run_jobs.cpp
cp "$exercise" "$work/pristine.cpp"
echo "this is not C++" >>"$exercise"
plain=$(./course check 01 2>&1)
grep -qF "run_jobs.cpp" <<<"$plain" && grep -qF "error:" <<<"$plain" || fail "check showed no compiler error: $plain"
grep -qF "this is not C++" <<<"$plain" || fail "the compile error came without its source line: $plain"
grep -q $'\e' <<<"$plain" && fail "the compile error written to a file holds colour codes"
NO_COLOR='' script -qfec "./course check 01" /dev/null </dev/null >"$work/coloured" 2>&1
grep -qF $'\e[01;31m\e[Kerror' "$work/coloured" || fail "on a terminal the compile error lost the compiler's colours"

# watch, started on a broken file.
mkfifo "$work/keys"
script -qfec "./course watch 01" /dev/null <"$work/keys" >"$work/screen" 2>&1 &
watch_pid=$!
exec 3>"$work/keys"  # keeps the keyboard open until the test presses q

# screen_shows <text> <seconds>: waits until the watch screen shows the text.
screen_shows() {
  local deadline=$((SECONDS + $2))
  until grep -qF -- "$1" "$work/screen"; do
    [ "$SECONDS" -lt "$deadline" ] || return 1
    sleep 0.5
  done
}
screen_shows "does not compile" 120 || fail "watch did not show the compile error"
screen_shows "error:" 1 || fail "watch did not show the compiler's error"
screen_shows "q: quit" 5 || fail "watch did not offer its keys"
kill -0 "$watch_pid" 2>/dev/null || fail "watch exited on a syntax error"
cp "$work/pristine.cpp" "$exercise"
screen_shows "does not pass yet" 120 || fail "watch did not check again after the file was fixed"
printf q >&3
for _ in $(seq 1 20); do kill -0 "$watch_pid" 2>/dev/null || break; sleep 0.5; done
if kill -0 "$watch_pid" 2>/dev/null; then
  fail "watch did not quit on q"
else
  wait "$watch_pid" || fail "watch ended with a failure on q"
fi
watch_pid=""

[ "$failures" -eq 0 ] && echo "fresh clone: ok"
exit "$failures"
