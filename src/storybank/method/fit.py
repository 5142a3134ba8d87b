"""Which question kinds a story can serve: the one rule that Ask and Coverage both read.

`story_fit(story, kind)` gives a score 0..1 (how well the story serves the kind, used in
ranking), whether it serves it at all (score >= SERVES; Coverage's dots), and the evidence
in words. Where the advisor and coverage once disagreed, the stricter reading of the method
won: a failure question needs something that went wrong in the candidate's own work (an
inherited problem in the context beat is not a failure, and a lesson alone is not either),
and a conflict question needs a disagreement told in the story, not a claimed competency.
"""

from __future__ import annotations

import re
from functools import cache

from storybank.method.features import plain
from storybank.model import Story
from storybank.vocab import REQUIRED_BEATS

SERVES = 0.6
"""A story serves a kind when its fit reaches this."""

_FAILURE_STRONG = (
    r"went wrong",
    r"mistakes?",
    r"my fault",
    r"(?:i|we) (?:got|had) (?:it|this|that) wrong",
    r"i was wrong",
    r"roll(?:ed|ing)? (?:it |them |the \w+ )?back",
    r"rollbacks?",
    r"post-?mortems?",
    r"blameless",
    r"should have",
    r"in hindsight",
    r"underestimat\w*",
    r"misjudg\w*",
    r"my call",
    r"backfired",
    r"failed to",
    r"(?:i|we|it|launch|pilot|project|rollout|release|plan|migration|program) failed",
    r"(?:a|my|our|the) failure(?! rates?)",
    r"missed (?:the|our|a|its|every) (?:date|deadline|launch|target|window|quarter|season)",
    r"(?:launch|release|date|deadline|project|rollout|plan|migration|it|we) slipp(?:ed|ing)",
    r"slipped by",
    r"did not (?:go|work)",
    r"didn't (?:go|work)",
    r"pulled (?:the|it) (?:launch|release|feature)",
)
_FAILURE_WEAK = (
    r"wrong",
    r"missed",
    r"refund\w*",
    r"apologi[sz]\w*",
    r"incident",
    r"outage",
    r"broke",
    r"delayed",
    r"late",
)
_LESSON = (
    r"learn\w*",
    r"lessons?",
    r"differently",
    r"next time",
    r"since then",
    r"ever since",
    r"now (?:i|we)",
    r"(?:i|we) now",
    r"no longer",
    r"takeaway\w*",
    r"the habit",
    r"hindsight",
    r"i always",
    r"i never",
)
_CONFLICT = (
    r"push(?:ed|ing)? ?back",
    r"pushback",
    r"disagree\w*",
    r"object(?:ed|ions?)",
    r"resist(?:ed|ance|ing)",
    r"conflict\w*",
    r"tension\w*",
    r"sceptic\w*",
    r"skeptic\w*",
    r"argu(?:ed|ing|ment\w*)",
    r"veto\w*",
    r"opposed",
    r"friction",
    r"refused",
    r"won (?:\w+ )?over",
    r"clash\w*",
    r"distrust\w*",
    r"insisted",
    r"unhappy",
    r"angry",
    r"frustrat\w*",
)
_REASON = (
    r"because",
    r"since",
    r"so that",
    r"in order to",
    r"to avoid",
    r"rather than",
    r"instead of",
    r"given",
    r"the reason",
    r"which meant",
    r"trade-?off",
)

ACTION_FIELDS = ("title", "summary", "decision", "execution", "result", "after")
"""Where a failure must show: the candidate's own call and what followed, not the context."""
FRICTION_FIELDS = ("summary", "context", "constraint", "decision", "execution", "result", "after")


