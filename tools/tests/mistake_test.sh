#!/usr/bin/env bash
# mistake.NN_topic.NAME: the lesson's tests, built against one wrong answer
# from the gallery, must reject it, in time, with the test the entry names.
#
#   tools/tests/mistake_test.sh <tests binary> <NAME.patch> <seconds> <build dir>
#
# The patch's header says what it expects (see tests/README.md):
#   Mistake:   the mistake, in one sentence
#   Caught by: the GoogleTest tests that must fail (one or more)
#   Gate:      tests (a plain run catches it), thread or address (the sanitizer does)
#   Says:      optional: a regular expression the failure must print, the mistake in the lesson's words
set -u
binary=$1 patch=$2 budget=$3 build=$4
field() { sed -n "s/^$1:[[:space:]]*//p" "$patch" | head -1; }
mistake=$(field Mistake)
caught_by=$(field "Caught by")
gate=$(field Gate)
says=$(field Says)
[ -n "$mistake" ] && [ -n "$caught_by" ] || { echo "$patch: needs a 'Mistake:' and a 'Caught by:' line"; exit 1; }

case ${gate:-tests} in
  thread) export TSAN_OPTIONS="${TSAN_OPTIONS:-} halt_on_error=1 report_thread_leaks=0 exitcode=66 atexit_sleep_ms=0" ;;
  address) export ASAN_OPTIONS="detect_leaks=1:exitcode=66${ASAN_OPTIONS:+:$ASAN_OPTIONS}" ;;
esac

start=$SECONDS
output=$(timeout --kill-after=2 "$budget" "$binary" 2>&1)
status=$?
took=$((SECONDS - start))
printf '%s\n' "$output"
echo "----"
echo "mistake: $mistake"

reject() { echo "NOT REJECTED as it should be: $1"; exit 1; }
[ "$status" -ne 0 ] || reject "every test passed: the tests accept this wrong answer"
[ "$status" -ne 124 ] && [ "$status" -ne 137 ] || reject "the tests took longer than $budget s to reject it"
[ "$status" -lt 128 ] || reject "the test binary crashed (exit $status): one crashing test must not take the others down"

case ${gate:-tests} in
  thread) grep -q "WARNING: ThreadSanitizer: data race" <<<"$output" || reject "ThreadSanitizer reported no data race" ;;
  address) grep -qE "ERROR: (AddressSanitizer|LeakSanitizer)|runtime error:" <<<"$output" ||
    reject "AddressSanitizer and UBSan reported nothing" ;;
esac
if [ "${gate:-tests}" != tests ]; then
  # What ./course check shows the student: the report, in their terms, at a line of the wrong answer.
  id=$(basename "$(dirname "$(dirname "$patch")")")
  mine="mistakes/$id/$(basename "$patch" .patch)/"
  summary=$(awk -v root="$build" -v mine="$mine" -f "$(dirname "$0")/../sanitizer_summary.awk" <<<"$output")
  echo "what ./course check would show:"
  printf '%s\n' "$summary"
  grep -q "$mine[^ ]*:[0-9]" <<<"$summary" || reject "the gate's summary does not point at a line of the wrong answer"
fi
for test in $caught_by; do
  grep -qF "[  FAILED  ] $test (" <<<"$output" ||
    reject "$test did not fail (it is named as the test that catches this mistake)"
done
if [ -n "$says" ]; then
  grep -qE -- "$says" <<<"$output" || reject "the failure does not say /$says/: it must name the mistake"
fi
echo "rejected in ${took} s by: $caught_by"
