# Sourced by Scripts/resume.sh and Scripts/faults.sh: the input and the pipeline their kills are
# measured on.
#
# make_stream DEST: ../shared/corpus/make-stream.sh's 60 MB stream (about 21,000 articles, most of
# them repeats that `dedupe` drops) with 30 broken lines inserted at fixed places; without the
# corpus, 21,000 generated articles with the same broken lines.
make_stream() {
  local dest=$1 raw corpus=../shared/corpus
  raw=$(mktemp "${TMPDIR:-/tmp}/pipe-stream.XXXXXX")
  if [ -x "$corpus/make-stream.sh" ]; then
    "$corpus/make-stream.sh" jsonl 60MB "$raw" 2>/dev/null
  else
    echo "../shared/corpus is absent: generating the articles instead"
    python3 - "$raw" <<'PY'
import json, sys
with open(sys.argv[1], "w") as f:
    for n in range(21_000):
        body = (f"Geir Pedersen met officials in Geneva on Sunday, report {n % 5000}. "
                f"\"The talks will go on,\" he said on December {n % 28 + 1}, 2024. ") * 8
        f.write(json.dumps({"id": f"g{n}", "date": "2024-12-08", "title": f"Report {n}", "body": body}) + "\n")
PY
  fi
  python3 - "$raw" "$dest" <<'PY'
import random, sys
lines = open(sys.argv[1]).read().splitlines()
random.seed(7)
for i in sorted(random.sample(range(len(lines)), 30), reverse=True):
    lines.insert(i, '{"id": "broken-%d", "title": 5' % i)
open(sys.argv[2], "w").write("\n".join(lines) + "\n")
PY
  rm -f "$raw"
}

# write_pipeline FILE NAME: a pipeline NAME over input.jsonl with every export format and dead
# letters (out/a.jsonl, a.csv, a.md, a.sqlite, a.dead-letter.jsonl), a checkpoint every 1,000
# records or second.
write_pipeline() {
  cat > "$1" <<YAML
pipeline: $2
input: {path: input.jsonl, format: jsonl}
checkpoint: {records: 1000, interval: 1s}
stages:
  - {type: parse, on_error: dead-letter}
  - {type: dedupe}
  - {type: normalize, options: {repair_sentences: true}}
  - {type: translate-stub, options: {target: en}}
  - {type: extract, options: {entities: true, dates: true, quotes: true, keywords: 8}}
  - {type: export, id: jsonl, options: {format: jsonl, path: out/a.jsonl}}
  - {type: export, id: csv, options: {format: csv, path: out/a.csv}}
  - {type: export, id: report, options: {format: markdown, path: out/a.md}}
  - {type: export, id: sqlite, options: {format: sqlite, path: out/a.sqlite}}
YAML
}
