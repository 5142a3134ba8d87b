"""The pre-call brief: what to read in the five minutes before an interview with a company.

The default view is one screen (100x30): the three stories to lead with and why, the
number to say out loud and the tradeoff of each, the three most likely questions with
the pick and its likely follow-ups, what to adapt (each note once) and, when the loop
has started, what was told so far. `--full` adds every focus area's angle, the numbers
and tradeoffs of each story, the ten likely questions and the closest-example reminders.

Choices a coach would insist on:

- a story that fails lint (an error, or a score under 50) is never recommended without
  saying so, and a passing story of similar fit is preferred;
- a failure story ("the launch I had to roll back") answers failure questions; it
  does not lead the brief or a focus area, whose results it does not show, unless no
  other story covers that area (and then it says so);
- adaptation notes that repeat across stories are printed once, naming the stories.

Speed: stories are ranked for the company once (`rank_for_company`, linear); each
question is then put to the advisor over a small pool (the best fits plus the best
fits that can serve its kind), lint runs only on stories the brief may show, and no
pair of stories is ever compared. Rendering lives in `brief_text`. No Textual import.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from storybank.model import Bank, Company, Debrief, Question, Story, Telling
from storybank.quality.coverage import KIND_RULES

if TYPE_CHECKING:
    from storybank.loop.debrief import Score
    from storybank.loop.ledger import LedgerFlag

LIKELY_QUESTIONS = 10
LEADS = 3
TRADEOFF_REASON_CHARS = 70
POOL = 24
"""Best-fitting stories every question is put to the advisor over."""
KIND_POOL = 4
"""Plus this many best-fitting stories that can serve each kind the brief asks about, and
that cover each focus area."""
MAX_POOL = 60
"""The pool never grows past this, however many kinds and focus areas there are."""
LEAD_WINDOW = 12
"""The best-fitting stories (not failure stories) the leads are chosen among."""
ADVISED = 4
"""Suggestions asked of the advisor per question (each costs an angle)."""
FACT_STORIES = 8
"""The full brief lists numbers and tradeoffs for the stories it names, and at least this many."""
LINT_FAIL_SCORE = 50
"""Below this lint score (or with any lint error) a story is flagged wherever it is offered."""

_FAILURE_RE = re.compile(
    r"\b(?:went wrong|go wrong|going wrong|rolled back|roll(?:ed|ing)? it back|roll back|"
    r"rollback|fail(?:ed|ure|ing)?|mistakes?|overwhelm\w*|outages?|backfir\w*|"
    r"post-?mortems?|missed (?:the|a|our|its) (?:deadline|date|target|launch)|slipp(?:ed|ing)|"
    r"double[- ]charg\w*|had to (?:undo|reverse|pause|stop|pull)|pulled the launch|"
    r"did not go to plan|didn't go to plan)\b",
    re.IGNORECASE,
)


_NEGATED_RE = re.compile(
    r"\b(?:without|no|zero|never|avoid\w*|prevent\w*|fewer|less)\s+(?:a |an |any |the )?"
    r"(?:[\w-]+ )?$",
    re.IGNORECASE,
)


def is_failure_story(story: Story) -> bool:
    """Something went wrong in it: its title, summary, context or result says so (or a tag).

    Those stories answer failure questions; their results are what went wrong, or the
    recovery, not the proof of a focus area."""
    if any(tag.strip().lower() in {"failure", "mistake", "setback"} for tag in story.tags):
        return True
    text = " ".join((story.title, story.summary, story.context, story.result))
    for match in _FAILURE_RE.finditer(text):
        # "without a billing outage", "no rollbacks", "avoided a slip": not a setback.
        if not _NEGATED_RE.search(text[max(0, match.start() - 30) : match.start()]):
            return True
    return False


# -- the records ------------------------------------------------------------------------------


@dataclass(slots=True)
class StoryFlag:
    """Why a story needs saying so when offered: it fails lint, or it is a failure story."""

    code: str
    """`lint` or `failure-story`."""
    message: str

    def to_dict(self) -> dict[str, str]:
        return {"code": self.code, "message": self.message}


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
class Lead:
    """One of the stories to lead with for this company: why, the number, the tradeoff."""

    id: str
    title: str
    score: float
    why: str
    number: str | None
    tradeoff: str | None
    flags: list[StoryFlag] = field(default_factory=list)
    told: list[str] = field(default_factory=list)
    """'told to J. Park in the panel on 3 Dec', once per time it was told in this loop."""

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "score": self.score,
            "why": self.why,
            "number": self.number,
            "tradeoff": self.tradeoff,
            "flags": [f.to_dict() for f in self.flags],
            "told": list(self.told),
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
    flags: list[StoryFlag] = field(default_factory=list)

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
            "flags": [f.to_dict() for f in self.flags],
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
    """A likely question, the story (and beat) to answer it with, and the follow-ups."""

    id: str
    text: str
    kind: str
    competencies: list[str]
    story_id: str | None
    title: str | None
    lead_with: str | None
    weak: bool
    flags: list[StoryFlag] = field(default_factory=list)
    follow_ups: list[str] = field(default_factory=list)
    why: list[str] = field(default_factory=list)

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
            "flags": [f.to_dict() for f in self.flags],
            "follow_ups": list(self.follow_ups),
            "why": list(self.why),
        }


@dataclass(slots=True)
class AdaptNote:
    """One thing to adapt, said once, with the stories it applies to."""

    text: str
    stories: list[str]

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "stories": list(self.stories)}


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
    leads: list[Lead] = field(default_factory=list)
    adapt: list[AdaptNote] = field(default_factory=list)
    """Adaptation notes for the leads, each once (the one-screen view)."""
    adapt_all: list[AdaptNote] = field(default_factory=list)
    """Adaptation notes for every story in the fit list, each once (the full view)."""
    ledger: list[Telling] = field(default_factory=list)
    """This company's loop so far, oldest first."""
    ledger_flags: list[LedgerFlag] = field(default_factory=list)
    debriefs: list[Debrief] = field(default_factory=list)
    score: Score | None = None
    """How well the briefs predicted this loop's questions (None before any debrief)."""
    more_stories: int = 0
    """Stories ranked but not listed in the full view's fit list (a large bank)."""

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
            "leads": [lead.to_dict() for lead in self.leads],
            "adapt": [note.to_dict() for note in self.adapt],
            "adapt_all": [note.to_dict() for note in self.adapt_all],
            "stories": [s.to_dict() for s in self.stories],
            "angles": [a.to_dict() for a in self.angles],
            "facts": [f.to_dict() for f in self.facts],
            "questions": [q.to_dict() for q in self.questions],
            "reminders": [r.to_dict() for r in self.reminders],
            "environment_notes": list(self.environment_notes),
            "ledger": [t.to_dict() for t in self.ledger],
            "ledger_flags": [f.to_dict() for f in self.ledger_flags],
            "loop_score": self.score.to_dict() if self.score is not None else None,
        }


