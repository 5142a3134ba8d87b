"""How long the store takes: the lock-free read `storybank ask` uses, open, and each write.

    .venv/bin/python bench/store_timing.py [--stories 7 100 1000] [--runs 30]

For banks of the given sizes (generated stories of realistic length, in a temporary
folder), reports the median and 95th percentile of: `read_bank` (json.load, no lock),
`Store.open` (lock, sweep, check), `upsert_story` (lock, re-read, TinyDB change,
atomic write with two fsyncs), `apply_import` of 3 stories, and the file size.
Every write is durable (fsynced), so the numbers depend on the disk.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from storybank.model import Bank, Metric, Story, Tradeoff
from storybank.store import Store, read_bank


def make_story(i: int) -> Story:
    text = "We cut the escalation backlog by routing tickets through one triage queue. " * 3
    return Story(
        id=f"story-{i}",
        title=f"Story number {i}",
        summary=text,
        competencies=["launch-operations", "metric-frameworks"],
        context=text,
        constraint=text,
        decision=text,
        execution=text,
        result=text,
        after=text,
        metrics=[Metric("escalation time", 10, 4, "h"), Metric("activation", 31, 44, "%")],
        tradeoffs=[Tradeoff("one queue", "team queues", "ownership was unclear")],
        tags=["bench"],
    )


def timed(func: Callable[[], object], runs: int) -> tuple[float, float]:
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        func()
        samples.append((time.perf_counter() - start) * 1000)
    samples.sort()
    return statistics.median(samples), samples[min(len(samples) - 1, int(len(samples) * 0.95))]


def bench(size: int, runs: int) -> list[str]:
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "bank.json"
        store = Store.open(str(db))
        store.apply_import(Bank(stories=[make_story(i) for i in range(size)]))
        size_kb = db.stat().st_size / 1024
        counter = iter(range(10**9))

        def upsert() -> None:
            store.upsert_story(make_story(next(counter) % size))

        def import_three() -> None:
            n = next(counter)
            store.apply_import(Bank(stories=[make_story(size + n * 3 + j) for j in range(3)]))

        rows = [
            ("read_bank", timed(lambda: read_bank(db), runs)),
            ("Store.open", timed(lambda: Store.open(str(db)), runs)),
            ("upsert_story", timed(upsert, runs)),
            ("apply_import(3)", timed(import_three, runs)),
        ]
    lines = [f"{size} stories ({size_kb:,.0f} KB file at the start; writes add stories):"]
    lines += [f"  {name:<16} median {med:7.2f} ms   p95 {p95:7.2f} ms" for name, (med, p95) in rows]
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stories", type=int, nargs="+", default=[7, 100, 1000])
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()
    for size in args.stories:
        print("\n".join(bench(size, args.runs)))


if __name__ == "__main__":
    main()
