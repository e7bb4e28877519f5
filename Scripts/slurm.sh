#!/usr/bin/env bash
# A real one-node Slurm cluster on this machine, from Debian's packages (munge, slurmctld, slurmd,
# slurm-client): the shipped job array Pipelines/slurm/syria.sbatch runs Pipelines/syria.yaml as 4
# shards (`sbatch --array=0-3`), Pipelines/slurm/syria-merge.sbatch merges them as a job that
# depends on the array (`--dependency=afterok`), and the merged files must equal one unsharded
# run's: out/syria.jsonl byte for byte, out/syria.sqlite table by table (Docs/Scaling.md).
# The input is the shipped samples, the BBC articles of ../shared/corpus, and copies of 100 of them
# in a folder of their own, so that `dedupe` meets copies across shards.
# Runs as root (or through sudo), with ProctrackType=proctrack/linuxproc and TaskPlugin=task/none;
# the configuration, state, logs, munge's key and socket live in a temporary folder, and the
# daemons it started are stopped by their pid files when it ends.
# usage: Scripts/slurm.sh
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "$(id -u)" != 0 ]; then exec sudo --preserve-env=PIPE_REQUIRE_SHARED "$0" "$@"; fi
source Scripts/lib/shared.sh
source Scripts/lib/system.sh
require_shared ../shared/corpus/bbc/articles
ensure_packages munge slurmctld slurmd slurm-client

swift build -c release --product pipe > /dev/null
export PIPE=$PWD/.build/release/pipe
root=$(mktemp -d "${TMPDIR:-/tmp}/pipe-slurm.XXXXXX")
chmod 700 "$root"
stop() {
  local pidfile
  for pidfile in "$root/slurmd.pid" "$root/slurmctld.pid" "$root/munge/munged.pid"; do
    [ -s "$pidfile" ] && kill "$(cat "$pidfile")" 2> /dev/null || true
  done
  sleep 1
  for pidfile in "$root/slurmd.pid" "$root/slurmctld.pid" "$root/munge/munged.pid"; do
    [ -s "$pidfile" ] && kill -9 "$(cat "$pidfile")" 2> /dev/null || true
  done
  rm -rf "$root"
}
trap stop EXIT
fail() {
  echo "FAILED: $*" >&2
  for log in "$root"/slurmctld.log "$root"/slurmd.log "$root"/work/*.log; do
    [ -f "$log" ] && { echo "--- $log" >&2; tail -20 "$log" >&2; }
  done
  exit 1
}

# munge, with a key and a socket of its own.
mkdir -p "$root/munge" "$root/state" "$root/spool"
chmod 700 "$root/munge"
dd if=/dev/urandom of="$root/munge/munge.key" bs=1024 count=1 status=none
chmod 400 "$root/munge/munge.key"
munged --force --socket="$root/munge/socket" --key-file="$root/munge/munge.key" --pid-file="$root/munge/munged.pid" \
  --log-file="$root/munge/munged.log" --seed-file="$root/munge/seed"

# Ports of their own, free now.
read -r controller_port node_port < <(free_ports 2)
export SLURM_CONF=$root/slurm.conf
cat > "$SLURM_CONF" <<CONF
ClusterName=pipe
SlurmctldHost=localhost(127.0.0.1)
SlurmctldPort=$controller_port
SlurmdPort=$node_port
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$root/munge/socket
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
MpiDefault=none
SchedulerType=sched/builtin
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
ReturnToService=2
MinJobAge=600
StateSaveLocation=$root/state
SlurmdSpoolDir=$root/spool
SlurmctldPidFile=$root/slurmctld.pid
SlurmdPidFile=$root/slurmd.pid
SlurmctldLogFile=$root/slurmctld.log
SlurmdLogFile=$root/slurmd.log
NodeName=localhost NodeAddr=127.0.0.1 CPUs=$(nproc) State=UNKNOWN
PartitionName=pipe Nodes=localhost Default=YES MaxTime=INFINITE State=UP
CONF
slurmctld -f "$SLURM_CONF" -i
slurmd -f "$SLURM_CONF" -N localhost
for _ in $(seq 60); do
  sinfo -h -o %t 2> /dev/null | grep -q idle && break
  sleep 1
done
sinfo -h -o %t | grep -q idle || fail "the node did not come up: $(sinfo 2>&1)"
echo "slurm $(sinfo -V | cut -d' ' -f2): node localhost idle with $(nproc) CPUs"

# The job's folder, on the file system every task sees: the pipeline and its input.
work=$root/work
mkdir -p "$work/in/copies"
cp -r Pipelines "$work/"
cp -r Pipelines/samples "$work/in/samples"
cp -r ../shared/corpus/bbc/articles "$work/in/bbc"
for file in $(ls "$work/in/bbc" | head -100); do cp "$work/in/bbc/$file" "$work/in/copies/copy-$file"; done
export PIPE_INPUT=in

(cd "$work" && PIPE_OUT=whole "$PIPE" run -q Pipelines/syria.yaml) || fail "the unsharded run failed"
array=$(cd "$work" && sbatch --parsable --array=0-3 --cpus-per-task=1 Pipelines/slurm/syria.sbatch)
merge=$(cd "$work" && sbatch --parsable --dependency=afterok:"$array" Pipelines/slurm/syria-merge.sbatch)
echo "submitted the array $array (4 shards) and the merge $merge (afterok:$array)"
state=""
for _ in $(seq 600); do
  state=$(scontrol show job "$merge" 2> /dev/null | grep -o 'JobState=[A-Z_]*' | cut -d= -f2)
  case "$state" in COMPLETED|FAILED|CANCELLED|TIMEOUT|NODE_FAIL|OUT_OF_MEMORY) break ;; esac
  sleep 1
done
[ "$state" = COMPLETED ] || fail "the merge job ended $state"
for task in 0 1 2 3; do
  grep -q "shard $task/4 (shard-000$task-of-0004)" "$work"/pipe-syria-"${array}_$task".log || fail "task $task did not run shard $task/4"
done
grep -q "merged 4 shards" "$work"/pipe-syria-merge-"$merge".log || fail "the merge job did not merge 4 shards"
dropped=$(grep -o 'left out [0-9]*' "$work"/pipe-syria-merge-"$merge".log | grep -o '[0-9]*' || echo 0)
[ "$dropped" -gt 0 ] || fail "no copy was kept by two shards: dedupe across shards was not exercised"

cmp "$work/whole/syria.jsonl" "$work/out/syria.jsonl" || fail "out/syria.jsonl differs from the unsharded run's"
python3 Scripts/lib/same_tables.py "$work/whole/syria.sqlite" "$work/out/syria.sqlite" || fail "out/syria.sqlite differs from the unsharded run's"
articles=$(wc -l < "$work/out/syria.jsonl")
echo "slurm: 4 array tasks and a dependent merge gave $articles articles, equal to one run (jsonl byte for byte, sqlite table by table), $dropped copies left out across shards"
