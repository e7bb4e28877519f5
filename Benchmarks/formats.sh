#!/usr/bin/env bash
# Throughput of each input format on the same articles: the stream of ../shared/corpus/make-stream.sh
# written as JSON Lines (plain, gzip, zstd, bzip2 and xz), CSV, TSV and JSON documents of 1,000
# articles each, run through Benchmarks/throughput.yaml's stages, beside the Python reference
# (../shared/bench/python_baseline.py, one core, on the plain JSON Lines) in the same invocation.
#
# usage: Benchmarks/formats.sh [--size 50MB] [--runs 3]
# Prints, per format: the bytes read, the median seconds, MB/s of the input as stored, MB/s of the
# articles as JSON Lines (the same for every format, so the columns compare), and articles/s.
# Fails when a format does not give every article. Needs ../shared/corpus and ../shared/bench.
set -euo pipefail
cd "$(dirname "$0")/.."

size=50MB
runs=3
while [ $# -gt 0 ]; do
  case "$1" in
    --size) size=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
done
maker=../shared/corpus/make-stream.sh
baseline=../shared/bench/python_baseline.py
source Scripts/lib/shared.sh
require_shared "$maker" "$baseline"
work=$(mktemp -d "${TMPDIR:-/tmp}/pipe-formats.XXXXXX")
trap 'rm -rf "$work"' EXIT
bash "$maker" jsonl "$size" "$work/stream.jsonl" > /dev/null 2>&1
swift build -c release --product pipe > /dev/null
pipe=$(swift build -c release --show-bin-path)/pipe
records=$(wc -l < "$work/stream.jsonl")
jsonl_bytes=$(wc -c < "$work/stream.jsonl")

# The same articles in every format.
# A compressor that is not installed leaves its format out, and says so.
compressed=()
for tool in "gzip -6" "zstd -q -3" "bzip2 -9" "xz -6 -T1"; do
  name=${tool%% *}
  extension=$(case $name in gzip) echo gz ;; zstd) echo zst ;; bzip2) echo bz2 ;; xz) echo xz ;; esac)
  if command -v "$name" > /dev/null; then
    $tool -c "$work/stream.jsonl" > "$work/stream.jsonl.$extension"
    compressed+=("$extension")
  else
    echo "($name is not installed: jsonl.$extension left out)"
  fi
done
python3 - "$work" <<'PY'
import csv, json, os, sys
work = sys.argv[1]
rows = [json.loads(line) for line in open(os.path.join(work, "stream.jsonl"), encoding="utf-8")]
keys = sorted({key for row in rows for key in row})
def cell(value): return "" if value is None else value if isinstance(value, str) else json.dumps(value)
with open(os.path.join(work, "stream.csv"), "w", newline="", encoding="utf-8") as f:
    writer = csv.writer(f)
    writer.writerow(keys)
    writer.writerows([[cell(row.get(key)) for key in keys] for row in rows])
with open(os.path.join(work, "stream.tsv"), "w", encoding="utf-8") as f:
    f.write("\t".join(keys) + "\n")
    for row in rows:
        f.write("\t".join(cell(row.get(key)).replace("\t", " ").replace("\n", " ").replace("\r", " ") for key in keys) + "\n")
os.makedirs(os.path.join(work, "json"))
for start in range(0, len(rows), 1000):
    with open(os.path.join(work, "json", f"{start // 1000:05d}.json"), "w", encoding="utf-8") as f:
        json.dump({"status": "ok", "articles": rows[start:start + 1000]}, f, ensure_ascii=False)
PY
echo "machine: $(nproc) cores, $(uname -m); $records articles, $jsonl_bytes bytes as JSON Lines ($size), $(date -u +%Y-%m-%d)"
printf '%-12s %12s %8s %10s %14s %12s\n' format bytes seconds "MB/s read" "MB/s as jsonl" articles/s

# One format: the pipeline is throughput.yaml's stages with this input.
measure() {  # LABEL FORMAT PATH [extra input lines]
  local label=$1 format=$2 path=$3 extra=${4:-}
  sed "s|  format: jsonl|  format: $format$extra|" Benchmarks/throughput.yaml > "$work/p.yaml"
  : > "$work/seconds"
  for run in $(seq "$runs"); do
    rm -rf "$work/out"
    BENCH_INPUT=$path BENCH_OUTPUT=$work/out/x.jsonl /usr/bin/time -f "%e" -o "$work/time" "$pipe" run -q "$work/p.yaml" \
      || { echo "FAILED: $label exited $?" >&2; exit 1; }
    cat "$work/time" >> "$work/seconds"
    written=$(wc -l < "$work/out/x.jsonl")
    [ "$written" = "$records" ] || { echo "FAILED: $label wrote $written of $records articles" >&2; exit 1; }
  done
  local seconds bytes
  seconds=$(sort -n "$work/seconds" | awk '{ line[NR] = $0 } END { print line[int((NR + 1) / 2)] }')
  bytes=$(du -sb "$path" | cut -f1)
  awk -v l="$label" -v b="$bytes" -v s="$seconds" -v j="$jsonl_bytes" -v n="$records" \
    'BEGIN { printf "%-12s %12d %8.2f %10.1f %14.1f %12d\n", l, b, s, b / s / 1e6, j / s / 1e6, n / s }'
}

measure jsonl jsonl "$work/stream.jsonl"
for extension in "${compressed[@]}"; do measure "jsonl.$extension" jsonl "$work/stream.jsonl.$extension"; done
measure csv csv "$work/stream.csv"
measure tsv tsv "$work/stream.tsv"
measure json json "$work/json" "\n  records: articles"
echo "python reference, 1 core, on the JSON Lines: $(taskset -c 0 python3 "$baseline" "$work/stream.jsonl" | tail -n 1)"
