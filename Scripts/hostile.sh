#!/usr/bin/env bash
# The heavy hostile-input cases of Docs/Reliability.md, too big for `swift test`:
#   1. 100,000 tiny files in one folder: every one read and accounted for, memory bounded.
#   2. A 50 MB single-line JSON Lines body: with the default `max_record_size` (16 MiB) it is an
#      error for that record alone, read past without being kept; with a larger limit it is processed.
#   3. A 2.2 MB body of nothing but quotation pieces (`"a b c," he said, "` repeated, and with a
#      name; with `max_tokens: 4000000`, as they hold 1.2 million tokens, and quotations and dates
#      alone): `extract` finds them in under 2 s (it took 84 s when its walks went to sentence
#      starts, in a body with no sentence end).
#   4. A 16 MB body of `"` alone: past `extract`'s `max_tokens` (1,000,000), dead-lettered with its
#      reason, peak RSS under 300 MB (3.2 GB before); 1 MB of `"` tagged whole under 200 MB.
#   5. Web pages: one nested 100,000 `<div>`s deep and one of 50 MB (530,000 paragraphs) beside an
#      ordinary page: with the default `max_record_size` the 50 MB page is an error for itself;
#      with 64 MiB it is read whole; the deep page never crashes the parser (libxml2 stops its tree at 256 levels, so it has no main text and is dead-lettered); memory stays bounded.
#   6. Feeds holding XML entity bombs (billion laughs; one 100 KB entity used 100,000 times) beside an
#      ordinary one: both refused at their first entity declaration, peak RSS under 100 MB.
# Each case checks exit codes, the accounting line and the peak RSS, and prints what it measured.
# usage: Scripts/hostile.sh
set -euo pipefail
cd "$(dirname "$0")/.."

swift build -c release --product pipe >/dev/null
pipe=$PWD/.build/release/pipe
work=$(mktemp -d "${TMPDIR:-/tmp}/pipe-hostile.XXXXXX")
trap 'rm -rf "$work"' EXIT

fail() { echo "FAILED: $*" >&2; exit 1; }
# The last line: GNU time writes "Command exited with non-zero status N" before it.
peak_mb() { echo $(( $(tail -n 1 "$work/rss") / 1024 )); }

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
  - {type: parse, on_error: dead-letter}
  - {type: normalize}
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
cat > "$work/extract.yaml" <<YAML
pipeline: extract
input: {path: "\${IN}", format: jsonl, max_record_size: 64MiB}
checkpoint: false
stages:
  - {type: parse}
  - {type: normalize}
  - type: extract
    on_error: dead-letter
    options:
      entities: \${ENTITIES:-true}
      keywords: \${KEYWORDS:-8}
      max_tokens: \${MAX_TOKENS:-1000000}
  - {type: export, options: {format: jsonl, path: "$work/out/\${NAME}.jsonl"}}
YAML
# Runs the extract pipeline over one article made by Python; checks the accounting line and the
# exit code (3 when the one article failed: none was written).
extract_case() {  # NAME ACCOUNTING PYTHON-BODY-EXPRESSION
  python3 -c "import json; print(json.dumps({'id': '$1', 'title': 'T', 'body': $3}))" > "$work/$1.jsonl"
  local start end
  start=$(date +%s.%N)
  local expected=0 status=0
  case "$2" in *"written 0"*) expected=3 ;; esac
  IN=$work/$1.jsonl NAME=$1 MAX_TOKENS=${MAX_TOKENS:-1000000} ENTITIES=${ENTITIES:-true} KEYWORDS=${KEYWORDS:-8} /usr/bin/time -f "%M" -o "$work/rss" "$pipe" run "$work/extract.yaml" 2> "$work/$1.log" \
    || status=$?
  [ "$status" -eq "$expected" ] || fail "$1 exited $status, not $expected: $(cat "$work/$1.log")"
  end=$(date +%s.%N)
  grep -q "$2" "$work/$1.log" || fail "$1: $(cat "$work/$1.log")"
  seconds=$(python3 -c "print(f'{$end - $start:.2f}')")
}

echo "== 2.2 MB bodies of quotation pieces"
for piece in '"a b c," he said, "' '"a b c," John Smith said, "'; do
  MAX_TOKENS=4000000 ENTITIES=false KEYWORDS=0 extract_case pieces "read 1 = written 1" "'John Smith arrived. ' + '${piece//\"/\\\"}' * (2_200_000 // ${#piece}) + 'end.'"
  quotes=$(python3 -c "import json; print(len(json.loads(open('$work/out/pieces.jsonl').readline())['quotes']))")
  echo "ok: \`$piece\` x $((2200000 / ${#piece})): $quotes quotations in $seconds s, peak RSS $(peak_mb) MB"
  python3 -c "import sys; sys.exit(0 if $seconds < 2 else 1)" || fail "quotation pieces took $seconds s"
done

