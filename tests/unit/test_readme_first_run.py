"""A newcomer following the README from a fresh clone ends with their own bank untouched
by samples: the set-up command's storybank steps, run against a temporary data folder,
answer the question and leave no bank (and so no sample) behind."""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
from pathlib import Path

from test_readme import setup_commands


def storybank_steps() -> list[list[str]]:
    """The `.venv/bin/storybank ...` steps of the README's first set-up command."""
    steps = [shlex.split(part) for part in setup_commands()[0].split("&&")]
    return [step[1:] for step in steps if step and step[0] == ".venv/bin/storybank"]


def test_the_readme_first_command_leaves_your_bank_empty(tmp_path: Path) -> None:
    steps = storybank_steps()
    assert steps, "the README's first command runs storybank"
    home = tmp_path / "home"
    home.mkdir()
    env = {
        **os.environ,
        "HOME": str(home),
        "XDG_DATA_HOME": str(home / ".local" / "share"),
        "XDG_CONFIG_HOME": str(home / ".config"),
        "XDG_CACHE_HOME": str(home / ".cache"),
    }
    for name in ("STORYBANK_DB", "STORYBANK_CONFIG_DIR", "STORYBANK_CACHE_DIR"):
        env.pop(name, None)  # the newcomer's defaults: the user data folder under HOME
    located = subprocess.run(
        [sys.executable, "-m", "storybank", "locate"], env=env, capture_output=True, text=True
    )
    db = Path(located.stdout.split()[1])
    assert db.is_relative_to(home)
    for argv in steps:
        done = subprocess.run(
            [sys.executable, "-m", "storybank", *argv], env=env, capture_output=True, text=True
        )
        assert done.returncode == 0, done.stderr
        assert "storybank-demo" not in done.stdout
    assert "escalation" in done.stdout or "1." in done.stdout  # it answered
    assert not db.exists(), "the README's first command wrote a bank"
    listed = subprocess.run(
        [sys.executable, "-m", "storybank", "list"], env=env, capture_output=True, text=True
    )
    assert listed.returncode == 0 and "No stories yet" in listed.stdout
