#!/usr/bin/env python3
"""The hints followed to the goal on every problem of a file that deduction
proves, against the engine's own proofs.

    PYTHONPATH=build/python python3 python/bench_hints.py tests/data/benchmarks/jgex_ag_231.txt

For each problem DDAR proves (no auxiliary points), asks Solver.hint from
nothing, adds each hinted fact to the established ones and asks again,
until the hint is Done. Prints the problems whose hints did not reach the
goal, hint texts with an algebra artefact (a step number such as "(3)", or
a signed sum), then the steps and algebra steps of the hints' routes
against those of the engine's proofs, and the time of one hint call.
"""
import argparse
import re
import time

import pappus

ARTEFACT = re.compile(r"\(\d+\)|chasing: (−|-)|·\(")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("file")
    parser.add_argument("--time-limit", type=float, default=pappus.DEFAULTS["time_limit_s"])
    parser.add_argument("--max-hints", type=int, default=200, help="hints per problem at most")
    args = parser.parse_args()

    library = pappus.Library()
    solver = pappus.Solver(library)
    options = dict(time_limit_s=args.time_limit, depth=0)
    count = dict(problems=0, done=0, hints=0, hint_algebra=0, proof_steps=0, proof_algebra=0, fewer_algebra=0,
                 more_algebra=0, artefacts=0)
    seconds = []
    for record in library.parse_file(args.file):
        if record.error is not None:
            continue
        problem = record.problem
        result = solver.solve(problem, **options)
        if result.status != pappus.SolveStatus.Proved:
            continue
        count["problems"] += 1
        kinds = [step.kind for step in result.proof.steps]
        proof_algebra = kinds.count(pappus.ProofStep.Kind.Algebra)
        proof_steps = proof_algebra + kinds.count(pappus.ProofStep.Kind.Rule)
        established, algebra, done = [], 0, False
        for _ in range(args.max_hints):
            start = time.perf_counter()
            hint = solver.hint(problem, established, **options)
            seconds.append(time.perf_counter() - start)
            if hint.kind != pappus.Hint.Kind.Step:
                done = hint.kind == pappus.Hint.Kind.Done
                break
            if ARTEFACT.search(hint.text):
                count["artefacts"] += 1
                print(f"artefact: {record.name}: {hint.text}")
            algebra += hint.reason.endswith("chasing")
            established.append(hint.statement)
        if not done:
            print(f"not done: {record.name} ({hint.kind} after {len(established)} hints)")
            continue
        count["done"] += 1
        count["hints"] += len(established)
        count["hint_algebra"] += algebra
        count["proof_steps"] += proof_steps
        count["proof_algebra"] += proof_algebra
        count["fewer_algebra"] += algebra < proof_algebra
        count["more_algebra"] += algebra > proof_algebra
    seconds.sort()
    print(f"{count['done']}/{count['problems']} proved problems reach the goal by hints; "
          f"{count['artefacts']} hint texts with an artefact")
    print(f"hints' routes: {count['hints']} steps, {count['hint_algebra']} algebra; engine's proofs: "
          f"{count['proof_steps']} steps, {count['proof_algebra']} algebra; fewer algebra steps on "
          f"{count['fewer_algebra']} problems, more on {count['more_algebra']}")
    if seconds:
        print(f"{len(seconds)} hint calls: median {seconds[len(seconds) // 2]:.3f} s, max {seconds[-1]:.3f} s")


if __name__ == "__main__":
    main()
