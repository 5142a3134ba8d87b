"""How fast the advisor answers: in process (per question) and as a whole `storybank ask`.

    .venv/bin/python bench/ask_speed.py [--runs 15]

In process: every labelled question of bench/eval_questions.yaml is answered against a
7-story bank (the six samples plus one story of bench/alt_bank.yaml) and against a generated
1,000-story bank; reports the first call with nothing cached, the first call of a new process
whose disk cache is filled, and the median / 95th percentile of warm calls. Targets: <= 5 ms
and <= 50 ms per question. The advisor's disk cache goes to a temporary directory.

Whole process: the median wall time of `storybank ask "..."` on the sample bank, against the
median of `python -c pass` on the same machine, alternating runs; target ratio <= 6.
Only public tools: subprocess and time.perf_counter. Bytecode caching is switched on for
the child processes (PYTHONDONTWRITEBYTECODE is dropped), as on a normal install; the
first, untimed run compiles it.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent

from storybank.model import Bank, Story  # noqa: E402
from storybank.resources import sample_file  # noqa: E402


def load(path: Path) -> Bank:
    return Bank.from_dict(yaml.safe_load(path.read_text(encoding="utf-8")))


def generated_bank(base: list[Story], size: int, seed: int = 7) -> list[Story]:
    """`size` distinct stories made by recombining the beats of real ones."""
    rng = random.Random(seed)
    words = " ".join(" ".join(s.beats().values()) for s in base).split()
    out: list[Story] = []
    for number in range(size):
        a, b = rng.sample(base, 2)
        salt = " ".join(rng.sample(words, 12))
        out.append(
            a.replace(
                id=f"gen-{number:04d}",
                title=f"{a.title} ({number})",
                summary=f"{a.summary} {salt}",
                context=b.context,
                constraint=a.constraint,
                decision=b.decision,
                result=f"{a.result} {salt}",
                competencies=list(dict.fromkeys(a.competencies[:2] + b.competencies[:1])),
                tags=[*a.tags[:2], *b.tags[:1]],
            )
        )
    return out


def time_questions(stories: list[Story], questions: list[str]) -> tuple[float, ...]:
    """(first call with nothing cached, first call of a new process with the disk cache
    filled, median, p95) in milliseconds."""
    from storybank.advisor import advise, clear_caches

    clear_caches()
    start = time.perf_counter()
    advise(questions[0], stories)
    cold = time.perf_counter() - start
    clear_caches()  # as a new process: nothing in memory, the disk cache written above
    start = time.perf_counter()
    advise(questions[0], stories)
    disk = time.perf_counter() - start
    times = []
    for question in questions:
        start = time.perf_counter()
        advise(question, stories)
        times.append(time.perf_counter() - start)
    times.sort()
    p95 = times[min(len(times) - 1, int(len(times) * 0.95))]
    return cold * 1000, disk * 1000, statistics.median(times) * 1000, p95 * 1000


def wall(cmd: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    return time.perf_counter() - start


def storybank_command() -> list[str]:
    script = Path(sys.executable).with_name("storybank")
    return [str(script)] if script.exists() else [sys.executable, "-m", "storybank"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15, help="process runs of each (default 15)")
    args = parser.parse_args()

    questions = [
        e["q"] for e in yaml.safe_load((HERE / "eval_questions.yaml").read_text())["questions"]
    ]
    sample = load(sample_file("stories.yaml")).stories
    seven = [*sample, load(HERE / "alt_bank.yaml").stories[0]]
    big = generated_bank(seven, 1000)
    print(f"In process, {len(questions)} questions each (milliseconds per question):")
    with tempfile.TemporaryDirectory() as cache_dir:
        os.environ["STORYBANK_CACHE_DIR"] = cache_dir  # never the user's own cache
        os.environ.pop("STORYBANK_NO_CACHE", None)
        for name, stories, target in (("7 stories", seven, 5.0), ("1,000 stories", big, 50.0)):
            cold, disk, median, p95 = time_questions(stories, questions)
            verdict = "ok" if p95 <= target else "OVER TARGET"
            print(
                f"  {name:>13}: first call {cold:7.1f} (disk cache filled: {disk:6.1f})"
                f"  median {median:6.2f}  p95 {p95:6.2f}  (target <= {target:g}: {verdict})"
            )

    with tempfile.TemporaryDirectory() as tmp:
        env = dict(
            os.environ,
            STORYBANK_DB=str(Path(tmp) / "bank.json"),
            STORYBANK_CACHE_DIR=str(Path(tmp) / "cache"),
        )
        env.pop("STORYBANK_NO_CACHE", None)
        env.pop("PYTHONPROFILEIMPORTTIME", None)
        # Measure an installed tool as users run it: with cached bytecode.
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        subprocess.run(
            [*storybank_command(), "init", "--sample"],
            env=env,
            stdout=subprocess.DEVNULL,
            check=True,
        )
        commands = {
            "python -c pass": [sys.executable, "-c", "pass"],
            "storybank ask --help": [*storybank_command(), "ask", "--help"],
            "storybank ask ...": [
                *storybank_command(),
                "ask",
                "Tell me about a launch that went wrong",
            ],
        }
        for cmd in commands.values():
            wall(cmd, env)  # warm the file cache and write the bytecode
        times: dict[str, list[float]] = {name: [] for name in commands}
        for _ in range(args.runs):
            for name, cmd in commands.items():
                times[name].append(wall(cmd, env))
    medians = {name: statistics.median(values) * 1000 for name, values in times.items()}
    base_ms = medians["python -c pass"]
    print(f"\nWhole process, median of {args.runs} runs (ratio to python -c pass):")
    for name, ms in medians.items():
        print(f"  {name:<22} {ms:7.1f} ms  {ms / base_ms:5.2f}x")
    ratio = medians["storybank ask ..."] / base_ms
    print(
        f"  ask ratio {ratio:.2f} (target <= 6: {'ok' if ratio <= 6 else 'OVER'}); "
        "`ask --help` is the CLI's own start-up, before any story is read"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
