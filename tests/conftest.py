"""Shared fixtures: every test runs against a temporary database and config dir."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def isolated_paths(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch):
    """Point storybank at throwaway paths so no test can touch the user's bank."""
    root = tmp_path_factory.mktemp("storybank-home")
    monkeypatch.setenv("STORYBANK_DB", str(root / "bank.json"))
    monkeypatch.setenv("STORYBANK_CONFIG_DIR", str(root / "config"))
    monkeypatch.setenv("STORYBANK_CACHE_DIR", str(root / "cache"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(root / "xdg-cache"))
    monkeypatch.setenv("XDG_DATA_HOME", str(root / "xdg-data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(root / "xdg-config"))
    return root


@pytest.fixture
def db_path(isolated_paths: Path) -> Path:
    return isolated_paths / "bank.json"
