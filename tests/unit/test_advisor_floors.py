"""The advisor's held-out quality may not fall: figures on real questions from public pages
(bench/corpus), each answered by a model trained without its source sites, on a bank from
industries nobody tuned for (its inferred story probes were read once, stop 19).

Two folds by site here (the published figures in docs/advisor.md use five, which trains
four times as much): fewer training questions per fold, so these floors sit below the
published figures. Floors were set from a measurement, a little under it; a change that
makes the advice worse on data the team did not write fails this test.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[2] / "bench"

FLOORS = {"top1": 0.61, "top3": 0.84, "kind": 0.71}
"""Measured with two folds on the 1,599-question corpus (stop 19): top-1 0.637, top-3 0.873,
kind 0.745 (BM25 top-1 about 0.3)."""


def load_eval():  # type: ignore[no-untyped-def]
    sys.path.insert(0, str(BENCH))
    spec = importlib.util.spec_from_file_location("eval_real", BENCH / "eval_real.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.slow
def test_held_out_figures_stay_above_their_floors(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("STORYBANK_NO_CACHE", "1")
    figures = load_eval().held_out_figures("bank_edtech_games_gov", folds=2)
    for name, floor in FLOORS.items():
        assert figures[name] >= floor, f"{name} {figures[name]:.3f} fell below {floor}"
