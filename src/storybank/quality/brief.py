"""The pre-call brief: one page to read five minutes before an interview with a company.

It gathers, for one target company: who they are (stage, customer, org, focus,
notes, days to the interview); your stories ranked by fit with what to adapt;
the angle for each focus area; the numbers and the tradeoff of each story; the
8-10 questions this loop is most likely to ask, each mapped to a story and the
beat to lead with; and the "closest example" reminders where the bank has a gap.

The story choices come from the advisor; the lead beat follows the question's
labelled kind (the bank knows whether a question is a failure question, so the
brief does not have to guess). No Textual import: the CLI and the TUI Brief
screen render the same `Brief`.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from storybank.model import Bank, Company, Question, Story
from storybank.quality.coverage import KIND_RULES
from storybank.vocab import BEAT_LABELS

LIKELY_QUESTIONS = 10
TRADEOFF_REASON_CHARS = 70


@dataclass(slots=True)
class RankedStory:
    """A story's place in the fit ranking for the company, and how to adapt it."""

    id: str
    title: str
    score: float
    focus_covered: list[str]
    adapt: list[str]
    why: list[str]

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "score": self.score,
            "focus_covered": list(self.focus_covered),
            "adapt": list(self.adapt),
            "why": list(self.why),
        }


@dataclass(slots=True)
class FocusAngle:
    """For one focus area: the story to tell, the beat to lead with and what to stress."""

    competency: str
    prompt: str
    story_id: str | None
    title: str | None
    lead_with: str | None
    emphasis: str
    opening: str
    metric: str | None
    covered_by: list[str]
    weak: bool

    def to_dict(self) -> dict[str, Any]:
        return {
            "competency": self.competency,
            "prompt": self.prompt,
            "story": self.story_id,
            "title": self.title,
            "lead_with": self.lead_with,
            "emphasis": self.emphasis,
            "opening": self.opening,
            "metric": self.metric,
            "covered_by": list(self.covered_by),
            "weak": self.weak,
        }


@dataclass(slots=True)
class StoryFacts:
    """The numbers and the tradeoff of one story, to have at the tip of the tongue."""

    id: str
    title: str
    numbers: list[str]
    tradeoff: str | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "numbers": list(self.numbers),
            "tradeoff": self.tradeoff,
        }


@dataclass(slots=True)
class LikelyQuestion:
    """A likely question and the story (and beat) to answer it with."""

    id: str
    text: str
    kind: str
    competencies: list[str]
    story_id: str | None
    title: str | None
    lead_with: str | None
    weak: bool

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "text": self.text,
            "kind": self.kind,
            "competencies": list(self.competencies),
            "story": self.story_id,
            "title": self.title,
            "lead_with": self.lead_with,
            "weak": self.weak,
        }


@dataclass(slots=True)
class Reminder:
    """A 'closest example' reminder for a gap: what to use, what differs, how to lead."""

    subject: str
    message: str
    story_id: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"subject": self.subject, "message": self.message, "story": self.story_id}


@dataclass(slots=True)
class Brief:
    """Everything on the pre-call page for one company."""

    company: Company
    today: _dt.date
    days_until: int | None
    stories: list[RankedStory]
    angles: list[FocusAngle]
    facts: list[StoryFacts]
    questions: list[LikelyQuestion]
    reminders: list[Reminder] = field(default_factory=list)
    environment_notes: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        c = self.company
        return {
            "company": {
                "id": c.id,
                "name": c.name,
                "stage": c.stage,
                "customer": c.customer,
                "org": c.org,
                "focus": list(c.focus),
                "notes": c.notes,
                "interview_date": c.interview_date,
            },
            "today": self.today.isoformat(),
            "days_until": self.days_until,
            "stories": [s.to_dict() for s in self.stories],
            "angles": [a.to_dict() for a in self.angles],
            "facts": [f.to_dict() for f in self.facts],
            "questions": [q.to_dict() for q in self.questions],
            "reminders": [r.to_dict() for r in self.reminders],
            "environment_notes": list(self.environment_notes),
        }


# -- building ---------------------------------------------------------------------------------


def days_until(interview_date: str | None, today: _dt.date) -> int | None:
    """Whole days from `today` to the ISO `interview_date`; None when absent or unreadable."""
    if not interview_date:
        return None
    try:
        day = _dt.date.fromisoformat(interview_date.strip())
    except ValueError:
        return None
    return (day - today).days


