#!/usr/bin/env bash
# Bad input to a demo executable: an unknown mode, a word where a number goes,
# a number out of range, an unknown option, one argument too many. Each must
# get a usage line and exit 2, before anything runs. The modes and their
# arguments are read from the demo's own --help, so a new mode is covered too.
set -u
demo=$1
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

# expect_usage_error <arguments...>
expect_usage_error() {
  local out status
  out=$(timeout 10 "$demo" "$@" 2>&1)
  status=$?
  [ "$status" -eq 2 ] || fail "'$(basename "$demo") $*' exited $status, expected 2. Output: ${out:0:300}"
  grep -q "^usage:" <<<"$out" || fail "'$(basename "$demo") $*' printed no usage line. Output: ${out:0:300}"
}

help=$(timeout 10 "$demo" --help 2>&1) || fail "--help exited $?"
grep -q "^usage:" <<<"$help" || fail "--help printed no usage line"

expect_usage_error no-such-mode
expect_usage_error --no-such-option

# The lines after "modes:" look like "  speedup [processes]    summary".
modes=$(sed -n '/^modes:/,/^$/p' <<<"$help" | grep '^  ')
[ -n "$modes" ] || fail "--help lists no modes"
while read -r mode rest; do
  expect_usage_error "$mode" 1 2 3 4 5 6 7 8 9
  expect_usage_error "$mode" --no-such-option
  if grep -qE '^\[[a-zA-Z]+\]' <<<"$rest"; then  # takes a number
    expect_usage_error "$mode" not-a-number
    expect_usage_error "$mode" 99999999999999
    expect_usage_error "$mode" -5
  fi
done <<<"$modes"

[ "$failures" -eq 0 ] && echo "bad input: ok ($(wc -l <<<"$modes") modes of $(basename "$demo"))"
exit "$failures"
