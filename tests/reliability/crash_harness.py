"""Parent side of the SIGKILL harness: start a writer, kill it at a random moment, check.

After every kill the database must open, and hold exactly the acknowledged writes,
plus at most the one write that was in flight (it may have landed before its ACK
was printed). Anything else is a failure: a torn file or a lost acknowledged write.
Run directly for figures: `python tests/reliability/crash_harness.py [KILLS] [atomic|stock]`.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))

from crash_child import EMPTY_MODEL, apply, observed, operation

from storybank.errors import DatabaseError
from storybank.storage import TEMP_SUFFIX
from storybank.store import Store

CHILD = Path(__file__).with_name("crash_child.py")


@dataclass
class KillReport:
    mode: str
    kills: int = 0
    acknowledged: int = 0
    """Writes the children reported done, summed over all kills."""
    in_flight_landed: int = 0
    """Kills where the unacknowledged write in flight had already reached the file."""
    temp_left: int = 0
    """Kills that left a temp file behind (the kill hit mid-save); swept by the next open."""
    failures: list[str] = field(default_factory=list)
    failed_kills: int = 0
    """Kills after which the database was unreadable or had lost acknowledged writes."""
    seconds: float = 0.0

    def summary(self) -> str:
        return (
            f"{self.mode}: {self.kills} kills, {self.acknowledged} acknowledged writes, "
            f"{self.failed_kills} kills found loss or corruption, "
            f"{self.in_flight_landed} in-flight writes landed, "
            f"{self.temp_left} kills left a temp file, {self.seconds:.1f} s"
        )


def _snapshot(db: Path) -> dict[str, Any]:
    store = Store(db)  # no check(): that would sweep the temp files we want to count
    bank = store.bank()
    counter = store.get_setting("counter")
    return observed(bank, {} if counter is None else {"counter": counter})


def _diff(expected: dict[str, Any], actual: dict[str, Any]) -> str:
    lost = [
        f"{table}/{key}"
        for table in ("stories", "companies", "settings")
        for key, value in expected[table].items()
        if actual[table].get(key) != value
    ]
    extra = [
        f"{table}/{key}"
        for table in ("stories", "companies", "settings")
        for key in actual[table]
        if key not in expected[table]
    ]
    order = list(expected["stories"]) != list(actual["stories"])
    return f"lost or stale: {lost[:6]}, unexpected: {extra[:6]}, order differs: {order}"


def _run_and_kill(
    db: Path, mode: str, first: int, rng: random.Random, max_delay: float, env: dict[str, str]
) -> tuple[list[str], int, str]:
    """Start a writer, SIGKILL it at a random moment; its stdout lines, exit code, stderr."""
    with tempfile.TemporaryFile("w+") as errors:
        proc = subprocess.Popen(
            [sys.executable, str(CHILD), str(db), mode, str(first)],
            stdout=subprocess.PIPE,
            stderr=errors,
            text=True,
            env=env,
        )
        assert proc.stdout is not None
        head = ""
        if rng.random() < 0.1:
            time.sleep(rng.uniform(0.0, 0.1))  # sometimes during start-up, sweep and check
        else:
            # Let the writer acknowledge one write first, so the kill always interrupts a
            # busy writer however slow the machine is; then kill at a random moment.
            while True:
                line = proc.stdout.readline()
                head += line
                if not line or line.startswith("ACK"):
                    break
            time.sleep(rng.uniform(0.0, max_delay))
        proc.send_signal(signal.SIGKILL)
        # read through the same buffered reader as readline(), so what it read ahead is kept
        rest = proc.stdout.read()
        proc.stdout.close()
        proc.wait()
        errors.seek(0)
        return (head + rest).splitlines(), proc.returncode, errors.read()


def kill_run(
    db: Path,
    mode: str,
    kills: int,
    *,
    seed: int = 1,
    max_delay: float = 0.2,
    stop_at_first_failure: bool = False,
    reset_after_failure: bool = False,
) -> KillReport:
    rng = random.Random(seed)
    report = KillReport(mode)
    model: dict[str, Any] = EMPTY_MODEL
    next_k = 0
    started = time.monotonic()
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    for round_no in range(kills):
        lines, returncode, err = _run_and_kill(db, mode, next_k, rng, max_delay, env)
        report.kills += 1
        failures_before = len(report.failures)
        begun = [int(line.split()[1]) for line in lines if line.startswith("BEGIN ")]
        acked = [int(line.split()[1]) for line in lines if line.startswith("ACK ")]
        if returncode != -signal.SIGKILL:
            last = err.strip().splitlines()[-1:] or ["?"]
            report.failures.append(f"kill {round_no}: child died by itself: {last[0]}")
        report.acknowledged += len(acked)
        expected = model
        for k in acked:
            expected = apply(expected, operation(k))
        in_flight = begun[-1] if begun and (not acked or begun[-1] > acked[-1]) else None
        if any(name.endswith(TEMP_SUFFIX) for name in os.listdir(db.parent)):
            report.temp_left += 1
        try:
            actual = _snapshot(db)
        except DatabaseError as exc:
            empty_ok = expected == EMPTY_MODEL and db.exists() and db.stat().st_size == 0
            if not empty_ok:
                report.failures.append(f"kill {round_no}: unreadable: {str(exc).splitlines()[0]}")
        else:
            if actual == expected:
                model = expected
            elif in_flight is not None and actual == apply(expected, operation(in_flight)):
                model = apply(expected, operation(in_flight))
                report.in_flight_landed += 1
            else:
                flight = operation(in_flight) if in_flight is not None else None
                report.failures.append(
                    f"kill {round_no}: {_diff(expected, actual)}; acked {acked[-3:]}, "
                    f"in flight {flight}"
                )
                model = actual
        if len(report.failures) > failures_before:
            report.failed_kills += 1
            if stop_at_first_failure:
                break
            if reset_after_failure:  # start again from an empty bank, to count independent runs
                import shutil

                db.unlink(missing_ok=True)
                shutil.rmtree(db.parent / f".{db.name}.backups", ignore_errors=True)
                model = EMPTY_MODEL
        if begun:
            next_k = begun[-1] + 1
    report.seconds = time.monotonic() - started
    return report


if __name__ == "__main__":
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 100
    mode = sys.argv[2] if len(sys.argv) > 2 else "atomic"
    with tempfile.TemporaryDirectory() as folder:
        delay = float(sys.argv[3]) if len(sys.argv) > 3 else 0.2
        result = kill_run(
            Path(folder) / "bank.json", mode, count, max_delay=delay, reset_after_failure=True
        )
        print(result.summary())
        for failure in result.failures[:10]:
            print(" ", failure)
