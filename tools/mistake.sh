#!/usr/bin/env bash
# Writing an entry of the gallery of wrong answers (see tests/README.md).
#
#   tools/mistake.sh edit NN_topic NAME   a draft to edit: the solution's files, with the entry's
#                                         mistake already in them if it exists, and its HEADER
#   tools/mistake.sh save NN_topic NAME   the draft, as tests/NN_topic/mistakes/NAME.patch
#   tools/mistake.sh refresh NN_topic NAME   after the solution changed under the entry: its
#                                         mistake merged into the solution as it is now (git
#                                         merge-file, against the solution as of the entry's last
#                                         commit); the wrong lines win where both changed
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
[ $# -eq 3 ] || { echo "usage: tools/mistake.sh edit|save|refresh NN_topic NAME" >&2; exit 2; }
action=$1 id=$2 name=$3
solution=$root/solutions/$id
patch=$root/tests/$id/mistakes/$name.patch
draft=$root/build/mistake-drafts/$id/$name
[ -d "$solution" ] || { echo "no solutions/$id" >&2; exit 2; }

case $action in
  edit)
    rm -rf "$draft"
    mkdir -p "$draft"
    cp "$solution"/*.[ch]pp "$draft"/
    if [ -f "$patch" ]; then
      patch --batch --silent -p1 -d "$draft" -i "$patch"
      sed '/^--- /,$d' "$patch" >"$draft/HEADER"
    else
      printf 'Mistake: \nCaught by: \nGate: tests\n\n' >"$draft/HEADER"
    fi
    echo "$draft"
    ;;
  save)
    [ -f "$draft/HEADER" ] || { echo "no draft: run tools/mistake.sh edit $id $name first" >&2; exit 1; }
    mkdir -p "$(dirname "$patch")"
    {
      cat "$draft/HEADER"
      for file in "$solution"/*.[ch]pp; do
        file_name=$(basename "$file")
        (cd "$root" && diff -u --label "a/$file_name" --label "b/$file_name" "$file" "$draft/$file_name") || true
      done
    } >"$patch"
    grep -q '^+++ ' "$patch" || { echo "the draft is the solution: no mistake in it" >&2; rm "$patch"; exit 1; }
    echo "wrote ${patch#$root/}"
    ;;
  refresh)
    [ -f "$patch" ] || { echo "no entry ${patch#$root/}" >&2; exit 1; }
    since=$(git -C "$root" log -1 --format=%H -- "${patch#$root/}")
    [ -n "$since" ] || { echo "${patch#$root/} is not committed yet: nothing to refresh against" >&2; exit 1; }
    old=$root/build/mistake-drafts/$id/$name.old
    rm -rf "$draft" "$old"
    mkdir -p "$draft" "$old"
    for file in "$solution"/*.[ch]pp; do
      file_name=$(basename "$file")
      git -C "$root" show "$since:solutions/$id/$file_name" >"$old/$file_name" 2>/dev/null || cp "$file" "$old/$file_name"
    done
    cp "$old"/*.[ch]pp "$draft"/
    patch --batch --silent -p1 -d "$draft" -i "$patch"
    sed '/^--- /,$d' "$patch" >"$draft/HEADER"
    for file in "$solution"/*.[ch]pp; do
      file_name=$(basename "$file")
      git merge-file --ours "$draft/$file_name" "$old/$file_name" "$file"
    done
    "$0" save "$id" "$name"
    ;;
  *) echo "usage: tools/mistake.sh edit|save|refresh NN_topic NAME" >&2; exit 2 ;;
esac