# -- small helpers ----------------------------------------------------------------------------


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
    then the question most focused on the area, then bank order. Failure questions
    never stand for an area: the area's angle shows a result, not a setback.
    """
    natural = NATURAL_KIND.get(competency, "behavioral")
    candidates = [
        (q.kind != natural, q.competencies.index(competency), len(q.competencies), i)
        for i, q in enumerate(questions)
        if competency in q.competencies and q.kind not in ("failure", "motivation")
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
    if question.kind == "failure" and not is_failure_story(story):
        return False
    return bool(set(question.competencies) & set(story.competencies))


def _lead_for(story: Story, kind: str, weak: bool) -> str:
    """The beat to open with for a question of `kind` (the labelled kind, not a guess)."""
    from storybank.advisor.angle import lead_beat

    return lead_beat(story, kind, weak=weak)


class _Flags:
    """Lint and failure-story flags, computed only for stories the brief may show."""

    def __init__(self) -> None:
        self._lint: dict[str, StoryFlag | None] = {}

    def lint(self, story: Story) -> StoryFlag | None:
        if story.id not in self._lint:
            from storybank.quality.lint import lint_story

            report = lint_story(story)
            flag = None
            if report.has_errors or report.score < LINT_FAIL_SCORE:
                worst = report.findings[0].message if report.findings else ""
                detail = f": {worst[0].lower()}{worst[1:]}" if worst else ""
                flag = StoryFlag(
                    "lint",
                    f"needs work before you tell it (lint {report.score}/100, "
                    f"{report.verdict}){detail}",
                )
            self._lint[story.id] = flag
        return self._lint[story.id]

    def passes(self, story: Story) -> bool:
        return self.lint(story) is None

    def of(self, story: Story, *, failure_ok: bool = False) -> list[StoryFlag]:
        out = []
        lint = self.lint(story)
        if lint is not None:
            out.append(lint)
        if not failure_ok and is_failure_story(story):
            out.append(
                StoryFlag(
                    "failure-story",
                    "a story of something that went wrong: tell it as the lesson, and keep "
                    "it for a failure question if you can",
                )
            )
        return out


def story_flags(story: Story, *, failure_ok: bool = False) -> list[StoryFlag]:
    """What must be said when offering `story`: it fails lint, or it is a failure story."""
    return _Flags().of(story, failure_ok=failure_ok)


def _first(candidates: Sequence[Story], *tests: Callable[[Story], bool]) -> Story | None:
    """The first candidate passing every test, relaxing the tests from the last one."""
    for keep in range(len(tests), -1, -1):
        for story in candidates:
            if all(test(story) for test in tests[:keep]):
                return story
    return None


# -- building ---------------------------------------------------------------------------------


def build_brief(
    bank_or_stories: Bank | Sequence[Story],
    company: Company,
    questions: Sequence[Question],
    today: _dt.date | None = None,
    n_questions: int = LIKELY_QUESTIONS,
    ledger: Sequence[Telling] | None = None,
    debriefs: Sequence[Debrief] | None = None,
    interviewer: str | None = None,
) -> Brief:
    """Assemble the brief for `company` from the stories, the question bank and the ledger."""
    from storybank.advisor import rank_for_company
    from storybank.loop.debrief import loop_score
    from storybank.loop.ledger import flags as ledger_flags
    from storybank.loop.ledger import for_company, heard_by, told_phrase
    from storybank.quality.cards import metric_line, tradeoff_line
    from storybank.quality.questions import likely_questions

    if isinstance(bank_or_stories, Bank):
        stories = list(bank_or_stories.stories)
        ledger = bank_or_stories.ledger if ledger is None else ledger
        debriefs = bank_or_stories.debriefs if debriefs is None else debriefs
    else:
        stories = list(bank_or_stories)
    today = today or _dt.date.today()
    entries = for_company(ledger or [], company.id)
    loop_debriefs = [d for d in debriefs or [] if d.company == company.id]
    told = heard_by(entries)
    flags = _Flags()

    fits = rank_for_company(stories, company) if stories else []
    ranked = [
        RankedStory(
            id=fit.story.id,
            title=fit.story.title,
            score=fit.score,
            focus_covered=[c for c in company.focus if c in fit.story.competencies],
            adapt=list(fit.adapt),
            why=list(fit.why),
        )
        for fit in fits
    ]
    order = [fit.story for fit in fits]
    by_id = {s.id: s for s in stories}
    fit_of = {fit.story.id: fit.score for fit in fits}

    leads = _choose_leads(order, company, flags, fit_of)
    loop_flags = ledger_flags(entries, stories)
    lead_items = [
        Lead(
            id=story.id,
            title=story.title,
            score=fit_of[story.id],
            why=_lead_why(story, company),
            number=_say_number(story),
            tradeoff=tradeoff_line(story.tradeoffs[0], TRADEOFF_REASON_CHARS)
            if story.tradeoffs and story.tradeoffs[0].chose.strip()
            else None,
            flags=[
                *flags.of(story),
                *(
                    StoryFlag(flag.code, flag.message)
                    for flag in loop_flags
                    if flag.story == story.id and flag.code == "numbers-changed"
                ),
            ],
            told=[told_phrase(t) for t in told.get(story.id, [])],
        )
        for story in leads
    ]

    chosen_questions = likely_questions(questions, company, n=n_questions)
    prompts = {area: focus_prompt(area, questions) for area in company.focus}
    pool = _pool(
        order,
        [q.kind for q in chosen_questions] + [kind for _, kind in prompts.values()],
        company.focus,
    )

    angles: list[FocusAngle] = []
    reminders: list[Reminder] = []
    for area in company.focus:
        prompt, kind = prompts[area]
        if not stories:
            angles.append(FocusAngle(area, prompt, None, None, None, "", "", None, [], True))
            reminders.append(
                Reminder(area, f"No stories yet for {area}: write one before the call.")
            )
            continue
        covered = [s for s in order if area in s.competencies]
        angle, reminder = _focus_angle(area, prompt, kind, covered, pool, company, flags)
        angles.append(angle)
        if reminder is not None:
            reminders.append(reminder)

    likely: list[LikelyQuestion] = []
    for question in chosen_questions:
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
        likely.append(_answer_likely(question, pool, company, flags, entries, interviewer))
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

    named = [lead.id for lead in lead_items]
    named += [a.story_id for a in angles if a.story_id]
    named += [q.story_id for q in likely if q.story_id]
    fact_ids = list(dict.fromkeys([*named, *(s.id for s in order[:FACT_STORIES])]))
    fact_ids.sort(key=lambda sid: -fit_of.get(sid, 0.0))
    facts = [
        StoryFacts(
            id=story.id,
            title=story.title,
            numbers=[metric_line(m) for m in story.metrics],
            tradeoff=tradeoff_line(story.tradeoffs[0], TRADEOFF_REASON_CHARS)
            if story.tradeoffs and story.tradeoffs[0].chose.strip()
            else None,
        )
        for story in (by_id[sid] for sid in fact_ids if sid in by_id)
    ]
    listed = ranked[: max(FACT_STORIES * 2, len(fact_ids))]
    return Brief(
        company=company,
        today=today,
        days_until=days_until(company.interview_date, today),
        stories=listed,
        angles=angles,
        facts=facts,
        questions=likely,
        reminders=reminders,
        environment_notes=environment_notes(stories, company),
        leads=lead_items,
        adapt=group_adaptations(
            [(r.id, r.adapt) for r in ranked if r.id in {lead.id for lead in lead_items}]
        ),
        adapt_all=group_adaptations([(r.id, r.adapt) for r in listed]),
        ledger=entries,
        ledger_flags=loop_flags,
        debriefs=loop_debriefs,
        score=loop_score(loop_debriefs) if loop_debriefs else None,
        more_stories=len(ranked) - len(listed),
    )


def _choose_leads(
    order: Sequence[Story], company: Company, flags: _Flags, fit_of: dict[str, float]
) -> list[Story]:
    """The stories to lead with: best fit first, spreading over the focus areas.

    Drawn from the best-fitting `LEAD_WINDOW` stories that are not failure stories
    (lint runs on those only). Passing stories first; a story that fails lint, then a
    failure story, only fills a place nothing better can (and is flagged where shown)."""
    window: list[Story] = []
    failures: list[Story] = []
    for story in order:
        if len(window) >= LEAD_WINDOW:
            break
        if is_failure_story(story):
            if len(failures) < LEADS:
                failures.append(story)
        else:
            window.append(story)
    position = {s.id: i for i, s in enumerate(order)}
    chosen: list[Story] = []
    areas: set[str] = set()
    for tier in ([s for s in window if flags.passes(s)], window, failures):
        while len(chosen) < LEADS:
            candidates = [s for s in tier if s not in chosen]
            if not candidates:
                break

            def value(story: Story) -> tuple[float, int]:
                new = {c for c in company.focus if c in story.competencies} - areas
                return fit_of[story.id] + 0.1 * len(new), -position[story.id]

            best = max(candidates, key=value)
            chosen.append(best)
            areas.update(c for c in company.focus if c in best.competencies)
    return chosen


def _lead_why(story: Story, company: Company) -> str:
    covered = [c for c in company.focus if c in story.competencies]
    parts = [f"covers {', '.join(covered)}" if covered else f"none of {company.name}'s focus"]
    env = story.environment
    same = [
        name
        for name in ("stage", "customer", "org")
        if getattr(env, name) and getattr(env, name) == getattr(company, name)
    ]
    if len(same) == 3:
        parts.append("same stage, customer and org")
    elif same:
        parts.append("same " + " and ".join(same))
    return "; ".join(parts)


def _say_number(story: Story) -> str | None:
    """The number to say out loud, as said: the first metric with a before and an after."""
    from storybank.quality.cards import number_line

    for metric in story.metrics:
        if metric.before is not None and metric.after is not None:
            return number_line(metric)
    return number_line(story.metrics[0]) if story.metrics else None


def _pool(order: Sequence[Story], kinds: Sequence[str], focus: Sequence[str]) -> list[Story]:
    """The one set of stories every question of the brief is put to the advisor over.

    The best fits, plus for each kind asked about the best fits that can serve it (the
    failure stories for a failure question), plus the best fits covering each focus
    area. One pool means one advisor index for the whole brief, and no question ranks
    the whole bank."""
    from storybank.quality.coverage import kind_check

    pool = list(order[:POOL])
    chosen = {s.id for s in pool}
    wanted: dict[str, int] = {f"kind:{k}": KIND_POOL for k in dict.fromkeys(kinds)}
    wanted.update({f"area:{a}": KIND_POOL for a in focus})
    for story in pool:
        for key in list(wanted):
            if _fills(story, key, kind_check):
                wanted[key] -= 1
    for story in order[POOL:]:
        if len(pool) >= MAX_POOL or not any(v > 0 for v in wanted.values()):
            break
        useful = [
            key for key, left in wanted.items() if left > 0 and _fills(story, key, kind_check)
        ]
        if useful and story.id not in chosen:
            pool.append(story)
            chosen.add(story.id)
            for key in useful:
                wanted[key] -= 1
    return pool


def _fills(story: Story, key: str, kind_check: Callable[[Story, str], tuple[bool, str]]) -> bool:
    what, _, name = key.partition(":")
    if what == "area":
        return name in story.competencies
    if name == "failure":
        return is_failure_story(story) and kind_check(story, name)[0]
    return name in KIND_RULES and kind_check(story, name)[0]


def _answer_likely(
    question: Question,
    pool: Sequence[Story],
    company: Company,
    flags: _Flags,
    entries: Sequence[Telling],
    interviewer: str | None,
) -> LikelyQuestion:
    from storybank.loop.ledger_rank import advise_in_loop
    from storybank.loop.probes import top_probes

    by_id = {s.id: s for s in pool}
    failure_question = question.kind == "failure"

    def eligible(story_id: str) -> bool:
        story = by_id[story_id]
        return flags.passes(story) and is_failure_story(story) == failure_question

    advice = advise_in_loop(
        question.text,
        pool,
        company=company,
        top=ADVISED,
        ledger=entries,
        interviewer=interviewer,
        eligible=eligible,
    )
    ranked = [(by_id[s.id], s) for s in advice.suggestions if s.id in by_id]
    picked = None
    if ranked:
        stories_ranked = [story for story, _ in ranked]
        if failure_question:
            story = _first(stories_ranked, is_failure_story, flags.passes)
        else:
            story = _first(stories_ranked, lambda s: not is_failure_story(s), flags.passes)
        picked = next(item for item in ranked if item[0] is story)
    if picked is None:
        return LikelyQuestion(
            question.id, question.text, question.kind, list(question.competencies),
            None, None, None, True,
        )  # fmt: skip
    story, suggestion = picked
    weak = advice.weak_match and not serves(story, question)
    return LikelyQuestion(
        id=question.id,
        text=question.text,
        kind=question.kind,
        competencies=list(question.competencies),
        story_id=story.id,
        title=story.title,
        lead_with=_lead_for(story, question.kind, weak),
        weak=weak,
        flags=flags.of(story, failure_ok=failure_question),
        follow_ups=[p.text for p in top_probes(story, question.kind)],
        why=[w for w in suggestion.why if w.startswith(("told", "fresh")) or " has heard it" in w],
    )


def _focus_angle(
    area: str,
    prompt: str,
    kind: str,
    covered: list[Story],
    pool: Sequence[Story],
    company: Company,
    flags: _Flags,
) -> tuple[FocusAngle, Reminder | None]:
    """The advisor's best story for the area's prompt among those that cover it.

    A passing story that is not a failure story is preferred; when no story covers the
    area, the best overall fit is the closest example, and the reminder says what
    differs and to lead with the reasoning.
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

    advice = advise(prompt, pool, company=company, top=ADVISED)
    by_id = {s.id: s for s in pool}
    ranked = [by_id[s.id] for s in advice.suggestions if s.id in by_id]
    if covered:
        # The advisor's order among the stories that cover the area, then the rest of
        # them by fit (the pool holds the best-fitting few of every area).
        ids = {s.id for s in covered}
        ranked = [s for s in ranked if s.id in ids]
        ranked += [s for s in covered[: KIND_POOL * 2] if s not in ranked]
    ranked = ranked or list(pool)
    story = _first(ranked, lambda s: not is_failure_story(s), flags.passes)
    assert story is not None  # ranked is never empty here
    weak = not covered
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
        covered_by=[s.id for s in covered],
        weak=weak,
        flags=flags.of(story),
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


