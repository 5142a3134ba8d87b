"""The file format's records, declared once: every field's name, order, kind, whether it is
required, and the label people see.

The model (`model.py`), the fast check of stored records (`recordcheck.py`), the thorough
validator (`validate.py`), the export order (`vocab.STORY_KEYS`, `yamlio`), the editor's and
the conflict dialog's field labels and the renderers read these tuples; nothing else spells
out the schema. `tests/unit/test_schema.py` holds each record class to its declaration (same
fields, same order, required fields refused when missing), so a field added here and not
there fails a test instead of drifting.

Kept to plain tuples of `Field`: this module sits on the `storybank ask` path and imports
nothing.
"""

from __future__ import annotations


class Field:
    """One key of a record in the file format."""

    __slots__ = ("example", "kind", "label", "name", "required")

    def __init__(
        self, name: str, kind: str, label: str, required: bool = False, example: str = ""
    ) -> None:
        self.name = name
        self.kind = kind
        """text (free text, may span lines), line (one line), slug (an id), names (a list of
        slugs), list (of short texts), records (a list of nested records), mapping, choice
        (one value of a vocabulary), number, date (YYYY-MM-DD)."""
        self.label = label
        """How the field is named to people (editor, errors, conflict dialog, renderers)."""
        self.required = required
        self.example = example
        """A short example of a valid value, quoted by errors about the field."""

    def __repr__(self) -> str:
        return f"Field({self.name!r})"


BEATS: tuple[str, ...] = ("context", "constraint", "decision", "execution", "result", "after")
"""The six beats of every story, in the order they are told."""

_BEAT_LABELS = ("Context", "Constraint", "Decision", "Execution", "Result", "What changed after")
_REQUIRED_BEATS = frozenset(("context", "decision", "result"))

STORY: tuple[Field, ...] = (
    Field("id", "slug", "Id", required=True, example="onboarding-revamp"),
    Field("title", "line", "Title", required=True),
    Field("summary", "text", "Summary"),
    Field("competencies", "names", "Competencies", required=True, example="[metric-frameworks]"),
    *(
        Field(beat, "text", label, required=beat in _REQUIRED_BEATS)
        for beat, label in zip(BEATS, _BEAT_LABELS, strict=True)
    ),
    Field("metrics", "records", "Metrics", example="[{name: ..., before: 10, after: 4}]"),
    Field("tradeoffs", "records", "Tradeoffs", example="[{chose: ..., over: ..., because: ...}]"),
    Field("environment", "mapping", "Environment", example="{stage: scaleup}"),
    Field("rounds", "mapping", "Rounds", example="{panel: ...}"),
    Field("tags", "list", "Tags", example="[fintech, remote]"),
    Field("themes", "names", "Themes", example="[failure, saying-no]"),
)
"""A story, in the order files are written."""

METRIC: tuple[Field, ...] = (
    Field("name", "line", "Name", required=True),
    Field("before", "number", "Before"),
    Field("after", "number", "After"),
    Field("unit", "line", "Unit"),
)
TRADEOFF: tuple[Field, ...] = (
    Field("chose", "line", "Chose", required=True),
    Field("over", "line", "Over"),
    Field("because", "text", "Because"),
)
ENVIRONMENT: tuple[Field, ...] = (
    Field("stage", "choice", "Stage"),
    Field("customer", "choice", "Customer"),
    Field("org", "choice", "Org design"),
)
COMPANY: tuple[Field, ...] = (
    Field("id", "slug", "Id", required=True, example="acme"),
    Field("name", "line", "Name", required=True),
    *ENVIRONMENT,
    Field("focus", "names", "Focus"),
    Field("notes", "text", "Notes"),
    Field("interview_date", "date", "Interview date", example="2027-01-12"),
    Field("why_us", "text", "Why us"),
)
"""A target company, in the order files are written."""

QUESTION: tuple[Field, ...] = (
    Field("id", "slug", "Id", required=True),
    Field("text", "text", "Text", required=True),
    Field("kind", "choice", "Kind", required=True),
    Field("competencies", "names", "Competencies"),
)


PITCH: tuple[Field, ...] = (
    Field("arc", "text", "Your arc"),
    Field("why_this_work", "text", "Why this work"),
    Field("future", "text", "Where it leads"),
    Field("strengths", "text", "Strengths and a weakness"),
    Field("questions", "text", "Your questions for them"),
)
"""The candidate's pitch (`pitch:` at the top of the file): what a "tell me about yourself",
"why product ops" or "where do you see yourself" question is answered from. The per-company
"why us" note is the company's `why_us`."""

PICK: tuple[Field, ...] = (
    Field("question", "text", "Question", required=True),
    Field("story", "slug", "Story", required=True, example="onboarding-revamp"),
    Field("at", "time", "When", required=True, example="2026-12-02T09:30:00Z"),
    Field("source", "choice", "Where", example="ask"),
)
"""A story the user chose for a question over the advisor's first suggestion."""


PRACTICE: tuple[Field, ...] = (
    Field("date", "time", "When", required=True, example="2026-12-02T09:30:00"),
    Field("question_id", "line", "Question id"),
    Field("question", "text", "Question", required=True),
    Field("kind", "choice", "Kind", example="behavioral"),
    Field("competencies", "names", "Competencies"),
    Field("company", "slug", "Company", example="acme"),
    Field("chosen", "slug", "Story told", example="onboarding-revamp"),
    Field("advisor", "slug", "Advisor's pick", example="onboarding-revamp"),
    Field("rating", "number", "Rating", example="4"),
    Field("seconds", "number", "Seconds spoken", example="95"),
    Field("limit", "number", "Seconds allowed", example="120"),
    Field("follow_ups", "list", "Follow-ups"),
)
"""One drill of the Practice screen (`storybank.practice.PracticeRecord`), as exported."""


def keys(fields: tuple[Field, ...]) -> tuple[str, ...]:
    """The field names of a record, in file order."""
    return tuple(field.name for field in fields)


def required(fields: tuple[Field, ...]) -> tuple[str, ...]:
    return tuple(field.name for field in fields if field.required)


def labels(fields: tuple[Field, ...]) -> dict[str, str]:
    return {field.name: field.label for field in fields}


def field(fields: tuple[Field, ...], name: str) -> Field:
    """The declaration of one field (KeyError for a name the record does not have)."""
    for candidate in fields:
        if candidate.name == name:
            return candidate
    raise KeyError(name)
