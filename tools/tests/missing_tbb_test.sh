#!/usr/bin/env bash
# A machine without TBB (libtbb-dev): configuring must stop at once and name
# the package, since without it std::execution::par would run on one thread
# without a word. TBB is hidden with CMAKE_DISABLE_FIND_PACKAGE_TBB.
set -u
root=$1
build=$(mktemp -d)
trap 'rm -rf "$build"' EXIT
out=$(cmake -S "$root" -B "$build" -G Ninja -DCMAKE_DISABLE_FIND_PACKAGE_TBB=ON 2>&1)
status=$?
[ "$status" -ne 0 ] || { echo "FAIL: configuring succeeded without TBB"; exit 1; }
grep -q "TBB was not found (package libtbb-dev" <<<"$out" ||
  { echo "FAIL: no message naming the package. Output:"; echo "$out"; exit 1; }
grep -q "./course start" <<<"$out" || { echo "FAIL: the message does not say what to do next"; exit 1; }
echo "missing TBB: ok (configure stops and names libtbb-dev)"
