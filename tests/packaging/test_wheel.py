"""The wheel carries the sample bank and the themes, and finds them from any folder."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    try:
        import hatchling  # noqa: F401
    except ImportError:
        pytest.skip("hatchling is not installed (it comes with the test extra)")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "-q",
            "--no-deps",
            "--no-build-isolation",
            "-w",
            str(out),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
    )
    (built,) = out.glob("storybank-*.whl")
    return built


def test_wheel_contains_sample_data_and_themes(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    for sample in ("stories.yaml", "companies.yaml", "questions.yaml"):
        assert f"storybank/_data/sample_data/{sample}" in names
    themes = [n for n in names if n.startswith("storybank/_data/themes/") and n.endswith(".yaml")]
    assert len(themes) >= 3
    assert "storybank/tui/app.tcss" in names
    for section in ("sections", "ask", "companies", "coverage", "practice", "brief", "drill"):
        assert f"storybank/tui/screens/{section}.tcss" in names  # read when a section opens
    for own in ("editor", "welcome", "dialogs", "conflict", "history", "backups", "pitch"):
        assert f"storybank/tui/screens/{own}.tcss" in names  # read when that screen opens
    for own in ("redactions", "cards"):
        assert f"storybank/tui/screens/{own}.tcss" in names


def test_installed_wheel_finds_its_data_from_another_folder(wheel: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    code = (
        "import storybank, storybank.resources as r;"
        "print(storybank.__file__);"
        "print(r.sample_file('stories.yaml').is_file(), len(list(r.themes_dir().glob('*.yaml'))))"
    )
    env = {**os.environ, "PYTHONPATH": str(site)}
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=elsewhere, env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    location, found = done.stdout.splitlines()
    assert location.startswith(str(site)), "the test must exercise the wheel, not the checkout"
    has_stories, theme_count = found.split()
    assert has_stories == "True"
    assert int(theme_count) >= 3
