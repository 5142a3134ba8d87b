"""The records of a story bank: stories, target companies and practice questions.

Plain records with no I/O (see `storybank.record` for why they are hand-written).
`to_dict` gives the file-format mapping in the contract's key order (so exports are
stable); `from_dict` rebuilds a record from data that has already been validated (the
store's own file, or `validate`).
Untrusted input goes through `storybank.validate`, never straight to `from_dict`.
"""

from __future__ import annotations

from typing import Any

from storybank.practice import PracticeRecord
from storybank.record import Record
from storybank.vocab import BEATS

Number = int | float

FILE_FORMAT_VERSION = 1


class Metric(Record):
    """A number the story moved, stated as before -> after."""

    __slots__ = ("name", "before", "after", "unit")  # noqa: RUF023 - constructor order

    def __init__(
        self, name: str, before: Number | None = None, after: Number | None = None, unit: str = ""
    ) -> None:
        self.name = name
        self.before = before
        self.after = after
        self.unit = unit

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"name": self.name, "before": self.before, "after": self.after}
        if self.unit:
            out["unit"] = self.unit
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Metric:
        return cls(
            name=data["name"],
            before=data.get("before"),
            after=data.get("after"),
            unit=data.get("unit") or "",
        )


class Tradeoff(Record):
    """An explicit choice: what was chosen, over what, and why."""

    __slots__ = ("chose", "over", "because")  # noqa: RUF023 - constructor order

    def __init__(self, chose: str, over: str = "", because: str = "") -> None:
        self.chose = chose
        self.over = over
        self.because = because

    def to_dict(self) -> dict[str, Any]:
        return {"chose": self.chose, "over": self.over, "because": self.because}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Tradeoff:
        return cls(
            chose=data["chose"], over=data.get("over") or "", because=data.get("because") or ""
        )


class Environment(Record):
    """Where a story happened (or what a company is): stage, customer type, org design."""

    __slots__ = ("stage", "customer", "org")  # noqa: RUF023 - constructor order

    def __init__(
        self, stage: str | None = None, customer: str | None = None, org: str | None = None
    ) -> None:
        self.stage = stage
        self.customer = customer
        self.org = org

    def is_empty(self) -> bool:
        return self.stage is None and self.customer is None and self.org is None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key in ("stage", "customer", "org"):
            value = getattr(self, key)
            if value is not None:
                out[key] = value
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any] | None) -> Environment:
        data = data or {}
        return cls(stage=data.get("stage"), customer=data.get("customer"), org=data.get("org"))


class Story(Record):
    """One core career story, told in six beats with numbers and tradeoffs."""

    __slots__ = (  # noqa: RUF023 - constructor order (repr shows it)
        "id",
        "title",
        "summary",
        "competencies",
        "context",
        "constraint",
        "decision",
        "execution",
        "result",
        "after",
        "metrics",
        "tradeoffs",
        "environment",
        "rounds",
        "tags",
        "themes",
    )

    def __init__(
        self,
        id: str,
        title: str,
        summary: str = "",
        competencies: list[str] | None = None,
        context: str = "",
        constraint: str = "",
        decision: str = "",
        execution: str = "",
        result: str = "",
        after: str = "",
        metrics: list[Metric] | None = None,
        tradeoffs: list[Tradeoff] | None = None,
        environment: Environment | None = None,
        rounds: dict[str, str] | None = None,
        tags: list[str] | None = None,
        themes: list[str] | None = None,
    ) -> None:
        self.id = id
        self.title = title
        self.summary = summary
        self.competencies: list[str] = [] if competencies is None else competencies
        self.context = context
        self.constraint = constraint
        self.decision = decision
        self.execution = execution
        self.result = result
        self.after = after
        self.metrics: list[Metric] = [] if metrics is None else metrics
        self.tradeoffs: list[Tradeoff] = [] if tradeoffs is None else tradeoffs
        self.environment = Environment() if environment is None else environment
        self.rounds: dict[str, str] = {} if rounds is None else rounds
        self.tags: list[str] = [] if tags is None else tags
        self.themes = themes
        """The themes the user says the story answers; None: not said (they are inferred
        from the story's words, `method.themes.story_themes`). An empty list says none."""

    def beat(self, name: str) -> str:
        if name not in BEATS:
            raise KeyError(name)
        return getattr(self, name)

    def beats(self) -> dict[str, str]:
        return {name: getattr(self, name) for name in BEATS}

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "id": self.id,
            "title": self.title,
            "summary": self.summary,
            "competencies": list(self.competencies),
        }
        for name in BEATS:
            out[name] = getattr(self, name)
        if self.metrics:
            out["metrics"] = [m.to_dict() for m in self.metrics]
        if self.tradeoffs:
            out["tradeoffs"] = [t.to_dict() for t in self.tradeoffs]
        if not self.environment.is_empty():
            out["environment"] = self.environment.to_dict()
        if self.rounds:
            out["rounds"] = {
                k: self.rounds[k] for k in ("behavioral", "case", "panel") if k in self.rounds
            }
        if self.tags:
            out["tags"] = list(self.tags)
        if self.themes is not None:
            out["themes"] = list(self.themes)
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Story:
        return cls(
            id=data["id"],
            title=data["title"],
            summary=data.get("summary") or "",
            competencies=list(data.get("competencies") or []),
            **{name: data.get(name) or "" for name in BEATS},
            metrics=[Metric.from_dict(m) for m in data.get("metrics") or []],
            tradeoffs=[Tradeoff.from_dict(t) for t in data.get("tradeoffs") or []],
            environment=Environment.from_dict(data.get("environment")),
            rounds=dict(data.get("rounds") or {}),
            tags=list(data.get("tags") or []),
            themes=None if data.get("themes") is None else list(data["themes"]),
        )


