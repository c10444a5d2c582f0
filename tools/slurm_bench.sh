#!/usr/bin/env bash
# Runs 'pappus bench' on a Slurm cluster: a job array of N shards (task K
# runs 'pappus bench FILE --shard K/N --format json'), then a merge job that
# starts when every shard succeeded and writes the report of one run:
# DIR/bench.json (what 'pappus bench FILE --format json' prints) and
# DIR/bench.txt (the table). The rows and the summary's counts equal one
# single-machine run with the same options; times are the shards' own.
# Run tools/slurm_bench.sh --help for the options.
set -euo pipefail

usage() {
  cat <<'EOF'
usage: tools/slurm_bench.sh --shards N --out-dir DIR FILE
           [--jobs T] [--pappus PATH] [--partition P] [--time LIMIT]
           [--max-running M] [--wait] [-- BENCH_OPTIONS...]

Submits a Slurm job array of N tasks; task K runs
  pappus bench FILE --shard K/N --jobs T --format json BENCH_OPTIONS...
      > DIR/shard-K-of-N.json
and a merge job, run after every task succeeded (afterok), that writes
  DIR/bench.json and DIR/bench.txt   (pappus bench --merge over the shards)
Job scripts go to DIR/jobs/, Slurm logs to DIR/logs/.

  --shards N        number of array tasks (1 to 10000)
  --out-dir DIR     where shards, the report, job scripts and logs go
  --jobs T          bench threads per task, and CPUs asked per task (1)
  --pappus PATH     the pappus binary, visible from the compute nodes
                    (default: pappus on PATH, else build/pappus of this checkout)
  --partition P     the Slurm partition (default: the cluster's default)
  --time LIMIT      time limit per task, in sbatch's format (default: none)
  --max-running M   run at most M shards at once (--array=...%M)
  --wait            wait for the merge job; exit 0 only if it completed
  -- OPTIONS        passed on to 'pappus bench' (e.g. --time-limit 60 --depth 4)

Prints the array job's and the merge job's ids.
EOF
}

die() {
  echo "slurm_bench.sh: error: $*" >&2
  exit 2
}

is_count() { [[ $1 =~ ^[1-9][0-9]*$ ]]; }
count_at_most() { [[ $1 =~ ^[1-9][0-9]{0,5}$ ]] && (($1 <= $2)); }

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
shards='' out_dir='' file='' jobs=1 pappus='' partition='' time_limit='' max_running='' wait=0
extra=()
while (($# > 0)); do
  case $1 in
    -h | --help) usage; exit 0 ;;
    --wait) wait=1; shift; continue ;;
    --) shift; extra=("$@"); break ;;
    -*) ;;
    *) [[ -z $file ]] || die "one problem FILE, not also '$1'"; file=$1; shift; continue ;;
  esac
  (($# >= 2)) || die "$1 needs a value (see --help)"
  case $1 in
    --shards) shards=$2 ;;
    --out-dir) out_dir=$2 ;;
    --jobs) jobs=$2 ;;
    --pappus) pappus=$2 ;;
    --partition) partition=$2 ;;
    --time) time_limit=$2 ;;
    --max-running) max_running=$2 ;;
    *) die "unknown option '$1' (see --help)" ;;
  esac
  shift 2
done

[[ -n $shards && -n $out_dir && -n $file ]] || { usage >&2; die "--shards, --out-dir and FILE are required"; }
count_at_most "$shards" 10000 || die "--shards expects 1 to 10000, not '$shards'"
count_at_most "$jobs" 256 || die "--jobs expects 1 to 256, not '$jobs'"
[[ -z $max_running ]] || is_count "$max_running" || die "--max-running expects a positive number, not '$max_running'"
[[ -f $file ]] || die "no problem file '$file'"
file=$(realpath "$file")
for option in "${extra[@]}"; do
  case $option in
    --shard | --shard=* | --jobs | --jobs=* | --format | --format=* | --merge | --merge=* | --csv | --csv=*)
      die "'$option' cannot follow '--': this script sets --shard, --jobs and --format, and merges the shards itself" ;;
  esac
done

# shellcheck source=tools/slurm/common.sh
source "$root/tools/slurm/common.sh"
slurm_prepare

# The shard file names, in the array's order: shard-K-of-N.json.
width=${#shards}
shard_file() { printf '%s/shard-%0*d-of-%d.json' "$out_dir" "$width" "$1" "$shards"; }

# Job scripts with every value quoted, kept beside the results as a record.
# A shard's exit status 3 (a proof the checker rejected) still leaves a
# complete report: the merge runs and lists it.
shard_job=$out_dir/jobs/shard.sbatch
merge_job=$out_dir/jobs/merge.sbatch
{
  echo '#!/usr/bin/env bash'
  echo 'set -uo pipefail'
  echo "k=\$SLURM_ARRAY_TASK_ID"
  echo "out=\$(printf '%s/shard-%0*d-of-%d.json' $(q "$out_dir" "$width") \"\$k\" $shards)"
  echo "$(q "$pappus" bench "$file" --shard)\"\$k/$shards\" $(q --jobs "$jobs" --format json "${extra[@]}")>\"\$out.tmp\""
  echo 'status=$?'
  echo '((status == 0 || status == 3)) || exit "$status"'
  echo 'mv "$out.tmp" "$out"'
} >"$shard_job"
shard_files=()
for ((k = 0; k < shards; ++k)); do shard_files+=("$(shard_file "$k")"); done
{
  echo '#!/usr/bin/env bash'
  echo 'set -uo pipefail'
  echo "$(q "$pappus" bench --merge "$out_dir/bench.json" "${shard_files[@]}")>$(q "$out_dir/bench.txt")"
  echo 'status=$?'
  echo '((status == 0 || status == 3))'
} >"$merge_job"

slurm_submit pappus-bench "$jobs" "$shard_job" "$merge_job"
echo "shards: job array $array_id ($shards tasks), logs in $out_dir/logs/"
echo "merge:  job $merge_id -> $out_dir/bench.json, $out_dir/bench.txt"

((wait)) || exit 0
slurm_wait slurm_bench.sh "$out_dir/bench.txt"
