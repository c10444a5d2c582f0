#!/usr/bin/env bash
# bench --shard K/N over N shards, then bench --merge: the merged report has
# the rows of one run, in the file's order, with the same outcomes and the
# same summary counts; and the table's summary lines are those of one run.
# Usage: cli_bench_shards_test.sh PAPPUS PROBLEM_FILE
set -uo pipefail
pappus=$1
file=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$pappus" bench "$file" --ddar-only --format json >"$tmp/single.json" 2>/dev/null || { echo "FAIL: single run"; exit 1; }
for k in 0 1 2; do
  "$pappus" bench "$file" --ddar-only --shard "$k/3" --format json >"$tmp/shard$k.json" 2>/dev/null ||
    { echo "FAIL: shard $k"; exit 1; }
done
"$pappus" bench --merge "$tmp/merged.json" "$tmp"/shard{0,1,2}.json >"$tmp/merged.txt" 2>&1 || { echo "FAIL: merge"; exit 1; }
"$pappus" bench "$file" --ddar-only >"$tmp/single.txt" 2>/dev/null
python3 - "$tmp/single.json" "$tmp/merged.json" <<'PY' || exit 1
import json, sys
single, merged = (json.load(open(p)) for p in sys.argv[1:3])
keys = ("name", "index", "status", "proved", "facts", "rounds", "proof_steps", "nodes")
rows = lambda doc: [tuple(r[k] for k in keys) for r in doc["problems"]]
assert rows(single) == rows(merged), "the merged rows differ from one run's"
counts = ("problems", "finished", "proved", "proved_by_ddar", "proved_with_aux", "checker_rejected", "limits", "facts")
for k in counts:
    assert single["summary"][k] == merged["summary"][k], (k, single["summary"][k], merged["summary"][k])
print("merged", len(merged["problems"]), "rows: equal to one run")
PY
diff <(grep -E '^(proved|proofs:)' "$tmp/single.txt") <(grep -E '^(proved|proofs:)' "$tmp/merged.txt") ||
  { echo "FAIL: the merged table's summary differs"; exit 1; }
echo "shards merged = one run"
