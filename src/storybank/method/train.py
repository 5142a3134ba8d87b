"""Training the question model (used by bench/train_question_model.py and the evaluation).

Softmax regression with soft targets, full-batch gradient descent and L2, in plain Python:
about 800 questions train in a second or two, and the same data always gives the same model.
Probe targets weigh a question's probes 3, 2, 1 in the order they were labelled.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Sequence
from typing import Any

from storybank.method.features import features
from storybank.method.learned import Head, QuestionModel

EPOCHS = 80
RATE = 0.5
L2 = 0.002
MIN_COUNT = 2
"""A feature seen in fewer training questions than this is dropped (noise, not signal)."""


def _fit(rows: list[list[str]], targets: list[list[float]], labels: list[str]) -> Head:
    k = len(labels)
    counts = Counter(f for row in rows for f in set(row))
    vocab = sorted(f for f, c in counts.items() if c >= MIN_COUNT)
    index = {f: i for i, f in enumerate(vocab)}
    sparse = [sorted({index[f] for f in row if f in index}) for row in rows]
    weights = [[0.0] * k for _ in vocab]
    bias = [0.0] * k
    n = len(rows)
    for _ in range(EPOCHS):
        grad_w: dict[int, list[float]] = {}
        grad_b = [0.0] * k
        for feats, target in zip(sparse, targets, strict=True):
            raw = list(bias)
            for f in feats:
                row = weights[f]
                for c in range(k):
                    raw[c] += row[c]
            top = max(raw)
            exps = [math.exp(s - top) for s in raw]
            total = sum(exps)
            err = [e / total - t for e, t in zip(exps, target, strict=True)]
            for c in range(k):
                grad_b[c] += err[c]
            for f in feats:
                g = grad_w.setdefault(f, [0.0] * k)
                for c in range(k):
                    g[c] += err[c]
        for c in range(k):
            bias[c] -= RATE * grad_b[c] / n
        for f, g in grad_w.items():  # decay only the rows this pass touched: every row is
            row = weights[f]  # touched by the questions that hold its feature
            for c in range(k):
                row[c] -= RATE * (g[c] / n * 10 + L2 * row[c])
    kept = {
        feat: [round(w, 3) for w in weights[i]]
        for feat, i in index.items()
        if max(abs(w) for w in weights[i]) >= 0.02
    }
    return Head(labels, kept, [round(b, 3) for b in bias])


def train(
    questions: Sequence[dict[str, Any]],
    cues: Callable[[str], Sequence[str]] = lambda text: (),
) -> QuestionModel:
    """A model from labelled questions ({text, kind, probes}). `cues` gives a question's
    cue features as the advisor reads them at run time (`advisor.question_cues`); the
    trainer takes it as an argument because the cue reading sits a layer above."""
    rows = [features(q["text"]) + list(cues(q["text"])) for q in questions]
    kinds = sorted({q["kind"] for q in questions})
    kind_targets = [[1.0 if q["kind"] == k else 0.0 for k in kinds] for q in questions]
    probes = sorted({p for q in questions for p in q["probes"]})
    probe_targets = []
    for q in questions:
        weight = {p: 3 - i for i, p in enumerate(q["probes"][:3])}
        total = sum(weight.values())
        probe_targets.append([weight.get(p, 0) / total for p in probes])
    examples = [(q["text"], q["kind"]) for q in questions]
    return QuestionModel(
        _fit(rows, kind_targets, kinds), _fit(rows, probe_targets, probes), examples
    )
