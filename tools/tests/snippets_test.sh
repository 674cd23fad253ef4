#!/usr/bin/env bash
# The snippet checker passes a fresh copy, fails a stale one, and sync mends it.
set -u
snippets=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

mkdir -p "$work/lessons" "$work/slides"
cat > "$work/lessons/demo.cpp" <<'CPP'
int main() {
  // [snippet:body]
  int x = 10;
  // [snippet:inner]
  x += 5;
  // [/snippet:inner]
  return x;
  // [/snippet:body]
}
CPP
cat > "$work/slides/deck.md" <<'MD'
---
marp: true
---
```cpp snippet:lessons/demo.cpp#body
int x = 10;
x += 5;
return x;
```
```cpp snippet:lessons/demo.cpp#inner
x += 5;
```
MD

"$snippets" check "$work" slides/deck.md || fail "a fresh deck was reported stale"

sed -i 's/x += 5;/x += 6;/' "$work/lessons/demo.cpp"
out=$("$snippets" check "$work" slides/deck.md 2>&1) && fail "a stale deck passed"
grep -q "stale copy of lessons/demo.cpp#inner" <<<"$out" || fail "no 'stale copy' message: $out"

"$snippets" sync "$work" slides/deck.md >/dev/null || fail "sync failed"
"$snippets" check "$work" slides/deck.md >/dev/null || fail "still stale after sync"
grep -q "x += 6;" "$work/slides/deck.md" || fail "sync did not copy the new code"

printf '```cpp\nint typed;\n```\n' >> "$work/slides/deck.md"
out=$("$snippets" check "$work" slides/deck.md 2>&1) && fail "an unmarked C++ block passed"
grep -q "hand-typed" <<<"$out" || fail "no hint about hand-typed: $out"

"$snippets" check 2>/dev/null; [ $? -eq 2 ] || fail "bad usage must exit 2"
echo "snippet checker: ok"
