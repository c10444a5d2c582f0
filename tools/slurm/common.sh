# Shared by the Slurm scripts (tools/slurm/generate.sh, tools/slurm_bench.sh):
# sourced after they have parsed their options. They define die, and set
# root, pappus (may be empty), out_dir, shards, partition, time_limit,
# max_running and wait.

# The pappus binary (default: pappus on PATH, else build/pappus of this
# checkout) and the Slurm tools, checked; out_dir created, made absolute.
slurm_prepare() {
  if [[ -z $pappus ]]; then
    pappus=$(command -v pappus || echo "$root/build/pappus")
  fi
  [[ -x $pappus && ! -d $pappus ]] || die "no pappus binary at '$pappus' (build it, or pass --pappus PATH)"
  pappus=$(realpath "$pappus")
  local tool
  for tool in sbatch scontrol; do
    command -v "$tool" >/dev/null || die "'$tool' not found: run this on a Slurm submit host"
  done
  mkdir -p "$out_dir/jobs" "$out_dir/logs" || die "cannot create '$out_dir'"
  out_dir=$(realpath "$out_dir")
}

# Arguments quoted for a job script.
q() { local a; for a; do printf '%q ' "$a"; done; }

# Submits the job array of $shards tasks running SHARD_JOB (CPUS each) and
# MERGE_JOB after every task succeeded; sets array_id and merge_id.
# Usage: slurm_submit NAME CPUS SHARD_JOB MERGE_JOB
slurm_submit() {
  local name=$1 cpus=$2 shard_job=$3 merge_job=$4 common=() array
  [[ -z $partition ]] || common+=(--partition="$partition")
  [[ -z $time_limit ]] || common+=(--time="$time_limit")
  array="0-$((shards - 1))${max_running:+%$max_running}"
  array_id=$(sbatch --parsable "${common[@]}" --job-name="$name" --array="$array" \
    --ntasks=1 --cpus-per-task="$cpus" --output="$out_dir/logs/shard-%a.log" "$shard_job") ||
    die "sbatch of the shard array failed"
  array_id=${array_id%%;*}
  merge_id=$(sbatch --parsable "${common[@]}" --job-name="$name-merge" --dependency=afterok:"$array_id" \
    --kill-on-invalid-dep=yes --ntasks=1 --cpus-per-task=1 --output="$out_dir/logs/merge.log" "$merge_job") ||
    die "sbatch of the merge job failed (the shard array $array_id is queued)"
  merge_id=${merge_id%%;*}
}

# Polls the controller until the merge job ends (it keeps finished jobs for
# MinJobAge, 300 s by default, far longer than one poll); exits 0 when it
# completed, printing "done: RESULT", else 1 with the shards' states.
# Usage: slurm_wait SCRIPT_NAME RESULT
slurm_wait() {
  local script=$1 result=$2 unknown=0 state
  while :; do
    state=$(scontrol show job -o "$merge_id" 2>/dev/null | grep -o 'JobState=[A-Z_]*' | cut -d= -f2 || true)
    case $state in
      '')
        ((++unknown < 10)) || { echo "$script: the controller does not know job $merge_id" >&2; exit 1; }
        sleep 3 ;;
      PENDING | CONFIGURING | RUNNING | COMPLETING | SUSPENDED | REQUEUED | RESIZING) unknown=0; sleep 3 ;;
      COMPLETED) echo "done: $result"; exit 0 ;;
      *)
        echo "$script: merge job $merge_id ended $state; see $out_dir/logs/" >&2
        scontrol show job -o "$array_id" 2>/dev/null |
          sed -n 's/.* ArrayTaskId=\([0-9]*\) .* JobState=\([A-Z_]*\) .* ExitCode=\([0-9:]*\) .*/  shard \1: \2, exit code \3/p' >&2 || true
        exit 1 ;;
    esac
  done
}
