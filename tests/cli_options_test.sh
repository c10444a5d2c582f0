#!/usr/bin/env bash
# Every numeric and choice option of the pappus command line, given values it
# must refuse (0 where 0 makes no sense, negative, huge, not a number, with
# trailing characters), for each command that accepts it: the run must be a
# usage error (exit 2, never a crash or a signal) whose message names the
# option. Then more malformed values for one option of each kind, the edges
# that must pass, the other usage errors (unknown option, missing value, ...),
# and that the table below covers every option whose --help line shows a
# range. Runs go in parallel (PAPPUS_TEST_JOBS, default 4): the binary takes
# about a second to start when it links libtorch.
#
# usage: tests/cli_options_test.sh PAPPUS EXAMPLES_FILE
set -u
pappus=$(realpath "${1:?usage: cli_options_test.sh PAPPUS EXAMPLES_FILE}")
examples=$(realpath "${2:?usage: cli_options_test.sh PAPPUS EXAMPLES_FILE}")
parallel=${PAPPUS_TEST_JOBS:-4}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cases=0

# check_run N RC PATTERN ARGS...: run pappus ARGS in $tmp/N; its exit status
# must be RC and its standard error must contain PATTERN (a fixed string;
# empty: anything). A failure leaves $tmp/N/FAIL.
check_run() {
  local dir=$tmp/$1 want=$2 pattern=$3
  shift 3
  mkdir -p "$dir"
  (cd "$dir" && timeout 60 "$pappus" "$@") >"$dir/out" 2>"$dir/err" </dev/null
  local rc=$?
  if ((rc != want)); then
    echo "pappus $* exited $rc, expected $want; stderr: $(head -c 400 "$dir/err")" >"$dir/FAIL"
  elif [[ -n "$pattern" ]] && ! grep -qF -- "$pattern" "$dir/err"; then
    echo "pappus $* exited $rc but stderr lacks '$pattern': $(head -c 400 "$dir/err")" >"$dir/FAIL"
  fi
}

# expect RC PATTERN ARGS...: check_run in the background, at most $parallel at once.
expect() {
  cases=$((cases + 1))
  while (($(jobs -rp | wc -l) >= parallel)); do wait -n; done
  check_run "$cases" "$@" &
}

# The numeric and choice options: name, the commands that take it, whether 0
# is refused, and the kind (whole number, real number, or a choice).
table=$(
  cat <<'EOF'
--seed           check,solve,bench,draw,generate,train,audit  zero-ok   whole
--time-limit     solve,bench,generate,audit                   zero-bad  real
--jobs           solve,bench,audit                            zero-bad  whole
--beam           solve,bench,audit                            zero-bad  whole
--depth          solve,bench,audit                            zero-ok   whole
--allow-failures check                                  zero-ok   whole
--figures        generate,audit                               zero-ok   whole
--count          generate                               zero-ok   whole
--threads        generate,train                         zero-bad  whole
--per-figure     generate                               zero-ok   whole
--prompt-facts   generate                               zero-ok   whole
--max-facts      solve,bench,generate,audit                   zero-bad  whole
--max-nodes      solve,bench,audit                            zero-bad  whole
--max-memory     solve,bench,generate,audit                   zero-ok   whole
--decode-beam    solve,bench,train,audit                      zero-bad  whole
--rank-pool      solve,bench,train,audit                      zero-bad  whole
--model-depth    solve,bench,audit                            zero-ok   whole
--steps          train                                  zero-bad  whole
--batch          train                                  zero-bad  whole
--lr             train                                  zero-bad  real
--warmup         train                                  zero-ok   whole
--layers         train                                  zero-bad  whole
--heads          train                                  zero-bad  whole
--dim            train                                  zero-bad  whole
--context        train                                  zero-bad  whole
--val-fraction   train                                  zero-ok   real
--val-every      train                                  zero-bad  whole
--limit          train                                  zero-ok   whole
--epochs         train                                  zero-bad  whole
--ranker-check   train                                  zero-ok   whole
--ranker-hidden  train                                  zero-ok   whole
--format         solve,check,bench,audit                      zero-bad  choice
--proposer       solve,bench,audit                            zero-bad  choice
--device         train                                  zero-bad  choice
EOF
)

