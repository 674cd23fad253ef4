#!/usr/bin/env bash
# Every Linux-only call in the course's C++ sources sits behind a Linux guard
# (tools/portability.awk), and the check itself catches a planted one.
set -u
root=$1
checker="$root/tools/portability.awk"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The check catches what it must, and lets a guarded call and a comment be.
cat >"$work/planted.cpp" <<'CPP'
#include <unistd.h>
// pipe2 in a comment is fine
void open_pipe(int* ends) { ::pipe2(ends, 0); }
#ifdef __linux__
void guarded(int* ends) { ::pipe2(ends, 0); }
#else
void portable(int* ends) { ::pipe(ends); }
#endif
#ifndef __linux__
void elsewhere(int* ends) { ::pipe2(ends, 0); }
#endif
CPP
planted=$(awk -f "$checker" "$work/planted.cpp")
[ "$(wc -l <<<"$planted")" -eq 2 ] && grep -q "planted.cpp:3: pipe2" <<<"$planted" &&
  grep -q "planted.cpp:10: pipe2" <<<"$planted" || {
  echo "FAIL: the check did not report exactly the two unguarded pipe2 calls (lines 3 and 10):"
  printf '%s\n' "$planted"
  exit 1
}

mapfile -t sources < <(cd "$root" && find common lessons exercises solutions tests tools -name '*.cpp' -o -name '*.hpp' | sort)
cd "$root" || exit 1
if ! awk -f "$checker" "${sources[@]}"; then
  echo "FAIL: Linux-only calls outside a guard (above)"
  exit 1
fi
echo "portability: ${#sources[@]} files, every Linux-only call guarded"
