#!/usr/bin/env bash
# End-to-end throughput of `pipe` on one machine, against the Python reference, on 1 and 2 cores.
#
# usage: Benchmarks/throughput.sh [--size 200MB] [--runs 3] [--keep-stream] [--against PIPE]
#   --size: stream size for ../shared/corpus/make-stream.sh (200MB by default; 1GB on request)
#   --runs: runs per configuration; the median (by MB/s) is reported
#   --keep-stream: keep the stream in ${TMPDIR:-/tmp}/pipe-throughput and reuse it next time
#   --against: another `pipe` binary (the code before a change, built elsewhere), run on 2 cores
#     alternately with this one in the same invocation; its output must be byte-identical
# Prints, per configuration: articles/s, MB/s, peak RSS, the CPUs each run kept busy and the
# hypervisor's steal meanwhile, and the per-stage busy time, then the Python baseline on the same
# file and the ratio. Needs ../shared/corpus and ../shared/bench.
set -euo pipefail
cd "$(dirname "$0")/.."

size=200MB
runs=3
keep=0
against=
while [ $# -gt 0 ]; do
  case "$1" in
    --against) against=$(realpath "$2"); shift 2 ;;
    --size) size=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    --keep-stream) keep=1; shift ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
done

maker=../shared/corpus/make-stream.sh
baseline=../shared/bench/python_baseline.py
source Scripts/lib/shared.sh
require_shared "$maker" "$baseline"

# With --keep-stream the stream stays in a fixed folder for the next run; otherwise every run
# works in a folder of its own and removes it.
if [ "$keep" = 1 ]; then
  work=${TMPDIR:-/tmp}/pipe-throughput
  mkdir -p "$work"
else
  work=$(mktemp -d "${TMPDIR:-/tmp}/pipe-throughput.XXXXXX")
  trap 'rm -rf "$work"' EXIT
fi
stream="$work/stream-$size.jsonl"
[ -s "$stream" ] || bash "$maker" jsonl "$size" "$stream" >/dev/null 2>&1

swift build -c release --product pipe >/dev/null
pipe=.build/release/pipe
records=$(wc -l < "$stream")
bytes=$(wc -c < "$stream")
echo "machine: $(nproc) cores, $(uname -m), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
echo "stream:  $records articles, $bytes bytes ($size), $(date -u +%Y-%m-%d)"
# awk reads all of ldd's output: leaving early could end ldd by SIGPIPE, which pipefail and set -e
# turn into the script's silent end (it did once, after the stream line).
allocator=$(ldd "$pipe" | awk '/libjemalloc/ && !found { print $1; found = 1 }')
echo "malloc:  ${allocator:-system}"

# one_run LABEL CPUS PIPE N: one run on CPUS; leaves its figures in line-LABEL-N and the sha256 of
# its output in sha-LABEL-N.
one_run() {
  local label=$1 cpus=$2 binary=$3 run=$4 before
  before=$(head -n 1 /proc/stat)
  BENCH_INPUT="$stream" BENCH_OUTPUT="$work/out.jsonl" /usr/bin/time -f "%M %e %U %S" -o "$work/time" \
    taskset -c "$cpus" "$binary" run Benchmarks/throughput.yaml --quiet --stats "$work/stats-$label-$run.json"
  # The CPUs the run kept busy ((user + system) / wall), and the share of the machine's time the
  # hypervisor gave to others meanwhile (steal, from /proc/stat): a slow run with steal or with
  # fewer CPUs busy was slowed by the machine, not by pipe.
  python3 - "$work/stats-$label-$run.json" "$(cat "$work/time")" "$before" "$(head -n 1 /proc/stat)" > "$work/line-$label-$run" <<'PY'
import json, sys
s = json.load(open(sys.argv[1]))
rss, wall, user, system = (float(x) for x in sys.argv[2].split())
before, after = ([int(x) for x in line.split()[1:9]] for line in sys.argv[3:5])
delta = [b - a for a, b in zip(before, after)]
steal = 100 * delta[7] / max(1, sum(delta))
print(f"{s['megabytes_per_second']:.3f} {s['articles_per_second']:.0f} {rss / 1024:.0f} "
      f"{(user + system) / max(wall, 0.001):.2f} {steal:.1f} {sys.argv[1]}")
PY
  # A fast run counts only when it read every record and wrote a line for each article it says
  # it wrote.
  python3 - "$work/stats-$label-$run.json" "$records" "$(wc -l < "$work/out.jsonl")" <<'PY' || exit 1
import json, sys
s = json.load(open(sys.argv[1]))
records, lines = int(sys.argv[2]), int(sys.argv[3])
if s["read"] != records or s["written"] != lines or s["written"] == 0 or not s["balanced"]:
    sys.exit(f"FAILED: read {s['read']} of {records} records, wrote {lines} lines for {s['written']} articles")
PY
  sha256sum < "$work/out.jsonl" > "$work/sha-$label-$run"
  # Each run's output is deleted before the next starts: left behind, the kernel writes it
  # back to disk during the next run, whose writes it then holds back.
  rm -f "$work/out.jsonl"
}

