#!/usr/bin/env bash
# A deadlock mode with --hang: it must report the cycle, stay hung (on purpose,
# for gdb), and end, with every process it started, when Ctrl-C reaches it.
set -u
demo=$1 mode=$2
source "$(dirname "$0")/processes.sh"
out=$(mktemp)
trap 'rm -f "$out"' EXIT

start_job "$demo" "$mode" --hang

# The processes that hang: the demo itself (threads), or the ranks it started (MPI).
hung_pids() { grep -o "gdb -p [0-9]*" "$out" | awk '{ print $3 }'; }
reported() { grep -q "gdb -p [0-9]" "$out" && grep -q "DEADLOCK" "$out"; }
if ! wait_until 10 reported; then
  kill -KILL -- "-$pid" 2>/dev/null
  echo "FAIL: no deadlock report (DEADLOCK and the gdb command) within 10 s. Output:"; cat "$out"; exit 1
fi
sleep 1
kill -0 "$pid" 2>/dev/null || { echo "FAIL: --hang did not stay hung"; cat "$out"; exit 1; }

press_ctrl_c || exit 1
for hung in $(hung_pids); do
  if alive "$hung"; then
    echo "FAIL: process $hung, named for gdb, still runs after Ctrl-C"; kill -KILL "$hung"; exit 1
  fi
done
echo "hang: ok ($(basename "$demo") $mode --hang reported, stayed hung, ended on Ctrl-C)"