echo "== a body of \" alone"
extract_case quotes16m "read 1 = written 0 + filtered 0 + skipped 0 + dead-lettered 1" "'\"' * 16_000_000"
grep -q 'tokens (`max_tokens`), more than any news article' "$work/out/quotes16m.dead-letter.jsonl" || fail "no max_tokens reason"
echo "ok: 16 MB: dead-lettered past max_tokens in $seconds s, peak RSS $(peak_mb) MB"
[ "$(peak_mb)" -lt 300 ] || fail "peak RSS $(peak_mb) MB for the 16 MB body of quotation marks"
extract_case quotes1m "read 1 = written 1" "'\"' * 1_000_000"
echo "ok: 1 MB (1,000,000 tokens) tagged whole in $seconds s, peak RSS $(peak_mb) MB"
[ "$(peak_mb)" -lt 200 ] || fail "peak RSS $(peak_mb) MB for 1 MB of quotation marks"
echo "== web pages nested 100,000 deep and of 50 MB"
python3 - "$work/pages" <<'PY'
import os, sys
folder = sys.argv[1]
os.makedirs(folder)
paragraph = "<p>The council met on Monday to discuss the harbour, the roads and the schools of the town.</p>\n"
with open(os.path.join(folder, "a-ordinary.html"), "w") as f:
    f.write("<html><body><article>" + paragraph * 3 + "</article></body></html>")
with open(os.path.join(folder, "b-deep.html"), "w") as f:
    f.write("<html><body>" + "<div>" * 100_000 + paragraph + "</div>" * 100_000 + "</body></html>")
with open(os.path.join(folder, "c-huge.html"), "w") as f:
    f.write("<html><body><article>" + paragraph * 530_000 + "</article></body></html>")
PY
for limit in default 64MiB; do
  extra=""
  [ "$limit" = default ] || extra=", max_record_size: $limit"
  cat > "$work/pages.yaml" <<YAML
pipeline: pages
checkpoint: false
input: {path: $work/pages, format: html$extra}
stages:
  - {type: parse, on_error: dead-letter}
  - {type: export, options: {format: jsonl, path: $work/out/pages-$limit.jsonl}}
YAML
  start=$(date +%s.%N)
  /usr/bin/time -f "%M" -o "$work/rss" "$pipe" run "$work/pages.yaml" 2> "$work/pages.log" || fail "pages run exited $?: $(cat "$work/pages.log")"
  seconds=$(python3 -c "print(f'{$(date +%s.%N) - $start:.2f}')")
  grep -q "read 3 = written [123] + filtered 0 + skipped 0 + dead-lettered [012]" "$work/pages.log" || fail "$(cat "$work/pages.log")"
  grep -q '"id":"a-ordinary"' "$work/out/pages-$limit.jsonl" || fail "the ordinary page is missing"
  if [ "$limit" = default ]; then
    grep -q '"id":"c-huge".*more than `input.max_record_size` allows' "$work/out/pages-default.dead-letter.jsonl" || fail "no size error for the 50 MB page"
  else
    grep -q '"id":"c-huge"' "$work/out/pages-$limit.jsonl" || fail "the 50 MB page was not read whole"
  fi
  echo "ok: limit $limit: $(grep -o 'read 3 = .*dead-lettered [0-9]*' "$work/pages.log") in $seconds s, peak RSS $(peak_mb) MB"
  [ "$(peak_mb)" -lt 1500 ] || fail "peak RSS $(peak_mb) MB for the pages"
done
echo "== XML entity bombs in feeds: billion laughs and a quadratic blowup"
python3 - "$work/feeds" <<'PY'
import os, sys
folder = sys.argv[1]
os.makedirs(folder)
laughs = '<!ENTITY lol "lol">' + "".join(
    f'<!ENTITY lol{n} "' + f"&lol{n - 1 if n > 1 else ''};" * 10 + '">' for n in range(1, 10))
with open(os.path.join(folder, "a-laughs.rss"), "w") as f:
    f.write(f'<?xml version="1.0"?><!DOCTYPE rss [{laughs}]><rss><channel><item><title>&lol9;</title>'
            '<description>&lol9;</description></item></channel></rss>')
with open(os.path.join(folder, "b-quadratic.rss"), "w") as f:
    f.write('<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "' + "a" * 100_000 + '">]><rss><channel><item><title>t</title>'
            '<description>' + "&a;" * 100_000 + '</description></item></channel></rss>')
with open(os.path.join(folder, "c-ordinary.rss"), "w") as f:
    f.write('<rss><channel><item><title>Ordinary</title><description>A short item.</description></item></channel></rss>')
PY
cat > "$work/feeds.yaml" <<YAML
pipeline: feeds
checkpoint: false
input: {path: $work/feeds, format: feed}
stages:
  - {type: parse, on_error: dead-letter}
  - {type: export, options: {format: jsonl, path: $work/out/feeds.jsonl}}
YAML
/usr/bin/time -f "%M" -o "$work/rss" "$pipe" run "$work/feeds.yaml" 2> "$work/feeds.log" || fail "feeds run exited $?: $(cat "$work/feeds.log")"
grep -q "read 3 = written 1 + filtered 0 + skipped 0 + dead-lettered 2" "$work/feeds.log" || fail "$(cat "$work/feeds.log")"
[ "$(grep -c 'declares the XML entity' "$work/out/feeds.dead-letter.jsonl")" -eq 2 ] || fail "the bombs were not refused"
echo "ok: both bombs refused at their first entity declaration, the ordinary feed read; peak RSS $(peak_mb) MB"
[ "$(peak_mb)" -lt 100 ] || fail "peak RSS $(peak_mb) MB for the entity bombs"
echo "all hostile-input cases passed"
