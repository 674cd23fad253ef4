#!/usr/bin/env bash
# A machine without standalone Asio: configuring must stop at once with the
# package to install, not with a compiler error deep in the build. Asio is
# hidden by making CMake ignore the system include directory it lives in.
set -u
root=$1
asio_dir=$2
build=$(mktemp -d)
trap 'rm -rf "$build"' EXIT
out=$(cmake -S "$root" -B "$build" -G Ninja -DCMAKE_IGNORE_PATH="$asio_dir" 2>&1)
status=$?
[ "$status" -ne 0 ] || { echo "FAIL: configuring succeeded without Asio"; exit 1; }
grep -q "Standalone Asio was not found (package libasio-dev" <<<"$out" ||
  { echo "FAIL: no message naming the package. Output:"; echo "$out"; exit 1; }
grep -q "./course start" <<<"$out" || { echo "FAIL: the message does not say what to do next"; exit 1; }
echo "missing Asio: ok (configure stops and names libasio-dev)"