def when_text(days: int | None, interview_date: str | None) -> str:
    """'interview today', 'in 3 days (2026-12-08)', '2 days ago (...)' or ''."""
    if days is None:
        return ""
    if days == 0:
        return f"interview today ({interview_date})"
    if days == 1:
        return f"interview tomorrow ({interview_date})"
    if days > 0:
        return f"interview in {days} days ({interview_date})"
    ago = -days
    return f"interview was {ago} day{'s' if ago != 1 else ''} ago ({interview_date})"


NATURAL_KIND: dict[str, str] = {
    "metric-frameworks": "metrics",
    "prioritization": "tradeoff",
    "stakeholder-management": "conflict",
}
"""The kind of question a focus area is most often probed with; others get behavioral."""


def focus_prompt(competency: str, questions: Sequence[Question]) -> tuple[str, str]:
    """A real question probing `competency` and its kind, or a plain behavioral prompt.

    Prefers the area's natural kind (metrics for metric frameworks, tradeoff for
    prioritization, conflict for stakeholder management, behavioral otherwise),
    then the question most focused on the area, then bank order.
    """
    natural = NATURAL_KIND.get(competency, "behavioral")
    candidates = [
        (q.kind != natural, q.competencies.index(competency), len(q.competencies), i)
        for i, q in enumerate(questions)
        if competency in q.competencies
    ]
    if candidates:
        chosen = questions[min(candidates)[3]]
        return chosen.text, chosen.kind
    return f"Tell me about a time you showed {competency.replace('-', ' ')}.", "behavioral"


def serves(story: Story, question: Question) -> bool:
    """The story is a real answer to `question`: it can serve the question's labelled kind
    (the coverage rules) and shows at least one competency the question probes.

    The advisor judges a match from the question's text alone; the bank's question
    also carries its kind and competencies, so a low text score does not make a
    story that plainly fits into a "closest example".
    """
    from storybank.quality.coverage import kind_check

    if question.kind not in KIND_RULES or not kind_check(story, question.kind)[0]:
        return False
    return bool(set(question.competencies) & set(story.competencies))


def _lead_for(story: Story, kind: str, weak: bool) -> str:
    """The beat to open with for a question of `kind` (the labelled kind, not a guess)."""
    from storybank.advisor.angle import lead_beat

    return lead_beat(story, kind, weak=weak)


