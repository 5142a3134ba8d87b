"""The advisor's answer with the loop around it: told marks and follow-ups per suggestion.

One call for the screens that show suggestions (Ask, Practice): the advisor's ranking,
the ledger-aware step when a company's loop has started, and each suggested story's
probes for the question's kind.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from storybank.loop.ledger import for_company, heard_by, told_phrase
from storybank.loop.probes import MAX_SHOWN, story_probes
from storybank.model import Bank, Company
from storybank.record import Record

if TYPE_CHECKING:
    from storybank.advisor import Advice
    from storybank.advisor.rank import BankIndex


class LoopAdvice(Record):
    """The advice, and for each suggested story id its follow-ups and where it was told."""

    __slots__ = ("advice", "probes", "told")

    def __init__(
        self, advice: Advice, probes: dict[str, list[str]], told: dict[str, list[str]]
    ) -> None:
        self.advice = advice
        self.probes = probes
        self.told = told


def loop_advice(
    question: str,
    bank: Bank,
    company: Company | None = None,
    round: str | None = None,
    top: int = 3,
    interviewer: str | None = None,
    probes_shown: int = MAX_SHOWN,
    index: BankIndex | None = None,
) -> LoopAdvice:
    """Advice for `question` in this company's loop, with follow-ups and where each story
    was told; `index` as for `storybank.advisor.advise`."""
    from storybank.advisor import advise
    from storybank.loop.ledger_rank import advise_in_loop

    entries = for_company(bank.ledger, company.id) if company is not None else []
    if entries:
        advice = advise_in_loop(
            question,
            bank.stories,
            company=company,
            round=round,
            top=top,
            ledger=entries,
            interviewer=interviewer,
            picks=bank.picks,
            pitch=bank.pitch,
            index=index,
        )
    else:
        advice = advise(
            question,
            bank.stories,
            company=company,
            round=round,
            top=top,
            picks=bank.picks,
            pitch=bank.pitch,
            index=index,
        )
    by_id = {s.id: s for s in bank.stories}
    heard = heard_by(entries)
    probes = {
        s.id: [p.text for p in story_probes(by_id[s.id], advice.kind)[:probes_shown]]
        for s in advice.suggestions
        if s.id in by_id
    }
    told = {
        s.id: [told_phrase(t) for t in heard[s.id]] for s in advice.suggestions if s.id in heard
    }
    return LoopAdvice(advice, probes, told)
