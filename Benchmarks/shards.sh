#!/usr/bin/env bash
# What sharding costs on one machine, in two cases, each run whole, then as 4 shards at once by 4
# processes from one folder, then `pipe merge`; the merged files must equal the whole run's (JSON
# Lines, CSV and Markdown byte for byte, SQLite table by table):
# - stream: Scripts/lib/stream.sh's pipeline (parse with dead letters, dedupe, normalize,
#   translate-stub, extract, then JSON Lines, CSV, Markdown and SQLite) over its 60 MB stream of
#   about 21,000 articles, most of them copies. One file is shared by record.
# - folder: the same pipeline over the 1,350 BBC articles of ../shared/corpus, one file each,
#   shared by file.
# usage: Benchmarks/shards.sh
set -euo pipefail
cd "$(dirname "$0")/.."

swift build -c release --product pipe > /dev/null
pipe=$PWD/.build/release/pipe
work=$(mktemp -d "${TMPDIR:-/tmp}/pipe-shards.XXXXXX")
trap 'rm -rf "$work"' EXIT
source Scripts/lib/stream.sh
source Scripts/lib/shared.sh
source Scripts/lib/timing.sh
require_shared ../shared/corpus/bbc/articles

# measure CASE: runs $work/CASE/{whole,sharded} (each with p.yaml and its input) and reports.
measure() {
  local case=$1 start whole shards merge pids=() index name articles dropped
  start=$(date +%s.%N)
  (cd "$work/$case/whole" && "$pipe" run -q p.yaml)
  whole=$(seconds "$start" "$(date +%s.%N)")
  start=$(date +%s.%N)
  for index in 0 1 2 3; do
    (cd "$work/$case/sharded" && "$pipe" run -q p.yaml --shard "$index/4") & pids+=($!)
  done
  for index in "${pids[@]}"; do wait "$index"; done
  shards=$(seconds "$start" "$(date +%s.%N)")
  start=$(date +%s.%N)
  (cd "$work/$case/sharded" && "$pipe" merge p.yaml 2> "$work/$case/merge.log")
  merge=$(seconds "$start" "$(date +%s.%N)")
  for name in a.jsonl a.csv a.md; do
    cmp "$work/$case/whole/out/$name" "$work/$case/sharded/out/$name" || { echo "FAILED: $case: $name differs from the whole run's" >&2; exit 1; }
  done
  python3 Scripts/lib/same_tables.py "$work/$case/whole/out/a.sqlite" "$work/$case/sharded/out/a.sqlite" \
    || { echo "FAILED: $case: a.sqlite differs from the whole run's" >&2; exit 1; }
  articles=$(wc -l < "$work/$case/whole/out/a.jsonl")
  dropped=$(grep -o 'left out [0-9]*' "$work/$case/merge.log" | grep -o '[0-9]*' || echo 0)
  echo "$case: whole run $whole s; 4 shards at once on $(nproc) cores $shards s; pipe merge $merge s; $articles articles, $dropped copies kept by two shards left out; merged files equal the whole run's"
}

for folder in stream/whole stream/sharded folder/whole folder/sharded; do
  mkdir -p "$work/$folder"
  write_pipeline "$work/$folder/p.yaml" shards
done
make_stream "$work/stream/whole/input.jsonl"
cp "$work/stream/whole/input.jsonl" "$work/stream/sharded/input.jsonl"
for folder in folder/whole folder/sharded; do
  sed -i 's|input: {path: input.jsonl, format: jsonl}|input: {path: in, format: dated-text}|' "$work/$folder/p.yaml"
  cp -r ../shared/corpus/bbc/articles "$work/$folder/in"
done
measure stream
measure folder