class Company(Record):
    """A target employer and what its interview loop probes.

    `interview_date` is the ISO date (YYYY-MM-DD) of the next interview, kept as text."""

    __slots__ = (  # noqa: RUF023 - constructor order (repr shows it)
        "id",
        "name",
        "stage",
        "customer",
        "org",
        "focus",
        "notes",
        "interview_date",
        "why_us",
    )

    def __init__(
        self,
        id: str,
        name: str,
        stage: str | None = None,
        customer: str | None = None,
        org: str | None = None,
        focus: list[str] | None = None,
        notes: str = "",
        interview_date: str | None = None,
        why_us: str = "",
    ) -> None:
        self.id = id
        self.name = name
        self.stage = stage
        self.customer = customer
        self.org = org
        self.focus: list[str] = [] if focus is None else focus
        self.notes = notes
        self.interview_date = interview_date
        self.why_us = why_us
        """Your "why us" note for this company, said when they ask why them."""

    @property
    def environment(self) -> Environment:
        return Environment(stage=self.stage, customer=self.customer, org=self.org)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"id": self.id, "name": self.name}
        for key in ("stage", "customer", "org"):
            value = getattr(self, key)
            if value is not None:
                out[key] = value
        out["focus"] = list(self.focus)
        out["notes"] = self.notes
        if self.interview_date:
            out["interview_date"] = self.interview_date
        if self.why_us:
            out["why_us"] = self.why_us
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Company:
        return cls(
            id=data["id"],
            name=data["name"],
            stage=data.get("stage"),
            customer=data.get("customer"),
            org=data.get("org"),
            focus=list(data.get("focus") or []),
            notes=data.get("notes") or "",
            interview_date=data.get("interview_date"),
            why_us=data.get("why_us") or "",
        )


class Question(Record):
    """A practice question with its kind and the competencies it probes."""

    __slots__ = ("id", "text", "kind", "competencies")  # noqa: RUF023 - constructor order

    def __init__(
        self, id: str, text: str, kind: str, competencies: list[str] | None = None
    ) -> None:
        self.id = id
        self.text = text
        self.kind = kind
        self.competencies: list[str] = [] if competencies is None else competencies

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "text": self.text,
            "kind": self.kind,
            "competencies": list(self.competencies),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Question:
        return cls(
            id=data["id"],
            text=data["text"],
            kind=data["kind"],
            competencies=list(data.get("competencies") or []),
        )


