#!/usr/bin/env bash
# A folder of small article files, the pipeline written plainly (Benchmarks/folder.yaml: no
# `concurrency:` lines), against the plain Python `multiprocessing` job of the same shape
# (../shared/bench/folder-peer/plain_mp.py, 2 workers), alternately in the same invocation.
#
# usage: Benchmarks/folder.sh [--articles 20000] [--runs 3]
# Prints each run's seconds, articles/s and CPUs busy ((user + system) / wall), then the medians
# and the ratio of articles/s. Fails when the two outputs do not hold the same number of records.
# Needs ../shared/bench.
set -euo pipefail
cd "$(dirname "$0")/.."

articles=20000
runs=3
while [ $# -gt 0 ]; do
  case "$1" in
    --articles) articles=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
done

bench=../shared/bench
source Scripts/lib/shared.sh
require_shared "$bench/gen-articles.py" "$bench/folder-peer/plain_mp.py"
work=$(mktemp -d "${TMPDIR:-/tmp}/pipe-folder.XXXXXX")
trap 'rm -rf "$work"' EXIT
python3 "$bench/gen-articles.py" "$work/articles" --n "$articles" --seed 42 > /dev/null
swift build -c release --product pipe > /dev/null
pipe=$(swift build -c release --show-bin-path)/pipe
echo "machine: $(nproc) cores, $(uname -m); $articles files, $(du -sb "$work/articles" | cut -f1) bytes, $(date -u +%Y-%m-%d)"

# Runs a command under GNU time; prints "seconds cpus".
measure() {
  /usr/bin/time -f "%e %U %S" -o "$work/time" "$@" > /dev/null 2> "$work/log" || { cat "$work/log" >&2; exit 1; }
  awk '{ printf "%.2f %.2f\n", $1, ($2 + $3) / ($1 > 0 ? $1 : 1) }' "$work/time"
}

for run in $(seq "$runs"); do
  rm -rf "$work/out"
  read -r seconds cpus < <(BENCH_INPUT="$work/articles" BENCH_OUTPUT="$work/out/folder.jsonl" measure "$pipe" run Benchmarks/folder.yaml)
  echo "pipe   run $run: $seconds s, $(awk -v n="$articles" -v s="$seconds" 'BEGIN { printf "%d", n / s }') articles/s, $cpus CPUs busy"
  echo "$seconds $cpus" >> "$work/pipe"
  pipe_records=$(wc -l < "$work/out/folder.jsonl")
  read -r seconds cpus < <(measure python3 "$bench/folder-peer/plain_mp.py" "$work/articles" "$work/out" --workers 2)
  echo "python run $run: $seconds s, $(awk -v n="$articles" -v s="$seconds" 'BEGIN { printf "%d", n / s }') articles/s, $cpus CPUs busy"
  echo "$seconds $cpus" >> "$work/python"
  python_records=$(wc -l < "$work/out/plain_mp.jsonl")
  [ "$pipe_records" = "$python_records" ] || { echo "FAILED: pipe wrote $pipe_records records, Python $python_records" >&2; exit 1; }
done

median() { sort -n "$1" | awk '{ line[NR] = $0 } END { print line[int((NR + 1) / 2)] }'; }
read -r pipe_seconds pipe_cpus < <(median "$work/pipe")
read -r python_seconds python_cpus < <(median "$work/python")
echo "median: pipe $pipe_seconds s ($pipe_cpus CPUs), python $python_seconds s ($python_cpus CPUs)"
awk -v p="$pipe_seconds" -v q="$python_seconds" -v n="$articles" \
  'BEGIN { printf "pipe %d articles/s, python %d articles/s: %.2f times\n", n / p, n / q, q / p }'