@cache
def _compiled(pattern_set: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(r"\b(?:" + "|".join(pattern_set) + r")\b")


def _field(story: Story, name: str) -> str:
    value = getattr(story, name, "") if name in ("title", "summary") else story.beat(name)
    return plain(value or "")


def _hits(story: Story, fields: tuple[str, ...], patterns: tuple[str, ...]) -> list[str]:
    pattern = _compiled(patterns)
    found: list[str] = []
    for name in fields:
        found += pattern.findall(_field(story, name))
    return found


def _told(text: str | None) -> bool:
    return bool(text and text.strip())


class Fit:
    """How well a story serves one kind of question, and why."""

    __slots__ = ("evidence", "score")

    def __init__(self, score: float, evidence: str) -> None:
        self.score = round(min(1.0, max(0.0, score)), 4)
        self.evidence = evidence

    @property
    def serves(self) -> bool:
        return self.score >= SERVES


def went_wrong(story: Story) -> tuple[float, list[str]]:
    """0..1: how clearly the story's own work went wrong, with the words that show it."""
    strong = _hits(story, ACTION_FIELDS, _FAILURE_STRONG)
    weak = _hits(story, ACTION_FIELDS, _FAILURE_WEAK)
    return min(1.0, 0.8 * len(strong) + 0.25 * len(weak)), strong + weak


def friction(story: Story) -> tuple[float, list[str]]:
    """0..1: how clearly the story holds a disagreement with another side."""
    found = _hits(story, FRICTION_FIELDS, _CONFLICT)
    return min(1.0, 0.5 * len(found)), found


def _behavioral(story: Story) -> Fit:
    missing = [beat for beat in REQUIRED_BEATS if not _told(story.beat(beat))]
    filled = sum(1 for text in story.beats().values() if _told(text)) / 6.0
    if missing:
        return Fit(min(0.5, 0.5 * filled), "missing beat: " + ", ".join(missing))
    return Fit(0.5 + 0.5 * filled, "context, decision and result are told")


def _tradeoff(story: Story) -> Fit:
    constraint = 0.1 * _told(story.constraint)
    for tradeoff in story.tradeoffs:
        if _told(tradeoff.chose) and (_told(tradeoff.over) or _told(tradeoff.because)):
            return Fit(0.85 + constraint + 0.05, f"chose {tradeoff.chose.strip()}")
    if story.tradeoffs:
        return Fit(0.4 + constraint, "the tradeoff says neither what it was chosen over nor why")
    return Fit(0.2 + 3 * constraint, "no tradeoff recorded")


def _metrics(story: Story) -> Fit:
    for metric in story.metrics:
        if metric.before is not None and metric.after is not None:
            return Fit(1.0, f"{metric.name} has a before and an after")
    if story.metrics:
        return Fit(0.5, "no metric has both a before and an after")
    return Fit(0.2, "no metric recorded")


def _failure(story: Story) -> Fit:
    wrong, words = went_wrong(story)
    lesson = bool(_compiled(_LESSON).search(_field(story, "after")))
    score = 0.1 + 0.65 * wrong + 0.25 * lesson
    if score >= SERVES:
        return Fit(score, f"something went wrong ({words[0]})")
    if lesson:
        return Fit(min(score, SERVES - 0.05), "a lesson, but nothing in the story went wrong")
    return Fit(score, "nothing in the story went wrong")


def _conflict(story: Story) -> Fit:
    strength, words = friction(story)
    if strength >= 0.5:
        return Fit(0.2 + 0.8 * strength, f"the story tells of {words[0]}")
    return Fit(0.2 + 0.8 * strength, "no pushback or disagreement in the story")


def _case(story: Story) -> Fit:
    # A case round note or a known environment helps a story transfer, but only reasoning
    # makes it serve a case question at all (the extra never lifts it past SERVES).
    extra = 0.1 * ("case" in story.rounds) + 0.1 * (not story.environment.is_empty())
    if not _told(story.decision):
        return Fit(0.15 + extra, "no decision told")
    if any(_told(t.because) for t in story.tradeoffs):
        return Fit(0.7 + extra, "a tradeoff gives its reason")
    match = _compiled(_REASON).search(_field(story, "decision"))
    if match:
        return Fit(0.7 + extra, f"the decision gives its reasoning ({match.group(0)})")
    return Fit(0.35 + extra, "the decision gives no reasoning (add why, or a tradeoff)")


def _motivation(story: Story) -> Fit:
    if not _told(story.after):
        return Fit(0.4, "'what changed after' is empty")
    lesson = bool(_compiled(_LESSON).search(_field(story, "after")))
    return Fit(0.7 + 0.3 * lesson, "'what changed after' is told")


_RULES = {
    "behavioral": _behavioral,
    "tradeoff": _tradeoff,
    "metrics": _metrics,
    "failure": _failure,
    "conflict": _conflict,
    "case": _case,
    "motivation": _motivation,
}


def story_fit(story: Story, kind: str) -> Fit:
    """How well `story` serves a `kind` question (KeyError for an unknown kind)."""
    return _RULES[kind](story)


def fits(story: Story) -> dict[str, Fit]:
    """The story's fit for every kind."""
    return {name: rule(story) for name, rule in _RULES.items()}