class Telling(Record):
    """One story told in one interview of a loop: to whom, in which round, on which day.

    `numbers` are the story's metrics as they stood when it was told, so a later edit
    that changes a number can be flagged: panelists compare notes, and two people must
    never hear two different numbers for the same story."""

    __slots__ = (  # noqa: RUF023 - constructor order (repr shows it)
        "id",
        "company",
        "story",
        "date",
        "round",
        "interviewer",
        "numbers",
    )

    def __init__(
        self,
        id: str,
        company: str,
        story: str,
        date: str,
        round: str | None = None,
        interviewer: str | None = None,
        numbers: list[Metric] | None = None,
    ) -> None:
        self.id = id
        self.company = company
        self.story = story
        self.date = date
        self.round = round
        self.interviewer = interviewer
        self.numbers: list[Metric] = [] if numbers is None else numbers

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "id": self.id,
            "company": self.company,
            "story": self.story,
            "date": self.date,
        }
        if self.round is not None:
            out["round"] = self.round
        if self.interviewer is not None:
            out["interviewer"] = self.interviewer
        if self.numbers:
            out["numbers"] = [m.to_dict() for m in self.numbers]
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Telling:
        return cls(
            id=data["id"],
            company=data["company"],
            story=data["story"],
            date=data["date"],
            round=data.get("round"),
            interviewer=data.get("interviewer"),
            numbers=[Metric.from_dict(m) for m in data.get("numbers") or []],
        )


class AskedQuestion(Record):
    """A question an interviewer actually asked, and the brief's question it matched (if any)."""

    __slots__ = ("text", "kind", "predicted")  # noqa: RUF023 - constructor order

    def __init__(self, text: str, kind: str, predicted: str | None = None) -> None:
        self.text = text
        self.kind = kind
        self.predicted = predicted

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"text": self.text, "kind": self.kind}
        if self.predicted is not None:
            out["predicted"] = self.predicted
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> AskedQuestion:
        return cls(text=data["text"], kind=data["kind"], predicted=data.get("predicted"))


class Debrief(Record):
    """What one interview actually asked, against what the brief had predicted.

    `predicted` holds the ids of the likely questions the brief showed at the time, so
    precision (predicted and asked / predicted) and recall (asked and predicted / asked)
    can be shown for the whole loop later, even after the question bank changes."""

    __slots__ = (  # noqa: RUF023 - constructor order (repr shows it)
        "id",
        "company",
        "date",
        "round",
        "interviewer",
        "asked",
        "predicted",
    )

    def __init__(
        self,
        id: str,
        company: str,
        date: str,
        round: str | None = None,
        interviewer: str | None = None,
        asked: list[AskedQuestion] | None = None,
        predicted: list[str] | None = None,
    ) -> None:
        self.id = id
        self.company = company
        self.date = date
        self.round = round
        self.interviewer = interviewer
        self.asked: list[AskedQuestion] = [] if asked is None else asked
        self.predicted: list[str] = [] if predicted is None else predicted

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"id": self.id, "company": self.company, "date": self.date}
        if self.round is not None:
            out["round"] = self.round
        if self.interviewer is not None:
            out["interviewer"] = self.interviewer
        out["asked"] = [a.to_dict() for a in self.asked]
        out["predicted"] = list(self.predicted)
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Debrief:
        return cls(
            id=data["id"],
            company=data["company"],
            date=data["date"],
            round=data.get("round"),
            interviewer=data.get("interviewer"),
            asked=[AskedQuestion.from_dict(a) for a in data.get("asked") or []],
            predicted=list(data.get("predicted") or []),
        )


RATINGS: tuple[str, ...] = ("again", "hard", "good", "easy")
"""The four recall grades, in the order of their keys 1-4 (FSRS's Again/Hard/Good/Easy)."""


class Review(Record):
    """One graded recall of a recall card: which card, the grade, when (ISO 8601, UTC)."""

    __slots__ = ("card", "rating", "at")  # noqa: RUF023 - constructor order

    def __init__(self, card: str, rating: str, at: str) -> None:
        self.card = card
        self.rating = rating
        self.at = at

    def to_dict(self) -> dict[str, Any]:
        return {"card": self.card, "rating": self.rating, "at": self.at}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Review:
        return cls(card=data["card"], rating=data["rating"], at=data["at"])


class Redaction(Record):
    """A real name (employer, customer, colleague, product) and its neutral stand-in."""

    __slots__ = ("name", "stand_in")

    def __init__(self, name: str, stand_in: str) -> None:
        self.name = name
        self.stand_in = stand_in

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "as": self.stand_in}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Redaction:
        return cls(name=data["name"], stand_in=data["as"])


