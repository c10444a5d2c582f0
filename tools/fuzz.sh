#!/usr/bin/env bash
# Builds the libFuzzer targets (tests/fuzz/) in build-fuzz/ with clang, ASan
# and UBSan, runs each for SECONDS, one after the other, and prints a table
# of executions, executions per second and coverage. Exits 1 when a target
# crashes, leaks, times out or runs out of memory; its input is kept in
# build-fuzz/artifacts/ and its log in build-fuzz/logs/.
#
#   tools/fuzz.sh SECONDS [TARGET...]    TARGET: parser catalogue rules pipeline
#
# The seed corpus is tests/fuzz/corpus/TARGET/, plus, at run time, the
# shipped data files and the benchmark problems (tests/data/benchmarks/);
# new inputs go to build-fuzz/corpus/TARGET/, never to the sources.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

if [[ $# -lt 1 || ! $1 =~ ^[0-9]+$ ]]; then
  echo "usage: tools/fuzz.sh SECONDS [parser|catalogue|rules|pipeline]..." >&2
  exit 2
fi
seconds=$1
shift
targets=("$@")
((${#targets[@]} > 0)) || targets=(parser catalogue rules pipeline)
for t in "${targets[@]}"; do
  [[ -d tests/fuzz/corpus/$t ]] || { echo "fuzz: unknown target '$t'" >&2; exit 2; }
done

if ! command -v clang++ >/dev/null 2>&1; then
  echo "skipped: clang not installed"
  exit 0
fi
probe=$(mktemp -d)
trap 'rm -rf "$probe"' EXIT
printf 'extern "C" int LLVMFuzzerTestOneInput(const unsigned char*, unsigned long) { return 0; }\n' >"$probe/p.cpp"
if ! clang++ -fsanitize=fuzzer,address,undefined "$probe/p.cpp" -o "$probe/p" 2>"$probe/err"; then
  echo "skipped: clang not installed with libFuzzer (install libclang-rt-14-dev)"
  exit 0
fi

build=build-fuzz
# A build dir configured with another compiler cannot be switched in place.
if [[ -f $build/CMakeCache.txt ]] && ! grep -q '^CMAKE_CXX_COMPILER:.*clang' "$build/CMakeCache.txt"; then
  rm -rf "$build"
fi
cmake -S . -B "$build" -G Ninja -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DPAPPUS_FUZZ=ON -DPAPPUS_SANITIZE=OFF -DPAPPUS_BUILD_TESTS=OFF >"$build.configure.log" 2>&1 ||
  { cat "$build.configure.log"; exit 1; }
rm -f "$build.configure.log"
cmake --build "$build" -j"$(nproc)" --target "${targets[@]/#/fuzz_}"

mkdir -p "$build/artifacts" "$build/logs"
benchmark=tests/data/benchmarks/jgex_ag_231.txt

# Extra seeds that live outside tests/fuzz: the shipped data files and the
# benchmark's problem lines, written fresh for this run.
extra_seeds() {
  local target=$1 dir=$2
  rm -rf "$dir"
  mkdir -p "$dir"
  case $target in
    catalogue) cp dsl/constructions.txt "$dir/" ;;
    rules) cp rules/rules.txt "$dir/" ;;
    parser | pipeline)
      awk -v dir="$dir" 'NF && !/^#/ && ++n % 2 == 0 { f = dir "/jgex_" n / 2 ".txt"; printf "%s", $0 > f; close(f) }' \
        "$benchmark"
      if [[ $target == parser ]]; then cp "$benchmark" "$dir/jgex_file.txt"; fi
      ;;
  esac
}

# One line of the table from a libFuzzer log.
summarize() {
  local target=$1 status=$2 log=$3
  local execs rate cov ft
  execs=$(grep -oE 'stat::number_of_executed_units: *[0-9]+' "$log" | tail -1 | awk '{print $2}' || true)
  rate=$(grep -oE 'stat::average_exec_per_sec: *[0-9]+' "$log" | tail -1 | awk '{print $2}' || true)
  cov=$(grep -oE 'cov: [0-9]+' "$log" | tail -1 | awk '{print $2}' || true)
  ft=$(grep -oE 'ft: [0-9]+' "$log" | tail -1 | awk '{print $2}' || true)
  printf '%-10s %8s %10s %8s %7s %7s  %s\n' "$target" "$seconds" "${execs:--}" "${rate:--}" "${cov:--}" "${ft:--}" "$status"
}

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1}
rows=()
failed=0
for target in "${targets[@]}"; do
  corpus=$build/corpus/$target
  seeds=$build/seeds/$target
  log=$build/logs/$target.log
  mkdir -p "$corpus"
  extra_seeds "$target" "$seeds"
  echo "fuzz: $target for ${seconds}s (log: $log)"
  # Problems are short: longer inputs only slow the parsers down. Data files
  # are long, so their targets take the longest seed's length.
  case $target in
    parser | pipeline) max_len=4096 ;;
    *) max_len=0 ;;
  esac
  status=ok
  if ! "$build/tests/fuzz/fuzz_$target" "$corpus" "tests/fuzz/corpus/$target" "$seeds" \
      -max_total_time="$seconds" -max_len="$max_len" -rss_limit_mb=2048 -timeout=25 -print_final_stats=1 \
      -artifact_prefix="$build/artifacts/$target-" >"$log" 2>&1; then
    status="FAILED (see $log; inputs in $build/artifacts/)"
    failed=1
    grep -E '^(==[0-9]+==ERROR|SUMMARY|fuzz invariant failed|.*runtime error)' "$log" | head -5 || true
  fi
  rows+=("$(summarize "$target" "$status" "$log")")
done

echo
printf '%-10s %8s %10s %8s %7s %7s  %s\n' target seconds execs exec/s cov ft result
printf '%s\n' "${rows[@]}"
exit "$failed"
