#!/usr/bin/env bash
# `make test-cluster`: runs scripts/slurm-shards.sbatch under a real Slurm scheduler on this one host,
# then checks the report assembled from the shards against a single-process run.
#
# Starts its own munged, slurmctld and slurmd from a generated slurm.conf (one node, 2 CPUs,
# proctrack/linuxproc, no cgroups) in a temporary state folder, and stops exactly those daemons on
# exit, by their pid files. Installs Debian's slurm-wlm and munge if missing. Needs root and
# `make build` (the Makefile target builds first). Everything it writes goes to the state folder,
# which is removed after a pass and kept (with the daemons' logs) after a failure.
#
# Environment: KEEP_STATE=1 keeps the state folder after a pass too; CLUSTER_TIMEOUT is the
# seconds the array may take (default 2400); SLURMCTLD_PORT / SLURMD_PORT default to 6817 / 6818.
set -euo pipefail

repo="$(cd "$(dirname "$0")/.." && pwd)"
cd "$repo"
bin=.build/release/couplinglab
shards=3
profile=fast
timeout_s="${CLUSTER_TIMEOUT:-2400}"
ctld_port="${SLURMCTLD_PORT:-6817}"
slurmd_port="${SLURMD_PORT:-6818}"

say() { echo "test-cluster: $*"; }
fail() { echo "test-cluster: FAIL: $*" >&2; exit 1; }

[ "$(id -u)" -eq 0 ] || fail "needs root (it installs packages and runs slurmd, which launches jobs as root)"
[ -x "$bin" ] || fail "no $bin: run \`make build\` first (\`make test-cluster\` does)"

# --- packages ---------------------------------------------------------------------------------
missing=()
for cmd in munged slurmctld slurmd sbatch sinfo scontrol squeue scancel; do
  command -v "$cmd" >/dev/null 2>&1 || { missing+=(slurm-wlm munge); break; }
