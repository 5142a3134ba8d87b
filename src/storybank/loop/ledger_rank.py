"""Ledger-aware advice: a small re-ranking step over the advisor's suggestions.

The advisor ranks stories for a question; it knows nothing of the loop. This step
takes its suggestions (asking it for a few more than will be shown) and the ledger
of this company's loop, and

- marks every story already told ("told to J. Park in the panel on 3 Dec"),
- prefers a fresh story of similar fit (within `SIMILAR_FIT` of the told one's score,
  `SAME_PERSON_FIT` when this very interviewer heard it) for the next interviewer,
  unless the question clearly needs the told one: no fresh story among the candidates
  serves the question's kind as the told one does,
- and says which of these happened in each suggestion's `why`.

It only reads the public `Advice`/`Suggestion` records, so the advisor's internals can
change freely underneath it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from storybank.loop.ledger import for_company, heard_by, same_person, told_phrase
from storybank.model import Company, Pick, Pitch, Story, Telling

if TYPE_CHECKING:
    from storybank.advisor import Advice, Suggestion
    from storybank.advisor.rank import BankIndex

SIMILAR_FIT = 0.1
"""A fresh story within this much of a told story's score counts as a similar fit."""
SAME_PERSON_FIT = 0.25
"""The margin when the interviewer named has already heard the told story themselves."""
KIND_SERVES = 0.6
"""The advisor's kind part at or above which a story serves the question's kind."""
MAX_EXTRA = 5
"""How many suggestions beyond `top` to ask the advisor for, to find a fresh one."""


def advise_in_loop(
    question: str,
    stories: Sequence[Story],
    company: Company | None = None,
    round: str | None = None,
    top: int = 3,
    ledger: Sequence[Telling] = (),
    interviewer: str | None = None,
    eligible: Callable[[str], bool] | None = None,
    picks: Sequence[Pick] = (),
    pitch: Pitch | None = None,
    index: BankIndex | None = None,
) -> Advice:
    """`storybank.advisor.advise` (`index` as there), then `rerank` with this company's
    ledger."""
    from storybank.advisor import advise

    entries = for_company(ledger, company.id) if company is not None else []
    told = {e.story for e in entries}
    extra = min(MAX_EXTRA, len(told)) if told else 0
    advice = advise(
        question,
        stories,
        company=company,
        round=round,
        top=top + extra,
        picks=picks,
        pitch=pitch,
        index=index,
    )
    return rerank(advice, entries, interviewer=interviewer, top=top, eligible=eligible)


def rerank(
    advice: Advice,
    entries: Sequence[Telling],
    interviewer: str | None = None,
    top: int = 3,
    eligible: Callable[[str], bool] | None = None,
) -> Advice:
    """The advice with told stories marked and, where a fresh one fits nearly as well,
    moved behind it; cut to `top` suggestions. `entries` are one company's ledger;
    `eligible(story_id)`, when given, says which fresh stories may take a told one's
    place (the brief keeps failing and failure stories out)."""
    told = heard_by(entries)
    suggestions = list(advice.suggestions)
    if not told or not any(s.id in told for s in suggestions):
        return advice.replace(suggestions=suggestions[:top])
    fresh = [s for s in suggestions if s.id not in told and (eligible is None or eligible(s.id))]
    position_of = {s.id: i for i, s in enumerate(suggestions)}
    adjusted: list[tuple[float, int, Suggestion]] = []
    notes: dict[str, list[str]] = {}
    for position, suggestion in enumerate(suggestions):
        tellings = told.get(suggestion.id)
        if not tellings:
            adjusted.append((suggestion.score, position, suggestion))
            continue
        latest = tellings[-1]
        heard_here = interviewer is not None and any(
            same_person(t.interviewer, interviewer) for t in tellings
        )
        if heard_here:
            mark = f"{interviewer} has heard it ({told_phrase(latest)})"
        else:
            mark = told_phrase(latest)
            if len(tellings) > 1:
                mark += f", {len(tellings)} times in this loop"
        margin = SAME_PERSON_FIT if heard_here else SIMILAR_FIT
        needs_kind = suggestion.parts.get("kind", 0.0) >= KIND_SERVES
        alternative = next(
            (
                f
                for f in fresh
                if f.score >= suggestion.score - margin
                and (not needs_kind or f.parts.get("kind", 0.0) >= KIND_SERVES)
            ),
            None,
        )
        if alternative is None:
            why = (
                f"{mark}; still the pick: no fresh story fits this {advice.kind} question "
                "as well, so tell it again with the same numbers"
            )
            adjusted.append((suggestion.score, position, suggestion))
        else:
            who = "a new interviewer" if not heard_here else interviewer
            why = f"{mark}; a fresh story of similar fit comes first for {who}"
            adjusted.append((suggestion.score - margin, position, suggestion))
            if position_of[alternative.id] > position and alternative.id not in notes:
                notes[alternative.id] = [
                    f"fresh for this loop: preferred over {suggestion.id} ({told_phrase(latest)})"
                ]
        notes.setdefault(suggestion.id, []).insert(0, why)
    adjusted.sort(key=lambda item: (-item[0], item[1]))
    ordered = [item[2] for item in adjusted][:top]
    out = [s.replace(why=[*notes[s.id], *s.why]) if s.id in notes else s for s in ordered]
    return advice.replace(suggestions=out)


def told_marks(suggestion_ids: Sequence[str], entries: Sequence[Telling]) -> dict[str, str]:
    """Story id -> 'told to J. Park in the panel on 3 Dec' for the suggestions already told."""
    told = heard_by(entries)
    return {sid: told_phrase(told[sid][-1]) for sid in suggestion_ids if sid in told}
