"""The one target company every screen shares, remembered in the bank's settings.

Ask, Coverage, Practice, Brief, Drill and Companies all start on it, and choosing a
company in any of them (their company picker, or space on the Companies list) changes it
for all: `choose()` stores it (`settings.TARGET_COMPANY`) and sends `TargetChanged` to
every screen. The pickers list companies with the next interview first
(`storybank.targets`).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from textual.app import App
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Select

from storybank import settings, targets
from storybank.errors import StoryBankError
from storybank.model import Company
from storybank.tui.literal import join, literal_line
from storybank.tui.messages import TargetChanged


def days_until(iso_date: str | None, today: date | None = None) -> str:
    """'in 9 days', 'today', '3 days ago' for an interview date; '' when there is none."""
    if not iso_date:
        return ""
    try:
        when = date.fromisoformat(iso_date)
    except ValueError:
        return ""
    delta = (when - (today or date.today())).days
    if delta == 0:
        return "today"
    if delta == 1:
        return "tomorrow"
    if delta > 0:
        return f"in {delta} days"
    return f"{-delta} day{'s' if delta != -1 else ''} ago"


def _stored(app: App[Any]) -> str | None:
    """The stored target id, read once per bank snapshot: the section bar asks on every
    redraw, and a settings read looks at the file. The app replaces `bank` after every
    write and every change seen on disk, which is when the setting may have changed;
    `choose()` updates the remembered value itself. It is read as the store last saw
    the file, the version `bank` was built from (no second read of a large file)."""
    bank = getattr(app, "bank", None)
    cached = getattr(app, "_storybank_target_cache", None)
    if cached is not None and cached[0] is bank:
        return cached[1]  # type: ignore[no-any-return]
    store = getattr(app, "store", None)
    if store is None:
        wanted = getattr(app, "_storybank_target", None)  # a test's host app
    else:
        wanted = settings.read(store.seen_settings, settings.TARGET_COMPANY)
    app._storybank_target_cache = (bank, wanted)  # type: ignore[attr-defined]
    return wanted


def target_id(app: App[Any]) -> str | None:
    """The stored target's id when that company is in the bank, else None."""
    wanted = _stored(app)
    bank = getattr(app, "bank", None)
    if wanted is None or bank is None or bank.company(wanted) is None:
        return None
    return wanted


def target_company(app: App[Any]) -> Company | None:
    wanted = target_id(app)
    return app.bank.company(wanted) if wanted else None  # type: ignore[attr-defined,no-any-return]


def choose(app: App[Any], company_id: str | None) -> bool:
    """Make `company_id` (None: no company) the target everywhere; False if not stored."""
    if company_id == target_id(app):
        return True
    store = getattr(app, "store", None)
    if store is None:
        app._storybank_target = company_id  # type: ignore[attr-defined]  # a test host
    else:
        try:
            settings.write(store, settings.TARGET_COMPANY, company_id)
        except StoryBankError as error:
            app.notify(str(error), title="Target not remembered", severity="error", markup=False)
            return False
    app._storybank_target_cache = (getattr(app, "bank", None), company_id)  # type: ignore[attr-defined]
    screens = getattr(app, "_all_screens", None)
    everywhere: list[Screen[Any]] = screens() if callable(screens) else list(app.screen_stack)
    for screen in dict.fromkeys(everywhere):
        screen.post_message(TargetChanged(company_id))
        refresh_bars(screen)
    return True


def refresh_bars(screen: Screen[Any]) -> None:
    """Redraw the screen's section bar (it names the target company)."""
    for bar in screen.query("NavBar"):
        bar.refresh()


def ordered_companies(app: App[Any], today: date | None = None) -> list[Company]:
    """The bank's companies with the next interview first (how every picker lists them)."""
    return targets.by_interview(app.bank.companies, today or date.today())  # type: ignore[attr-defined]


def company_label(company: Company, today: date | None = None) -> Content:
    """A picker's line: the name, and when the interview is ("in 3 days")."""
    when = days_until(company.interview_date, today)
    if not when:
        return literal_line(company.name)
    return join(literal_line(company.name), Content.styled(f" · {when}", "dim"))


def fill_select(screen: Screen[Any], select: Select[Any]) -> None:
    """Refill a company picker (next interview first) and show the target in it.

    Refilling is not the user choosing: no `Select.Changed` is sent."""
    app = screen.app
    options = [(company_label(c), c.id) for c in ordered_companies(app)]
    wanted = target_id(app)
    with screen.prevent(Select.Changed):
        select.set_options(options)
        if wanted is not None:
            select.value = wanted
        elif select.value is not Select.NULL:
            select.clear()


def picked(screen: Screen[Any], select: Select[Any]) -> None:
    """The user chose in a picker: make it the target for every screen."""
    value = select.value
    choose(screen.app, None if value is Select.NULL else str(value))


def shows_target(select: Select[Any], app: App[Any]) -> bool:
    """Whether the picker already shows the current target (nothing to redo)."""
    value = select.value
    return (None if value is Select.NULL else str(value)) == target_id(app)
