#!/usr/bin/env bash
# The quality figures of Docs/Quality.md, each held at the figure the docs state minus 0.005
# (`documented` below, declared once here): the main text of web pages (html-extraction), entities
# on CoNLL-2003 (the tagger and the rules),
# quotations and speakers on PolNeAR, and the language identifier on texts of 20, 50 and 200
# characters from the pinned message catalogues (Scripts/langid/test-catalogues.txt), overall and
# per language (read from Docs/Quality.md's table by Scripts/langid/score.py); it also prints the
# keywords of the ten articles Docs/Quality.md shows. Scores are printed as the scorers print them.
# Without ../shared the corpus checks are skipped with a message; with PIPE_REQUIRE_SHARED=1 (CI)
# its absence fails.
# usage: Scripts/quality.sh
set -euo pipefail
cd "$(dirname "$0")/.."

swift build -c release --product pipe >/dev/null
pipe=$PWD/.build/release/pipe
export OUT=$(mktemp -d "${TMPDIR:-/tmp}/pipe-quality.XXXXXX")
trap 'rm -rf "$OUT"' EXIT
export CORPUS=$PWD/../shared/corpus
eval_dir=$PWD/../shared/eval
status=0

# The figures Docs/Quality.md states; a check fails below the figure minus 0.005.
declare -A documented=(
  ["NER F1"]=0.852 ["rules NER F1"]=0.504 ["html F1"]=0.967 ["quotes F1"]=0.917 ["speaker_acc"]=0.859
  ["accuracy at 20 characters"]=0.9192 ["accuracy at 50 characters"]=0.9854 ["accuracy at 200 characters"]=0.9977
)

# at_least NAME VALUE: report and remember a figure below its documented one minus 0.005.
at_least() {
  local target
  target=$(python3 -c "print(round(${documented[$1]} - 0.005, 4))")
  if python3 -c "import sys; sys.exit(0 if float('$2') >= $target else 1)"; then
    echo "  $1 = $2 (documented ${documented[$1]}, held at >= $target): ok"
  else
    echo "  $1 = $2 (documented ${documented[$1]}, held at >= $target): BELOW" >&2
    status=1
  fi
}

# run_pipeline FILE: runs a pipeline of Scripts/quality/, its messages shown only when it fails.
run_pipeline() {
  "$pipe" run "$1" >/dev/null 2>"$OUT/run.log" || { cat "$OUT/run.log" >&2; exit 1; }
}

# field LINE NAME: the value of NAME=... in a scorer's summary line.
field() { sed -n "s/.*[ ]$2=\([0-9.]*\).*/\1/p" <<<" $1"; }

if [ -d "$CORPUS/html-extraction" ] && [ -d "$eval_dir" ]; then
  echo "== main text of web pages: the 90 pages of ../shared/corpus/html-extraction"
  run_pipeline Scripts/quality/html.yaml
  line=$(python3 "$eval_dir/html_score.py" "$OUT/html.jsonl" "$CORPUS/html-extraction/ground-truth.json" | tail -1)
  echo "$line"
  at_least "html F1" "$(field "$line" F1)"
fi

if [ -d "$CORPUS/conll2003" ] && [ -d "$eval_dir" ]; then
  echo "== entities: CoNLL-2003 development articles"
  run_pipeline Scripts/quality/entities.yaml
  line=$(python3 "$eval_dir/ner_score.py" "$OUT/entities.jsonl" "$CORPUS/conll2003/ner/entities.jsonl" | tail -1)
  echo "$line"
  at_least "NER F1" "$(field "$line" F1)"

  echo "== entities found by the rules ({model: rules}): CoNLL-2003 development articles"
  run_pipeline Scripts/quality/entities-rules.yaml
  line=$(python3 "$eval_dir/ner_score.py" "$OUT/entities-rules.jsonl" "$CORPUS/conll2003/ner/entities.jsonl" | tail -1)
  echo "$line"
  at_least "rules NER F1" "$(field "$line" F1)"

  echo "== quotations: PolNeAR"
  run_pipeline Scripts/quality/quotes.yaml
  python3 "$eval_dir/quote_score.py" "$OUT/quotes.jsonl" "$CORPUS/polnear" | tee "$OUT/quotes.score"
  line=$(tail -1 "$OUT/quotes.score")
  at_least "quotes F1" "$(field "$line" F1)"
  at_least "speaker_acc" "$(field "$line" speaker_acc)"

  echo "== keywords of the ten articles shown in Docs/Quality.md"
  for id in bbc-business-004 bbc-business-265 bbc-entertainment-001 fakes-0012 fakes-0327 fakes-0633 \
      polnear-breitbart_2015-12-04_bellwether-county-says-trump-sho polnear-politico_2016-04-10_snl-has-fun-with-clinton-s-strug \
      conll-testa-020 conll-testa-100; do
    grep -h "\"id\": \"$id\"" "$CORPUS"/*/articles.jsonl
  done > "$OUT/ten.jsonl"
  run_pipeline Scripts/quality/keywords.yaml
  # The expected keywords are the table of Docs/Quality.md (ids cut with … there match by prefix).
  python3 - "$OUT/keywords.jsonl" Docs/Quality.md <<'PY' || status=1
import json, sys
rows = [json.loads(line) for line in open(sys.argv[1], encoding="utf-8")]
for r in rows:
    print(f"  {r['id']}: " + "; ".join(k["text"] for k in r["keywords"]))
expected, inside = {}, False
for line in open(sys.argv[2], encoding="utf-8"):
    if line.startswith("| article | about | keywords"):
        inside = True
    elif inside and line.startswith("| ---"):
        continue
    elif inside and line.startswith("|"):
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        expected[cells[0].rstrip("…")] = cells[2]
    elif inside:
        break
found = {r["id"]: "; ".join(k["text"] for k in r["keywords"]) for r in rows}
problems = [f"{prefix}: expected {want}" for prefix, want in expected.items()
            if [v for k, v in found.items() if k.startswith(prefix)] != [want]]
if len(rows) != 10 or len(expected) != 10 or problems:
    sys.exit("the keywords differ from Docs/Quality.md's table:\n  " + "\n  ".join(problems or ["10 articles expected"]))
print("  keywords: the ten articles give the keywords of Docs/Quality.md's table")
PY
elif [ "${PIPE_REQUIRE_SHARED:-}" = 1 ]; then
  echo "FAILED: ../shared/corpus or ../shared/eval is absent, and PIPE_REQUIRE_SHARED=1 requires them" >&2
  status=1
else
  echo "skipped: ../shared/corpus or ../shared/eval is absent (entities, quotations, keywords)"
fi
if command -v msgunfmt >/dev/null && [ -d /usr/share/locale ]; then
  echo "== language identification: texts from the message catalogues of this machine (held-out domains)"
  python3 Scripts/langid/catalogues.py test "$OUT/langid-test.jsonl"
  run_pipeline Scripts/quality/langid.yaml
  python3 Scripts/langid/score.py "$OUT/langid.jsonl" --documented Docs/Quality.md | tee "$OUT/langid.score" || status=1
  line=$(tail -1 "$OUT/langid.score")
  at_least "accuracy at 20 characters" "$(field "$line" accuracy@20)"
  at_least "accuracy at 50 characters" "$(field "$line" accuracy@50)"
  at_least "accuracy at 200 characters" "$(field "$line" accuracy@200)"
else
  echo "skipped: msgunfmt (gettext) or /usr/share/locale is absent (language identification)"
fi
exit $status
