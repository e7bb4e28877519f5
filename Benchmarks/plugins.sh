#!/usr/bin/env bash
# Throughput of each way to add a stage (Docs/Plugins.md), on the same small task, in one run:
# count the words of each article's body into a custom field, over 20,000 articles.
#
# usage: Benchmarks/plugins.sh [--articles 20000]
#   1. compiled in from Plugins/: `reading-time` (Plugins/ReadingTime)
#   2. the user's own package: `word-stats`, as `pipe new plugin` writes it, built in release mode
#   4. exec, Python: the program `pipe new stage --exec python` writes, batch 16 and batch 1
#   4. exec, shell: `pipe new stage --exec sh` (sed adds a field: the cost of the hop alone)
# and, for reference, the same pipeline without the stage. Each pipeline is parse → stage → export,
# the stage with two workers. Articles come from ../shared/corpus/make-stream.sh, or are generated
# when the corpus is absent. Way 3 (loading a library at run time) is not built: see Docs/Plugins.md.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

articles=20000
while [ $# -gt 0 ]; do
  case "$1" in
    --articles) articles=$2; shift 2 ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
done

work=$(mktemp -d "${TMPDIR:-/tmp}/pipe-plugins.XXXXXX")
trap 'rm -rf "$work"' EXIT
if [ -f ../shared/corpus/make-stream.sh ]; then
  bash ../shared/corpus/make-stream.sh jsonl 80MB "$work/all.jsonl" >/dev/null 2>&1
  head -n "$articles" "$work/all.jsonl" > "$work/stream.jsonl"
else
  echo "../shared/corpus is absent: generating the articles"
  python3 - "$work/stream.jsonl" "$articles" <<'PY'
import json, sys
with open(sys.argv[1], "w") as out:
    for n in range(int(sys.argv[2])):
        body = " ".join(f"Paragraph {p} of article {n} says something worth counting." for p in range(40))
        out.write(json.dumps({"id": f"a{n}", "title": f"Article {n}", "body": body}) + "\n")
PY
fi
count=$(wc -l < "$work/stream.jsonl")

swift build -c release --product pipe >/dev/null
pipe=$root/.build/release/pipe
cd "$work"
"$pipe" new plugin word-stats --output word-stats >/dev/null
(cd word-stats && swift build -c release >/dev/null 2>&1)
"$pipe" new stage word-tally --exec python --plugins scripts >/dev/null
"$pipe" new stage stamp --exec sh --plugins scripts >/dev/null

pipeline() { # name, stage lines
  cat > "$1.yaml" <<YAML
pipeline: $1
checkpoint: false
input: {path: $work/stream.jsonl, format: jsonl}
stages:
  - type: parse
$2
  - type: export
    options: {path: $work/out-$1.jsonl}
YAML
}
pipeline none ""
pipeline compiled "  - {type: reading-time, concurrency: 2}"
pipeline package "  - {type: word-stats, concurrency: 2}"
pipeline python16 "  - {type: exec, concurrency: 2, options: {command: [python3, scripts/word-tally/word_tally.py], batch: 16}}"
pipeline python1 "  - {type: exec, concurrency: 2, options: {command: [python3, scripts/word-tally/word_tally.py], batch: 1}}"
pipeline shell "  - {type: exec, concurrency: 2, options: {command: [scripts/stamp/stamp.sh], batch: 16}}"

echo "machine: $(nproc) cores, $(uname -m); $count articles, $(wc -c < stream.jsonl) bytes; $(date -u +%Y-%m-%d)"
printf '%-44s %12s %10s\n' "way (median of 3 runs)" "articles/s" "stage busy"
measure() { # label, binary, pipeline: the median of three runs
  for run in 1 2 3; do
    "$2" run "$3.yaml" --quiet --stats "stats-$3-$run.json"
    [ "$(wc -l < "out-$3.jsonl")" = "$count" ] || { echo "FAILED: $3 wrote $(wc -l < "out-$3.jsonl") of $count" >&2; exit 1; }
  done
  python3 - "$1" stats-$3-*.json <<'PY'
import json, sys
runs = sorted((json.load(open(name)) for name in sys.argv[2:]), key=lambda stats: stats["articles_per_second"])
stats = runs[len(runs) // 2]
busy = sum(stage["busy_seconds"] for stage in stats["stages"] if stage["id"] not in ("parse", "export"))
print(f"{sys.argv[1]:<44} {stats['articles_per_second']:>12,.0f} {busy:>9.2f}s")
PY
}
measure "no stage (parse → export)" "$pipe" none
measure "1. compiled in (Plugins/ReadingTime)" "$pipe" compiled
measure "2. own package (pipe new plugin word-stats)" word-stats/.build/release/pipe-word-stats package
measure "4. exec, Python, batch 16" "$pipe" python16
measure "4. exec, Python, batch 1" "$pipe" python1
measure "4. exec, shell (sed), batch 16" "$pipe" shell