class Pitch(Record):
    """The candidate's prepared answers to the questions that want a pitch, not a story."""

    __slots__ = ("arc", "why_this_work", "future", "strengths", "questions")  # noqa: RUF023

    def __init__(
        self,
        arc: str = "",
        why_this_work: str = "",
        future: str = "",
        strengths: str = "",
        questions: str = "",
    ) -> None:
        self.arc = arc
        """The 60-90 second career arc: what you do now, before, why this role."""
        self.why_this_work = why_this_work
        self.future = future
        self.strengths = strengths
        self.questions = questions

    def is_empty(self) -> bool:
        return not any(getattr(self, name).strip() for name in self.__slots__)

    def to_dict(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in self.__slots__ if getattr(self, name)}

    @classmethod
    def from_dict(cls, data: dict[str, Any] | None) -> Pitch:
        data = data or {}
        return cls(**{name: data.get(name) or "" for name in cls.__slots__})


PICK_SOURCES: tuple[str, ...] = ("ask", "practice", "cli")
"""Where a pick was made: the Ask screen, a practice round, `storybank pick`."""


class Pick(Record):
    """The user's own choice of story for a question (the advisor prefers it next time)."""

    __slots__ = ("question", "story", "at", "source")  # noqa: RUF023 - constructor order

    def __init__(self, question: str, story: str, at: str, source: str = "ask") -> None:
        self.question = question
        self.story = story
        self.at = at
        """When it was chosen (ISO 8601, UTC): the newest choice for a question wins."""
        self.source = source

    def to_dict(self) -> dict[str, Any]:
        return {
            "question": self.question,
            "story": self.story,
            "at": self.at,
            "source": self.source,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Pick:
        return cls(
            question=data["question"],
            story=data["story"],
            at=data["at"],
            source=data.get("source") or "ask",
        )


class Bank(Record):
    """Everything one YAML file (or the database) holds."""

    __slots__ = (  # noqa: RUF023 - constructor order
        "stories",
        "companies",
        "questions",
        "ledger",
        "debriefs",
        "reviews",
        "redactions",
        "redacted",
        "picks",
        "pitch",
        "practice",
    )

    def __init__(
        self,
        stories: list[Story] | None = None,
        companies: list[Company] | None = None,
        questions: list[Question] | None = None,
        ledger: list[Telling] | None = None,
        debriefs: list[Debrief] | None = None,
        reviews: list[Review] | None = None,
        redactions: list[Redaction] | None = None,
        redacted: bool = False,
        picks: list[Pick] | None = None,
        pitch: Pitch | None = None,
        practice: list[PracticeRecord] | None = None,
    ) -> None:
        self.stories: list[Story] = [] if stories is None else stories
        self.companies: list[Company] = [] if companies is None else companies
        self.questions: list[Question] = [] if questions is None else questions
        self.ledger: list[Telling] = [] if ledger is None else ledger
        """Which story was told to whom in each loop (optional in files)."""
        self.debriefs: list[Debrief] = [] if debriefs is None else debriefs
        """The questions actually asked after each interview (optional in files)."""
        self.reviews: list[Review] = [] if reviews is None else reviews
        """Recall-drill history, oldest first (see `storybank.recall`)."""
        self.redactions: list[Redaction] = [] if redactions is None else redactions
        """Names to replace in a redacted export (see `storybank.redact`)."""
        self.redacted = redacted
        """True for a bank read from a redacted export: its text holds stand-ins."""
        self.picks: list[Pick] = [] if picks is None else picks
        """Stories the user chose for questions, oldest first (see `advisor.picks`)."""
        self.pitch = Pitch() if pitch is None else pitch
        """What pitch questions are answered from (optional in files)."""
        self.practice: list[PracticeRecord] = [] if practice is None else practice
        """The Practice screen's drills, oldest first: exported so a new machine keeps the
        ratings and timings (optional in files)."""

    def story(self, story_id: str) -> Story | None:
        return next((s for s in self.stories if s.id == story_id), None)

    def company(self, company_id: str) -> Company | None:
        return next((c for c in self.companies if c.id == company_id), None)

    def custom_competencies(self) -> list[str]:
        """Competency names used in the bank that are not built in, in first-seen order."""
        from storybank.vocab import COMPETENCIES

        seen: dict[str, None] = {}
        for story in self.stories:
            for name in story.competencies:
                if name not in COMPETENCIES:
                    seen.setdefault(name, None)
        for company in self.companies:
            for name in company.focus:
                if name not in COMPETENCIES:
                    seen.setdefault(name, None)
        return list(seen)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"version": FILE_FORMAT_VERSION}
        if self.redacted:
            out["redacted"] = True
        if not self.pitch.is_empty():
            out["pitch"] = self.pitch.to_dict()
        if self.stories:
            out["stories"] = [s.to_dict() for s in self.stories]
        if self.companies:
            out["companies"] = [c.to_dict() for c in self.companies]
        if self.questions:
            out["questions"] = [q.to_dict() for q in self.questions]
        if self.ledger:
            out["ledger"] = [t.to_dict() for t in self.ledger]
        if self.debriefs:
            out["debriefs"] = [d.to_dict() for d in self.debriefs]
        if self.redactions:
            out["redactions"] = [r.to_dict() for r in self.redactions]
        if self.reviews:
            out["reviews"] = [r.to_dict() for r in self.reviews]
        if self.picks:
            out["picks"] = [p.to_dict() for p in self.picks]
        if self.practice:
            out["practice"] = [p.to_dict() for p in self.practice]
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Bank:
        return cls(
            stories=[Story.from_dict(s) for s in data.get("stories") or []],
            companies=[Company.from_dict(c) for c in data.get("companies") or []],
            questions=[Question.from_dict(q) for q in data.get("questions") or []],
            ledger=[Telling.from_dict(t) for t in data.get("ledger") or []],
            debriefs=[Debrief.from_dict(d) for d in data.get("debriefs") or []],
            reviews=[Review.from_dict(r) for r in data.get("reviews") or []],
            redactions=[Redaction.from_dict(r) for r in data.get("redactions") or []],
            redacted=bool(data.get("redacted")),
            picks=[Pick.from_dict(p) for p in data.get("picks") or []],
            pitch=Pitch.from_dict(data.get("pitch")),
            practice=[PracticeRecord.from_dict(p) for p in data.get("practice") or []],
        )


