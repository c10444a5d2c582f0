#!/usr/bin/env bash
# pappus hint, check-step and explain as a user runs them: the issue's
# circumcenter problem (--text) and the bundled orthocenter example (FILE
# --problem); text and JSON output; bad statements (usage errors, exit 2,
# with their position), bad options and bad problems.
#
# usage: tests/cli_tutor_test.sh PAPPUS EXAMPLES_FILE
set -u
pappus=$(realpath "${1:?usage: cli_tutor_test.sh PAPPUS EXAMPLES_FILE}")
examples=$(realpath "${2:?usage: cli_tutor_test.sh PAPPUS EXAMPLES_FILE}")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
circum="a b c = triangle a b c; m = midpoint m a b; n = midpoint n a c; o = circle o a b c ? perp o m a b"
runs=0
failures=0
fail() {
  echo "FAIL: $*"
  failures=$((failures + 1))
}

# run RC ARGS...: pappus ARGS must exit RC; its output is in $tmp/out and $tmp/err.
run() {
  local want=$1
  shift
  runs=$((runs + 1))
  timeout 120 "$pappus" "$@" >"$tmp/out" 2>"$tmp/err" </dev/null
  local rc=$?
  ((rc == want)) || fail "pappus $* exited $rc, expected $want; stderr: $(head -c 400 "$tmp/err")"
}
# has FILE TEXT: the file (out or err) contains TEXT (fixed string).
has() { grep -qF -- "$2" "$tmp/$1" || fail "$1 of the last run lacks '$2': $(head -c 600 "$tmp/$1")"; }
lacks() { ! grep -qE -- "$2" "$tmp/$1" || fail "$1 of the last run has /$2/: $(grep -E -- "$2" "$tmp/$1" | head -3)"; }
# json EXPR: the last run's stdout is one JSON document and EXPR (Python, over d) holds.
json() {
  python3 -c 'import json, sys; d = json.load(open(sys.argv[1])); sys.exit(0 if eval(sys.argv[2]) else 1)' \
    "$tmp/out" "$1" || fail "JSON of the last run fails $1: $(head -c 600 "$tmp/out")"
}

# hint: the issue's step, in words; then done.
run 0 hint --text "$circum"
has out "next step: perp o m a b"
has out "OA = OB (given: O is the circumcenter of ABC)"
has out "[two points equidistant from the ends of a segment lie on its perpendicular bisector]"
has out "steps to the goal: 1"
lacks out '\([0-9]+\)|chasing: (−|-)'
run 0 hint --text "$circum" --established "cong o a o b; perp o m a b"
has out "done"
run 0 hint --text "$circum" --format json
json 'd["kind"] == "step" and d["rule"] == "perp_bisector" and d["steps_left"] == 1 and sorted(d["uses"]) == ["cong m a m b", "cong o a o b"]'
run 0 hint "$examples" --problem orthocenter_concurrent
has out "[the altitudes of a triangle are concurrent]"
run 0 hint --text "a b c = triangle a b c; d = foot d a b c; e = foot e b c a ? cyclic a b d e"
has out "angle chasing: ∠DAE = ∠DBE because"
run 0 hint --text "a b c = triangle a b c; d = foot d a b c; e = foot e b c a ? cyclic a b d e" \
  --established "eqangle a d a e b d b e"
has out "[equal angles over a segment make four points concyclic]"
run 2 hint --text "$circum" --established "perp o n a b"
has err "false in the figure"
run 2 hint --text "$circum" --established "perp o m a"
has err "--established:1:1: error: wrong number of arguments for 'perp'"
run 2 hint --text "$circum" --established "cong o a o x"
has err "(at 'x')"
run 2 hint --text "a b c = triangle a b c"
has err "no goal"

# check-step: given by which clause, one step by which theorem, false.
run 0 check-step --text "$circum" --claim "cong o a o b"
has out "derivable: given (o = circle o a b c makes O the circumcenter of ABC)"
run 0 check-step --text "$circum" --claim "perp o m a b"
has out "derivable: 1 step (last: two points equidistant"
has out "OM ⊥ AB follows in one step"
run 0 check-step --text "$circum" --claim "cong o a o b, cong m a m b => perp o m a b"
has out "follows in one step from the cited premises: yes"
run 0 check-step --text "$circum" --claim "perp o m a b => cong o a o b"
has out "follows in one step from the cited premises: no"
run 0 check-step "$examples" --problem orthocenter_concurrent --claim "cyclic a b d e"
has out "derivable: 2 steps"
run 1 check-step --text "$circum" --claim "cong o a o m"
has out "true in the figure: no"
run 0 check-step --text "$circum" --claim "cong o b o c" --format json
json 'd["steps_needed"] == 0 and d["given_clause"] == 4 and d["derivable"] and "circumcenter" in d["given_by"]'
run 1 check-step --text "$circum" --claim "para m n a b" --format json
json 'not d["true_in_figure"] and d["steps_needed"] == -1'
run 2 check-step --text "$circum" --claim "perp o m a"
has err "--claim:1:1: error: wrong number of arguments for 'perp'"
run 2 check-step --text "$circum" --claim "cong o a o b => perp o m a x"
has err "--claim:1:28: error: undefined point 'x'"
run 2 check-step --text "$circum" --claim "cong o a o b => perp o m a b => cong m a m b"
has err "more than one '=>'"
run 2 check-step --text "$circum" --claim "bogus o m a b"
has err "--claim:1:1:"
run 2 check-step --text "$circum"
has err "needs --claim"

# explain: the route in steps, then the checked proof.
run 0 explain "$examples" --problem orthocenter_concurrent --fact "cyclic a b d e"
has out "in 2 steps:"
has out "the proof, checked:"
run 0 explain --text "$circum" --fact "cong o b o c"
has out "given: o = circle o a b c makes O the circumcenter of ABC"
run 0 explain --text "$circum" --fact "perp o n a c" --format json
json 'd["status"] == "proved" and d["problem"]["text"].endswith("? perp o n a c") and d["checker"]["ok"]'
run 1 explain --text "$circum" --fact "para m o b c"
has out "false in the figure"
run 2 explain --text "$circum" --fact "para m o b"
has err "--fact:1:1:"
run 2 explain --text "$circum" --fact "perp o n a c; perp o m a b"
has err "explain takes one statement"
run 2 explain --text "$circum"
has err "needs --fact"

# Options and problems.
run 2 hint --text "$circum" --format html
has err "--format"
run 2 check-step --text "$circum" --claim "cong o a o b" --seed abc
has err "--seed"
run 2 explain --text "$circum" --fact "cong o a o b" --time-limit 0
has err "--time-limit"
run 2 hint --text "$circum" --claim "cong o a o b"
has err "does not apply to 'hint'"
run 2 check-step --text "$circum" --fact "cong o a o b" --claim "cong o a o b"
has err "does not apply to 'check-step'"
run 2 hint "$examples" --text "$circum"
has err "either FILE or --text"
run 2 hint "$examples"
has err "pick one with --problem"
run 1 hint --text "a b c = triangle a b c; o = circle o a b ? cong o a o b"
has err "error"
run 0 help check-step
has out "--claim CLAIM"

echo "$runs runs, $failures failures"
((failures == 0))
