"""Question kinds: one record each, read by the advisor, coverage, the brief, CLI and TUI.

Adding a kind means adding one `Kind` here, its rule in `storybank.method.fit`, and tests;
nothing else keeps a table of kinds (docs/architecture.md).
"""

from __future__ import annotations


class Kind:
    """Everything the product knows about one kind of interview question."""

    __slots__ = (  # noqa: RUF023 - constructor order
        "name",
        "abbreviation",
        "short",
        "lead",
        "emphasis",
        "serves",
        "lacks",
        "rule",
        "fit_weight",
        "needs_pitch",
        "topic_rank",
    )

    def __init__(
        self,
        name: str,
        abbreviation: str,
        short: str,
        lead: tuple[str, ...],
        emphasis: str,
        serves: str,
        lacks: str,
        rule: str,
        fit_weight: float = 1.0,
        needs_pitch: bool = False,
        topic_rank: int | None = None,
    ) -> None:
        self.name = name
        self.abbreviation = abbreviation
        """Three capitals for plain-text matrices (CLI)."""
        self.short = short
        """A short column header for the TUI at 80 columns."""
        self.lead = lead
        """Beats to lead with, in order of preference (the first one told wins)."""
        self.emphasis = emphasis
        """One sentence of emphasis; {choice}, {metric} and {where} come from the story."""
        self.serves = serves
        """Why a story that can serve this kind does (said in `why`)."""
        self.lacks = lacks
        """What a story that cannot serve this kind lacks (said in `why` and coverage)."""
        self.rule = rule
        """The documented rule for what a story needs to serve this kind."""
        self.fit_weight = fit_weight
        """How much a story's fit for the kind counts in ranking, relative to the usual:
        a success story must never answer a failure question, so failure weighs most."""
        self.needs_pitch = needs_pitch
        self.topic_rank = topic_rank
        """Set for a kind named by what the question is about (failure, conflict...): such
        kinds win over the framing kinds (behavioral, case: None), the lower rank first when
        two topics score alike. Its cue phrases are `method.cues.KIND_CUES[name]`."""
        """Answered from the candidate's prepared pitch, with one story as evidence."""


KINDS: tuple[Kind, ...] = (
    Kind(
        "behavioral",
        "BEH",
        "behav",
        ("context", "decision"),
        "Set the scene in two sentences, then move quickly to your decision, what you did "
        "and the before -> after numbers.",
        "the six beats are filled",
        "several beats are empty",
        "the three required beats told (context, decision, result)",
    ),
    Kind(
        "tradeoff",
        "TRD",
        "trade",
        ("constraint", "decision"),
        "Name the constraint, lay out the options that were on the table, and spend the time "
        "on why you chose {choice}.",
        "has an explicit tradeoff and constraint",
        "no explicit tradeoff recorded",
        "a tradeoff saying what was chosen and what over or why",
        fit_weight=1.5,
        topic_rank=3,
    ),
    Kind(
        "metrics",
        "MTR",
        "metric",
        ("result", "decision"),
        "Open with the number ({metric}), then say how it was defined and measured and what "
        "moved it.",
        "has before -> after numbers",
        "few or no before -> after numbers",
        "a metric with both a before and an after number",
        fit_weight=1.5,
        topic_rank=4,
    ),
    Kind(
        "failure",
        "FAI",
        "fail",
        ("after", "decision"),
        "Own the call in one sentence, then spend most of the answer on what changed after "
        "and how you work differently now.",
        "something went wrong and `after` holds the lesson",
        "not a story of a failure",
        "something that went wrong in your own work (a mistake, a rollback, a missed date) "
        "told in the decision, execution, result or after beats",
        fit_weight=4.0,
        topic_rank=1,
    ),
    Kind(
        "conflict",
        "CON",
        "confl",
        ("constraint", "decision"),
        "Show that you understood the other side's position, what moved them, and how the "
        "working relationship came out of it.",
        "involves pushback or a sceptic won over",
        "little pushback or disagreement",
        "pushback or a disagreement with another side told in a beat",
        fit_weight=3.0,
        topic_rank=2,
    ),
    Kind(
        "case",
        "CAS",
        "case",
        ("decision", "context"),
        "Borrow this story's reasoning, not its details: say how you would make the same "
        "call in {where}, and what you would check first.",
        "a decision whose reasoning transfers",
        "little reasoning to transfer",
        "a decision with its reasoning: a tradeoff with a reason, or 'because' in the decision",
    ),
    Kind(
        "motivation",
        "MOT",
        "motiv",
        ("after", "context"),
        "Use the story as evidence, not the answer: what this work taught you and why you "
        "want more of it in this role.",
        "`after` says what you learned",
        "no lesson in `after`",
        "a 'what changed after' beat (why the work mattered to you)",
        needs_pitch=True,
        topic_rank=0,
    ),
)
"""Every question kind, in the order matrices and menus show them."""

BY_NAME: dict[str, Kind] = {kind.name: kind for kind in KINDS}
NAMES: tuple[str, ...] = tuple(kind.name for kind in KINDS)
TOPIC_KINDS: tuple[str, ...] = tuple(
    kind.name
    for kind in sorted(
        (kind for kind in KINDS if kind.topic_rank is not None),
        key=lambda kind: kind.topic_rank or 0,
    )
)
"""Kinds named by what the question is about, in rank order; they win over FRAME_KINDS."""
FRAME_KINDS: tuple[str, ...] = tuple(kind.name for kind in KINDS if kind.topic_rank is None)
"""Kinds named by how the question is framed (hypothetical or past)."""


def kind(name: str) -> Kind:
    """The record of a kind by name (KeyError for an unknown one)."""
    return BY_NAME[name]
