#!/usr/bin/env bash
# A machine without one of the course's packages: configuring must stop at
# once with the package to install, not with a compiler error deep in the
# build, nor (for TBB) with std::execution::par quietly on one thread.
#
#   missing_package_test.sh <course root> <what the message must say> <cmake option that hides it>
#   e.g. "Standalone Asio was not found (package libasio-dev" -DCMAKE_IGNORE_PATH=/usr/include
set -u
root=$1 expected=$2 hide=$3
build=$(mktemp -d)
trap 'rm -rf "$build"' EXIT
out=$(cmake -S "$root" -B "$build" -G Ninja "$hide" 2>&1)
status=$?
[ "$status" -ne 0 ] || { echo "FAIL: configuring succeeded with $hide"; exit 1; }
grep -qF "$expected" <<<"$out" || { echo "FAIL: no message saying '$expected'. Output:"; echo "$out"; exit 1; }
grep -q "./course start" <<<"$out" || { echo "FAIL: the message does not say what to do next"; exit 1; }
echo "missing package: ok (with $hide, configure stops: $expected)"
