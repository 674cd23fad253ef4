#!/usr/bin/env bash
# Runs after every other test (a ctest fixture cleanup): no process started
# from this build may still be running. A stray would be a child some test or
# demo forgot to reap or kill; on a classroom machine it would go on using a core.
set -u
build=$(cd "$1" && pwd -P)
source "$(dirname "$0")/processes.sh"

# "/proc/<pid> <program>" for each process whose program lies in the build.
strays() {
  find /proc/[0-9]*/exe -maxdepth 0 -lname "$build/*" -printf '%h %l\n' 2>/dev/null
}
no_strays() { [ -z "$(strays)" ]; }

# A child may take a moment to go after its test has passed.
if ! wait_until 3 no_strays; then
  echo "FAIL: still running from $build after the suite (pid, program):"
  strays
  exit 1
fi
echo "no strays: ok (no process of $build left)"
