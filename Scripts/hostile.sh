#!/usr/bin/env bash
# The heavy hostile-input cases of Docs/Reliability.md, too big for `swift test`:
#   1. 100,000 tiny files in one folder: every one read and accounted for, memory bounded.
#   2. A 50 MB single-line JSON Lines body: with the default `max_record_size` (16 MiB) it is an
#      error for that record alone, read past without being kept; with a larger limit it is processed.
# Each case checks exit codes, the accounting line and the peak RSS, and prints what it measured.
# usage: Scripts/hostile.sh
set -euo pipefail
cd "$(dirname "$0")/.."

swift build -c release --product pipe >/dev/null
pipe=$PWD/.build/release/pipe
work=$(mktemp -d "${TMPDIR:-/tmp}/pipe-hostile.XXXXXX")
trap 'rm -rf "$work"' EXIT

fail() { echo "FAILED: $*" >&2; exit 1; }
peak_mb() { echo $(( $(cat "$work/rss") / 1024 )); }

echo "== 100,000 tiny files in one folder"
python3 - "$work/tiny" <<'PY'
import os, sys
folder = sys.argv[1]
os.makedirs(folder)
for n in range(100_000):
    with open(os.path.join(folder, f"{n:06d}.txt"), "w") as f:
        f.write(f" date 2024-12-08 https://example.org/{n}\n\nArticle {n}\n\nBody of article number {n}.\n\n")
PY
cat > "$work/tiny.yaml" <<YAML
pipeline: tiny
input: {path: $work/tiny, format: dated-text}
stages:
  - {type: parse, on_error: dead-letter, concurrency: auto}
  - {type: normalize, concurrency: auto}
  - {type: export, options: {format: jsonl, path: $work/out/tiny.jsonl}}
YAML
/usr/bin/time -f "%M" -o "$work/rss" "$pipe" run "$work/tiny.yaml" 2> "$work/tiny.log" || fail "tiny files run exited $?"
grep -q "read 100000 = written 100000 + filtered 0 + skipped 0 + dead-lettered 0" "$work/tiny.log" || fail "$(cat "$work/tiny.log")"
[ "$(wc -l < "$work/out/tiny.jsonl")" -eq 100000 ] || fail "not 100000 lines written"
echo "ok: 100000 read and written, $(grep -o '[0-9.]* s · [0-9]* articles/s' "$work/tiny.log" || grep -o '[0-9.]* ms · [0-9]* articles/s' "$work/tiny.log"), peak RSS $(peak_mb) MB"
[ "$(peak_mb)" -lt 200 ] || fail "peak RSS $(peak_mb) MB"

echo "== a 50 MB single-line body"
python3 - "$work/big.jsonl" <<'PY'
import json, sys
with open(sys.argv[1], "w") as f:
    f.write(json.dumps({"id": "before", "body": "A short article."}) + "\n")
    f.write(json.dumps({"id": "huge", "title": "Huge", "body": "word " * 10_000_000}) + "\n")
    f.write(json.dumps({"id": "after", "body": "Another short one."}) + "\n")
PY
for limit in default 64MiB; do
  extra=""
  [ "$limit" = default ] || extra=", max_record_size: $limit"
  cat > "$work/big.yaml" <<YAML
pipeline: big
input: {path: $work/big.jsonl, format: jsonl$extra}
stages:
  - {type: parse, on_error: dead-letter}
  - {type: normalize}
  - {type: export, options: {format: jsonl, path: $work/out/big-$limit.jsonl}}
YAML
  /usr/bin/time -f "%M" -o "$work/rss" "$pipe" run "$work/big.yaml" 2> "$work/big.log" || fail "big body run exited $?"
  if [ "$limit" = default ]; then
    grep -q "read 3 = written 2 + filtered 0 + skipped 0 + dead-lettered 1" "$work/big.log" || fail "$(cat "$work/big.log")"
    grep -q "more than \`input.max_record_size\` allows" "$work/out/big-default.dead-letter.jsonl" || fail "no size error"
    echo "ok: limit 16 MiB: the 50 MB record is dead-lettered with its size, the other two written; peak RSS $(peak_mb) MB"
    [ "$(peak_mb)" -lt 100 ] || fail "peak RSS $(peak_mb) MB with the record read past"
  else
    grep -q "read 3 = written 3 + filtered 0 + skipped 0 + dead-lettered 0" "$work/big.log" || fail "$(cat "$work/big.log")"
    echo "ok: limit 64 MiB: all three processed; peak RSS $(peak_mb) MB"
  fi
done
echo "all hostile-input cases passed"
