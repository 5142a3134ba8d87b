"""Two simple rankers the advisor must beat, run in the same harness (bench/advisor_eval.py).

- `FuzzBaseline`: plain `rapidfuzz.process.extract` of the question against each story's text.
- `BM25Baseline`: Okapi BM25 over the same story text, lower-cased word tokens, no stemming.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence

from rapidfuzz import process, utils

from storybank.model import Story

_TOKEN = re.compile(r"[a-z0-9]+")


def story_text(story: Story) -> str:
    """Everything a baseline may read: title, summary, beats, tags, metric names, tradeoffs."""
    parts = [story.title, story.summary, *story.beats().values(), " ".join(story.tags)]
    parts += [m.name for m in story.metrics]
    parts += [f"{t.chose} {t.over} {t.because}" for t in story.tradeoffs]
    return " ".join(parts)


class FuzzBaseline:
    name = "rapidfuzz.process.extract"

    def __init__(self, stories: Sequence[Story]) -> None:
        self.choices = {s.id: story_text(s) for s in stories}

    def rank(self, question: str) -> list[str]:
        hits = process.extract(question, self.choices, processor=utils.default_process, limit=None)
        return [key for _, _, key in hits]


class BM25Baseline:
    name = "BM25 (k1=1.5, b=0.75)"

    def __init__(self, stories: Sequence[Story], k1: float = 1.5, b: float = 0.75) -> None:
        self.ids = [s.id for s in stories]
        self.docs = [Counter(_TOKEN.findall(story_text(s).lower())) for s in stories]
        self.lengths = [sum(doc.values()) for doc in self.docs]
        self.avgdl = sum(self.lengths) / max(1, len(self.lengths))
        n = len(self.docs)
        df: Counter[str] = Counter()
        for doc in self.docs:
            df.update(doc.keys())
        self.idf = {t: math.log(1 + (n - f + 0.5) / (f + 0.5)) for t, f in df.items()}
        self.k1, self.b = k1, b

    def score(self, question: str) -> list[float]:
        terms = _TOKEN.findall(question.lower())
        scores = []
        for doc, length in zip(self.docs, self.lengths, strict=True):
            total = 0.0
            for term in terms:
                tf = doc.get(term, 0)
                if tf:
                    norm = tf + self.k1 * (1 - self.b + self.b * length / self.avgdl)
                    total += self.idf[term] * tf * (self.k1 + 1) / norm
            scores.append(total)
        return scores

    def rank(self, question: str) -> list[str]:
        scores = self.score(question)
        order = sorted(range(len(self.ids)), key=lambda i: (-scores[i], i))
        return [self.ids[i] for i in order]
