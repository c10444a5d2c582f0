#!/usr/bin/env python3
"""DDAR on every problem of a file from Python: the counterpart of
`pappus bench FILE --ddar-only`, to compare the bindings' speed with the CLI's.

    PYTHONPATH=build/python python3 python/bench_ddar.py tests/data/benchmarks/jgex_ag_231.txt

Prints the problems proved and three sums over the problems: the solver's
own time (SolveStatistics.seconds: figure, deduction; what `pappus bench`
sums), the same plus proof extraction and the checker (check_seconds),
and the wall and CPU time of each solve() call seen from Python (all of
that, the proof printed as text and JSON, and the result made a Python
object).
"""
import argparse
import time

import pappus


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("file")
    parser.add_argument("--seed", type=int, default=pappus.DEFAULTS["seed"])
    parser.add_argument("--time-limit", type=float, default=pappus.DEFAULTS["time_limit_s"])
    args = parser.parse_args()

    start = time.perf_counter()
    library = pappus.Library()
    solver = pappus.Solver(library)
    proved = total = 0
    solve_s = check_s = call_s = cpu_s = 0.0
    for record in library.parse_file(args.file):
        total += 1
        if record.problem is None:
            continue
        t0, c0 = time.perf_counter(), time.process_time()
        try:
            result = solver.solve(record.problem, depth=0, seed=args.seed, time_limit_s=args.time_limit)
        except pappus.Error:
            continue  # a figure that cannot be built, as bench's "build error"
        call_s += time.perf_counter() - t0
        cpu_s += time.process_time() - c0
        solve_s += result.stats.seconds
        check_s += result.stats.check_seconds
        proved += result.proved
    print(f"proved {proved}/{total}")
    print(f"solve time (summed, as pappus bench): {solve_s:.3f} s")
    print(f"solve + proof check (summed):         {solve_s + check_s:.3f} s")
    print(f"solve() calls from Python (summed):   {call_s:.3f} s wall, {cpu_s:.3f} s CPU")
    print(f"whole script:                          {time.perf_counter() - start:.3f} s")


if __name__ == "__main__":
    main()
