#!/usr/bin/env bash
# WARC files written by the third-party warcio (PyPI, pinned here) from the 90 pages of
# ../shared/corpus/html-extraction, read back by `pipe` (Docs/Inputs.md): per-record gzip WARC/1.0
# and plain WARC/1.1, responses plain, gzip'd, chunked and both, among warcinfo, request,
# metadata and revisit records, an image, a PDF and a 404 page. Checks that every record is read,
# every page is an article (or has no main text, as with `format: html`), everything else is
# filtered, and that the main text scores what `format: html` scores on the same pages. Then a
# copy whose two Content-Lengths lie (two damaged records, every other one read) and a
# `.warc.gz` cut short (its last record damaged, the ones before read).
# Without ../shared it is skipped with a message; with PIPE_REQUIRE_SHARED=1 (CI) its absence fails.
# usage: Scripts/warc.sh
set -euo pipefail
cd "$(dirname "$0")/.."
source Scripts/lib/shared.sh
source Scripts/lib/python.sh
corpus=$PWD/../shared/corpus/html-extraction
score=$PWD/../shared/eval/html_score.py
require_shared "$corpus" "$score"
python_env warcio==1.7.5

swift build -c release --product pipe >/dev/null
pipe=$PWD/.build/release/pipe
work=$(mktemp -d "${TMPDIR:-/tmp}/pipe-warc.XXXXXX")
trap 'rm -rf "$work"' EXIT
python Scripts/warc/write.py "$corpus/html" "$corpus/ground-truth.json" "$work"

# read_warc FILE DAMAGED [--all-read]: runs Pipelines/warc.yaml over FILE and checks the counts; prints the F1.
read_warc() {
  rm -rf "$work/out"
  PIPE_OUT="$work/out" "$pipe" run Pipelines/warc.yaml --input "$work/$1" --stats "$work/stats.json" --quiet 2>"$work/run.log" \
    || { cat "$work/run.log" >&2; exit 1; }
  touch "$work/out/warc.dead-letter.jsonl"
  python Scripts/warc/check.py "$work/expected.json" "$work/stats.json" "$work/out/warc.jsonl" \
    "$work/out/warc.dead-letter.jsonl" "$work/scored.jsonl" --damaged "$2" "${@:3}"
}

status=0
for file in pages.warc.gz pages.warc; do
  echo "== $file"
  read_warc "$file" 0
  line=$(python3 "$score" "$work/scored.jsonl" "$corpus/ground-truth.json" | tail -1)
  echo "  $line"
  # The same pages read as `format: html` (Scripts/quality/html.yaml) score the same.
  f1=$(sed -n 's/.*F1=\([0-9.]*\).*/\1/p' <<<"$line")
  expected=$(sed -n 's/.*\["html F1"\]=\([0-9.]*\).*/\1/p' Scripts/quality.sh)
  python3 -c "import sys; sys.exit(0 if abs($f1 - $expected) < 0.0015 else 1)" \
    || { echo "FAILED: F1 $f1 from WARC, $expected from the same pages as html" >&2; status=1; }
done
echo "== lying.warc: two Content-Lengths lie"
read_warc lying.warc 2 --all-read
echo "== truncated.warc.gz: cut inside its last page"
read_warc truncated.warc.gz 1
exit $status
