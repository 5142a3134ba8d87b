"""The learned reading of a question: which kind it is and what it probes.

A small softmax model per head (kind; probe), trained by `storybank.method.train` on the
labelled real-question corpus in bench/corpus/ and shipped as `question_model.json` beside
this file. Deterministic, no download, a few milliseconds to load. `use()` swaps in another
model (the held-out evaluation answers each fold with a model that never saw its sources).
"""

from __future__ import annotations

import json
import math
import os
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from storybank.method.features import features

MODEL_FILE = "question_model.json"


SCALE = 1000
"""Weights are stored as whole thousandths, one comma-separated string per feature: the
file loads as a few thousand short strings, and only the rows a question uses are parsed."""


class Head:
    """One softmax layer over sparse features: labels, weights per feature, biases."""

    __slots__ = ("_rows", "bias", "labels", "weights")

    def __init__(
        self, labels: list[str], weights: dict[str, list[float]], bias: list[float]
    ) -> None:
        self.labels = labels
        self.weights = weights
        self.bias = bias
        self._rows: dict[str, str] = {}

    def row(self, feat: str) -> list[float] | None:
        row = self.weights.get(feat)
        if row is None and feat in self._rows:
            row = self.weights[feat] = [int(w) / SCALE for w in self._rows[feat].split(",")]
        return row

    def scores(self, feats: list[str]) -> list[float]:
        totals = list(self.bias)
        for feat in feats:
            row = self.row(feat)
            if row is not None:
                for i, w in enumerate(row):
                    totals[i] += w
        return totals

    def probabilities(self, feats: list[str]) -> dict[str, float]:
        raw = self.scores(feats)
        top = max(raw)
        exps = [math.exp(s - top) for s in raw]
        total = sum(exps)
        return {label: e / total for label, e in zip(self.labels, exps, strict=True)}

    def features(self) -> set[str]:
        return set(self.weights) | set(self._rows)

    def to_json(self) -> dict[str, Any]:
        rows = dict(self._rows)
        for feat, row in self.weights.items():
            rows[feat] = ",".join(str(round(w * SCALE)) for w in row)
        return {"labels": self.labels, "rows": dict(sorted(rows.items())), "bias": self.bias}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Head:
        head = cls(list(data["labels"]), {}, [float(b) for b in data["bias"]])
        head._rows = dict(data["rows"])
        return head


class QuestionModel:
    """Both heads, as trained together, and the labelled questions they learned from (the
    advisor names the nearest one in `why`: "reads like: ...")."""

    __slots__ = ("_example_words", "examples", "kind", "probe")

    def __init__(
        self, kind: Head, probe: Head, examples: list[tuple[str, str]] | None = None
    ) -> None:
        self.kind = kind
        self.probe = probe
        self.examples = [] if examples is None else examples
        """(question text, kind) of every training question."""
        self._example_words: list[frozenset[str]] | None = None

    def nearest(self, text: str) -> tuple[str, str] | None:
        """The training question that shares the most words with `text` (Jaccard), if any
        shares at least a third of them."""
        from storybank.method.features import words

        if self._example_words is None:
            self._example_words = [frozenset(words(t)) for t, _ in self.examples]
        mine = frozenset(words(text))
        best, best_score = -1, 0.0
        for i, theirs in enumerate(self._example_words):
            union = len(mine | theirs)
            score = len(mine & theirs) / union if union else 0.0
            if score > best_score:
                best, best_score = i, score
        return self.examples[best] if best >= 0 and best_score >= 1 / 3 else None

    def read(
        self, text: str, cues: Sequence[str] = ()
    ) -> tuple[dict[str, float], dict[str, float]]:
        """(kind probabilities, probe probabilities) for one question; `cues` are what the
        cue reading found in it (`method.reading.cue_features`), read as features too."""
        feats = features(text) + list(cues)
        return self.kind.probabilities(feats), self.probe.probabilities(feats)

    def to_json(self) -> dict[str, Any]:
        return {
            "version": 2,
            "kind": self.kind.to_json(),
            "probe": self.probe.to_json(),
            "examples": [list(pair) for pair in self.examples],
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> QuestionModel:
        examples = [(str(t), str(k)) for t, k in data.get("examples", [])]
        return cls(Head.from_json(data["kind"]), Head.from_json(data["probe"]), examples)


_override: list[QuestionModel | None] = [None]


def use(model: QuestionModel | None) -> None:
    """Answer with `model` from now on (None: back to the shipped one)."""
    _override[0] = model


@lru_cache(maxsize=1)
def shipped() -> QuestionModel | None:
    """The packaged model, or None when it is missing or unreadable (the advisor then
    falls back to its cue lexicons alone)."""
    # Beside this file, read with os.path: importlib.resources alone would cost `ask` more
    # than the model (the wheel installs the package as plain files).
    try:
        with open(os.path.join(os.path.dirname(__file__), MODEL_FILE), encoding="utf-8") as f:
            return QuestionModel.from_json(json.loads(f.read()))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def model() -> QuestionModel | None:
    return _override[0] or shipped()
