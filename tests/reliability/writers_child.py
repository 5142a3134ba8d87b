"""Child process for the two-writer test: many writes of its own ids, as fast as it can.

Usage: python writers_child.py DB ROLE PREFIX COUNT {locked|unlocked}

ROLE `upsert` behaves like the TUI (one story at a time, a practice record after
each, a setting every tenth); ROLE `import` behaves like `storybank import` in
another terminal (merge imports of three stories plus a company). The child prints
READY, waits for a line on stdin so both start together, writes, prints DONE.
`unlocked` turns the lock off, to show that the test catches lost updates.
"""

from __future__ import annotations

import sys
from contextlib import contextmanager
from pathlib import Path


def main(db: Path, role: str, prefix: str, count: int, mode: str) -> None:
    from storybank.model import Bank, Company, Story
    from storybank.store import Store

    class Unlocked(Store):
        @contextmanager
        def _locked(self):
            yield

    store = (Store if mode == "locked" else Unlocked)(db, lock_timeout=60)
    print("READY", flush=True)
    sys.stdin.readline()

    def story(i: int) -> Story:
        return Story(
            id=f"{prefix}-{i}",
            title=f"{prefix} {i}",
            competencies=["prioritization"],
            context="c",
            decision="d",
            result="r",
        )

    if role == "upsert":
        for i in range(count):
            store.upsert_story(story(i))
            store.add_practice({"by": prefix, "i": i})
            if i % 10 == 9:
                store.set_setting(f"progress.{prefix}", i)
    else:
        for i in range(0, count, 3):
            batch = [story(j) for j in range(i, min(i + 3, count))]
            company = Company(id=f"{prefix}-co-{i}", name=f"Company {i}")
            store.apply_import(Bank(stories=batch, companies=[company]))
            store.add_practice({"by": prefix, "i": i})
    print("DONE", flush=True)


if __name__ == "__main__":
    main(Path(sys.argv[1]), sys.argv[2], sys.argv[3], int(sys.argv[4]), sys.argv[5])
