"""Loop workflows the TUI screens share: record a story as told (Ask and Practice's key)."""

from __future__ import annotations

import datetime as _dt
from typing import Any

from storybank.errors import StoryBankError
from storybank.safetext import clean_line


def record_told(
    app: Any,
    story_id: str,
    company_id: str | None,
    round: str | None = None,
    interviewer: str | None = None,
    today: _dt.date | None = None,
) -> bool:
    """Write one ledger entry through the store and refresh every view; say what happened.

    Returns whether it was recorded (a company is needed: the ledger is per loop)."""
    from storybank.loop.ledger import make_telling, told_phrase

    if company_id is None:
        app.notify(
            "Choose a company first: the ledger records what you told in each company's loop.",
            severity="warning",
            markup=False,
        )
        return False
    bank = app.bank
    story = bank.story(story_id)
    company = bank.company(company_id)
    store = getattr(app, "store", None)
    if story is None or company is None or store is None:
        return False
    date = (today or _dt.date.today()).isoformat()
    try:
        entry = store.add_telling(make_telling(story, company.id, date, round, interviewer))
    except StoryBankError as error:
        app.notify(clean_line(str(error)), title="Not recorded", severity="error", markup=False)
        return False
    app.refresh_bank("told", story.id)
    app.notify(
        clean_line(f"{story.id} {told_phrase(entry)} at {company.name}."),
        title="Recorded in the ledger",
        markup=False,
    )
    return True
