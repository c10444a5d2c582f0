#!/usr/bin/env bash
# Generates a synthetic dataset on a Slurm cluster: a job array of N shards
# (task K runs 'pappus generate --shard K/N'), then a merge job that starts
# when every shard succeeded and writes DIR/dataset.jsonl. The merged file is
# byte-identical to one 'pappus generate' run with the same --figures and
# --seed. Run tools/slurm/generate.sh --help for the options.
set -euo pipefail

usage() {
  cat <<'EOF'
usage: tools/slurm/generate.sh --shards N --figures F --seed S --out-dir DIR
           [--threads T] [--pappus PATH] [--partition P] [--time LIMIT]
           [--max-running M] [--wait] [-- GENERATE_OPTIONS...]

Submits a Slurm job array of N tasks; task K runs
  pappus generate --shard K/N --figures F --seed S --threads T
                  --out DIR/shard-K-of-N.jsonl GENERATE_OPTIONS...
and a merge job, run after every task succeeded (afterok), that writes
  DIR/dataset.jsonl   (pappus generate --merge over the N shard files)
Job scripts go to DIR/jobs/, Slurm logs to DIR/logs/. A task that is
rerun appends to its shard and skips the examples already in it.

  --shards N        number of array tasks (1 to 10000)
  --figures F       figures sampled in all, split across the shards
  --seed S          the run's seed (same seed, same dataset)
  --out-dir DIR     where shards, the dataset, job scripts and logs go
  --threads T       generate threads per task, and CPUs asked per task (1)
  --pappus PATH     the pappus binary, visible from the compute nodes
                    (default: pappus on PATH, else build/pappus of this checkout)
  --partition P     the Slurm partition (default: the cluster's default)
  --time LIMIT      time limit per task, in sbatch's format (default: none)
  --max-running M   run at most M shards at once (--array=...%M)
  --wait            wait for the merge job; exit 0 only if it completed
  -- OPTIONS        passed on to 'pappus generate' (e.g. --aux-ratio 0.3)

Prints the array job's and the merge job's ids.
EOF
}

die() {
  echo "generate.sh: error: $*" >&2
  exit 2
}

is_count() { [[ $1 =~ ^[1-9][0-9]*$ ]]; }
count_at_most() { [[ $1 =~ ^[1-9][0-9]{0,5}$ ]] && (($1 <= $2)); }

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
shards='' figures='' seed='' out_dir='' threads=1 pappus='' partition='' time_limit='' max_running='' wait=0
extra=()
while (($# > 0)); do
  case $1 in
    -h | --help) usage; exit 0 ;;
    --wait) wait=1; shift; continue ;;
    --) shift; extra=("$@"); break ;;
  esac
  (($# >= 2)) || die "$1 needs a value (see --help)"
  case $1 in
    --shards) shards=$2 ;;
    --figures) figures=$2 ;;
    --seed) seed=$2 ;;
    --out-dir) out_dir=$2 ;;
    --threads) threads=$2 ;;
    --pappus) pappus=$2 ;;
    --partition) partition=$2 ;;
    --time) time_limit=$2 ;;
    --max-running) max_running=$2 ;;
    *) die "unknown option '$1' (see --help)" ;;
  esac
  shift 2
done

[[ -n $shards && -n $figures && -n $seed && -n $out_dir ]] ||
  { usage >&2; die "--shards, --figures, --seed and --out-dir are required"; }
count_at_most "$shards" 10000 || die "--shards expects 1 to 10000, not '$shards'"
is_count "$figures" || die "--figures expects a positive number, not '$figures'"
[[ $seed =~ ^[0-9]+$ ]] || die "--seed expects a number, not '$seed'"
count_at_most "$threads" 256 || die "--threads expects 1 to 256, not '$threads'"
[[ -z $max_running ]] || is_count "$max_running" || die "--max-running expects a positive number, not '$max_running'"
for option in "${extra[@]}"; do
  case $option in
    --shard | --shard=* | --out | --out=* | --figures | --figures=* | --seed | --seed=* | \
      --threads | --threads=* | --count | --count=* | --merge | --merge=* | --stats | --stats=*)
      die "'$option' cannot follow '--': this script sets --shard, --out, --figures, --seed and --threads, and --count, --merge and --stats do not shard" ;;
  esac
done

# shellcheck source=tools/slurm/common.sh
source "$root/tools/slurm/common.sh"
slurm_prepare

# The shard file names, in the array's order: shard-K-of-N.jsonl.
width=${#shards}
shard_file() { printf '%s/shard-%0*d-of-%d.jsonl' "$out_dir" "$width" "$1" "$shards"; }

# Job scripts with every value quoted, kept beside the data as a record.
shard_job=$out_dir/jobs/shard.sbatch
merge_job=$out_dir/jobs/merge.sbatch
{
  echo '#!/usr/bin/env bash'
  echo 'set -euo pipefail'
  echo "k=\$SLURM_ARRAY_TASK_ID"
  echo "out=\$(printf '%s/shard-%0*d-of-%d.jsonl' $(q "$out_dir" "$width") \"\$k\" $shards)"
  echo "exec $(q "$pappus" generate --shard)\"\$k/$shards\" $(q --figures "$figures" --seed "$seed" \
    --threads "$threads" "${extra[@]}")--out \"\$out\""
} >"$shard_job"
shard_files=()
for ((k = 0; k < shards; ++k)); do shard_files+=("$(shard_file "$k")"); done
{
  echo '#!/usr/bin/env bash'
  echo 'set -euo pipefail'
  echo "exec $(q "$pappus" generate --merge "$out_dir/dataset.jsonl" "${shard_files[@]}")"
} >"$merge_job"

slurm_submit pappus-shard "$threads" "$shard_job" "$merge_job"
echo "shards: job array $array_id ($shards tasks), logs in $out_dir/logs/"
echo "merge:  job $merge_id -> $out_dir/dataset.jsonl"

((wait)) || exit 0
slurm_wait generate.sh "$out_dir/dataset.jsonl"
