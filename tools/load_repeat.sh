#!/usr/bin/env bash
# The flake hunt: every solution and demo test, repeated until one fails (at
# most N times each), while busy loops keep every core occupied. A classroom
# machine is rarely idle; a test that passes only on a quiet machine is a
# flaky test.
#
#   tools/load_repeat.sh <build dir> [N]      (N: repeats, default 30)
set -u
build=${1:?usage: tools/load_repeat.sh <build dir> [repeats]}
repeats=${2:-30}
cores=$(nproc 2>/dev/null || echo 2)

# One busy loop per core, ended however this script ends.
for ((i = 0; i < cores; i++)); do
  (while :; do :; done) &
done
load_pids=$(jobs -p)
trap 'kill $load_pids 2>/dev/null' EXIT

echo "load: $cores busy loops; each solution and demo test up to $repeats times (stops at the first failure)"
start=$SECONDS
ctest --test-dir "$build" -L '^(solution|demo|mistake)$' --repeat "until-fail:$repeats" -j "$cores" \
  --timeout 300 --output-on-failure
status=$?
echo "load: $((SECONDS - start)) s under load, ctest exit $status"
exit "$status"