def build_brief(
    bank_or_stories: Bank | Sequence[Story],
    company: Company,
    questions: Sequence[Question],
    today: _dt.date | None = None,
    n_questions: int = LIKELY_QUESTIONS,
) -> Brief:
    """Assemble the brief for `company` from the stories and the question bank."""
    from storybank.advisor import advise, rank_for_company
    from storybank.quality.cards import metric_line, tradeoff_line
    from storybank.quality.coverage import coverage
    from storybank.quality.questions import likely_questions

    stories = list(
        bank_or_stories.stories if isinstance(bank_or_stories, Bank) else bank_or_stories
    )
    today = today or _dt.date.today()
    by_id = {s.id: s for s in stories}

    ranked: list[RankedStory] = []
    if stories:
        for fit in rank_for_company(stories, company):
            ranked.append(
                RankedStory(
                    id=fit.story.id,
                    title=fit.story.title,
                    score=fit.score,
                    focus_covered=[c for c in company.focus if c in fit.story.competencies],
                    adapt=list(fit.adapt),
                    why=list(fit.why),
                )
            )
    order = [r.id for r in ranked]

    angles: list[FocusAngle] = []
    reminders: list[Reminder] = []
    for area in company.focus:
        prompt, kind = focus_prompt(area, questions)
        covered = [sid for sid in order if area in by_id[sid].competencies]
        if not stories:
            angles.append(FocusAngle(area, prompt, None, None, None, "", "", None, [], True))
            reminders.append(
                Reminder(area, f"No stories yet for {area}: write one before the call.")
            )
            continue
        angle, reminder = _focus_angle(area, prompt, kind, covered, stories, company)
        angles.append(angle)
        if reminder is not None:
            reminders.append(reminder)

    facts = [
        StoryFacts(
            id=story.id,
            title=story.title,
            numbers=[metric_line(m) for m in story.metrics],
            tradeoff=tradeoff_line(story.tradeoffs[0], TRADEOFF_REASON_CHARS)
            if story.tradeoffs and story.tradeoffs[0].chose.strip()
            else None,
        )
        for story in (by_id[sid] for sid in order)
    ]

    likely: list[LikelyQuestion] = []
    for question in likely_questions(questions, company, n=n_questions):
        if not stories:
            likely.append(
                LikelyQuestion(
                    question.id,
                    question.text,
                    question.kind,
                    list(question.competencies),
                    None,
                    None,
                    None,
                    True,
                )
            )
            continue
        advice = advise(question.text, stories, company=company, top=1)
        top = advice.suggestions[0] if advice.suggestions else None
        story = by_id[top.id] if top else None
        weak = advice.weak_match and not (story is not None and serves(story, question))
        likely.append(
            LikelyQuestion(
                id=question.id,
                text=question.text,
                kind=question.kind,
                competencies=list(question.competencies),
                story_id=story.id if story else None,
                title=story.title if story else None,
                lead_with=_lead_for(story, question.kind, weak) if story else None,
                weak=weak,
            )
        )
    for item in likely:
        # Motivation questions are about you, not one story: no closest-example reminder.
        if item.weak and item.story_id and item.kind != "motivation":
            reminders.append(
                Reminder(
                    item.id,
                    f'"{item.text}": no story fits well. Closest: {item.title} '
                    f"({item.story_id}). Say what differs, and lead with the reasoning you "
                    f"would apply at {company.name}.",
                    item.story_id,
                )
            )

    report = coverage(stories, company) if stories else None
    environment_notes = (
        [g.message for g in report.gaps if g.code.startswith("environment-")] if report else []
    )
    return Brief(
        company=company,
        today=today,
        days_until=days_until(company.interview_date, today),
        stories=ranked,
        angles=angles,
        facts=facts,
        questions=likely,
        reminders=reminders,
        environment_notes=environment_notes,
    )


def _focus_angle(
    area: str,
    prompt: str,
    kind: str,
    covered: list[str],
    stories: list[Story],
    company: Company,
) -> tuple[FocusAngle, Reminder | None]:
    """The advisor's best story for the area's prompt among those that cover the area.

    When no story covers the area, the advisor's overall best is the closest
    example, and the reminder says what differs and to lead with the reasoning.
    """
    from storybank.advisor import advise
    from storybank.advisor.angle import (
        WEAK_EMPHASIS,
        emphasis_sentence,
        lead_beat,
        opening_line,
        pick_metric,
    )
    from storybank.model import format_metric

    by_id = {s.id: s for s in stories}
    advice = advise(prompt, stories, company=company, top=len(stories))
    ranked = [by_id[s.id] for s in advice.suggestions]
    chosen = next((s for s in ranked if s.id in covered), None)
    if chosen is None and covered:
        chosen = by_id[covered[0]]
    weak = chosen is None
    story = chosen or ranked[0]
    metric = pick_metric(story, set())
    lead = lead_beat(story, kind, weak=weak)
    if weak:
        emphasis = WEAK_EMPHASIS.format(differs=_differs(area, story))
    else:
        emphasis = emphasis_sentence(story, kind, metric, company)
    angle = FocusAngle(
        competency=area,
        prompt=prompt,
        story_id=story.id,
        title=story.title,
        lead_with=lead,
        emphasis=emphasis,
        opening=opening_line(story, lead, metric),
        metric=format_metric(metric, with_name=True) if metric else None,
        covered_by=covered,
        weak=weak,
    )
    return angle, _closest_reminder(area, story, company) if weak else None


def _differs(area: str, story: Story) -> str:
    shows = ", ".join(story.competencies[:2]) or "other areas"
    return f"it shows {shows} rather than {area}"


def _closest_reminder(area: str, story: Story, company: Company) -> Reminder:
    """The method's answer to 'no perfect example': the closest story, what differs, reasoning."""
    return Reminder(
        area,
        f"No story shows {area}. Closest: {story.title} ({story.id}). Say plainly that "
        f"{_differs(area, story)}, then lead with the reasoning you would apply "
        f"at {company.name}.",
        story.id,
    )