def _format_number(value: Number) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int):
        return f"{value:,}" if abs(value) >= 1000 else str(value)
    return f"{value:g}"


def metric_change(metric: Metric) -> float | None:
    """Relative change after vs before in percent, or None when it cannot be computed."""
    if metric.before is None or metric.after is None or metric.before == 0:
        return None
    return (metric.after - metric.before) / abs(metric.before) * 100.0


PERCENT_UNITS = frozenset(("%", "percent", "per cent", "pct"))
"""Units that mean a percentage: a change between two of them is said in points."""

POINT_UNITS = frozenset(("pp", "pt", "pts", "point", "points"))
"""Units already in percentage points."""

_PREFIX_UNITS = frozenset(("$", "€", "£", "¥"))


def moves_in_points(metric: Metric) -> bool:
    """A percentage (or points) metric: its change is a difference in points, never a
    relative change of a percentage ("18% -> 85%" is +67 points, not +372%)."""
    unit = metric.unit.strip().lower()
    return unit in PERCENT_UNITS or unit in POINT_UNITS


def format_metric(metric: Metric, *, with_name: bool = False) -> str:
    """State a metric compactly, the unit written once: `120 -> 35 tickets (-71%)`,
    `19 -> 3.5 h (-82%)`, `$40k`-style prefixes on both sides, and a percentage's change in
    points: `18% -> 85% (+67 pts)`."""
    unit = metric.unit.strip()
    glued = unit == "%"
    prefix = unit in _PREFIX_UNITS

    def number(value: Number | None) -> str:
        if value is None:
            return "?"
        shown = _format_number(value)
        if prefix:
            return f"-{unit}{shown[1:]}" if shown.startswith("-") else f"{unit}{shown}"
        return f"{shown}%" if glued else shown

    text = f"{number(metric.before)} -> {number(metric.after)}"
    if unit and not prefix and not glued:
        text += f" {unit}"
    if moves_in_points(metric):
        if metric.before is not None and metric.after is not None:
            diff = float(metric.after) - float(metric.before)
            exact = diff.is_integer() or abs(diff) >= 10
            amount = f"{diff:+.0f}" if exact else f"{diff:+.1f}".removesuffix(".0")
            word = "pt" if amount[1:] == "1" else "pts"  # as shown: +1.04 reads "+1 pt"
            text += f" ({amount} {word})"
    else:
        change = metric_change(metric)
        if change is not None:
            text += f" ({change:+.0f}%)" if abs(change) >= 1 else f" ({change:+.1f}%)"
    return f"{metric.name}: {text}" if with_name else text
