"""Start-up time of the storybank app vs a minimal Textual app, on the same machine.

Each run is a fresh Python process. The parent records the wall clock just
before spawning it; the child builds its app, runs it headless and, as soon as
the first screen is ready (Textual's auto-pilot hook), reports how long it took
since the parent's timestamp, then exits. Runs alternate between the two apps,
and the medians are compared. Target: storybank <= 1.5x the minimal app.

    python bench/tui_startup.py [--runs 9]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TARGET_RATIO = 1.5

CHILD_MINIMAL = """
import sys, time
start = float(sys.argv[1])
from textual.app import App
from textual.widgets import Footer, Header, Static

class Minimal(App):
    def compose(self):
        yield Header()
        yield Static("hello")
        yield Footer()

async def ready(pilot):
    await pilot.pause()  # the same settling wait as the storybank child
    print(time.time() - start, flush=True)
    pilot.app.exit()

Minimal().run(headless=True, auto_pilot=ready)
"""

CHILD_STORYBANK = """
import sys, time
start = float(sys.argv[1])
from storybank.tui.factory import make_app

async def ready(pilot):
    await pilot.pause()  # the stories screen has composed and filled its list
    assert type(pilot.app.screen).__name__ == "StoriesScreen", pilot.app.screen
    print(time.time() - start, flush=True)
    pilot.app.exit()

make_app(sys.argv[2]).run(headless=True, auto_pilot=ready)
"""


def prepare_db(folder: Path) -> Path:
    """A database holding the sample bank, so the home screen has real stories to list."""
    from storybank.resources import sample_bank
    from storybank.store import Store

    db = folder / "bench.json"
    Store.open(str(db)).apply_import(sample_bank())
    return db


def time_child(code: str, *extra: str, env: dict[str, str]) -> float:
    start = time.time()
    out = subprocess.run(
        [sys.executable, "-c", code, repr(start), *extra],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    return float(out.stdout.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="storybank-bench-") as tmp:
        folder = Path(tmp)
        env = dict(os.environ, STORYBANK_CONFIG_DIR=str(folder / "config"))
        env.pop("STORYBANK_DB", None)
        db = prepare_db(folder)
        minimal: list[float] = []
        storybank: list[float] = []
        time_child(CHILD_MINIMAL, env=env)  # warm the file cache for both
        time_child(CHILD_STORYBANK, str(db), env=env)
        for _ in range(args.runs):
            minimal.append(time_child(CHILD_MINIMAL, env=env))
            storybank.append(time_child(CHILD_STORYBANK, str(db), env=env))
    minimal_median = statistics.median(minimal)
    storybank_median = statistics.median(storybank)
    ratio = storybank_median / minimal_median
    if args.json:
        print(
            json.dumps(
                {
                    "runs": args.runs,
                    "minimal_median_s": round(minimal_median, 4),
                    "storybank_median_s": round(storybank_median, 4),
                    "ratio": round(ratio, 3),
                    "target": TARGET_RATIO,
                }
            )
        )
    else:
        print(f"runs per app:          {args.runs}")
        print(f"minimal Textual app:   {minimal_median * 1000:7.1f} ms (median)")
        print(f"storybank home screen: {storybank_median * 1000:7.1f} ms (median)")
        print(f"ratio:                 {ratio:7.2f}x (target <= {TARGET_RATIO}x)")
    return 0 if ratio <= TARGET_RATIO else 1


if __name__ == "__main__":
    sys.exit(main())
