"""Rows measured as whole `storybank` processes: start-up ratios, bank-size commands, import."""

from __future__ import annotations

from collections.abc import Callable

from bench.context import Workspace
from bench.measure import (
    RunResult,
    child_env,
    cpu_median,
    paired_ratio,
    real_interpreter,
    run,
    run_peak,
)
from bench.measure import storybank_command as sb
from bench.table import Row

QUESTION = "Tell me about a launch that went wrong"
COMPANY = "company-00"
"""bankgen's first company; `brief` needs one."""


def _commands(db_args: list[str]) -> dict[str, list[str]]:
    """The command each row key runs (db given through the environment)."""
    return {
        "ask": [*sb(), "ask", QUESTION, *db_args],
        "list": [*sb(), "list", *db_args],
        "brief": [*sb(), "brief", COMPANY, *db_args],
        "lint": [*sb(), "lint", *db_args],
        "coverage": [*sb(), "coverage", *db_args],
        "export": [*sb(), "export", *db_args],
    }


def measure_ratios(rows: dict[str, Row], ws: Workspace, runs: int) -> None:
    """`X whole process, 7 stories` rows: median of per-pair ratios to `python -c pass`."""
    reference = [str(real_interpreter()), "-c", "pass"]
    env = child_env(ws.folder / "env-7", ws.db(7))
    commands = _commands([])
    for key, row in rows.items():
        if not key.endswith("-7") or row.group != "cli":
            continue
        ratio, ref, cmd = paired_ratio(reference, commands[key[:-2]], env, runs)
        row.figure = ratio
        row.detail = (
            f"median of {runs} A/B pairs; {cmd * 1000:.0f} ms vs {ref * 1000:.0f} ms for "
            f"`{reference[0].rsplit('/', 1)[-1]} -c pass` (wall)"
        )


def measure_scale(rows: dict[str, Row], ws: Workspace, runs: int) -> None:
    """Bank-size rows: the child's CPU time (median), wall beside it."""
    for key, row in rows.items():
        if row.group != "scale":
            continue
        name, n = key.split("-", 1)[0], int(key.rsplit("-", 1)[1])
        env = child_env(ws.folder / f"env-{n}", ws.db(n))
        command = _commands([])[name]
        times = runs if n <= 1000 else max(1, runs - 1)
        if key.startswith("ask-mem"):
            cold = run_peak(command, child_env(ws.folder / f"env-mem-{n}", ws.db(n)))
            _, _, peak = cpu_median(lambda c=command, e=env: run_peak(c, e), times)
            row.figure = peak
            row.detail = (
                f"largest peak RSS of {times} runs with the advisor cache written by an "
                f"earlier run (os.wait4 ru_maxrss of the command alone); the first `ask` "
                f"on a bank, with no cache yet: {cold.peak_mib:.0f} MiB"
            )
            continue
        cpu, wall, _ = cpu_median(lambda c=command, e=env: run(c, e), times)
        row.figure = cpu
        row.detail = f"CPU (user+sys), median of {times}; wall {wall:.2f} s"


def measure_import(rows: dict[str, Row], ws: Workspace, runs: int) -> None:
    """`storybank import FILE` of 1,000 stories into an empty bank; ten into a growing one."""
    from bench.bankgen import make_bank
    from storybank.yamlio import dump_bank

    size = ws.actual(1000)
    files = []
    for part in range((2 if ws.quick else 10) if "import-10000" in rows else 1):
        path = ws.folder / f"import-{part}.yaml"
        path.write_text(dump_bank(make_bank(size, ws.seed, first=part * size)), encoding="utf-8")
        files.append(path)

    def one_import(name: str) -> Callable[[], RunResult]:
        counter = iter(range(1_000_000))

        def go() -> RunResult:
            db = ws.folder / f"{name}-{next(counter)}" / "bank.json"
            return run([*sb(), "import", str(files[0])], child_env(db.parent, db))

        return go

    if "import-1000" in rows:
        cpu, wall, _ = cpu_median(one_import("imp"), runs)
        rows["import-1000"].figure = cpu
        rows[
            "import-1000"
        ].detail = f"`storybank import` into an empty bank, CPU median of {runs}; wall {wall:.2f} s"
    if "import-10000" in rows:
        db = ws.folder / "growing" / "bank.json"
        env = child_env(db.parent, db)
        results = [run([*sb(), "import", str(path)], env) for path in files]
        first, last = results[0].cpu, results[-1].cpu
        row = rows["import-10000"]
        row.figure = sum(r.cpu for r in results)
        row.detail = (
            f"ten `storybank import` runs into one growing bank, total CPU; first "
            f"{first:.2f} s, tenth {last:.2f} s (files over 5 MB are refused, so 10 x 1,000)"
        )
