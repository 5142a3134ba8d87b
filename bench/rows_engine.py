"""Rows measured inside one process: the advisor per question and one story save.

Each runs in a fresh child interpreter (`python -m bench.rows_engine ROW ...`), so
what earlier rows imported or cached cannot flatter it. Figures are CPU time of that
process (`time.process_time`), with wall time beside them.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

import yaml

from bench.context import Workspace
from bench.measure import child_env, percentile
from bench.table import Row

HERE = Path(__file__).resolve().parent
SAVES = 15


def _questions() -> list[str]:
    data = yaml.safe_load((HERE / "eval_questions.yaml").read_text(encoding="utf-8"))
    return [entry["q"] for entry in data["questions"]]


def advisor_timings(db: Path) -> dict[str, float]:
    """Every labelled question against the bank: warm median and p95, in ms of CPU.

    The first call (cold: index and disk cache built) is reported apart; the figure is
    a warm call, as in the app where the bank index is built once per session."""
    from storybank.advisor import advise
    from storybank.store import read_bank

    stories = read_bank(db).stories
    questions = _questions()
    start = time.process_time()
    advise(questions[0], stories)
    cold = time.process_time() - start
    cpu, wall = [], []
    for question in questions:
        start, wall_start = time.process_time(), time.perf_counter()
        advise(question, stories)
        cpu.append(time.process_time() - start)
        wall.append(time.perf_counter() - wall_start)
    return {
        "median": statistics.median(cpu) * 1000,
        "p95": percentile(cpu, 0.95) * 1000,
        "wall": statistics.median(wall) * 1000,
        "cold": cold * 1000,
        "questions": len(questions),
    }


def save_timings(db: Path) -> dict[str, float]:
    """What the app does for one save: the locked atomic write, then reload the snapshot."""
    from storybank.store import Store

    store = Store.open(str(db))
    stories = store.bank().stories
    cpu, wall = [], []
    for number in range(SAVES):
        story = stories[(number * 37) % len(stories)]
        changed = story.replace(title=f"{story.title} (edit {number})")
        start, wall_start = time.process_time(), time.perf_counter()
        store.upsert_story(changed)
        store.bank()  # StorybankApp.refresh_bank
        cpu.append(time.process_time() - start)
        wall.append(time.perf_counter() - wall_start)
    return {"median": statistics.median(cpu) * 1000, "wall": statistics.median(wall) * 1000}


def _in_child(what: str, db: Path, ws: Workspace) -> dict[str, float]:
    env = child_env(db.parent, None)
    out = subprocess.run(
        [sys.executable, "-m", "bench.rows_engine", what, str(db)],
        env=env,
        capture_output=True,
        text=True,
        check=False,
        cwd=HERE.parent,
    )
    if out.returncode != 0:
        raise SystemExit(f"bench: {what} failed:\n{out.stderr}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def measure(rows: dict[str, Row], ws: Workspace) -> None:
    for key, row in rows.items():
        n = int(key.rsplit("-", 1)[1])
        if key.startswith("advisor-"):
            got = _in_child("advisor", ws.fresh_db(n, f"advisor-{n}"), ws)
            row.figure = got["median"]
            row.detail = (
                f"CPU median of {got['questions']:.0f} questions, p95 {got['p95']:.1f} ms, "
                f"first call {got['cold']:.0f} ms; wall median {got['wall']:.1f} ms"
            )
        elif key.startswith("save-"):
            got = _in_child("save", ws.fresh_db(n, f"save-{n}"), ws)
            row.figure = got["median"]
            row.detail = (
                f"upsert_story + reload, CPU median of {SAVES}; wall {got['wall']:.0f} ms "
                "(two fsyncs)"
            )


def main(argv: list[str]) -> int:
    what, db = argv[0], Path(argv[1])
    os.environ.setdefault("STORYBANK_CACHE_DIR", str(db.parent / "cache"))
    result = advisor_timings(db) if what == "advisor" else save_timings(db)
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
