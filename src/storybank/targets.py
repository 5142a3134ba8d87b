"""Which company comes next: the order companies are offered in wherever one is chosen.

The next interview first (soonest upcoming date, today included), then the companies
with no date, then those whose interview has passed (the most recent first); ties keep
the bank's order. The alternative order is by name. `today` is always passed in, so the
order is the same in a test on any day.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from storybank.model import Company

INTERVIEW = "interview"
NAME = "name"


def interview_day(company: Company) -> date | None:
    """The interview date, or None when there is none or it is not a valid date."""
    if not company.interview_date:
        return None
    try:
        return date.fromisoformat(company.interview_date)
    except ValueError:
        return None


FAR_AHEAD_DAYS = 400
"""An interview date further ahead than this is probably a mistyped year."""


def interview_date_warning(value: str | None, today: date) -> str | None:
    """A warning for an interview date that is valid but unlikely, else None.

    A date in the past (2,527 days ago, say) is kept, since a finished interview is real
    data, but the user is told, because the brief, the drill's caps and the order of
    companies all read it as the next interview. A date more than a year ahead is
    probably a mistyped year."""
    if not value:
        return None
    try:
        day = date.fromisoformat(value)
    except ValueError:
        return None  # the validator reports a bad date
    days = (day - today).days
    if days < 0:
        ago = -days
        return (
            f"the interview date {value} is {ago:,} day{'s' * (ago != 1)} in the past; "
            "it was kept, but the brief and the order of companies treat it as past: set "
            "the date of the next interview when you know it"
        )
    if days > FAR_AHEAD_DAYS:
        return f"the interview date {value} is {days:,} days away; it was kept, but check the year"
    return None


def date_warnings(companies: Sequence[Company], ids: Sequence[str], today: date) -> list[str]:
    """`company 'acme': the interview date ...` for each company in `ids` whose date is
    unlikely (what an import just added or changed; the rest were seen before)."""
    wanted = set(ids)
    lines = []
    for company in companies:
        if company.id in wanted:
            warning = interview_date_warning(company.interview_date, today)
            if warning is not None:
                lines.append(f"company '{company.id}': {warning}")
    return lines


def by_interview(companies: Sequence[Company], today: date) -> list[Company]:
    """Upcoming interviews soonest first, then undated, then past ones (latest first)."""

    def key(item: tuple[int, Company]) -> tuple[int, int, int]:
        index, company = item
        day = interview_day(company)
        if day is None:
            return (1, 0, index)
        if day >= today:
            return (0, (day - today).days, index)
        return (2, (today - day).days, index)

    return [company for _, company in sorted(enumerate(companies), key=key)]


def by_name(companies: Sequence[Company]) -> list[Company]:
    return sorted(companies, key=lambda c: (c.name.casefold(), c.id))


def ordered(companies: Sequence[Company], order: str, today: date) -> list[Company]:
    """`companies` in the named order (`interview` or `name`; anything else: interview)."""
    return by_name(companies) if order == NAME else by_interview(companies, today)


def next_interview(companies: Sequence[Company], today: date) -> Company | None:
    """The company whose interview comes next (today counts), else None."""
    first = by_interview(companies, today)[:1]
    return first[0] if first and (interview_day(first[0]) or date.min) >= today else None