# -- plain text -------------------------------------------------------------------------------


def _environment_line(company: Company) -> str:
    from storybank.quality.coverage import CUSTOMER_LABELS

    parts = []
    if company.stage:
        parts.append(f"{company.stage} stage")
    if company.customer:
        parts.append(f"{CUSTOMER_LABELS.get(company.customer, company.customer)} customers")
    if company.org:
        parts.append(f"{company.org} org")
    return ", ".join(parts) if parts else "environment not recorded"


def adaptation_keys(brief: Brief) -> tuple[list[str], dict[str, list[str]]]:
    """Adaptation notes de-duplicated: the distinct notes, and each story's note letters.

    Most notes repeat across stories (they depend on the company), so the brief
    prints each once, lettered, and lists the letters per story.
    """
    notes: list[str] = []
    keys: dict[str, list[str]] = {}
    for item in brief.stories:
        keys[item.id] = []
        for note in item.adapt:
            if note not in notes:
                notes.append(note)
            keys[item.id].append(_letter(notes.index(note)))
    return notes, keys


def _letter(index: int) -> str:
    return chr(ord("a") + index) if index < 26 else str(index + 1)


def _lead_label(beat: str | None) -> str:
    return BEAT_LABELS.get(beat or "", beat or "?").lower()


def render_brief_text(brief: Brief, width: int = 80) -> str:
    """The brief as plain text within `width` columns; user text is neutralised."""
    from storybank.quality.report_text import labelled, one_line, pad, rule, truncate, wrap

    c = brief.company
    lines = rule(f"Brief: {one_line(c.name)}", width)
    lines.extend(wrap(_environment_line(c), width))
    when = when_text(brief.days_until, c.interview_date)
    if when:
        lines.extend(wrap(when[0].upper() + when[1:], width))
    if c.focus:
        lines.extend(labelled("Focus:", ", ".join(c.focus), width))
    if c.notes.strip():
        lines.extend(labelled("Notes:", c.notes, width))

    lines += ["", *rule("Your stories by fit", width, "-")]
    if not brief.stories:
        lines.append("No stories yet: add some with `storybank import FILE`.")
    notes, keys = adaptation_keys(brief)
    for number, item in enumerate(brief.stories, 1):
        head = f"{number:>2}. {item.score:.2f}  "
        lines.append(head + pad(item.title, width - len(head)).rstrip())
        detail = item.id
        if item.focus_covered:
            detail += " | covers " + ", ".join(item.focus_covered)
        if keys.get(item.id):
            detail += " | adapt " + ",".join(keys[item.id])
        lines.extend(wrap(detail, width, indent=" " * len(head)))
    if notes:
        lines.append("Adapt when telling them here:")
        for index, note in enumerate(notes):
            lines.extend(labelled(f" ({_letter(index)})", note, width))

    if brief.angles:
        lines += ["", *rule("Angle for each focus area", width, "-")]
        for angle in brief.angles:
            lines.append(truncate(angle.competency, width))
            if angle.story_id is None:
                lines.extend(wrap("no story yet: write one", width, indent="   "))
                continue
            marker = "closest example: " if angle.weak else ""
            lines.extend(
                wrap(
                    f"{marker}{angle.story_id}, lead with {_lead_label(angle.lead_with)}"
                    + (f"; quote {angle.metric}" if angle.metric else ""),
                    width,
                    indent="   ",
                )
            )
            lines.extend(wrap(angle.emphasis, width, indent="   "))

    lines += ["", *rule("Numbers to remember", width, "-")]
    with_numbers = [fact for fact in brief.facts if fact.numbers]
    if not with_numbers:
        lines.append("No before -> after numbers recorded: add them before the call.")
    for fact in with_numbers:
        lines.append(truncate(fact.id, width))
        for figure in fact.numbers:
            lines.extend(labelled("  -", figure, width))

    lines += ["", *rule("Tradeoff per story", width, "-")]
    for fact in brief.facts:
        text = fact.tradeoff or "no tradeoff recorded: name the options and why you chose"
        lines.extend(wrap(f"{fact.id}: {text}", width, subsequent="    "))

    lines += ["", *rule(f"Likely questions at {one_line(c.name)}", width, "-")]
    if not brief.questions:
        lines.append("No questions in the bank.")
    for number, q in enumerate(brief.questions, 1):
        lines.extend(labelled(f"{number:>2}.", f"[{q.kind}] {q.text}", width))
        if q.story_id:
            tag = "closest: " if q.weak else ""
            lines.extend(
                wrap(
                    f"-> {tag}{q.story_id}, lead with {_lead_label(q.lead_with)}",
                    width,
                    indent="    ",
                    subsequent="       ",
                )
            )

    if brief.reminders or brief.environment_notes:
        lines += ["", *rule("Closest example reminders", width, "-")]
        for reminder in brief.reminders:
            lines.extend(labelled("!", reminder.message, width))
        for note in brief.environment_notes:
            lines.extend(labelled("-", note, width))
    return "\n".join(lines) + "\n"


