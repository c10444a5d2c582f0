#!/usr/bin/env bash
# Runs tools/slurm/generate.sh on a real one-node Slurm cluster started here
# and checks that the merged shards are byte-identical to one single-machine
# 'pappus generate' run with the same --figures and --seed.
#
#   tools/slurm_test.sh        (as root; ctest runs it as slurm.generate)
#
# Installs Debian's slurm-wlm and munge when missing (keeping their services
# from starting). Everything else lives in a temporary directory: a munge key
# and a munged on its own socket, a slurm.conf naming this host
# (hostname -s) as controller and only node, slurmctld and slurmd on free
# ports, the shards and the dataset. Every daemon it started is stopped on
# exit, by PID, and the directory removed (kept when KEEP_TMP=1). Prints
# "skipped: ..." and exits 0 when it cannot run at all (not root). The CLI
# is $PAPPUS (default build/pappus).
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
pappus=${PAPPUS:-$root/build/pappus}
figures=12 seed=5 shards=3

fail() {
  echo "FAIL: $*" >&2
  exit 1
}
log() { echo "slurm_test: $*"; }

[[ -x $pappus ]] || fail "no CLI at $pappus (build it first, or set PAPPUS)"
((EUID == 0)) || { echo "skipped: needs root to run slurmd and install slurm-wlm/munge"; exit 0; }

