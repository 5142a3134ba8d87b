"""One target company for every screen, remembered, with the next interview first."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from core_support import app_with, screen_text
from textual.widgets import OptionList, Select

from factories import company, complete_story
from storybank import settings, targets
from storybank.model import Bank
from storybank.store import Store
from storybank.tui.widgets.nav_bar import NavBar
from waiting import wait_until

TODAY = date.today()  # the app orders by the real calendar, so the dates follow it


def _day(offset: int) -> str:
    return (TODAY + timedelta(days=offset)).isoformat()


def four_companies() -> Bank:
    """In bank order: past, undated, soon, later (the next interview is third)."""
    return Bank(
        stories=[complete_story("a1", "First story"), complete_story("b2", "Second story")],
        companies=[
            company("past", "Past Co", interview_date=_day(-5)),
            company("none", "Undated Inc"),
            company("soon", "Soon Ltd", interview_date=_day(3)),
            company("later", "Later plc", interview_date=_day(30)),
            company("today", "Today GmbH", interview_date=_day(0)),
        ],
    )


NEXT_FIRST = ["today", "soon", "later", "none", "past"]


def test_interview_order_upcoming_soonest_then_undated_then_past() -> None:
    bank = four_companies()
    order = [c.id for c in targets.by_interview(bank.companies, TODAY)]
    assert order == NEXT_FIRST
    assert targets.next_interview(bank.companies, TODAY).id == "today"  # type: ignore[union-attr]
    assert [c.id for c in targets.by_name(bank.companies)] == [
        "later",
        "past",
        "soon",
        "today",
        "none",
    ]
    only_past = [company("p", "P", interview_date=_day(-1))]
    assert targets.next_interview(only_past, TODAY) is None
    bad = [company("x", "X", interview_date="next week"), company("y", "Y")]
    assert [c.id for c in targets.by_interview(bad, TODAY)] == ["x", "y"]  # bank order


def _select_ids(select: Select[str]) -> list[str]:
    return [str(value) for _, value in select._options if value is not Select.NULL]


async def test_every_picker_lists_the_next_interview_first(db_path: Path) -> None:
    app = app_with(db_path, four_companies())
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        for section, select_id in (
            ("ask", "#ask-company"),
            ("coverage", "#coverage-company"),
            ("practice", "#practice-company"),
            ("brief", "#brief-company"),
            ("drill", "#drill-company"),
        ):
            app.open_section(section)
            await wait_until(pilot, lambda s=select_id: app.screen.query(s), f"{section} mounted")
            select = app.screen.query_one(select_id, Select)
            assert _select_ids(select) == NEXT_FIRST, section
        app.open_section("companies")
        await wait_until(pilot, lambda: app.screen.query("#companies-list"), "companies")
        options = app.screen.query_one("#companies-list", OptionList)
        ids = [options.get_option_at_index(i).id for i in range(options.option_count)]
        assert ids == NEXT_FIRST


async def test_choosing_in_one_screen_changes_every_screen_and_is_remembered(
    db_path: Path,
) -> None:
    app = app_with(db_path, four_companies())
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        for section in ("ask", "coverage", "practice", "brief", "companies"):
            app.open_section(section)
            await pilot.pause()
        # Brief opened with no target: it chose the next interview, for every screen.
        assert settings.read(app.store, settings.TARGET_COMPANY) == "today"

        app.open_section("practice")
        await pilot.pause()
        app.screen.query_one("#practice-company", Select).value = "later"  # the user picks
        await pilot.pause()
        assert settings.read(Store.open(str(db_path)), settings.TARGET_COMPANY) == "later"
        for section, select_id in (
            ("ask", "#ask-company"),
            ("coverage", "#coverage-company"),
            ("brief", "#brief-company"),
        ):
            app.open_section(section)
            await wait_until(
                pilot,
                lambda s=select_id: app.screen.query_one(s, Select).value == "later",
                f"{section} showing the new target",
            )
        brief = app.screen
        assert brief.company is not None and brief.company.id == "later"  # type: ignore[attr-defined]
        assert "Later plc" in screen_text(app)
        app.open_section("coverage")
        await pilot.pause()
        assert app.screen.report is not None  # type: ignore[attr-defined]
        app.open_section("companies")
        await pilot.pause()
        text = screen_text(app)
        assert "★ Later plc" in text and "the target company" in text
        assert "target Later plc" in screen_text(app).splitlines()[0]  # the bar names it

        # No company at all is a choice too, and it reaches Ask.
        app.open_section("ask")
        await pilot.pause()
        app.screen.query_one("#ask-company", Select).clear()
        await pilot.pause()
        assert settings.read(app.store, settings.TARGET_COMPANY) is None
        app.open_section("coverage")
        await wait_until(
            pilot,
            lambda: app.screen.query_one("#coverage-company", Select).value is Select.NULL,
            "coverage without a target",
        )

        app.open_section("practice")
        await pilot.pause()
        app.screen.query_one("#practice-company", Select).value = "soon"
        await pilot.pause()

    again = app_with(db_path)
    async with again.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        again.open_section("ask")
        await wait_until(pilot, lambda: again.screen.query("#ask-company"), "ask mounted")
        assert again.screen.query_one("#ask-company", Select).value == "soon"
        bar = again.screen.query_one(NavBar)
        assert "Soon Ltd" in str(bar.render()) and "in 3 days" in str(bar.render())


async def test_space_on_the_companies_list_sets_the_target_and_sort_is_remembered(
    db_path: Path,
) -> None:
    app = app_with(db_path, four_companies())
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("o")
        await wait_until(pilot, lambda: app.screen.query("#companies-list"), "companies")
        options = app.screen.query_one("#companies-list", OptionList)
        assert "by date" in str(options.border_title)
        await pilot.press("down", "down", "space")  # the third: Later plc
        assert settings.read(app.store, settings.TARGET_COMPANY) == "later"
        assert "★ Later plc" in screen_text(app)
        await pilot.press("S")
        assert settings.read(Store.open(str(db_path)), settings.COMPANY_SORT) == "name"
        ids = [options.get_option_at_index(i).id for i in range(options.option_count)]
        assert ids == ["later", "past", "soon", "today", "none"]
        assert "by name" in str(options.border_title)
        assert options.get_option_at_index(options.highlighted or 0).id == "later"  # kept
        await pilot.press("space")  # again on the target: no target
        assert settings.read(app.store, settings.TARGET_COMPANY) is None
        await pilot.press("p")
        await pilot.pause()
        assert app.screen.query_one("#practice-company", Select).value is Select.NULL
    again = app_with(db_path)
    async with again.run_test(size=(100, 30)) as pilot:
        await pilot.press("o")
        await wait_until(pilot, lambda: again.screen.query("#companies-list"), "companies")
        options = again.screen.query_one("#companies-list", OptionList)
        assert options.get_option_at_index(0).id == "later"  # still by name


async def test_a_deleted_target_is_no_target(db_path: Path) -> None:
    store = Store.open(str(db_path))
    store.apply_import(four_companies())
    settings.write(store, settings.TARGET_COMPANY, "gone")
    app = app_with(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("a")
        await wait_until(pilot, lambda: app.screen.query("#ask-company"), "ask mounted")
        assert app.screen.query_one("#ask-company", Select).value is Select.NULL
        assert "no target company" in screen_text(app).splitlines()[0]


async def test_the_bar_fits_any_width_and_cuts_a_long_name(db_path: Path) -> None:
    long_name = Bank(
        stories=[complete_story("a1", "First story")],
        companies=[company("long", "A Very Long Company Name Incorporated Worldwide")],
    )
    store = Store.open(str(db_path))
    store.apply_import(long_name)
    settings.write(store, settings.TARGET_COMPANY, "long")
    for width in (50, 80, 100, 160):
        app = app_with(db_path)
        async with app.run_test(size=(width, 24)) as pilot:
            await pilot.press("p")
            await wait_until(pilot, lambda a=app: a.screen.query(NavBar), "practice mounted")
            top = screen_text(app).splitlines()[0]
            assert len(top.rstrip()) <= width, width
            assert "p Practice" in top, width  # this section's label is always there
            if width >= 100:
                assert "s Stories" in top and "A Very Long" in top, width
            if width == 160:
                assert "target A Very Long Company Name Incorporated Worldwide" in top
