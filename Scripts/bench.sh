#!/usr/bin/env bash
# Throughput and peak memory of the syria pipeline (jsonl input, one jsonl export) over a
# generated JSON Lines stream, with the Python reference run on the same file.
# Usage: Scripts/bench.sh [SIZE]   (default 200MB; needs ../shared/corpus/make-stream.sh)
set -euo pipefail
cd "$(dirname "$0")/.."
size=${1:-200MB}
stream_maker=../shared/corpus/make-stream.sh
if [ ! -x "$stream_maker" ] && [ ! -f "$stream_maker" ]; then
  echo "skipped: $stream_maker is absent"; exit 0
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
bash "$stream_maker" jsonl "$size" "$work/stream.jsonl" >/dev/null
cat > "$work/bench.yaml" <<YAML
pipeline: bench
input: {path: $work/stream.jsonl, format: jsonl}
stages:
  - type: parse
    concurrency: auto
  - type: normalize
    concurrency: auto
  - type: translate-stub
    concurrency: auto
  - type: extract
    concurrency: auto
  - type: export
    options: {path: $work/out.jsonl}
YAML
swift build -c release --product pipe >/dev/null
echo "input: $(wc -l < "$work/stream.jsonl") articles, $(du -m "$work/stream.jsonl" | cut -f1) MiB"
/usr/bin/time -f "peak RSS: %M KiB, wall %e s, user %U s, sys %S s" .build/release/pipe run "$work/bench.yaml"
python3 ../shared/bench/python_baseline.py "$work/stream.jsonl" | tail -n 1
