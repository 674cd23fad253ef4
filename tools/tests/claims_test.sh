#!/usr/bin/env bash
# ./course claims, run for real against this build: every measuring mode must
# run, and every row of the table must carry a verdict. Whether each claim
# holds depends on the machine (and on what else it is doing), so that is
# reported, not asserted.
set -u
root=$1
export COURSE_BUILD_DIR=$2 COURSE_STATE_DIR
COURSE_STATE_DIR=$(mktemp -d)
trap 'rm -rf "$COURSE_STATE_DIR"' EXIT
export NO_COLOR=1

out=$("$root/course" claims 2>&1)
status=$?
echo "$out"
[ "$status" -eq 0 ] || { echo "FAIL: ./course claims exited $status"; exit 1; }
grep -q "no data" <<<"$out" && { echo "FAIL: a claim has no data"; exit 1; }
rows=$(grep -cE ' (yes|NO.*|n/a: 1 core)$' <<<"$out")
[ "$rows" -ge 14 ] || { echo "FAIL: $rows rows with a verdict, expected 14"; exit 1; }
# On one core the parallel rows say n/a and are counted apart.
not_applicable=$(grep -cE ' n/a: 1 core$' <<<"$out")
if [ "$not_applicable" -eq 0 ]; then
  summary="^[0-9]+ of $rows claims hold on this machine\.$"
else
  summary="^[0-9]+ of $((rows - not_applicable)) claims hold on this machine; $not_applicable cannot be shown on 1 core\.$"
fi
grep -qE "$summary" <<<"$out" || { echo "FAIL: no summary line matching $summary"; exit 1; }
echo "claims: ok ($rows rows)"
