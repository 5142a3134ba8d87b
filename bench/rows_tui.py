"""TUI rows: first screen against a minimal Textual app, Ask keystrokes, stalls, quitting."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from bench.context import Workspace
from bench.measure import child_env
from bench.table import Row

ROOT = Path(__file__).resolve().parent.parent
ASK_KEYS = 40


def _child(env: dict[str, str], *args: str) -> dict[str, Any]:
    out = subprocess.run(
        [sys.executable, "-m", "bench.tui_child", *args],
        env=env,
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
    )
    if out.returncode != 0:
        raise SystemExit(f"bench: tui_child {args[0]} failed:\n{out.stderr[-3000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def measure_start(row: Row, ws: Workspace, runs: int) -> None:
    """Seconds from spawn to the first screen ready, storybank vs minimal, A B A B."""
    import statistics

    db = str(ws.fresh_db(7, "tui-start"))
    env = child_env(ws.folder / "tui-start")

    def once(kind: str) -> float:
        extra = [db] if kind == "storybank" else []
        return _child(env, f"start-{kind}", repr(time.time()), *extra)["seconds"]

    once("minimal")
    once("storybank")  # warm the file cache, write bytecode
    ratios, mins, sbs = [], [], []
    for _ in range(runs):
        minimal = once("minimal")
        storybank = once("storybank")
        ratios.append(storybank / minimal)
        mins.append(minimal)
        sbs.append(storybank)
    row.figure = statistics.median(ratios)
    row.detail = (
        f"median of {runs} A/B pairs, spawn to first screen (wall): "
        f"{statistics.median(sbs) * 1000:.0f} ms vs {statistics.median(mins) * 1000:.0f} ms"
    )


def measure(rows: dict[str, Row], ws: Workspace, runs: int, quick: bool) -> None:
    for key, row in rows.items():
        if key == "tui-start":
            measure_start(row, ws, runs)
        elif key.startswith("askkey-"):
            n = int(key.rsplit("-", 1)[1])
            db = ws.fresh_db(n, f"askkey-{n}")
            keys = 8 if quick else ASK_KEYS
            got = _child(child_env(db.parent), "askkey", str(db), str(keys))
            row.figure = got["median"]
            row.detail = (
                f"CPU per key (edit + advice + repaint), median of {keys}, p95 "
                f"{got['p95']:.1f} ms; wall {got['wall']:.1f} ms"
            )
        elif key.startswith("tui-stall-"):
            n = int(key.rsplit("-", 1)[1])
            db = ws.fresh_db(n, f"stall-{n}")
            got = _child(child_env(db.parent), "stall", str(db))
            row.figure = got["longest_ms"]
            phases = ", ".join(f"{name} {ms} ms" for name, ms in got["per_label"].items())
            row.detail = f"main-thread CPU between two loop turns, longest per phase: {phases}"
        elif key.startswith("tui-quit-"):
            n = int(key.rsplit("-", 1)[1])
            db = ws.fresh_db(n, f"quit-{n}")
            got = _child(child_env(db.parent), "quit", str(db))
            row.figure = got["cpu_ms"]
            state = "running" if got["running"] else "NOT running (figure says little)"
            row.detail = (
                f"process CPU from exit() to run() returning, lint worker {state}; "
                f"wall {got['wall_ms']:.0f} ms"
            )
