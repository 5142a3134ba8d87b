"""Follow-up probes: the next question an interviewer digs in with, from the story's own fields.

Every interviewer goes one level deeper than the answer: why not the other option,
what the baseline was and how it was measured, what was yours and what was the
team's, what you would do differently. Each probe here comes from something the
story says (or fails to say), so rehearsing it rehearses this story, not a generic
list. Deterministic and cheap: a few regular expressions per story.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from storybank.model import Story, format_metric
from storybank.record import Record
from storybank.vocab import BEATS

MAX_SHOWN = 3
"""Probes shown under a suggestion or in the brief; `--json` and Practice get them all."""

_I_RE = re.compile(r"\b(?:i|me|my|mine|i'm|i've|i'd)\b", re.IGNORECASE)
_WE_RE = re.compile(r"\b(?:we|us|our|ours|we're|we've|we'd)\b", re.IGNORECASE)
_LESSON_RE = re.compile(
    r"\b(?:learn\w*|lessons?|mistakes?|differently|next time|hindsight|should have|would have|"
    r"regret\w*|takeaways?|taught|realis\w*|realiz\w*|never again|if i did it again|"
    r"now i\b|i now|i always|i never|since then i|the habit)\b",
    re.IGNORECASE,
)

FUNCTIONS: tuple[tuple[str, str], ...] = (
    ("engineering", r"engineer\w*|developers?|tech leads?|CTO"),
    ("sales", r"sales\w*|account executives?|AEs?"),
    ("finance", r"finance|CFO|controllers?|FP&A"),
    ("legal", r"legal|counsel|lawyers?|compliance"),
    ("marketing", r"marketing|marketers?|PMM"),
    ("support", r"support|customer service|agents?"),
    ("customer success", r"customer success|CSMs?|account managers?"),
    ("design", r"design(?:ers?)?|UX"),
    ("data science", r"data scien\w*|analysts?|data team"),
    ("security", r"security|infosec"),
    ("leadership", r"leadership|executives?|VPs?|the exec team|sponsors?"),
)
"""Functions a cross-functional story may name, with the words that name them."""
_FUNCTION_RES = tuple(
    (name, re.compile(rf"\b(?:{words})\b", re.IGNORECASE)) for name, words in FUNCTIONS
)
_CROSS_FUNCTIONAL = frozenset({"cross-functional-execution", "stakeholder-management"})

KIND_PROBES: dict[str, str] = {
    "failure": "When did you first see it going wrong, and what did you do that day?",
    "metrics": "How do you know the change came from your work and not something else?",
    "tradeoff": "What would have made you choose the other option?",
    "conflict": "What was the strongest argument on the other side?",
    "case": "What would you do differently in our environment?",
    "behavioral": "What was the hardest call in it, and who disagreed?",
}
"""One probe per question kind: where that kind of interviewer goes next."""

_ORDER: dict[str, tuple[str, ...]] = {
    "tradeoff": ("tradeoff", "kind", "function", "metric", "ownership", "lesson"),
    "metrics": ("metric", "kind", "ownership", "tradeoff", "function", "lesson"),
    "failure": ("lesson", "kind", "ownership", "metric", "tradeoff", "function"),
    "conflict": ("function", "kind", "tradeoff", "ownership", "metric", "lesson"),
    "case": ("tradeoff", "kind", "metric", "function", "ownership", "lesson"),
}
_DEFAULT_ORDER = ("tradeoff", "metric", "ownership", "lesson", "function", "kind")


class Probe(Record):
    """One follow-up question and what in the story it comes from."""

    __slots__ = ("text", "source", "answer")  # noqa: RUF023 - constructor order

    def __init__(self, text: str, source: str, answer: str = "") -> None:
        self.text = text
        self.source = source
        """`tradeoff`, `metric`, `ownership`, `lesson`, `function` or `kind`."""
        self.answer = answer
        """What the story already holds towards the answer (the reason, the numbers), or ''."""

    def to_dict(self) -> dict[str, str]:
        return {"text": self.text, "source": self.source, "answer": self.answer}


def _clause(text: str) -> str:
    """A field as a clause inside a question: one line, no final full stop, first letter
    lowered unless the first word is an acronym or a name-like capitalised word pair."""
    clause = " ".join(text.split()).rstrip(" .!?;:")
    if len(clause) > 1 and clause[0].isupper() and not clause[1].isupper():
        first = clause.split(" ", 1)[0]
        if first not in {"I", "I'm", "I've"}:
            clause = clause[0].lower() + clause[1:]
    return clause


def _story_text(story: Story) -> str:
    return "\n".join(getattr(story, name) or "" for name in BEATS)


def says_we_more_than_i(story: Story) -> bool:
    text = _story_text(story)
    return len(_WE_RE.findall(text)) > len(_I_RE.findall(text))


def has_lesson(story: Story) -> bool:
    return bool(_LESSON_RE.search(story.after or ""))


def functions_named(story: Story) -> list[str]:
    """The functions the story's beats name, in the order of `FUNCTIONS`."""
    text = _story_text(story)
    return [name for name, pattern in _FUNCTION_RES if pattern.search(text)]


def story_probes(story: Story, kind: str | None = None) -> list[Probe]:
    """Every follow-up this story invites, most likely first for a question of `kind`."""
    by_source: dict[str, list[Probe]] = {key: [] for key in _DEFAULT_ORDER}
    for tradeoff in story.tradeoffs:
        if tradeoff.over.strip():
            by_source["tradeoff"].append(
                Probe(f"Why not {_clause(tradeoff.over)}?", "tradeoff", tradeoff.because.strip())
            )
    for metric in story.metrics:
        if not metric.name.strip():
            continue
        answer = format_metric(metric) if metric.before is not None else ""
        by_source["metric"].append(
            Probe(
                f"What was the baseline for {_clause(metric.name)}, and how did you measure it?",
                "metric",
                answer,
            )
        )
    if says_we_more_than_i(story):
        by_source["ownership"].append(
            Probe(
                "What was your part, and the team's?",
                "ownership",
                "the story says 'we' more than 'I'",
            )
        )
    if not has_lesson(story):
        by_source["lesson"].append(
            Probe(
                "What would you do differently?",
                "lesson",
                "'what changed after' holds no lesson yet",
            )
        )
    named = functions_named(story)
    if named and (_CROSS_FUNCTIONAL & set(story.competencies) or len(named) >= 2):
        for name in named[:2]:
            by_source["function"].append(Probe(f"What did {name} push back on?", "function"))
    elif _CROSS_FUNCTIONAL & set(story.competencies):
        by_source["function"].append(
            Probe("Which team pushed back hardest, and what moved them?", "function")
        )
    if kind in KIND_PROBES:
        by_source["kind"].append(Probe(KIND_PROBES[kind], "kind"))
    order = _ORDER.get(kind or "", _DEFAULT_ORDER)
    # Round robin over the sources in the kind's order: the first three probes come from
    # three different angles instead of three tradeoffs.
    out: list[Probe] = []
    queues = [list(by_source[source]) for source in order]
    while any(queues):
        for queue in queues:
            if queue:
                out.append(queue.pop(0))
    return out


def top_probes(story: Story, kind: str | None = None, n: int = MAX_SHOWN) -> list[Probe]:
    return story_probes(story, kind)[:n]


def probe_texts(probes: Sequence[Probe]) -> list[str]:
    return [p.text for p in probes]
