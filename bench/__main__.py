"""storybank's speed budgets, measured: `python -m bench` from the repository root.

Generates banks of 7, 1,000 and 5,000 stories (bench/bankgen.py, fixed seed), runs every
row of the budget table and prints it as Markdown with the figure, the budget and pass or
MISS; exits 1 when any row misses. Whole-process ratios are against the venv's real
interpreter binary running `-c pass` (never a shim), medians of per-pair ratios of
interleaved runs; absolute figures are the CPU time the work took (see bench/measure.py
for why). Run by hand, not in CI: it takes a few minutes and depends on the machine.

    python -m bench                 # every row (a few minutes on 2 cores)
    python -m bench --only ask-7 import-1000
    python -m bench --list          # the rows and budgets, nothing run
    python -m bench --quick         # smoke run: 7 and 100 stories, one run each, no verdict
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import time

from bench.table import Row, render, rows

SEED = 15


def machine() -> str:
    """One line about where the figures came from."""
    try:
        load = " load %.1f %.1f %.1f," % os.getloadavg()  # noqa: UP031
    except OSError:
        load = ""
    return (
        f"{platform.machine()}, {os.cpu_count()} CPUs,{load} Python "
        f"{platform.python_version()}, {platform.system()} {platform.release()}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench", description=__doc__.splitlines()[0] if __doc__ else None
    )
    parser.add_argument("--only", nargs="+", metavar="ROW", help="run only these rows (keys)")
    parser.add_argument("--runs", type=int, default=9, help="A/B pairs per ratio row (9)")
    parser.add_argument("--list", action="store_true", help="print the rows; run nothing")
    parser.add_argument(
        "--quick", action="store_true", help="smoke run on tiny banks; never fails on budgets"
    )
    args = parser.parse_args(argv)

    table = rows()
    if args.list:
        for row in table:
            print(f"{row.key:15} <= {row.fmt(row.budget):>9}  {row.title}")
        return 0
    if args.only:
        known = {row.key for row in table}
        unknown = [key for key in args.only if key not in known]
        if unknown:
            parser.error(f"unknown row {unknown[0]!r}; see --list")
        table = [row for row in table if row.key in args.only]
    runs = 1 if args.quick else args.runs

    from bench import rows_cli, rows_engine, rows_tui
    from bench.context import Workspace

    started = time.perf_counter()
    print("bench: generating the banks...", file=sys.stderr)
    ws = Workspace(SEED, quick=args.quick)
    by_group: dict[str, dict[str, Row]] = {}
    for row in table:
        by_group.setdefault(row.group, {})[row.key] = row
    try:
        steps = [
            ("cli", lambda g: rows_cli.measure_ratios(g, ws, runs)),
            ("store", lambda g: rows_cli.measure_import(g, ws, 1 if args.quick else 3)),
            ("store", lambda g: rows_engine.measure(g, ws)),
            ("advisor", lambda g: rows_engine.measure(g, ws)),
            ("scale", lambda g: rows_cli.measure_scale(g, ws, 1 if args.quick else 3)),
            ("tui", lambda g: rows_tui.measure(g, ws, 2 if args.quick else runs, args.quick)),
        ]
        for group, step in steps:
            if group in by_group:
                print(f"bench: measuring {group} rows...", file=sys.stderr, end="", flush=True)
                began = time.perf_counter()
                step(by_group[group])
                print(f" {time.perf_counter() - began:.0f} s", file=sys.stderr)
    finally:
        ws.close()
    elapsed = time.perf_counter() - started
    print(render(table))
    print()
    print(f"Machine: {machine()}. Harness wall time {elapsed:.0f} s, seed {SEED}.")
    if args.quick:
        print("Quick run: every bank cut to at most 100 stories, one run each; not judged.")
        return 0
    missed = [row.key for row in table if not row.passed]
    if missed:
        print(f"MISSED: {', '.join(missed)}")
        return 1
    print("Every row within its budget.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