done
command -v python3 >/dev/null 2>&1 || missing+=(python3)
if [ ${#missing[@]} -gt 0 ]; then
  say "installing missing Debian packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
version="$(slurmctld -V)"
say "using $version, $(munged -V 2>&1 | awk '{print $1; exit}')"

# Our slurmctld and slurmd cannot listen on a port another program holds.
port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
for port in "$ctld_port" "$slurmd_port"; do
  if port_in_use "$port"; then
    fail "port $port is in use (another Slurm, or one left by an earlier run: see its pid files in ${TMPDIR:-/tmp}/couplinglab-cluster.*); set SLURMCTLD_PORT / SLURMD_PORT to free ports"
  fi
done

# --- state folder, trap -------------------------------------------------------------------------
state="$(mktemp -d "${TMPDIR:-/tmp}/couplinglab-cluster.XXXXXX")"
# munged wants its socket folder searchable by all and writable by none but root, its key private.
chmod 755 "$state"
mkdir -p "$state/munge" "$state/munge-key" "$state/slurmctld" "$state/slurmd" "$state/logs"
chmod 755 "$state/munge"
chmod 700 "$state/munge-key"
passed=0
waiter=""

# Stops a daemon by its pid file, but only if that pid is still the named program (a stale pid
# file must not kill an unrelated process that reused the pid).
stop_daemon() {
  local name="$1" pidfile="$2" pid i
  [ -s "$pidfile" ] || return 0
  pid="$(cat "$pidfile")"
  [ "$(cat "/proc/$pid/comm" 2>/dev/null)" = "$name" ] || return 0
  kill -TERM "$pid" 2>/dev/null || return 0
  for i in $(seq 50); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.2; done
  echo "test-cluster: $name (pid $pid) ignored SIGTERM for 10 s; sending SIGKILL" >&2
  kill -KILL "$pid" 2>/dev/null || true
}

cleanup() {
  local status=$?
  set +e
  [ -z "$waiter" ] || kill "$waiter" 2>/dev/null
  # Jobs still running (a timeout or an interrupt) would outlive slurmd in their slurmstepd.
  if [ -s "$state/slurmctld.pid" ] && squeue -h -o %i >/dev/null 2>&1; then
    if [ -n "$(squeue -h -o %i 2>/dev/null)" ]; then
      say "cancelling the jobs still in the queue"
      scancel --user="$(id -un)" 2>/dev/null
      for _ in $(seq 30); do [ -z "$(squeue -h -o %i 2>/dev/null)" ] && break; sleep 1; done
    fi
  fi
  stop_daemon slurmd "$state/slurmd.pid"
  stop_daemon slurmctld "$state/slurmctld.pid"
  stop_daemon munged "$state/munge/munged.pid"
  if [ "$passed" -eq 1 ] && [ "$status" -eq 0 ]; then
    if [ -n "${KEEP_STATE:-}" ]; then say "outputs and logs kept in $state"; else rm -rf "$state"; fi
  else
    echo "test-cluster: FAILED; logs and outputs kept in $state" >&2
    [ "$status" -ne 0 ] || status=1
  fi
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# --- munged -----------------------------------------------------------------------------------
# A key of this run only: munged, sbatch and the daemons all run here, so nothing else needs it.
key="$state/munge-key/munge.key"
if command -v mungekey >/dev/null 2>&1; then
  mungekey --create --keyfile="$key"
else
  dd if=/dev/urandom of="$key" bs=1 count=1024 status=none
fi
chmod 600 "$key"
socket="$state/munge/munge.socket"
munged --socket="$socket" --key-file="$key" --pid-file="$state/munge/munged.pid" \
  --log-file="$state/munge/munged.log" --seed-file="$state/munge/munged.seed" \
  || { cat "$state/munge/munged.log" >&2 2>/dev/null; fail "munged did not start"; }

# --- slurm.conf, slurmctld, slurmd ------------------------------------------------------------
host="$(hostname -s)"
mem_mb=$(( $(awk '/^MemTotal:/ {print $2}' /proc/meminfo) / 1024 ))
[ "$mem_mb" -ge 4096 ] || fail "the shards ask for 4 GB (--mem=4G in the sbatch script); this host has $mem_mb MB"
export SLURM_CONF="$state/slurm.conf"
cat >"$SLURM_CONF" <<EOF
ClusterName=couplinglab
SlurmctldHost=$host(127.0.0.1)
SlurmctldPort=$ctld_port
SlurmdPort=$slurmd_port
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$socket
StateSaveLocation=$state/slurmctld
SlurmdSpoolDir=$state/slurmd
SlurmctldPidFile=$state/slurmctld.pid
SlurmdPidFile=$state/slurmd.pid
SlurmctldLogFile=$state/slurmctld.log
SlurmdLogFile=$state/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_Core_Memory
MpiDefault=none
ReturnToService=2
SlurmdParameters=config_overrides
NodeName=$host NodeAddr=127.0.0.1 CPUs=2 RealMemory=$mem_mb State=UNKNOWN
PartitionName=main Nodes=$host Default=YES MaxTime=INFINITE State=UP
EOF

show_logs() { for f in "$@"; do [ -f "$f" ] && { echo "--- $f (last 20 lines)" >&2; tail -n 20 "$f" >&2; }; done; return 0; }

slurmctld || { show_logs "$state/slurmctld.log"; fail "slurmctld did not start"; }
for i in $(seq 60); do scontrol ping 2>/dev/null | grep -q UP && break; sleep 0.5; done
scontrol ping 2>/dev/null | grep -q UP || { show_logs "$state/slurmctld.log"; fail "slurmctld does not answer"; }
slurmd -N "$host" || { show_logs "$state/slurmd.log"; fail "slurmd did not start"; }
node_state() { sinfo -h -N -n "$host" -o %T 2>/dev/null | head -n 1; }
for i in $(seq 60); do [ "$(node_state)" = idle ] && break; sleep 0.5; done
[ "$(node_state)" = idle ] || { show_logs "$state/slurmctld.log" "$state/slurmd.log"; fail "node $host is '$(node_state)', not idle"; }
say "slurmctld, slurmd and munged up (state in $state)"

# --- the array --------------------------------------------------------------------------------
started=$SECONDS
say "sbatch --array=1-$shards --wait scripts/slurm-shards.sbatch (PROFILE=$profile)"
# In the background, so that a signal to this script runs the trap now, not when the array ends.
PROFILE="$profile" timeout "$timeout_s" sbatch --array="1-$shards" --wait --parsable \
  --output="$state/logs/shard-%A_%a.log" scripts/slurm-shards.sbatch --out "$state/sharded" \
  >"$state/sbatch.out" 2>"$state/sbatch.err" &
waiter=$!
sbatch_status=0
wait "$waiter" || sbatch_status=$?
waiter=""
jobid="$(head -n 1 "$state/sbatch.out" 2>/dev/null | cut -d';' -f1)"
say "array job ${jobid:-?} finished in $(( SECONDS - started )) s (sbatch exit status $sbatch_status)"
[ "$sbatch_status" -ne 124 ] || fail "the array did not finish within $timeout_s s (CLUSTER_TIMEOUT)"
if [ "$sbatch_status" -ne 0 ]; then
  show_logs "$state/sbatch.err" "$state"/logs/*.log "$state/slurmctld.log" "$state/slurmd.log"
  fail "sbatch --wait exited with status $sbatch_status"
fi
[ -n "$jobid" ] || fail "sbatch printed no job id"

# Check: every task's log ends with its shard's final line, and every task trained some jobs
# (the split is real: no shard found all its work already done by another).
for k in $(seq "$shards"); do
  log="$state/logs/shard-${jobid}_${k}.log"
  [ -f "$log" ] || fail "no log for array task $k ($log)"
  last="$(grep -v '^[[:space:]]*$' "$log" | tail -n 1)"
  case "$last" in
    "shard $k/$shards: training jobs in "*"; assemble with "*) ;;
    *) show_logs "$log"; fail "the log of array task $k does not end with its shard line; it ends with: $last" ;;
  esac
  trained=$(grep -o 'training jobs: [0-9]* trained' "$log" | awk '{n += $3} END {print n + 0}')
  [ "$trained" -gt 0 ] || { show_logs "$log"; fail "array task $k trained no job"; }
  say "task $k trained $trained jobs; last line: $last"
done

# --- assembling run ---------------------------------------------------------------------------
say "assembling: $bin report --profile $profile --out $state/sharded"
started=$SECONDS
"$bin" report --profile "$profile" --out "$state/sharded" >"$state/assemble.log" 2>&1 \
  || { show_logs "$state/assemble.log"; fail "the assembling run failed"; }
# Check: it trains nothing. Every stage with training jobs prints "training jobs: N trained, M from the job cache".
counts="$(grep -o 'training jobs: [0-9]* trained, [0-9]* from the job cache' "$state/assemble.log" || true)"
[ -n "$counts" ] || { show_logs "$state/assemble.log"; fail "the assembling run printed no 'training jobs:' line"; }
if grep -qv '^training jobs: 0 trained, ' <<<"$counts"; then
  grep 'training jobs:' "$state/assemble.log" >&2
  fail "the assembling run trained jobs that the shards should have left in the job cache"
fi
say "assembling run took $(( SECONDS - started )) s and trained nothing ($(grep -c . <<<"$counts") 'training jobs: 0 trained' lines)"

# --- single-process reference -----------------------------------------------------------------
say "reference: $bin report --profile $profile --out $state/single (one process, own cache)"
started=$SECONDS
"$bin" report --profile "$profile" --out "$state/single" >"$state/single.log" 2>&1 \
  || { show_logs "$state/single.log"; fail "the single-process run failed"; }
say "reference run took $(( SECONDS - started )) s"

# Check: results.json metrics are equal, stage by stage and key by key, except wall-clock and CPU
# timings (every metric whose key contains "seconds").
python3 - "$state/sharded/report/results.json" "$state/single/report/results.json" <<'PY' || fail "results.json metrics differ from a single-process run's"
import json, sys

def metrics(path):
    with open(path) as f:
        stages = json.load(f)["stages"]
    return {(stage, key): value
            for stage, entry in stages.items()
            for key, value in entry["metrics"].items() if "seconds" not in key}

sharded, single = metrics(sys.argv[1]), metrics(sys.argv[2])
differ = sorted(k for k in sharded.keys() | single.keys() if sharded.get(k, "(missing)") != single.get(k, "(missing)"))
for stage, key in differ[:20]:
    print(f"  {stage}.{key}: sharded {sharded.get((stage, key), '(missing)')!r} vs single {single.get((stage, key), '(missing)')!r}",
          file=sys.stderr)
if differ:
    print(f"test-cluster: {len(differ)} of {len(single)} metrics differ", file=sys.stderr)
    sys.exit(1)
stages = sorted({stage for stage, _ in single})
print(f"test-cluster: results.json metrics equal: {len(single)} metrics of {len(stages)} stages ({', '.join(stages)}), timings excluded")
PY

passed=1
say "PASS in $SECONDS s ($version)"
