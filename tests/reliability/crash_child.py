"""Child process for the SIGKILL harness: writes forever, acknowledging each finished write.

Usage: python crash_child.py DB {atomic|stock} FIRST_OP

Operation k is a pure function of k (`operation(k)`), so the parent can replay the
acknowledged ones and know what the database must hold. The child prints
`BEGIN k` before an operation and `ACK k` once `Store` has returned from it (the
data is renamed into place and fsynced). `stock` swaps in TinyDB's own
`JSONStorage` (in-place rewrite) to show the harness catches what it is meant to.
"""

from __future__ import annotations

import random
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

STORY_SLOTS = 30
IMPORT_SLOTS = 12
COMPANY_SLOTS = 5


@dataclass
class Operation:
    """What write k does, in terms the parent's model can replay."""

    k: int
    kind: str  # upsert | import | replace | company | delete | setting
    stories: list[tuple[str, str, int]] = field(default_factory=list)  # (id, title, body length)
    target: str = ""


def body(k: int, length: int) -> str:
    """Deterministic text of a given length; lengths vary a lot so the file grows and shrinks."""
    seed = f"k{k} metric moved from 10 h to 4 h after the launch checklist change. "
    return (seed * (length // len(seed) + 1))[:length]


def operation(k: int) -> Operation:
    rng = random.Random(k)
    length = rng.choice([80, 400, 2500, 9000])
    if k % 53 == 52:
        stories = [(f"r{j}", f"v{k}", rng.choice([80, 3000])) for j in range(k % 4 + 2)]
        return Operation(k, "replace", stories)
    slot = k % 6
    if slot in (0, 1):
        return Operation(k, "upsert", [(f"s{rng.randrange(STORY_SLOTS)}", f"v{k}", length)])
    if slot == 2:
        first = rng.randrange(IMPORT_SLOTS)
        ids = [f"i{(first + j) % IMPORT_SLOTS}" for j in range(3)]
        return Operation(k, "import", [(sid, f"v{k}", length) for sid in ids])
    if slot == 3:
        return Operation(k, "company", target=f"c{k % COMPANY_SLOTS}")
    if slot == 4:
        return Operation(k, "delete", target=f"s{rng.randrange(STORY_SLOTS)}")
    return Operation(k, "setting", target="counter")


def apply(model: dict[str, Any], op: Operation) -> dict[str, Any]:
    """The parent's model of the bank after `op`: same order rules as the Store."""
    stories = dict(model["stories"])
    companies = dict(model["companies"])
    settings = dict(model["settings"])
    if op.kind in ("upsert", "import"):
        for sid, title, length in op.stories:
            stories[sid] = (title, length)
    elif op.kind == "replace":
        stories = {sid: (title, length) for sid, title, length in op.stories}
        companies = {}
    elif op.kind == "company":
        companies[op.target] = f"v{op.k}"
    elif op.kind == "delete":
        stories.pop(op.target, None)
    elif op.kind == "setting":
        settings[op.target] = op.k
    return {"stories": stories, "companies": companies, "settings": settings}


def observed(bank: Any, settings: dict[str, Any]) -> dict[str, Any]:
    """The same shape as the model, read from a Bank."""
    return {
        "stories": {s.id: (s.title, len(s.context)) for s in bank.stories},
        "companies": {c.id: c.name for c in bank.companies},
        "settings": settings,
    }


EMPTY_MODEL: dict[str, Any] = {"stories": {}, "companies": {}, "settings": {}}


def run(db: Path, mode: str, first: int) -> None:
    from storybank.model import Bank, Company, Story
    from storybank.store import Store

    factory = None
    if mode == "stock":
        from tinydb.storages import JSONStorage

        def factory(path: Path) -> JSONStorage:
            return JSONStorage(str(path))

    store = Store(db, storage_factory=factory)
    store.check()
    out = sys.stdout
    out.write("READY\n")
    out.flush()

    def make(sid: str, title: str, length: int, k: int) -> Story:
        return Story(
            id=sid,
            title=title,
            competencies=["launch-operations"],
            context=body(k, length),
            decision="decided",
            result="result",
        )

    k = first
    while True:
        op = operation(k)
        out.write(f"BEGIN {k}\n")
        out.flush()
        if op.kind == "upsert":
            sid, title, length = op.stories[0]
            store.upsert_story(make(sid, title, length, k))
        elif op.kind in ("import", "replace"):
            incoming = Bank(stories=[make(s, t, n, k) for s, t, n in op.stories])
            store.apply_import(incoming, replace=op.kind == "replace")
        elif op.kind == "company":
            store.upsert_company(Company(id=op.target, name=f"v{k}"))
        elif op.kind == "delete":
            if store.story(op.target) is not None:
                store.delete_story(op.target)
        else:
            store.set_setting(op.target, k)
        out.write(f"ACK {k}\n")
        out.flush()
        k += 1


if __name__ == "__main__":
    run(Path(sys.argv[1]), sys.argv[2], int(sys.argv[3]))
