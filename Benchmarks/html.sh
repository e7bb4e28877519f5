#!/usr/bin/env bash
# Main text of web pages on one core: `pipe` (Benchmarks/html.yaml: parse, then export) against
# trafilatura from PyPI (pinned below; Benchmarks/html/trafilatura_pages.py, one process),
# alternately in the same invocation, both pinned to CPU 0 with taskset, over the 90 pages of
# ../shared/corpus/html-extraction copied --copies times. Prints each run's pages/s and the
# F1 of each output on the benchmark's ground truth (../shared/eval/html_score.py, first copy).
#
# usage: Benchmarks/html.sh [--copies 5] [--runs 3]
# Needs ../shared/corpus/html-extraction and ../shared/eval.
set -euo pipefail
cd "$(dirname "$0")/.."

copies=5
runs=3
while [ $# -gt 0 ]; do
  case "$1" in
    --copies) copies=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
done

source Scripts/lib/shared.sh
source Scripts/lib/python.sh
corpus=$PWD/../shared/corpus/html-extraction
score=$PWD/../shared/eval/html_score.py
require_shared "$corpus" "$score"
python_env trafilatura==2.0.0 lxml==6.2.1 lxml_html_clean==0.4.7
work=$(mktemp -d "${TMPDIR:-/tmp}/pipe-html.XXXXXX")
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/pages"
for file in "$corpus"/html/*.html.gz; do
  name=$(basename "$file" .html.gz)
  gzip -dc "$file" > "$work/pages/$name.html"
  for copy in $(seq 2 "$copies"); do cp "$work/pages/$name.html" "$work/pages/$name-$copy.html"; done
done
pages=$(ls "$work/pages" | wc -l)
swift build -c release --product pipe > /dev/null
pipe=$(swift build -c release --show-bin-path)/pipe
echo "machine: $(nproc) cores, $(uname -m); $pages pages ($copies copies of 90), $(du -sb "$work/pages" | cut -f1) bytes, CPU 0 only, $(date -u +%Y-%m-%d)"

# Runs a command on CPU 0 under GNU time; prints its seconds.
measure() {
  /usr/bin/time -f "%e" -o "$work/time" taskset -c 0 "$@" > /dev/null 2> "$work/log" || { cat "$work/log" >&2; exit 1; }
  cat "$work/time"
}

# f1 OUT.jsonl: the F1 html_score.py gives the first copy of every page.
f1() {
  python3 -c "import json, sys
for line in open(sys.argv[1]):
    r = json.loads(line)
    if '-' not in r['id'].rsplit('/', 1)[-1]: print(json.dumps({'id': r['id'], 'body': r['body']}))" "$1" > "$work/first.jsonl"
  python3 "$score" "$work/first.jsonl" "$corpus/ground-truth.json" | tail -1 | sed -n 's/.*F1=\([0-9.]*\).*/\1/p'
}

for run in $(seq "$runs"); do
  rm -rf "$work/out"
  seconds=$(BENCH_INPUT="$work/pages" BENCH_OUTPUT="$work/out" measure "$pipe" run Benchmarks/html.yaml)
  echo "pipe        run $run: $seconds s, $(awk -v n="$pages" -v s="$seconds" 'BEGIN { printf "%.0f", n / s }') pages/s, F1 $(f1 "$work/out/html.jsonl")"
  echo "$seconds" >> "$work/pipe"
  seconds=$(measure python "Benchmarks/html/trafilatura_pages.py" "$work/pages" "$work/out/trafilatura.jsonl")
  echo "trafilatura run $run: $seconds s, $(awk -v n="$pages" -v s="$seconds" 'BEGIN { printf "%.0f", n / s }') pages/s, F1 $(f1 "$work/out/trafilatura.jsonl")"
  echo "$seconds" >> "$work/trafilatura"
done

median() { sort -n "$1" | awk '{ line[NR] = $0 } END { print line[int((NR + 1) / 2)] }'; }
awk -v p="$(median "$work/pipe")" -v q="$(median "$work/trafilatura")" -v n="$pages" \
  'BEGIN { printf "median on one core: pipe %.0f pages/s, trafilatura %.0f pages/s: %.2f times\n", n / p, n / q, q / p }'
