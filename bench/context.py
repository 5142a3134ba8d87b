"""The harness's workspace: a temporary folder with generated banks as databases and files."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from bench.bankgen import make_bank
from storybank.model import Bank

QUICK_SIZE = 100


def write_database(bank: Bank, path: Path) -> Path:
    """Write `bank` as a storybank database file directly (the store's own layout).

    Built without the store so that setting up a benchmark never depends on (or hides)
    the speed of the import it is about to measure.
    """
    from storybank.storage import atomic_write, dumps
    from storybank.store import SCHEMA_VERSION

    def table(records: list) -> dict[str, dict]:
        return {str(number): r.to_dict() for number, r in enumerate(records, start=1)}

    data = {
        "stories": table(bank.stories),
        "companies": table(bank.companies),
        "questions": table(bank.questions),
        "meta": {"1": {"schema_version": SCHEMA_VERSION}},
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    atomic_write(path, dumps(data))
    return path


class Workspace:
    """Banks of 7, 1,000 and 5,000 stories, made once per harness run and reused by rows."""

    def __init__(self, seed: int, *, quick: bool = False) -> None:
        self.seed = seed
        self.quick = quick
        """Smoke run: every bank is cut to at most QUICK_SIZE stories."""
        self.folder = Path(tempfile.mkdtemp(prefix="storybank-bench-"))
        self._biggest = make_bank(self.actual(5000), seed)
        self._dbs: dict[int, Path] = {}

    def actual(self, n: int) -> int:
        """How many stories a row labelled `n` really gets (fewer in a quick run)."""
        return min(n, QUICK_SIZE) if self.quick else n

    def bank(self, n: int) -> Bank:
        n = self.actual(n)
        return Bank(stories=self._biggest.stories[:n], companies=self._biggest.companies)

    def db(self, n: int) -> Path:
        """A database holding the n-story bank (shared by read-only rows: do not write)."""
        n = self.actual(n)
        if n not in self._dbs:
            self._dbs[n] = write_database(self.bank(n), self.folder / f"bank-{n}" / "bank.json")
        return self._dbs[n]

    def fresh_db(self, n: int, name: str) -> Path:
        """A private copy of the n-story database for a row that writes."""
        target = self.folder / name / "bank.json"
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(self.db(n), target)
        return target

    def close(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)
