"""How fast the pre-call brief builds for a large bank (issue 11 target: <= 1 s at 1,000).

    .venv/bin/python bench/brief_speed.py [--stories 1000] [--runs 5]

Generates a bank (`generate_bank`): the six sample stories recombined into `--stories`
distinct ones, one in twenty made vague (no number, hedging) and one in twenty a failure
story, plus a loop ledger of a dozen tellings, and times

- `build_brief` in process: the first build with the advisor's disk cache empty, then
  the first build of a new process whose disk cache is filled, then the median of warm
  builds (each for the three sample companies in turn);
- the whole `storybank brief COMPANY` command on a database holding that bank, median
  of `--runs` runs (reading the database included).

Each figure is given as wall time and as CPU time (user + system): on a machine shared
with other work the wall time includes waiting for a core, the CPU time does not.

Everything goes to a temporary directory: never the user's bank or cache.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from storybank.model import Bank, Metric, Story, Telling
from storybank.resources import sample_file
from storybank.yamlio import load_bank_file

TODAY = dt.date(2026, 12, 4)


def generate_bank(size: int = 1000, seed: int = 11) -> Bank:
    """A bank of `size` distinct stories, the sample companies and a ledger for one loop."""
    rng = random.Random(seed)
    base = load_bank_file(sample_file("stories.yaml")).stories
    companies = load_bank_file(sample_file("companies.yaml")).companies
    words = " ".join(" ".join(s.beats().values()) for s in base).split()
    stories: list[Story] = []
    for number in range(size):
        a, b = rng.sample(base, 2)
        salt = " ".join(rng.sample(words, 10))
        story = a.replace(
            id=f"gen-{number:04d}",
            title=f"{a.title} ({number})",
            summary=f"{a.summary} {salt}",
            context=b.context,
            decision=b.decision,
            result=f"{a.result} {salt}",
            competencies=list(dict.fromkeys(a.competencies[:2] + b.competencies[:1])),
            environment=rng.choice(base).environment,
        )
        if number % 20 == 7:  # vague: fails lint
            story = story.replace(
                result="Things got better overall.", metrics=[], tradeoffs=[],
                decision="I would be careful and work closely with everyone.",
            )  # fmt: skip
        elif number % 20 == 13:  # a setback
            story = story.replace(
                title=f"The launch that went wrong ({number})",
                result="Weekend tickets went from 300 to 900 before we rolled it back.",
                metrics=[Metric("Weekend tickets", 300, 900)],
            )
        stories.append(story)
    ledger = [
        Telling(
            f"told-{i}",
            "ledgerline",
            stories[rng.randrange(size)].id,
            (TODAY - dt.timedelta(days=12 - i)).isoformat(),
            rng.choice(["behavioral", "case", "panel", "hiring manager"]),
            rng.choice(["J. Park", "A. Lee", "M. Chen"]),
            [Metric("Requests answered", 18, 85, "%")],
        )
        for i in range(12)
    ]
    return Bank(stories=stories, companies=companies, ledger=ledger)


def time_builds(
    bank: Bank, rounds: int = 3
) -> tuple[tuple[float, float], tuple[float, float], tuple[float, float]]:
    """(wall, cpu) seconds of: the first build with an empty disk cache, the first build
    with it filled, and the median of warm builds."""
    from storybank.advisor import clear_caches
    from storybank.quality.brief import build_brief
    from storybank.quality.questions import question_bank

    questions = question_bank(bank.questions)

    def once(company_index: int) -> tuple[float, float]:
        start, cpu = time.perf_counter(), time.process_time()
        build_brief(bank, bank.companies[company_index], questions, today=TODAY)
        return time.perf_counter() - start, time.process_time() - cpu

    clear_caches()
    cold = once(2)
    clear_caches()  # as a new process: nothing in memory, the disk cache written above
    disk = once(2)
    warm = [once(i % len(bank.companies)) for i in range(rounds * len(bank.companies))]
    return (
        cold,
        disk,
        (
            statistics.median(w for w, _ in warm),
            statistics.median(c for _, c in warm),
        ),
    )


def storybank_command() -> list[str]:
    script = Path(sys.executable).with_name("storybank")
    return [str(script)] if script.exists() else [sys.executable, "-m", "storybank"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stories", type=int, default=1000, help="bank size (default 1000)")
    parser.add_argument("--runs", type=int, default=5, help="command runs (default 5)")
    args = parser.parse_args()
    bank = generate_bank(args.stories)
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["STORYBANK_CACHE_DIR"] = str(Path(tmp) / "cache")
        os.environ.pop("STORYBANK_NO_CACHE", None)
        cold, disk, warm = time_builds(bank)
        print(f"build_brief, {len(bank.stories):,} stories (seconds):")
        for label, (wall_s, cpu_s) in (
            ("first build, advisor disk cache empty ", cold),
            ("first build of a new process, cache on", disk),
            ("warm median                           ", warm),
        ):
            print(f"  {label}: {wall_s:6.3f} wall, {cpu_s:6.3f} cpu")

        from storybank.store import Store

        db = Path(tmp) / "bank.json"
        Store(db).apply_import(bank, replace=True)
        env = dict(os.environ, STORYBANK_DB=str(db), COLUMNS="100")
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        command = [*storybank_command(), "brief", "ledgerline"]
        subprocess.run(command, env=env, stdout=subprocess.DEVNULL, check=True)  # warm
        times, cpus = [], []
        for _ in range(args.runs):
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            start = time.perf_counter()
            subprocess.run(command, env=env, stdout=subprocess.DEVNULL, check=True)
            times.append(time.perf_counter() - start)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
        cpu = statistics.median(cpus)
        verdict = "ok" if cpu <= 1.0 else "OVER the 1 s target"
        print(
            f"`storybank brief ledgerline` (whole process, median of {args.runs}): "
            f"{statistics.median(times):.3f} s wall, {cpu:.3f} s cpu ({verdict})"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