# report LABEL LINE...: the median run of LABEL, its CPUs, and its busy time per stage and segment.
report() {
  local label=$1 median
  shift
  median=$(printf '%s\n' "$@" | sort -n | sed -n "$(( ($# + 1) / 2 ))p")
  read -r mbs aps rss _ _ stats <<< "$median"
  echo "$label: $aps articles/s, $mbs MB/s, peak RSS $rss MB (median of $#; all MB/s: $(printf '%s\n' "$@" | cut -d' ' -f1 | tr '\n' ' '))"
  echo "    CPUs busy, steal % by run: $(printf '%s\n' "$@" | awk '{ printf "%s%s/%s", (NR > 1 ? ", " : ""), $4, $5 }')"
  python3 - "$stats" <<'PY'
import json, sys
s = json.load(open(sys.argv[1]))
for st in s["stages"]:
    print(f"    {st['id']:<15} busy {st['busy_seconds']:8.2f} s")
for seg in s["segments"]:
    print(f"    segment {'+'.join(seg['stages'])} x{seg['workers']}: busy {seg['busy_seconds']:.2f} s, "
          f"input wait {seg['input_wait_seconds']:.2f} s, output wait {seg['output_wait_seconds']:.2f} s")
PY
  echo "$mbs" > "$work/mbs-$label"
}

# run_config LABEL CPUS [OTHER]: the runs of LABEL; with OTHER (--against), each run followed by one
# of OTHER on the same CPUs, whose output must have the same bytes.
run_config() {
  local label=$1 cpus=$2 other=${3:-} results=() other_results=()
  for run in $(seq 1 "$runs"); do
    one_run "$label" "$cpus" "$pipe" "$run"
    results+=("$(cat "$work/line-$label-$run")")
    if [ -n "$other" ]; then
      one_run "$label, against" "$cpus" "$other" "$run"
      other_results+=("$(cat "$work/line-$label, against-$run")")
      cmp -s "$work/sha-$label-$run" "$work/sha-$label, against-$run" \
        || { echo "FAILED: $other wrote other bytes than $pipe" >&2; exit 1; }
    fi
  done
  report "$label" "${results[@]}"
  if [ -n "$other" ]; then
    report "$label, against" "${other_results[@]}"
    echo "    against: $other; outputs byte-identical in every run"
  fi
}

run_config "2 cores" "0,1" "$against"
run_config "1 core" "0"
python_line=$(taskset -c 0 python3 "$baseline" "$stream" | tail -n 1)
echo "$python_line"
python3 - "$(cat "$work/mbs-2 cores")" "$(cat "$work/mbs-1 core")" "$python_line" <<'PY'
import sys, re
two, one, line = float(sys.argv[1]), float(sys.argv[2]), sys.argv[3]
py = float(re.search(r"MB_per_s=([0-9.]+)", line).group(1))
print(f"scaling 2 cores / 1 core: {two / one:.2f}x")
print(f"pipe 2 cores / python 1 core: {two / py:.2f}x; pipe 1 core / python 1 core: {one / py:.2f}x")
PY
if [ -n "$against" ]; then
  python3 -c "import sys; print(f'this pipe / against, 2 cores, medians of the same invocation: {float(sys.argv[1]) / float(sys.argv[2]):.3f}x')" \
    "$(cat "$work/mbs-2 cores")" "$(cat "$work/mbs-2 cores, against")"
fi
