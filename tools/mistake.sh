#!/usr/bin/env bash
# Writing an entry of the gallery of wrong answers (see tests/README.md).
#
#   tools/mistake.sh edit NN_topic NAME   a draft to edit: the solution's files, with the entry's
#                                         mistake already in them if it exists, and its HEADER
#   tools/mistake.sh save NN_topic NAME   the draft, as tests/NN_topic/mistakes/NAME.patch
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
[ $# -eq 3 ] || { echo "usage: tools/mistake.sh edit|save NN_topic NAME" >&2; exit 2; }
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
  *) echo "usage: tools/mistake.sh edit|save NN_topic NAME" >&2; exit 2 ;;
esac
