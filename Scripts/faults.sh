#!/usr/bin/env bash
# kill -9 at 50 moments spread over a whole run, the publishing of the outputs included, each
# followed by `pipe run --resume`: every output (JSON Lines, CSV, Markdown, SQLite, dead letters)
# must then have the sha256 of a clean run's, with nothing of Pipe's left beside them (staged
# files, locks, the checkpoint folder). Then a disk that fills during a run (a small tmpfs, as
# root): the run fails, and every file of the run before it keeps its sha256.
# The input and pipeline are Scripts/lib/stream.sh's (60 MB, about 21,000 articles).
# usage: Scripts/faults.sh [--moments N]
set -euo pipefail
cd "$(dirname "$0")/.."
moments=50
[ "${1:-}" = "--moments" ] && moments=$2

swift build -c release --product pipe >/dev/null
pipe=$PWD/.build/release/pipe
work=$(mktemp -d "${TMPDIR:-/tmp}/pipe-faults.XXXXXX")
cleanup() {
  if mountpoint -q "$work/full" 2>/dev/null; then umount "$work/full"; fi
  rm -rf "$work"
}
trap cleanup EXIT
fail() {
  echo "FAILED: $*" >&2
  if [ -n "${folder:-}" ] && [ -d "$folder" ]; then
    local kept="${TMPDIR:-/tmp}/pipe-faults-failed"
    rm -rf "$kept" && cp -r "$folder" "$kept" && echo "kept the failed case in $kept" >&2
  fi
  exit 1
}

source Scripts/lib/stream.sh
make_stream "$work/input.jsonl"
records=$(wc -l < "$work/input.jsonl")
write_pipeline "$work/p.yaml" faults
outputs="a.csv a.dead-letter.jsonl a.jsonl a.md a.sqlite"
sums() { (cd "$1/out" && sha256sum $outputs); }
case_folder() {
  rm -rf "$work/$1" && mkdir -p "$work/$1"
  cp "$work/p.yaml" "$work/$1/" && ln -s "$work/input.jsonl" "$work/$1/input.jsonl"
  echo "$work/$1"
}

echo "== a clean run ($records records)"
reference=$(case_folder clean)
# Watched every millisecond: the time it took, and when SQLite's compacted copy appeared, which
# is where publishing starts (the other outputs are staged just before it).
read -r whole publishing < <(cd "$reference" && python3 - "$pipe" <<'PY'
import os, subprocess, sys, time
start = time.monotonic()
run = subprocess.Popen([sys.argv[1], "run", "-q", "p.yaml"])
publishing = None
while run.poll() is None:
    if publishing is None and os.path.isdir("out") and any(name.endswith(".partial-copy") for name in os.listdir("out")):
        publishing = time.monotonic() - start
    time.sleep(0.001)
whole = time.monotonic() - start
if run.returncode != 0:
    sys.exit(run.returncode)
print(f"{whole:.4f} {publishing if publishing is not None else whole * 0.95:.4f}")
PY
) || fail "the clean run failed"
sums "$reference" > "$work/clean.sha256"
echo "took $whole s; publishing began at $publishing s"

# The moments, in seconds after the start: four fifths evenly from 2% of the run to where
# publishing began, the rest evenly from just before it to the end, where the outputs are staged
# and renamed and the checkpoint removed (a kill that comes after a faster run ended counts apart).
delays=$(python3 -c "
n, whole, publishing = $moments, $whole, $publishing
early = n * 4 // 5
start = max(0.0, publishing - 0.03)
print(' '.join(f'{0.02 * whole + (start - 0.02 * whole) * i / max(1, early - 1):.3f}' for i in range(early)) + ' ' +
      ' '.join(f'{start + (whole - start) * i / max(1, n - early - 1):.3f}' for i in range(n - early)))")

declare -A seen=()
number=0
for delay in $delays; do
  number=$((number + 1))
  folder=$(case_folder "kill-$number")
  (cd "$folder" && exec "$pipe" run -q p.yaml) & pid=$!
  sleep "$delay"
  if kill -9 $pid 2>/dev/null; then
    { wait $pid; } 2>/dev/null || true
    # What the kill interrupted, told by what it left.
    staged=$(ls -A "$folder/out" 2>/dev/null | grep -c '^\..*\.partial' || true)
    published=$(ls -A "$folder/out" 2>/dev/null | grep -c '^a\.' || true)
    copying=$(ls -A "$folder/out" 2>/dev/null | grep -c '\.partial-copy$' || true)
    if [ ! -e "$folder/.pipe/faults/checkpoint.json" ]; then moment="before the first checkpoint"
    elif [ "$copying" -gt 0 ] || { [ "$published" -gt 0 ] && [ "$staged" -gt 0 ]; }; then moment="while publishing"
    elif [ "$published" -gt 0 ]; then moment="after publishing, before the checkpoint was removed"
    else moment="between checkpoints"
    fi
  else
    wait $pid || fail "kill $number: the run exited $?"
    moment="after the run ended"
  fi
  seen[$moment]=$(( ${seen[$moment]:-0} + 1 ))
  (cd "$folder" && "$pipe" run -q --resume p.yaml) 2> "$folder/resume.log" || fail "kill $number ($moment): resume exited $?: $(cat "$folder/resume.log")"
  sums "$folder" | cmp -s - "$work/clean.sha256" || fail "kill $number at $delay s ($moment): $(sums "$folder" | diff - "$work/clean.sha256")"
  left=$(cd "$folder/out" && ls -A | tr '\n' ' ')
  [ "$left" = "$(echo $outputs) " ] || fail "kill $number ($moment): left $left"
  [ ! -e "$folder/.pipe" ] || fail "kill $number ($moment): the checkpoint folder is left"
  rm -rf "$folder"
done
echo "ok: $moments kills from 2% of the clean run's time to its end, each resumed to the clean run's sha256:"
for moment in "${!seen[@]}"; do echo "  ${seen[$moment]} $moment"; done | sort -rn

echo "== a disk that fills during a run"
mkdir -p "$work/full"
if ! mount -t tmpfs -o size=24m tmpfs "$work/full" 2>/dev/null; then
  echo "skipped: cannot mount a tmpfs here (needs root)"
  echo "all fault cases passed"
  exit 0
fi
folder="$work/full"
head -n 600 "$work/input.jsonl" > "$work/small.jsonl"
cp "$work/p.yaml" "$folder/" && ln -s "$work/small.jsonl" "$folder/input.jsonl"
(cd "$folder" && "$pipe" run -q p.yaml) || fail "the small run exited $?"
sums "$folder" > "$work/before.sha256"
ln -sf "$work/input.jsonl" "$folder/input.jsonl"
if (cd "$folder" && "$pipe" run -q p.yaml) 2> "$work/full.log"; then fail "the run on a full disk exited 0"; fi
grep -q "No space left on device" "$work/full.log" || fail "no ENOSPC: $(cat "$work/full.log")"
sums "$folder" | cmp -s - "$work/before.sha256" || fail "a file of the run before changed: $(sums "$folder" | diff - "$work/before.sha256")"
left=$(cd "$folder/out" && ls -A | tr '\n' ' ')
[ "$left" = "$(echo $outputs) " ] || fail "the failed run left $left"
echo "ok: the run failed ($(grep -o 'cannot [a-z]* `[^`]*`' "$work/full.log" | head -1 | sed 's|[^`]*/||'): no space left), and the previous 5 files kept their sha256"
echo "all fault cases passed"
