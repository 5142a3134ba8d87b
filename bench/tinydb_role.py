"""What TinyDB does for the store, measured against the plain dict the store already holds.

    .venv/bin/python bench/tinydb_role.py [--stories 7 100 1000] [--runs 200]

The store reads the file itself (`dbfile.parse`, plain `json`), re-reads it under the lock
for every write, and writes it itself (`storage.AtomicJSONStorage`). TinyDB is used only
in between, inside one write: `_Txn` wraps the parsed dict in a `MemoryStorage` and finds,
inserts, updates or removes a document through `Table`. This script times that middle
step against the same change made on the dict directly (find the document whose `id`
matches, replace it in place or add it under the next integer key), checks that both give
byte-identical files for a random sequence of upserts and deletes, and sets both against
a whole `upsert_story` (lock, re-read, change, atomic write with two fsyncs) and against
the start-up cost of importing tinydb in a fresh process.
"""

from __future__ import annotations

import argparse
import copy
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from storybank.model import Bank, Metric, Story, Tradeoff
from storybank.storage import dumps
from storybank.store import Store, _Txn


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
        metrics=[Metric("escalation time", 10, 4, "h")],
        tradeoffs=[Tradeoff("one queue", "team queues", "ownership was unclear")],
    )


# --- the same change without TinyDB -------------------------------------------------------


def plain_put(data: dict[str, Any], name: str, key: str, value: Any, doc: dict[str, Any]) -> None:
    """Replace the document whose `key` is `value` in place, or add it under the next id."""
    table = data.setdefault(name, {})
    for doc_id, old in table.items():
        if old.get(key) == value:
            table[doc_id] = dict(doc)
            return
    table[str(max((int(k) for k in table), default=0) + 1)] = dict(doc)


def plain_remove(data: dict[str, Any], name: str, key: str, value: Any) -> dict[str, Any] | None:
    table = data.get(name) or {}
    for doc_id, old in table.items():
        if old.get(key) == value:
            return table.pop(doc_id)
    return None


def tinydb_put(data: dict[str, Any], name: str, key: str, value: Any, doc: dict[str, Any]) -> Any:
    txn = _Txn(data, existed=True)
    txn.put(name, key, value, doc)
    return txn.result


def tinydb_remove(data: dict[str, Any], name: str, key: str, value: Any) -> Any:
    txn = _Txn(data, existed=True)
    txn.remove(name, key, value)
    return txn.result


# --- measurements -------------------------------------------------------------------------


def timed_on_copies(
    data: dict[str, Any], change: Callable[[dict[str, Any]], object], runs: int
) -> float:
    """Median ms of `change` on a fresh deep copy of `data` (the copies are made untimed)."""
    copies = [copy.deepcopy(data) for _ in range(runs)]
    samples = []
    for fresh in copies:
        start = time.perf_counter()
        change(fresh)
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)


def timed(func: Callable[[], object], runs: int) -> float:
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        func()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)


def same_files(size: int, steps: int, seed: int) -> bool:
    """A random run of upserts (new and existing ids) and deletes gives identical bytes."""
    rng = random.Random(seed)
    start = {"stories": {str(i + 1): make_story(i).to_dict() for i in range(size)}}
    with_tinydb, plain = copy.deepcopy(start), copy.deepcopy(start)
    for _ in range(steps):
        story = make_story(rng.randrange(size * 2)).replace(title=f"t{rng.random()}")
        if rng.random() < 0.2:
            with_tinydb = tinydb_remove(with_tinydb, "stories", "id", story.id)
            plain_remove(plain, "stories", "id", story.id)
        else:
            with_tinydb = tinydb_put(with_tinydb, "stories", "id", story.id, story.to_dict())
            plain_put(plain, "stories", "id", story.id, story.to_dict())
    return dumps(with_tinydb) == dumps(plain)


def import_cost(runs: int) -> float:
    """Median of `python -X importtime -c "import tinydb"`'s cumulative time for tinydb, ms."""
    samples = []
    for _ in range(runs):
        done = subprocess.run(
            [sys.executable, "-X", "importtime", "-c", "import tinydb"],
            check=True,
            capture_output=True,
            text=True,
        )
        line = next(x for x in done.stderr.splitlines() if x.rstrip().endswith("| tinydb"))
        samples.append(int(line.split("|")[1]) / 1000)
    return statistics.median(samples)


def bench(size: int, runs: int) -> list[str]:
    data = {"stories": {str(i + 1): make_story(i).to_dict() for i in range(size)}}
    existing = make_story(size // 2).replace(title="changed").to_dict()
    new = make_story(size + 1).to_dict()
    rows = {
        "TinyDB, replace": timed_on_copies(
            data, lambda d: tinydb_put(d, "stories", "id", existing["id"], existing), runs
        ),
        "dict, replace": timed_on_copies(
            data, lambda d: plain_put(d, "stories", "id", existing["id"], existing), runs
        ),
        "TinyDB, add": timed_on_copies(
            data, lambda d: tinydb_put(d, "stories", "id", new["id"], new), runs
        ),
        "dict, add": timed_on_copies(
            data, lambda d: plain_put(d, "stories", "id", new["id"], new), runs
        ),
    }
    with tempfile.TemporaryDirectory() as folder:
        store = Store(Path(folder) / "bank.json")
        store.apply_import(Bank(stories=[make_story(i) for i in range(size)]))
        counter = iter(range(10**9))
        whole = timed(lambda: store.upsert_story(make_story(next(counter) % size)), min(runs, 50))
        size_kb = (Path(folder) / "bank.json").stat().st_size / 1024
    lines = [f"{size} stories ({size_kb:,.0f} KB file), median of {runs}:"]
    lines += [f"  {name:<16} {ms:8.3f} ms" for name, ms in rows.items()]
    lines.append(f"  whole upsert_story (lock, re-read, change, atomic write): {whole:.2f} ms")
    lines.append(f"  same bytes after 300 random upserts/deletes: {same_files(size, 300, size)}")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stories", type=int, nargs="+", default=[7, 100, 1000])
    parser.add_argument("--runs", type=int, default=200)
    args = parser.parse_args()
    for size in args.stories:
        print("\n".join(bench(size, args.runs)))
    print(f"import tinydb (-X importtime, cumulative, median of 15): {import_cost(15):.1f} ms")
    print(f"store.py lines that touch TinyDB: {_tinydb_lines()}")


def _tinydb_lines() -> int:
    import storybank.store as store_module

    source = Path(store_module.__file__).read_text(encoding="utf-8")
    return sum(1 for line in source.splitlines() if "tinydb" in line.lower() or "Query()" in line)


if __name__ == "__main__":
    main()
