#!/usr/bin/env bash
# A deadlock mode with --hang: it must report the cycle, stay hung (on purpose,
# for gdb), and end, with every process it started, when Ctrl-C reaches it.
set -u
demo=$1 mode=$2
source "$(dirname "$0")/processes.sh"
out=$(mktemp)
trap 'rm -f "$out"' EXIT

start_job "$demo" "$mode" --hang

if ! wait_until 10 grep -q "gdb -p $pid" "$out"; then
  kill -KILL -- "-$pid" 2>/dev/null
  echo "FAIL: no deadlock report with the gdb command within 10 s. Output:"; cat "$out"; exit 1
fi
grep -q "DEADLOCK" "$out" || { echo "FAIL: the report does not name the deadlock"; cat "$out"; kill -KILL -- "-$pid"; exit 1; }
sleep 1
kill -0 "$pid" 2>/dev/null || { echo "FAIL: --hang did not stay hung"; cat "$out"; exit 1; }

press_ctrl_c || exit 1
echo "hang: ok ($(basename "$demo") $mode --hang reported, stayed hung, ended on Ctrl-C)"
