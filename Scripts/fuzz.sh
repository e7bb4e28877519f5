#!/usr/bin/env bash
# Runs Pipe's libFuzzer targets (the Fuzz/ package) for a fixed number of inputs each, under
# AddressSanitizer, seeded from Pipelines/ and, when present, ../shared/corpus.
#
# usage: Scripts/fuzz.sh [--runs 50000] [--target FuzzNormalize]
# A crash stops the script with the failing input saved in Fuzz/crashes/; minimise it with
# `Fuzz/.build/release/TARGET -minimize_crash=1 -runs=10000 FILE` and add the fragment to a test.
set -euo pipefail
cd "$(dirname "$0")/.."

runs=50000
only=""
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) runs=$2; shift 2 ;;
    --target) only=$2; shift 2 ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
done

# libFuzzer comes with the toolchain's clang runtime; lld links it (gold fails on these binaries).
(cd Fuzz && swift build -c release -Xswiftc -sanitize=fuzzer,address -Xswiftc -use-ld=lld >/dev/null)
work=$(mktemp -d "${TMPDIR:-/tmp}/pipe-fuzz.XXXXXX")
trap 'rm -rf "$work"' EXIT
mkdir -p Fuzz/crashes "$work/articles" "$work/jsonl" "$work/pipelines" "$work/csv" "$work/json" "$work/html" "$work/warc" "$work/feed"

# Seeds: our own samples and pipeline files, and fragments of the shared corpus (not committed).
cp Pipelines/samples/*.txt "$work/articles/"
cp Pipelines/*.yaml Benchmarks/throughput.yaml "$work/pipelines/"
if [ -d ../shared/corpus ]; then
  for source in bbc fa-kes polnear; do
    # The first 20 articles of each source, cut to 3,000 bytes (no pipe into `head`: pipefail).
    files=("../shared/corpus/$source/articles/"*.txt)
    for file in "${files[@]:0:20}"; do
      head -c 3000 "$file" > "$work/articles/$source-$(basename "$file")"
    done
    sed -n '1,20p' "../shared/corpus/$source/articles.jsonl" > "$work/$source.jsonl"
    split -l 1 "$work/$source.jsonl" "$work/jsonl/$source-"
  done
else
  echo "../shared/corpus is absent: seeding from Pipelines/ only"
fi
printf '{"id":"a","date":"2024-12-08","url":null,"title":"T","body":"B \\u00e9 \\"q\\""}\n' > "$work/jsonl/own"
# CSV and JSON documents: our own samples, a few rows or articles at a time, and a broken row.
head -c 3000 Pipelines/data/articles.csv > "$work/csv/articles"
printf 'id,body\n1,"open\n2,"a ""b"" c"\r\n' > "$work/csv/quotes"
# Compressed seeds, so that the decompressors behind every reader are fuzzed too.
for tool in gzip bzip2 xz zstd; do
  if command -v "$tool" > /dev/null; then "$tool" -c "$work/csv/articles" > "$work/csv/articles.$tool"; fi
done
gzip -dc Pipelines/data/newsapi.json.gz > "$work/json/newsapi"
head -c 2000 "$work/json/newsapi" > "$work/json/newsapi-cut"
printf '[{"id":1,"body":"b","meta":{"published":"Sun, 08 Dec 2024 14:03:00 +0300"}},[],"x"]' > "$work/json/array"

# Web pages and WARC records: our own samples, cut, and a WARC file of them (plain and gzip'd).
cp Pipelines/data/pages/*.html "$work/html/"
printf '<html><head><meta charset="koi8-r"></head><body><div><p>\xf0\xc1\xd2\xcf\xcd<br><br>x</p></div></body></html>' > "$work/html/koi8"
head -c 3000 Pipelines/data/crawl/harbour-crawl.warc > "$work/warc/crawl-cut"
cp Pipelines/data/crawl/harbour-crawl.warc "$work/warc/crawl"
gzip -c Pipelines/data/crawl/harbour-crawl.warc > "$work/warc/crawl.gz"
cp Pipelines/data/feeds/* "$work/feed/"
printf '<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;">]><rss><channel><item><title>&b;&nbsp;</title></item></channel></rss>' > "$work/feed/entities"
if [ -d ../shared/corpus/html-extraction/html ]; then
  for file in $(ls ../shared/corpus/html-extraction/html | head -5); do
    gzip -dc "../shared/corpus/html-extraction/html/$file" | head -c 8000 > "$work/html/$file" || true
  done
fi

run() { # target, seed folder, max input length
  [ -z "$only" ] || [ "$only" = "$1" ] || return 0
  echo "== $1: $runs inputs"
  local status=0 executed
  Fuzz/.build/release/"$1" "$2" -runs="$runs" -max_len="$3" -timeout=10 -rss_limit_mb=2048 \
    -artifact_prefix="Fuzz/crashes/$1-" -print_final_stats=1 > "$work/$1.log" 2>&1 || status=$?
  grep -E "^(Done|stat::number_of_executed_units|==[0-9]+==ERROR|SUMMARY)" "$work/$1.log" || true
  if ls Fuzz/crashes/"$1"-* >/dev/null 2>&1; then
    echo "FAILED: $1 found a crash: $(ls Fuzz/crashes/"$1"-*)" >&2
    exit 1
  fi
  [ "$status" -eq 0 ] || { tail -20 "$work/$1.log" >&2; echo "FAILED: $1 exited $status" >&2; exit 1; }
  # A target that stops early (a fatal error in its setup) has run fewer inputs than asked.
  executed=$(sed -n 's/^stat::number_of_executed_units: *//p' "$work/$1.log")
  [ "${executed:-0}" -ge "$runs" ] || { echo "FAILED: $1 ran ${executed:-no} inputs of $runs" >&2; exit 1; }
}

run FuzzCSV "$work/csv" 8192
run FuzzDatedText "$work/articles" 8192
run FuzzFeed "$work/feed" 16384
run FuzzHTML "$work/html" 16384
run FuzzJSONDocument "$work/json" 8192
run FuzzJSONLines "$work/jsonl" 8192
run FuzzNormalize "$work/articles" 4096
run FuzzPipelineFile "$work/pipelines" 4096
run FuzzWARC "$work/warc" 16384
echo "no crash in $runs inputs per target"