# --- packages -----------------------------------------------------------
installed() { [[ $(dpkg-query -W -f='${Status}' "$1" 2>/dev/null || true) == "install ok installed" ]]; }
missing=()
for package in slurm-wlm munge; do installed "$package" || missing+=("$package"); done
if ((${#missing[@]} > 0)); then
  log "installing ${missing[*]}"
  # No service may start from the packages' scripts: a policy-rc.d that
  # denies them, unless the system already has one.
  policy=/usr/sbin/policy-rc.d
  own_policy=0
  if [[ ! -e $policy ]]; then
    printf '#!/bin/sh\nexit 101\n' >"$policy" && chmod 755 "$policy" && own_policy=1
  fi
  status=0
  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
      apt-get install -y -qq --no-install-recommends "${missing[@]}"; } >/dev/null || status=$?
  ((own_policy)) && rm -f "$policy"
  ((status == 0)) || fail "apt-get install ${missing[*]} failed (exit $status)"
fi
for tool in munged munge unmunge slurmctld slurmd sbatch sinfo squeue scontrol scancel; do
  command -v "$tool" >/dev/null || fail "'$tool' not found after installing slurm-wlm and munge"
done

# --- the temporary cluster ----------------------------------------------
tmp=$(mktemp -d /tmp/pappus-slurm.XXXXXX)
chmod 755 "$tmp"
mkdir -p "$tmp"/{munge,etc,state,spool,log,data}
pids=()  # daemons started here, in start order
step_pid=''  # the long command running now (see step)

# Runs a command in the background and waits for it, so that a signal to
# this script is handled (and the cluster stopped) without waiting for it.
step() {
  local status=0
  "$@" &
  step_pid=$!
  wait "$step_pid" || status=$?
  step_pid=''
  return "$status"
}

# The daemons' own logs (their stderr when they died before opening them),
# the jobs' output and the single run's.
show_logs() {
  local f
  for f in "$tmp"/log/{munged,slurmctld,slurmd}.log "$tmp"/data/logs/* "$tmp"/log/single.out; do
    [[ -s $f ]] || f=${f%.log}.out
    [[ -s $f ]] || continue
    echo "----- tail of $f" >&2
    tail -n 25 "$f" >&2
  done
}

cleanup() {
  local status=$? pid i
  set +e  # a failing command here must not skip the rest
  trap - EXIT INT TERM HUP
  trap '' PIPE  # a reader gone (tools/slurm_test.sh | head) must not stop the cleanup
  [[ -z $step_pid ]] || kill -TERM "$step_pid" 2>/dev/null
  ((status == 0)) || show_logs
  # Jobs first (their slurmstepd processes are not our children), then the
  # daemons in reverse order of start.
  if [[ -n ${SLURM_CONF:-} ]] && ((${#pids[@]} >= 2)); then
    local jobs
    mapfile -t jobs < <(squeue -h -o %A 2>/dev/null | sort -u)
    ((${#jobs[@]} == 0)) || scancel --quiet --full "${jobs[@]}" 2>/dev/null || true
    for ((i = 0; i < 20; ++i)); do
      [[ -z $(squeue -h -o %A 2>/dev/null) ]] && break
      sleep 1
    done
  fi
  for ((i = ${#pids[@]} - 1; i >= 0; --i)); do
    kill -TERM "${pids[i]}" 2>/dev/null || true
  done
  for pid in "${pids[@]}"; do
    for ((i = 0; i < 50; ++i)); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.2
    done
    kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  if [[ ${KEEP_TMP:-0} == 1 ]]; then
    echo "slurm_test: kept $tmp" >&2
  else
    rm -rf "$tmp"
  fi
  exit "$status"
}
trap cleanup EXIT
trap 'echo "slurm_test: interrupted" >&2; exit 130' INT TERM HUP
trap 'exit 141' PIPE

# munged on its own key and socket, so that a system munged (if any) and
# /etc/munge are left alone.
socket=$tmp/munge/munge.socket
head -c 1024 /dev/urandom >"$tmp/munge/munge.key"
chmod 400 "$tmp/munge/munge.key"
munged --foreground --force --key-file="$tmp/munge/munge.key" --socket="$socket" \
  --pid-file="$tmp/munge/munged.pid" --log-file="$tmp/log/munged.log" \
  --seed-file="$tmp/munge/munged.seed" >"$tmp/log/munged.out" 2>&1 &
pids+=($!)
for ((i = 0; i < 50; ++i)); do
  [[ -S $socket ]] && break
  kill -0 "${pids[0]}" 2>/dev/null || fail "munged exited"
  sleep 0.2
done
munge --socket="$socket" -n | unmunge --socket="$socket" >/dev/null || fail "munge cannot encode and decode"
log "munged up (pid ${pids[0]})"

# Two free TCP ports for slurmctld and slurmd.
free_port() {
  local port
  while :; do
    port=$((20000 + RANDOM % 40000))
    ss -Htln "sport = :$port" 2>/dev/null | grep -q . || { echo "$port"; return; }
  done
}
ctld_port=$(free_port)
slurmd_port=$(free_port)
((slurmd_port != ctld_port)) || slurmd_port=$((ctld_port + 1))

node=$(hostname -s)
cpus=$(nproc)
conf=$tmp/etc/slurm.conf
cat >"$conf" <<EOF
ClusterName=pappus-test
SlurmctldHost=$node(127.0.0.1)
SlurmctldPort=$ctld_port
SlurmdPort=$slurmd_port
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$socket
StateSaveLocation=$tmp/state
SlurmdSpoolDir=$tmp/spool
SlurmctldPidFile=$tmp/state/slurmctld.pid
SlurmdPidFile=$tmp/spool/slurmd.pid
SlurmctldLogFile=$tmp/log/slurmctld.log
SlurmdLogFile=$tmp/log/slurmd.log
SlurmctldDebug=info
SlurmdDebug=info
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
MpiDefault=none
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
ReturnToService=2
MailProg=/bin/true
DependencyParameters=kill_invalid_depend
NodeName=$node NodeAddr=127.0.0.1 CPUs=$cpus RealMemory=500 State=UNKNOWN
PartitionName=test Nodes=$node Default=YES MaxTime=INFINITE State=UP
EOF
export SLURM_CONF=$conf

slurmctld -D -c -f "$conf" >"$tmp/log/slurmctld.out" 2>&1 &
pids+=($!)
slurmd -D -f "$conf" -N "$node" >"$tmp/log/slurmd.out" 2>&1 &
pids+=($!)
log "slurmctld (pid ${pids[1]}, port $ctld_port) and slurmd (pid ${pids[2]}, port $slurmd_port) on node $node"

state=''
for ((i = 0; i < 120; ++i)); do
  kill -0 "${pids[1]}" 2>/dev/null || fail "slurmctld exited"
  kill -0 "${pids[2]}" 2>/dev/null || fail "slurmd exited"
  state=$(sinfo -h -N -n "$node" -o %T 2>/dev/null || true)
  [[ $state == idle ]] && break
  sleep 0.5
done
[[ $state == idle ]] || fail "node $node is '${state:-unknown}', not idle, after 60 s: $(scontrol show node "$node" 2>&1 | grep -o 'Reason=.*' || true)"
log "node $node idle with $cpus CPUs"

# --- the dataset, on the cluster and on one machine ---------------------
start=$SECONDS
step timeout 420 "$root/tools/slurm/generate.sh" --shards "$shards" --figures "$figures" --seed "$seed" \
  --out-dir "$tmp/data" --pappus "$pappus" --wait || fail "the Slurm run failed (generate.sh exit $?)"
log "Slurm run: $shards shards and the merge in $((SECONDS - start)) s"

start=$SECONDS
step timeout 240 "$pappus" generate --out "$tmp/single.jsonl" --figures "$figures" --seed "$seed" >"$tmp/log/single.out" 2>&1 ||
  fail "single-machine run failed: $(tail -n 5 "$tmp/log/single.out")"
log "single-machine run in $((SECONDS - start)) s"

merged=$tmp/data/dataset.jsonl
[[ -s $merged ]] || fail "no merged dataset at $merged"
shard_lines=$(cat "$tmp"/data/shard-*.jsonl | wc -l)
log "examples: merged $(wc -l <"$merged") (shards $shard_lines in $shards files), single run $(wc -l <"$tmp/single.jsonl")"
cmp "$merged" "$tmp/single.jsonl" || fail "the merged shards differ from the single-machine run"
log "PASS: generate: $shards Slurm shards merged = one run ($figures figures, seed $seed)"

# --- a benchmark, on the cluster and on one machine ---------------------
problems=$root/tools/examples/examples.txt
start=$SECONDS
step timeout 420 "$root/tools/slurm_bench.sh" --shards "$shards" --out-dir "$tmp/bench" --pappus "$pappus" --wait \
  "$problems" -- --time-limit 20 || fail "the Slurm bench failed (slurm_bench.sh exit $?)"
log "Slurm bench: $shards shards and the merge in $((SECONDS - start)) s"
step timeout 240 "$pappus" bench "$problems" --time-limit 20 --format json >"$tmp/bench-single.json" 2>"$tmp/log/single.out" ||
  fail "single-machine bench failed: $(tail -n 5 "$tmp/log/single.out")"
[[ -s $tmp/bench/bench.json ]] || fail "no merged report at $tmp/bench/bench.json"
# The same problems with the same outcomes and proofs (times are the shards' own).
python3 - "$tmp/bench/bench.json" "$tmp/bench-single.json" <<'PY' || fail "the merged bench differs from the single-machine run"
import json, sys
def outcome(path):
    report = json.load(open(path))
    rows = report["problems"]
    return [(r["name"], r["status"], r.get("proved"), r.get("aux")) for r in rows]
merged, single = outcome(sys.argv[1]), outcome(sys.argv[2])
if merged != single or not single:
    sys.exit(f"merged {merged}\nsingle {single}")
print(f"bench: {len(single)} problems, {sum(1 for r in single if r[1] == 'proved')} proved, alike")
PY
echo "PASS: $shards Slurm shards merged = one run (generate: $figures figures, seed $seed; bench: $(basename "$problems"))"