def environment_notes(stories: Sequence[Story], company: Company) -> list[str]:
    """The coverage report's environment gaps for `company`, without its pair comparisons.

    Those gaps depend only on which stages, customer types and org designs the bank
    has, so the report is built over one story per value seen (at most 15 stories), never
    over every pair of a large bank."""
    if not stories:
        return []
    from storybank.quality.coverage import coverage

    representatives: dict[str, Story] = {}
    for story in stories:
        env = story.environment
        for key in (f"s:{env.stage}", f"c:{env.customer}", f"o:{env.org}"):
            representatives.setdefault(key, story)
    sample = list({id(s): s for s in representatives.values()}.values())
    report = coverage(sample, company)
    return [g.message for g in report.gaps if g.code.startswith("environment-")]


def group_adaptations(per_story: Sequence[tuple[str, Sequence[str]]]) -> list[AdaptNote]:
    """Adaptation notes said once each.

    Identical notes merge; notes that differ only before their first colon (the same
    advice for stories from different stages) merge into the advice, naming the stories.
    """
    exact: dict[str, list[str]] = {}
    for story_id, notes in per_story:
        for note in notes:
            exact.setdefault(note, []).append(story_id)
    by_advice: dict[str, list[tuple[str, list[str]]]] = {}
    for note, ids in exact.items():
        _head, sep, advice = note.partition(": ")
        key = advice if sep else note
        by_advice.setdefault(key, []).append((note, ids))
    total = len(per_story)
    out: list[AdaptNote] = []
    for advice, group in by_advice.items():
        ids = list(dict.fromkeys(i for _, members in group for i in members))
        note = group[0][0] if len(group) == 1 else advice[0].upper() + advice[1:]
        out.append(AdaptNote(note, ids if len(ids) < total or len(group) > 1 else []))
    return out


def render_brief_text(
    brief: Brief, width: int = 80, *, full: bool = False, hint: bool = True
) -> str:
    """The brief as plain text (see `brief_text`)."""
    from storybank.quality.brief_text import render_text

    return render_text(brief, width, full=full, hint=hint)


def render_brief_markdown(brief: Brief) -> str:
    """The brief as a printable Markdown page (see `brief_text`)."""
    from storybank.quality.brief_text import render_markdown

    return render_markdown(brief)
