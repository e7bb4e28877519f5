#!/usr/bin/env bash
# The kill -9 and Ctrl-C cases of Docs/Reliability.md, on a stream of 20,000+ articles:
# a run killed (or stopped) part way and resumed with `pipe run --resume` must end with exactly the
# same files, byte for byte, as a run that was never stopped: JSON Lines, CSV, Markdown, SQLite
# and the dead-letter file. Cases: kill -9 after the 1st, 6th and 15th checkpoint; kill -9 at
# 15%, 40% and 65% of a whole run's time, between checkpoints; a resumed run killed again, then
# resumed; SIGINT then resume.
# The stream is Scripts/lib/stream.sh's: 60 MB of the corpus, about 21,000 articles, with 30
# broken lines.
# usage: Scripts/resume.sh
set -euo pipefail
cd "$(dirname "$0")/.."

swift build -c release --product pipe >/dev/null
pipe=$PWD/.build/release/pipe
work=$(mktemp -d "${TMPDIR:-/tmp}/pipe-resume.XXXXXX")
trap 'rm -rf "$work"' EXIT
# On a failure the case's folder and the whole run's outputs are kept for a look at what differs
# (the work folder is removed on exit).
fail() {
  echo "FAILED: $*" >&2
  if [ -n "${folder:-}" ] && [ -d "$folder" ]; then
    local kept="${TMPDIR:-/tmp}/pipe-resume-failed"
    rm -rf "$kept" && cp -r "$folder" "$kept"
    if [ -n "${reference:-}" ] && [ -d "$reference/out" ]; then cp -r "$reference/out" "$kept/whole-out"; fi
    echo "kept the failed case in $kept (the whole run's outputs in whole-out/)" >&2
  fi
  exit 1
}

source Scripts/lib/stream.sh
make_stream "$work/input.jsonl"
records=$(wc -l < "$work/input.jsonl")

write_pipeline "$work/p.yaml" resume-check
outputs="a.jsonl a.csv a.md a.sqlite a.dead-letter.jsonl"

# A folder per case with the pipeline and the input.
case_folder() {
  rm -rf "$work/$1" && mkdir -p "$work/$1"
  cp "$work/p.yaml" "$work/$1/" && ln -s "$work/input.jsonl" "$work/$1/input.jsonl"
  echo "$work/$1"
}
checkpointed() { python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["records"])' "$1/.pipe/resume-check/checkpoint.json" 2>/dev/null || echo 0; }
# Starts a run in folder $1 (extra arguments after), kills it with signal $2 once the checkpoint
# counts at least $3 records (or after $4 seconds when $3 is 0), and waits for it.
run_and_stop() {
  local folder=$1 signal=$2 threshold=$3 delay=$4; shift 4
  (cd "$folder" && exec "$pipe" run -q "$@" p.yaml) & local pid=$!
  if [ "$threshold" -gt 0 ]; then
    while kill -0 $pid 2>/dev/null && [ "$(checkpointed "$folder")" -lt "$threshold" ]; do sleep 0.01; done
  else
    sleep "$delay"
  fi
  kill -"$signal" $pid 2>/dev/null || fail "the run ended before it could be stopped"
  { wait $pid; } 2>/dev/null && status=0 || status=$?
  echo "$status"
}
resume_and_compare() {
  local folder=$1 name=$2 at
  at=$(checkpointed "$folder")
  (cd "$folder" && "$pipe" run --resume p.yaml) 2> "$folder/resume.log" || fail "$name: resume exited $?: $(cat "$folder/resume.log")"
  grep -q "read $records = written" "$folder/resume.log" || fail "$name: $(cat "$folder/resume.log")"
  for file in $outputs; do
    cmp -s "$reference/out/$file" "$folder/out/$file" || fail "$name: $file differs from the whole run's"
  done
  [ "$(ls -A "$folder/out" | sort | tr '\n' ' ')" = "a.csv a.dead-letter.jsonl a.jsonl a.md a.sqlite " ] || fail "$name: left $(ls -A "$folder/out")"
  [ ! -e "$folder/.pipe" ] || fail "$name: the checkpoint folder is left"
  echo "ok: $name: resumed from record $at of $records; all five files identical ($(grep -o '[0-9.]* m\{0,1\}s · [0-9]* articles/s' "$folder/resume.log" | head -1) for the resumed part)"
}

echo "== a whole run ($records records)"
reference=$(case_folder whole)
started=$(date +%s.%N)
(cd "$reference" && "$pipe" run p.yaml) 2> "$work/whole.log" || fail "whole run: $(cat "$work/whole.log")"
whole=$(python3 -c "import sys; print(float(sys.argv[2]) - float(sys.argv[1]))" "$started" "$(date +%s.%N)")
grep "read $records" "$work/whole.log"
# The time is in ms when the run takes less than a second.
grep -o '[0-9.]* m\{0,1\}s · [0-9]* articles/s · [0-9.]* MB/s' "$work/whole.log"

for threshold in 1000 6000 15000; do
  folder=$(case_folder "kill-at-$threshold")
  status=$(run_and_stop "$folder" 9 $threshold 0)
  [ "$status" -eq 137 ] || fail "kill -9 gave status $status"
  resume_and_compare "$folder" "kill -9 once $threshold records were checkpointed"
done

# Times taken from the whole run's, so that a faster pipeline is still stopped part way.
for fraction in 0.15 0.40 0.65; do
  delay=$(python3 -c "import sys; print(round(float(sys.argv[1]) * float(sys.argv[2]), 2))" "$whole" "$fraction")
  folder=$(case_folder "kill-after-$fraction")
  status=$(run_and_stop "$folder" 9 0 $delay)
  resume_and_compare "$folder" "kill -9 after ${delay} s, between checkpoints"
done

folder=$(case_folder twice)
run_and_stop "$folder" 9 3000 0 >/dev/null
first=$(checkpointed "$folder")
run_and_stop "$folder" 9 $((first + 4000)) 0 --resume >/dev/null
resume_and_compare "$folder" "kill -9 at $first, kill -9 of the resumed run at $(checkpointed "$folder"), resumed again"

folder=$(case_folder sigint)
status=$(run_and_stop "$folder" INT 5000 0)
[ "$status" -eq 130 ] || fail "SIGINT gave status $status"
[ -s "$folder/out/a.jsonl" ] || fail "SIGINT did not publish the outputs"
resume_and_compare "$folder" "SIGINT (exit 130, outputs published), then resumed"

echo "all resume cases passed"
