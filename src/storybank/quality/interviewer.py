"""The one-pager for the next interviewer of a loop: fresh stories, what colleagues heard,
what to keep in reserve.

Panelists compare notes. So for the next person (a name, maybe a round) the page says
which strong stories they have not heard from anyone yet, what each colleague heard
(with the numbers quoted, to say them the same way), and which stories to hold back:
those this person already heard, those told to colleagues (only if a question needs
exactly that one), and the failure story, kept for "tell me about a time it went wrong".
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from storybank.loop.ledger import round_phrase, same_person, short_date, told_phrase
from storybank.model import Bank, Company, Question, Telling, format_metric
from storybank.quality.brief import (
    Brief,
    LikelyQuestion,
    build_brief,
    is_failure_story,
    story_flags,
)

FRESH_SHOWN = 3


@dataclass(slots=True)
class Pick:
    id: str
    title: str
    note: str

    def to_dict(self) -> dict[str, str]:
        return {"id": self.id, "title": self.title, "note": self.note}


@dataclass(slots=True)
class Colleague:
    name: str
    heard: list[str]
    """'request-intake-freeze in the panel on 3 Dec (said 18% -> 85%)' per story told."""

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "heard": list(self.heard)}


@dataclass(slots=True)
class InterviewerBrief:
    company: Company
    interviewer: str
    round: str | None
    fresh: list[Pick]
    colleagues: list[Colleague]
    reserve: list[Pick]
    questions: list[LikelyQuestion]
    brief: Brief
    heard_already: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "company": self.company.id,
            "interviewer": self.interviewer,
            "round": self.round,
            "not_heard": [p.to_dict() for p in self.fresh],
            "colleagues_heard": [c.to_dict() for c in self.colleagues],
            "reserve": [p.to_dict() for p in self.reserve],
            "questions": [q.to_dict() for q in self.questions],
            "heard_already": list(self.heard_already),
        }


def _quoted(entry: Telling) -> str:
    shown = [format_metric(m) for m in entry.numbers if m.before is not None][:2]
    return f" (said {'; '.join(shown)})" if shown else ""


def build_interviewer_brief(
    bank: Bank,
    company: Company,
    questions: Sequence[Question],
    interviewer: str,
    round: str | None = None,
    today: _dt.date | None = None,
) -> InterviewerBrief:
    """The page for `interviewer` (and `round`) in `company`'s loop."""
    brief = build_brief(bank, company, questions, today=today, interviewer=interviewer)
    entries = brief.ledger
    theirs = [e for e in entries if same_person(e.interviewer, interviewer)]
    others = [e for e in entries if not same_person(e.interviewer, interviewer)]
    heard_them = {e.story for e in theirs}
    heard_others = {e.story for e in others}
    titles = {s.id: s.title for s in bank.stories}

    ready: list[Pick] = []
    needs_work: list[Pick] = []
    for ranked in brief.stories:
        story = bank.story(ranked.id)
        if story is None or ranked.id in heard_them or ranked.id in heard_others:
            continue
        if is_failure_story(story):
            continue
        note = f"fit {ranked.score:.2f}"
        if ranked.focus_covered:
            note += "; covers " + ", ".join(ranked.focus_covered)
        if round and story.rounds.get(round):
            note += f"; {round} round: {story.rounds[round]}"
        flagged = story_flags(story)
        if flagged:
            needs_work.append(Pick(story.id, story.title, f"! {flagged[0].message}; {note}"))
        else:
            ready.append(Pick(story.id, story.title, note))
    # Stories that fail lint only fill places nothing better can, and say so.
    fresh = (ready + needs_work)[:FRESH_SHOWN]

    by_person: dict[str, list[str]] = {}
    for entry in others:
        name = entry.interviewer or "an interviewer not named"
        where = " ".join(
            part for part in (round_phrase(entry.round), f"on {short_date(entry.date)}") if part
        )
        by_person.setdefault(name, []).append(f"{entry.story} {where}{_quoted(entry)}")
    colleagues = [Colleague(name, heard) for name, heard in by_person.items()]

    reserve: list[Pick] = []
    for story_id in dict.fromkeys(e.story for e in theirs):
        latest = [e for e in theirs if e.story == story_id][-1]
        reserve.append(
            Pick(story_id, titles.get(story_id, story_id),
                 f"they heard it ({told_phrase(latest)}): do not tell it again")
        )  # fmt: skip
    for story_id in dict.fromkeys(e.story for e in others):
        if story_id in heard_them:
            continue
        latest = [e for e in others if e.story == story_id][-1]
        reserve.append(
            Pick(
                story_id,
                titles.get(story_id, story_id),
                f"{told_phrase(latest)}: only if a question needs exactly this story, "
                f"and say the same numbers{_quoted(latest)}",
            )
        )
    failure = next(
        (
            s
            for s in (bank.story(r.id) for r in brief.stories)
            if s is not None and is_failure_story(s) and s.id not in heard_them | heard_others
        ),
        None,
    )
    if failure is not None:
        reserve.append(
            Pick(failure.id, failure.title, "keep for 'tell me about a time it went wrong'")
        )
    return InterviewerBrief(
        company=company,
        interviewer=interviewer,
        round=round,
        fresh=fresh,
        colleagues=colleagues,
        reserve=reserve,
        questions=brief.questions[:3],
        brief=brief,
        heard_already=sorted(heard_them),
    )


def render_interviewer_text(page: InterviewerBrief, width: int = 80) -> str:
    from storybank.quality.report_text import labelled, one_line, rule, wrap

    c = page.company
    who = one_line(page.interviewer) + (f", {one_line(page.round)}" if page.round else "")
    lines = rule(f"Next: {who} at {one_line(c.name)}", width)
    lines += ["", *rule("Not heard yet in this loop (lead with these)", width, "-")]
    if not page.fresh:
        lines.append("Every strong story has been told: reuse one with the same numbers.")
    for number, pick in enumerate(page.fresh, 1):
        lines.extend(labelled(f"{number}.", f"{pick.title} ({pick.id})", width))
        lines.extend(wrap(pick.note, width, indent="   "))
    lines += ["", *rule("What their colleagues heard", width, "-")]
    if not page.colleagues:
        lines.append("Nothing yet: this is the first interview recorded in the loop.")
    for colleague in page.colleagues:
        lines.append(one_line(colleague.name))
        for item in colleague.heard:
            lines.extend(labelled("  -", item, width))
    lines += ["", *rule("Keep in reserve", width, "-")]
    if not page.reserve:
        lines.append("Nothing to hold back yet.")
    for pick in page.reserve:
        lines.extend(labelled("-", f"{pick.id}: {pick.note}", width))
    lines += ["", *rule("Likely questions, picked for them", width, "-")]
    for number, q in enumerate(page.questions, 1):
        lines.extend(labelled(f"{number}.", f"[{q.kind}] {q.text}", width))
        if q.story_id:
            lines.extend(wrap(f"-> {q.story_id}", width, indent="   "))
            for why in q.why:
                lines.extend(labelled("   loop:", why, width))
            if q.follow_ups:
                lines.extend(labelled("   then:", " / ".join(q.follow_ups), width))
    return "\n".join(lines) + "\n"
