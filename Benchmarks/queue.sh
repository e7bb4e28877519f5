#!/usr/bin/env bash
# PostgreSQL as the work queue on one machine: a file run of a stream of articles, then the same
# articles queued in a table and worked by 1, 2 and 3 `pipe` workers at once against one server
# (a private cluster with PostgreSQL's durable defaults, fsync on), in the same invocation.
#
# The pipeline: parse (dead letters), normalize, extract, then an export to JSON Lines for the
# file run and to the results table for the queue (Benchmarks/queue.yaml's stages). Every queue
# run must commit the file run's records (all but `source`, compared in the database).
#
# usage: Benchmarks/queue.sh [--size 30MB]   (make-stream.sh's stream of ../shared/corpus)
set -euo pipefail
cd "$(dirname "$0")/.."
size=30MB
while [ $# -gt 0 ]; do
  case "$1" in
    --size) size=$2; shift 2 ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
done
source Scripts/lib/shared.sh
source Scripts/lib/timing.sh
require_shared ../shared/corpus/make-stream.sh
work=$(mktemp -d "${TMPDIR:-/tmp}/pipe-queue-bench.XXXXXX")
chmod 755 "$work"
trap 'Scripts/postgres.sh stop "$work/pg"; rm -rf "$work"' EXIT
url=$(PIPE_POSTGRES_DURABLE=1 Scripts/postgres.sh start "$work/pg")
export PIPE_PG_URL=$url
swift build -c release --product pipe > /dev/null
pipe=$PWD/.build/release/pipe
../shared/corpus/make-stream.sh jsonl "$size" "$work/input.jsonl" 2> /dev/null
# JSON Lines into the database as they are: no byte of a line is \x01 or \x02.
raw_copy="WITH (FORMAT csv, QUOTE E'\\x01', DELIMITER E'\\x02')"
psql -q "$url" -v ON_ERROR_STOP=1 <<SQL
CREATE TABLE lines (line text NOT NULL);
\copy lines FROM '$work/input.jsonl' $raw_copy
CREATE TABLE articles AS SELECT l->>'id' AS id, l->>'title' AS title, l->>'body' AS body, l->>'date' AS date, l->>'url' AS url
  FROM (SELECT line::jsonb AS l FROM lines) j;
ALTER TABLE articles ADD PRIMARY KEY (id);
SQL
stages=$(sed -n '/^stages:/,$p' Benchmarks/queue.yaml | sed '/^  - type: export/,$d')
printf 'pipeline: file\ninput: {path: input.jsonl, format: jsonl}\ncheckpoint: false\n%s\n  - type: export\n    options: {path: out.jsonl}\n' "$stages" > "$work/file.yaml"
cp Benchmarks/queue.yaml "$work/queue.yaml"

rate() { python3 -c "import sys; print(f'{int(sys.argv[1]) / float(sys.argv[2]):,.0f}')" "$1" "$2"; }

start=$(date +%s.%N)
(cd "$work" && "$pipe" run -q file.yaml)
file_seconds=$(seconds "$start" "$(date +%s.%N)")
written=$(wc -l < "$work/out.jsonl")
psql -q "$url" -v ON_ERROR_STOP=1 -c "CREATE TABLE expected_lines (line text NOT NULL)" \
  -c "\\copy expected_lines FROM '$work/out.jsonl' $raw_copy" \
  -c "CREATE TABLE expected AS SELECT line::jsonb - 'source' AS record FROM expected_lines"
articles=$(psql -tA "$url" -c "SELECT count(*) FROM articles")
echo "file run: $articles articles, $written written, $file_seconds s, $(rate "$articles" "$file_seconds") articles/s"

for workers in 1 2 3; do
  psql -q "$url" -c "DROP TABLE IF EXISTS results, results_entities, results_quotes, results_dates, articles_pipe_queue, articles_pipe_dead_letters, articles_pipe_seen"
  start=$(date +%s.%N)
  pids=()
  for index in $(seq "$workers"); do
    (cd "$work" && PIPE_WORKER="w$index" "$pipe" run -q queue.yaml) & pids+=($!)
  done
  for pid in "${pids[@]}"; do wait "$pid"; done
  elapsed=$(seconds "$start" "$(date +%s.%N)")
  differ=$(psql -tA "$url" -c "SELECT count(*) FROM ((SELECT record - 'source' FROM results EXCEPT ALL SELECT record FROM expected)
    UNION ALL (SELECT record FROM expected EXCEPT ALL SELECT record - 'source' FROM results)) d")
  [ "$differ" = 0 ] || { echo "FAILED: $workers workers: $differ records differ from the file run's" >&2; exit 1; }
  echo "queue, $workers worker(s) on $(nproc) cores: $elapsed s, $(rate "$articles" "$elapsed") articles/s, $(python3 -c "print(f'{$elapsed / $file_seconds:.2f}')")× the file run's time; results equal the file run's"
done
