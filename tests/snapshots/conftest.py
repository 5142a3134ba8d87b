"""Snapshot determinism: no cursor blink anywhere (harlequin's `no_cursor_blink`)."""

from __future__ import annotations

import pytest

from waiting import no_cursor_blink


@pytest.fixture(autouse=True)
def steady_cursor(monkeypatch: pytest.MonkeyPatch) -> None:
    no_cursor_blink(monkeypatch)