while read -r option commands zero kind; do
  bad=(-1 1e30 99999999999999999999 abc 5x)
  [[ $zero == zero-bad ]] && bad+=(0)
  for command in ${commands//,/ }; do
    for value in "${bad[@]}"; do expect 2 "$option" "$command" "$option" "$value"; done
  done
done <<<"$table"

# More malformed values, for one option of each kind (one parser serves them all).
for option in --jobs --time-limit --format; do
  expect 2 "$option" solve "$option=abc"
  expect 2 "$option" solve "$option="
done
for value in "" " 7" "7 " + 1.5 0x10 1e3 -0; do expect 2 "--jobs" solve --jobs "$value"; done
for value in "" inf -inf nan 1e400 0x1p3 "1 " -0; do expect 2 "--time-limit" solve --time-limit "$value"; done
for value in TEXT " text" "text,json" html; do expect 2 "--format" check --format "$value"; done

# Past the caps, and the bounds of open ranges.
expect 2 "--jobs" solve --jobs 100000
expect 2 "--jobs" bench --jobs 257
expect 2 "--threads" generate --threads 257 --out x.jsonl --figures 1
expect 2 "--depth" solve --depth 17
expect 2 "--time-limit" bench --time-limit 604801
expect 2 "--val-fraction" train --val-fraction 1
expect 2 "--lr" train --lr 1.5
expect 2 "--decode-beam" solve --decode-beam 257
expect 2 "--max-memory" solve --max-memory 16777217
expect 2 "--seed" solve --seed 18446744073709551616
expect 2 "--allow-failures" check --allow-failures 1000000001

# Options that generate checks itself (not numbers alone).
for value in 1e30 -1 abc 2/1 ""; do expect 2 "--shard" generate --shard "$value" --out x.jsonl --figures 1; done
for value in 1e30 -1 abc 2-1 ""; do expect 2 "--points" generate --points "$value" --out x.jsonl --figures 1; done
for value in 1e30 -1 abc 2 ""; do expect 2 "--aux-ratio" generate --aux-ratio "$value" --out x.jsonl --figures 1; done
for value in ncoll=1 perp=-1 perp coll=0,cyclic=0,perp=0,para=0,cong=0,midp=0,eqangle=0,eqratio=0,aconst=0,rconst=0,simtri=0,simtri2=0,contri=0,contri2=0,concurrent=0 ""; do
  expect 2 "goal" generate --goal-mix "$value" --out x.jsonl --figures 1
done

# The edges that are accepted, on a problem that is proved at once.
expect 0 "" solve "$examples" --problem orthocenter_concurrent --seed 18446744073709551615 --jobs 256 --depth 0 \
  --time-limit 604800 --max-memory 0 --max-facts 1000000000 --max-nodes 1 --beam 1000 --format json
expect 0 "" solve "$examples" --problem orthocenter_concurrent --seed=0 --time-limit=0.5 --jobs=1 --jobs=2
expect 0 "" check "$examples" --problem orthocenter_concurrent --allow-failures 0 --format text

# Other usage errors: exit 2 with a pointer to --help.
expect 2 "Run 'pappus solve --help'" solve --jobs abc
expect 2 "did you mean '--seed'" solve --sed 3
expect 2 "does not apply to 'solve'" solve --csv out.csv
expect 2 "unknown option '--bogus'" bench --bogus
expect 2 "'--ddar-only' takes no value" solve --ddar-only=no
expect 2 "'--seed' needs a value" solve "$examples" --seed
expect 2 "--json" check "$examples" --json --format text
expect 2 "--dim" train --heads 3 --dim 256
expect 2 "did you mean 'solve'" slove
expect 2 "did you mean 'solve'" help slove

wait
failures=0
fail() {
  echo "FAIL: $*"
  failures=$((failures + 1))
}
for result in "$tmp"/*/FAIL; do
  [[ -f $result ]] && fail "$(cat "$result")"
done

# --help, in both forms, lists each range; it exits 0.
"$pappus" solve --help >"$tmp/help" 2>&1 || fail "pappus solve --help failed"
grep -q -- "--jobs N .*(default: 1; 1 to 256)" "$tmp/help" || fail "solve --help lacks the range of --jobs"
"$pappus" help check >"$tmp/help" 2>&1 || fail "pappus help check failed"
grep -q -- "--format FMT .*(default: text; text, json)" "$tmp/help" || fail "help check lacks --format with its choices"

# Every option whose --help shows a range is in the table above.
for command in check solve bench draw generate train; do
  "$pappus" "$command" --help >"$tmp/help" 2>&1 || fail "pappus $command --help failed"
  while read -r option; do
    grep -qE -- "^$option +([a-z,]+,)?$command(,[a-z,]+)? " <<<"$table" ||
      fail "$option of $command shows a range in --help but is not in this test's table"
  done < <(sed -nE 's/^  (--[a-z-]+) [^ ]+ .*(default: [^;]*; )?([0-9.]+ to [0-9]+|[<>]=? [0-9.e+-]+, [<>]=? [0-9.e+-]+|[a-z]+(, [a-z]+)+)\)$/\1/p' "$tmp/help")
done

echo "$cases runs, $failures failures"
((failures == 0))
