"""How the harness times things: real interpreter, whole processes, interleaved pairs.

Only public tools: `subprocess`, `os.wait4` (the child's own CPU time and peak memory, as
the kernel counted them) and `time.perf_counter`.

Two kinds of figure:
- ratios of whole processes (wall time): each run of the command is paired with a run of
  the reference right before it (A B A B ...), and the figure is the median of the
  per-pair ratios, so a burst of load on a shared machine hits both sides of a pair;
- absolute budgets (seconds, MiB): the child's CPU time (user + system), median of runs.
  On a machine shared with other work, wall time mostly measures the other work; the
  CPU a command burns is what it costs, and what a quiet machine would show as wall time.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path


class RunResult:
    """One finished child process: wall seconds, CPU seconds, peak RSS in MiB."""

    __slots__ = ("cpu", "peak_mib", "wall")

    def __init__(self, wall: float, cpu: float, peak_mib: float) -> None:
        self.wall = wall
        self.cpu = cpu
        self.peak_mib = peak_mib


def real_interpreter() -> Path:
    """The interpreter binary behind `sys.executable`, through venv symlinks and shims.

    A pyenv shim is a shell script that starts another Python to pick a version: using
    it as the reference makes every ratio look several times better than it is. The
    venv's `python` is a symlink to the real binary; resolve it and refuse a script.
    """
    path = Path(os.path.realpath(sys.executable))
    with open(path, "rb") as handle:
        head = handle.read(4)
    if head.startswith(b"#!"):
        raise SystemExit(f"bench: {path} is a script (a shim?), not an interpreter binary")
    return path


def storybank_command() -> list[str]:
    """`storybank` as users run it: the venv's console script (its shebang is the venv)."""
    script = Path(sys.executable).with_name("storybank")
    if not script.exists():
        raise SystemExit(f"bench: no {script}; install storybank in this venv first")
    return [str(script)]


def child_env(folder: Path, db: Path | None = None) -> dict[str, str]:
    """The children's environment: a private database, config and cache; bytecode on."""
    env = dict(os.environ)
    env["STORYBANK_CONFIG_DIR"] = str(folder / "config")
    env["STORYBANK_CACHE_DIR"] = str(folder / "cache")
    if db is not None:
        env["STORYBANK_DB"] = str(db)
    for name in ("PYTHONDONTWRITEBYTECODE", "PYTHONPROFILEIMPORTTIME", "STORYBANK_NO_CACHE"):
        env.pop(name, None)  # measure an installed tool as users run it
    return env


def run(
    cmd: Sequence[str],
    env: dict[str, str],
    *,
    stdin: Path | None = None,
    check: bool = True,
) -> RunResult:
    """Run `cmd` to the end, output discarded; its wall, CPU and peak memory."""
    stdin_file = open(stdin, "rb") if stdin is not None else subprocess.DEVNULL  # noqa: SIM115
    with tempfile.TemporaryFile() as errors:  # a file, not a pipe: a chatty child never blocks
        try:
            start = time.perf_counter()
            child = subprocess.Popen(
                list(cmd), env=env, stdin=stdin_file, stdout=subprocess.DEVNULL, stderr=errors
            )
            _, status, usage = os.wait4(child.pid, 0)
            wall = time.perf_counter() - start
            child.returncode = os.waitstatus_to_exitcode(status)
        finally:
            if stdin is not None:
                stdin_file.close()  # type: ignore[union-attr]
        errors.seek(0)
        err = errors.read(2000)
    if check and child.returncode != 0:
        raise SystemExit(
            f"bench: {' '.join(cmd)} exited {child.returncode}: {err.decode(errors='replace')}"
        )
    return RunResult(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024)


_LAUNCHER = """\
import os, sys
pid = os.fork()
if pid == 0:
    os.execv(sys.argv[2], sys.argv[2:])
_, status, usage = os.wait4(pid, 0)
code = os.waitstatus_to_exitcode(status)
with open(sys.argv[1], "w") as out:
    out.write(f"{code} {usage.ru_utime + usage.ru_stime} {usage.ru_maxrss}")
sys.exit(code)
"""
"""Runs argv[2:] and writes its exit code, CPU seconds and ru_maxrss (KiB) to argv[1]."""


def run_peak(cmd: Sequence[str], env: dict[str, str]) -> RunResult:
    """`run`, with the peak memory of `cmd` alone.

    A child's ru_maxrss starts at the memory of the process that forked it (Linux counts
    the forked copy, and with vfork the parent's own pages, before exec), so a child of
    this harness, which holds the 5,000-story bank, would report the harness's size.
    Here a small launcher (`python -S`, a few MiB) starts `cmd` and reports its usage.
    """
    with tempfile.TemporaryDirectory() as folder:
        report = Path(folder) / "usage"
        outer = run([str(real_interpreter()), "-S", "-c", _LAUNCHER, str(report), *cmd], env)
        _code, cpu, maxrss = report.read_text().split()
    return RunResult(outer.wall, float(cpu), int(maxrss) / 1024)


def paired_ratio(
    reference: Sequence[str], command: Sequence[str], env: dict[str, str], runs: int
) -> tuple[float, float, float]:
    """(median ratio of pairs, median reference wall, median command wall), A B A B."""
    run(reference, env)
    run(command, env)  # warm the file cache and write bytecode before timing
    ratios, ref_walls, cmd_walls = [], [], []
    for _ in range(runs):
        ref = run(reference, env).wall
        cmd = run(command, env).wall
        ratios.append(cmd / ref)
        ref_walls.append(ref)
        cmd_walls.append(cmd)
    return statistics.median(ratios), statistics.median(ref_walls), statistics.median(cmd_walls)


def cpu_median(
    make: Callable[[], RunResult], runs: int, *, warm: bool = True
) -> tuple[float, float, float]:
    """(median CPU s, median wall s, max peak MiB) of `runs` calls of `make`."""
    if warm:
        make()
    results = [make() for _ in range(runs)]
    return (
        statistics.median(r.cpu for r in results),
        statistics.median(r.wall for r in results),
        max(r.peak_mib for r in results),
    )


def percentile(values: Sequence[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]