# -- markdown ---------------------------------------------------------------------------------


def render_brief_markdown(brief: Brief) -> str:
    """The brief as a printable markdown page; user text is escaped, never markup."""
    from storybank.quality.report_text import md

    c = brief.company
    out = [f"# Brief: {md(c.name)}", ""]
    out.append(f"*{md(_environment_line(c))}*")
    when = when_text(brief.days_until, c.interview_date)
    if when:
        out += ["", f"**{md(when[0].upper() + when[1:])}**"]
    if c.focus:
        out += ["", f"**Focus:** {', '.join(md(f) for f in c.focus)}"]
    if c.notes.strip():
        out += ["", f"**Notes:** {md(c.notes)}"]

    out += ["", "## Your stories by fit", ""]
    if not brief.stories:
        out.append("No stories yet.")
    notes, keys = adaptation_keys(brief)
    for number, item in enumerate(brief.stories, 1):
        line = f"{number}. **{md(item.title)}** (`{item.id}`), fit {item.score:.2f}"
        if item.focus_covered:
            line += f"; covers {', '.join(md(x) for x in item.focus_covered)}"
        if keys.get(item.id):
            line += f"; adapt ({', '.join(keys[item.id])})"
        out.append(line)
    if notes:
        out += ["", "Adapt when telling them here:", ""]
        out.extend(f"- ({_letter(i)}) {md(note)}" for i, note in enumerate(notes))

    if brief.angles:
        out += ["", "## Angle for each focus area", ""]
        for angle in brief.angles:
            if angle.story_id is None:
                out.append(f"- **{md(angle.competency)}:** no story yet")
                continue
            marker = "closest example: " if angle.weak else ""
            line = (
                f"- **{md(angle.competency)}:** {marker}{md(angle.title or '')} "
                f"(`{angle.story_id}`), lead with {_lead_label(angle.lead_with)}"
            )
            if angle.metric:
                line += f"; quote {md(angle.metric)}"
            out.append(line)
            out.append(f"  - {md(angle.emphasis)}")

    out += ["", "## Numbers to remember", ""]
    numbers = [fact for fact in brief.facts if fact.numbers]
    if not numbers:
        out.append("No before -> after numbers recorded.")
    for fact in numbers:
        out.append(f"- **{md(fact.title)}** (`{fact.id}`)")
        out.extend(f"  - {md(n)}" for n in fact.numbers)

    out += ["", "## Tradeoff per story", ""]
    for fact in brief.facts:
        text = md(fact.tradeoff) if fact.tradeoff else "*no tradeoff recorded*"
        out.append(f"- `{fact.id}`: {text}")

    out += ["", f"## Likely questions at {md(c.name)}", ""]
    if not brief.questions:
        out.append("No questions in the bank.")
    for number, q in enumerate(brief.questions, 1):
        out.append(f"{number}. \\[{q.kind}\\] {md(q.text)}")
        if q.story_id:
            tag = "closest: " if q.weak else ""
            indent = " " * len(f"{number}. ")
            out.append(
                f"{indent}- {tag}{md(q.title or '')} (`{q.story_id}`), "
                f"lead with {_lead_label(q.lead_with)}"
            )

    if brief.reminders or brief.environment_notes:
        out += ["", "## Closest example reminders", ""]
        out.extend(f"- {md(r.message)}" for r in brief.reminders)
        out.extend(f"- {md(note)}" for note in brief.environment_notes)
    return "\n".join(out) + "\n"
