"""The debrief: the questions actually asked, against what the brief predicted.

After an interview the user pastes or types the questions they were asked. Each is
read by the advisor (kind and competencies), matched to the brief's likely questions
where one says the same thing, and, when the user's question bank has nothing like
it, turned into a new practice question: the questions a loop really asks are the
best material for its next round.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from storybank.model import AskedQuestion, Company, Debrief, Question
from storybank.record import Record
from storybank.vocab import KINDS

SAME_TEXT = 75
"""Word-set similarity (0-100) at which an asked question is the predicted one."""
SAME_SHAPE = 45
"""Lower similarity that still counts when the kind and a competency match too."""
ALREADY_BANKED = 88
"""Similarity to a bank question above which an asked question is not added again."""

_BULLET_RE = re.compile(r"^\s*(?:[-*•·>]+|\(?\d{1,2}[.)]|q\d*[:.)]|question\s*\d*[:.)])\s*", re.I)
_SPLIT_RE = re.compile(r"(?<=\?)\s+(?=[A-Z\"'(])")


def split_questions(text: str) -> list[str]:
    """The questions in a paste: one per line, bullets and numbers dropped, a line holding
    several questions ("Why? And how?") split at each question mark."""
    out: list[str] = []
    for line in text.splitlines():
        line = _BULLET_RE.sub("", line).strip()
        if not line or not any(ch.isalnum() for ch in line):
            continue
        for part in _SPLIT_RE.split(line):
            part = " ".join(part.split())
            if part and any(ch.isalnum() for ch in part):
                out.append(part)
    seen: set[str] = set()
    unique = []
    for question in out:
        key = question.casefold()
        if key not in seen:
            seen.add(key)
            unique.append(question)
    return unique


def similarity(a: str, b: str) -> float:
    from rapidfuzz import fuzz

    return float(fuzz.token_set_ratio(a.casefold(), b.casefold()))


class Reading(Record):
    """One asked question as read: its kind, competencies and the prediction it matched."""

    __slots__ = ("text", "kind", "competencies", "predicted")  # noqa: RUF023

    def __init__(
        self, text: str, kind: str, competencies: list[str], predicted: Question | None
    ) -> None:
        self.text = text
        self.kind = kind
        self.competencies = competencies
        self.predicted = predicted


def read_questions(texts: Sequence[str], company: Company | None) -> list[tuple[str, list[str]]]:
    """(kind, competencies) for each question, as the advisor reads it."""
    from storybank.advisor import analyse_question

    extra = list(company.focus) if company is not None else []
    out = []
    for text in texts:
        reading = analyse_question(text, extra)
        kind = reading.kind if reading.kind in KINDS else "behavioral"
        out.append((kind, list(reading.competencies)))
    return out


def match_predictions(
    texts: Sequence[str],
    readings: Sequence[tuple[str, list[str]]],
    predicted: Sequence[Question],
) -> list[Question | None]:
    """For each asked question, the predicted question it is (each used at most once)."""
    candidates: list[tuple[float, int, int]] = []
    for i, (text, (kind, comps)) in enumerate(zip(texts, readings, strict=True)):
        for j, question in enumerate(predicted):
            score = similarity(text, question.text)
            shape = kind == question.kind and bool(set(comps) & set(question.competencies))
            if score >= SAME_TEXT or (shape and score >= SAME_SHAPE):
                candidates.append((score + (10 if shape else 0), i, j))
    taken_asked: set[int] = set()
    taken_predicted: set[int] = set()
    out: list[Question | None] = [None] * len(texts)
    for _, i, j in sorted(candidates, key=lambda c: (-c[0], c[1], c[2])):
        if i in taken_asked or j in taken_predicted:
            continue
        taken_asked.add(i)
        taken_predicted.add(j)
        out[i] = predicted[j]
    return out


def new_questions(
    readings: Sequence[Reading], bank: Sequence[Question], company_id: str
) -> list[Question]:
    """Practice questions for the asked ones the question bank has nothing like."""
    taken = {q.id for q in bank}
    added: list[Question] = []
    for reading in readings:
        if reading.predicted is not None:
            continue  # the brief took it from the question bank: it is there already
        if any(similarity(reading.text, q.text) >= ALREADY_BANKED for q in [*bank, *added]):
            continue
        words = " ".join(reading.text.split()[:6]).lower()
        stem = re.sub(r"[^a-z0-9]+", "-", words)[:40].strip("-") or "question"
        base = f"asked-{company_id}-{stem}"
        qid, number = base, 2
        while qid in taken:
            qid, number = f"{base}-{number}", number + 1
        taken.add(qid)
        added.append(Question(qid, reading.text, reading.kind, reading.competencies[:3]))
    return added


class DebriefResult(Record):
    """A debrief ready to store, the questions to add to the bank, and how each was read."""

    __slots__ = ("debrief", "added", "readings")  # noqa: RUF023 - constructor order

    def __init__(self, debrief: Debrief, added: list[Question], readings: list[Reading]) -> None:
        self.debrief = debrief
        self.added = added
        self.readings = readings


def prepare_debrief(
    texts: Sequence[str],
    company: Company,
    date: str,
    predicted: Sequence[Question],
    question_bank: Sequence[Question],
    round: str | None = None,
    interviewer: str | None = None,
) -> DebriefResult:
    """Read, match and bank the asked questions (nothing is written here: the store does)."""
    raw = read_questions(texts, company)
    matches = match_predictions(texts, raw, predicted)
    readings = [
        Reading(text, kind, comps, match)
        for text, (kind, comps), match in zip(texts, raw, matches, strict=True)
    ]
    debrief = Debrief(
        id="",
        company=company.id,
        date=date,
        round=round,
        interviewer=interviewer,
        asked=[
            AskedQuestion(r.text, r.kind, r.predicted.id if r.predicted else None) for r in readings
        ],
        predicted=[q.id for q in predicted],
    )
    return DebriefResult(debrief, new_questions(readings, question_bank, company.id), readings)


class Score(Record):
    """How well the briefs predicted one loop: hits over what was asked and over predictions."""

    __slots__ = ("asked", "asked_hit", "predicted", "predicted_hit")

    def __init__(self, asked: int, asked_hit: int, predicted: int, predicted_hit: int) -> None:
        self.asked = asked
        self.asked_hit = asked_hit
        self.predicted = predicted
        self.predicted_hit = predicted_hit

    @property
    def recall(self) -> float | None:
        return self.asked_hit / self.asked if self.asked else None

    @property
    def precision(self) -> float | None:
        return self.predicted_hit / self.predicted if self.predicted else None

    def line(self) -> str:
        """'The brief predicted 3 of 5 questions asked (recall 60%); 3 of its 10 came up
        (precision 30%).'"""
        if not self.asked:
            return "No debrief yet: after an interview, `storybank debrief COMPANY`."
        recall = f"{self.recall:.0%}" if self.recall is not None else "-"
        precision = f"{self.precision:.0%}" if self.precision is not None else "-"
        asked = "question" if self.asked == 1 else "questions"
        return (
            f"The brief predicted {self.asked_hit} of {self.asked} {asked} asked "
            f"(recall {recall}); {self.predicted_hit} of its {self.predicted} predictions came "
            f"up (precision {precision})."
        )

    def to_dict(self) -> dict[str, float | int | None]:
        return {
            "asked": self.asked,
            "asked_predicted": self.asked_hit,
            "predicted": self.predicted,
            "predicted_asked": self.predicted_hit,
            "recall": self.recall,
            "precision": self.precision,
        }


def loop_score(debriefs: Iterable[Debrief]) -> Score:
    """Precision and recall over every debrief of one loop (predictions counted once)."""
    asked = asked_hit = 0
    predicted: set[str] = set()
    hits: set[str] = set()
    for debrief in debriefs:
        predicted.update(debrief.predicted)
        for question in debrief.asked:
            asked += 1
            if question.predicted:
                asked_hit += 1
                hits.add(question.predicted)
    return Score(asked, asked_hit, len(predicted), len(hits & predicted))
