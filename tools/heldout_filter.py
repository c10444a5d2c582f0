#!/usr/bin/env python3
"""Drops from a held-out dataset the records a training dataset also has.

usage: tools/heldout_filter.py TRAIN.jsonl HELDOUT.jsonl OUT.jsonl

Two generator runs with different seeds draw different figures, but small
theorems recur: a record is dropped when its id (the hash of its canonical
statement) or the prompt of one of its training pairs occurs in TRAIN, so
that accuracy on OUT measures pairs the model never saw.
"""
import json
import sys


def main(argv):
    if len(argv) != 4:
        sys.exit(__doc__.strip().splitlines()[2])
    train, held, out = argv[1:4]
    ids, prompts = set(), set()
    with open(train, encoding="utf-8") as f:
        for line in f:
            record = json.loads(line)
            ids.add(record["id"])
            prompts.update(pair["prompt"] for pair in record.get("train", []))
    kept = dropped = 0
    with open(held, encoding="utf-8") as f, open(out, "w", encoding="utf-8") as w:
        for line in f:
            record = json.loads(line)
            if record["id"] in ids or any(pair["prompt"] in prompts for pair in record.get("train", [])):
                dropped += 1
                continue
            w.write(line)
            kept += 1
    print(f"{out}: kept {kept} records, dropped {dropped} that {train} also has")


if __name__ == "__main__":
    main(sys.argv)
