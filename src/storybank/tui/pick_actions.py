"""The user's own story choices from the TUI (Ask's `p`, Practice): pick, or undo a pick."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from storybank.errors import StoryBankError
from storybank.safetext import clean_line


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def toggle_pick(app: Any, question: str, story_id: str, source: str = "ask") -> bool:
    """Choose `story_id` for `question`, or, when that very choice is what put it first,
    forget it (the undo). Writes through the store, refreshes every view, says what
    happened; returns whether anything changed."""
    from storybank.advisor.picks import preferred_pick
    from storybank.model import Pick

    store = getattr(app, "store", None)
    bank = app.bank
    if store is None or not question.strip() or bank.story(story_id) is None:
        return False
    current = preferred_pick(question, bank.picks, {s.id for s in bank.stories})
    shown = clean_line(" ".join(question.split()))
    try:
        if current is not None and current.story == story_id:
            store.forget_pick(current)
            message = f"Forgot your choice of {story_id} for '{clean_line(current.question)}'."
            title = "Choice undone"
        else:
            store.add_pick(Pick(question=question, story=story_id, at=_now(), source=source))
            message = (
                f"{story_id} comes first for questions like '{shown}' from now on. "
                "Press p on it again to undo."
            )
            title = "Your pick"
    except StoryBankError as error:
        app.notify(clean_line(str(error)), title="Not saved", severity="error", markup=False)
        return False
    app.refresh_bank("pick", story_id)
    app.notify(message, title=title, markup=False)
    return True
