#!/usr/bin/env bash
# What pappus reports, as a user or a script reads it:
#  * machine output is pure: solve, bench and check with --format json print
#    one JSON document on stdout (python3 -m json.tool reads it), whatever
#    the outcome (proved, not proved, goal false);
#  * "proved" counts checked proofs: bench on each development set prints
#    "proofs: N/N pass the checker" with N the number proved, and its JSON
#    summary has checker_rejected 0;
#  * the distance case that the engine and the checker once disagreed on is
#    proved, and its proof passes the checker.
# Usage: cli_results_test.sh PAPPUS BENCHMARK_DIR
set -uo pipefail
pappus=$1
benchmarks=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failures=0
fail() {
  echo "FAIL: $*"
  failures=$((failures + 1))
}

json_ok() {  # json_ok NAME FILE: the file is one JSON document
  python3 -m json.tool "$2" >/dev/null 2>"$tmp/json_err" || fail "$1: stdout is not JSON: $(head -c 300 "$tmp/json_err")"
}

distance="a b c = triangle a b c; c1 = on_line c1 a b; m = midpoint m a b; c3 = mirror c3 c1 m ? cong a c1 b c3"
"$pappus" solve --text "$distance" --ddar-only >"$tmp/out" 2>&1
rc=$?
((rc == 0)) || fail "distance case: exit $rc"
grep -q "checker: every step verified" "$tmp/out" || fail "distance case: the checker did not verify: $(grep checker "$tmp/out")"

# solve --format json: proved, not proved (the search off), goal false, and a
# numeric-only goal (checked on the figure, exit 0, never "proved").
for case in "proved|$distance|0" \
            "not proved|a b c = triangle a b c; h = orthocenter h a b c; o = circle o a b c; m = midpoint m b c ? rconst a h o m 2/1|1" \
            "goal false|a b c = triangle a b c; m = midpoint m a b ? cong m a m c|1" \
            "checked numerically|a b = segment a b; c d = segment c d ? npara a b c d|0"; do
  IFS='|' read -r want text code <<<"$case"
  "$pappus" solve --text "$text" --ddar-only --format json >"$tmp/solve.json" 2>"$tmp/solve.err"
  rc=$?
  ((rc == code)) || fail "solve --format json ($want): exit $rc, expected $code"
  json_ok "solve --format json ($want)" "$tmp/solve.json"
  python3 - "$tmp/solve.json" "$want" <<'EOF' || fail "solve --format json ($want): wrong status"
import json, sys
doc = json.load(open(sys.argv[1]))
assert doc["status"] == sys.argv[2], doc["status"]
if sys.argv[2] == "proved":
    assert doc["checker"]["ok"] is True and doc["steps"] and doc["goals"]
    assert any(s.get("table") == "distances" for s in doc["steps"])
EOF
done

# check --format json (and its synonym --json).
for flag in "--format json" "--json"; do
  # shellcheck disable=SC2086
  "$pappus" check "$benchmarks/newclid_examples.txt" $flag --allow-failures 1000 >"$tmp/check.json" 2>/dev/null
  json_ok "check $flag" "$tmp/check.json"
done

# bench on every development set: every proof passes the checker, in the
# table and in the JSON summary.
for set in jgex_ag_231 olympiad_dev newclid_examples; do
  "$pappus" bench "$benchmarks/$set.txt" --ddar-only --jobs 2 >"$tmp/bench.txt" 2>&1
  rc=$?
  ((rc == 0)) || fail "bench $set: exit $rc"
  line=$(grep -E '^proofs: ' "$tmp/bench.txt")
  proved=$(grep -oE '^proved [0-9]+' "$tmp/bench.txt" | grep -oE '[0-9]+')
  [[ "$line" =~ ^proofs:\ ([0-9]+)/([0-9]+)\ pass\ the\ checker ]] || fail "bench $set: no checker line: $line"
  [[ "${BASH_REMATCH[1]}" == "$proved" && "${BASH_REMATCH[2]}" == "$proved" ]] ||
    fail "bench $set: '$line' with $proved proved"
  echo "bench $set: proved $proved; $line"
  "$pappus" bench "$benchmarks/$set.txt" --ddar-only --jobs 2 --format json >"$tmp/bench.json" 2>/dev/null
  json_ok "bench $set --format json" "$tmp/bench.json"
  python3 - "$tmp/bench.json" "$proved" <<'EOF' || fail "bench $set --format json: summary disagrees"
import json, sys
s = json.load(open(sys.argv[1]))["summary"]
assert s["proved"] == int(sys.argv[2]) and s["checker_rejected"] == 0, s
EOF
done

echo "$failures failures"
((failures == 0))
