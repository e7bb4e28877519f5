#!/usr/bin/env bash
# Instructions per article of each part of Pipe's work, counted by callgrind: exact and repeatable,
# where timings on these machines vary by 5–10% from run to run. Use it to compare two versions of
# a change; the throughput script says what the change is worth in time.
#
# usage: Benchmarks/instructions.sh [--articles 500] [--top N] [PART ...]
#   PART: parse, normalize, detect, tokens, entities, dates, quotes, keywords, extract, json
#         (all of them by default); `entities`, `dates`, `quotes` and `keywords` include `tokens`
#   --articles: corpus articles to run over, in turn from each source (500 by default)
#   --top: also print each part's N costliest functions (self instructions)
# Needs valgrind and ../shared/corpus.
set -euo pipefail
cd "$(dirname "$0")"

articles=500
top=0
parts=()
while [ $# -gt 0 ]; do
  case "$1" in
    --articles) articles=$2; shift 2 ;;
    --top) top=$2; shift 2 ;;
    -*) echo "unknown argument: $1" >&2; exit 2 ;;
    *) parts+=("$1"); shift ;;
  esac
done
[ ${#parts[@]} -gt 0 ] || parts=(parse normalize detect tokens entities dates quotes keywords extract json)

if ! command -v valgrind > /dev/null; then echo "skipped: valgrind is not installed"; exit 0; fi
source ../Scripts/lib/shared.sh
require_shared ../../shared/corpus

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
if ! swift build -c release --product PipeInstructions > "$work/build.log" 2>&1; then
  cat "$work/build.log" >&2
  exit 1
fi
folder=$(swift build -c release --show-bin-path)
# valgrind 3.19 cannot read this toolchain's DWARF 5 debug information: count on a copy without
# it, beside the resource bundles the stages load.
strip --strip-debug "$folder/PipeInstructions" -o "$folder/PipeInstructions-stripped"
measure=$(nm "$folder/PipeInstructions-stripped" | awk '/ \$s16PipeInstructions7measure/ && !found { print $3; found = 1 }')
printf "%-10s %14s %12s %10s\n" part instructions "per article" "per byte"
for part in "${parts[@]}"; do
  # Swift seeds its hashing at random in each process, which moves the counts by about 0.1%;
  # a fixed seed makes them repeat to the instruction.
  SWIFT_DETERMINISTIC_HASHING=1 valgrind --tool=callgrind --callgrind-out-file="$work/$part.out" --toggle-collect="$measure" \
    "$folder/PipeInstructions-stripped" "$part" "$articles" > "$work/$part.log" 2>&1
  total=$(awk '/^summary:/ { print $2 }' "$work/$part.out")
  read -r count bytes <<< "$(awk '/articles,/ { print $2, $4 }' "$work/$part.log")"
  awk -v p="$part" -v t="$total" -v n="$count" -v b="$bytes" \
    'BEGIN { printf "%-10s %14d %12d %10.1f\n", p, t, t / n, t / b }'
  if [ "$top" -gt 0 ]; then
    callgrind_annotate "$work/$part.out" 2>/dev/null | awk '/file:function/ { on = 1; getline; next } on && NF' \
      | head -n "$top" | sed -E 's/ \[[^]]*\]$//; s/\?\?\?://' | cut -c1-150 || true
  fi
done
