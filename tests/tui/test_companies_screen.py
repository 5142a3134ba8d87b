"""The Companies screen: add, edit, validate, delete (with confirm), and stories ranked by fit."""

from __future__ import annotations

from screens_host import HostApp, fixed_store, hostile_company, hostile_story, screen_text
from textual.widgets import Input, OptionList, Select, SelectionList, Static

from storybank.model import Bank
from storybank.tui.screens.companies import CompaniesScreen, days_until
from storybank.tui.screens.company_editor import CompanyEditor


async def fill(pilot, selector: str, text: str) -> None:  # type: ignore[no-untyped-def]
    field = pilot.app.screen.query_one(selector, Input)
    field.value = text
    await pilot.pause()


async def test_add_a_company_and_see_stories_ranked() -> None:
    store = fixed_store()
    app = HostApp(CompaniesScreen, store=store)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        assert isinstance(screen, CompaniesScreen)
        await pilot.press("n")
        editor = app.screen
        assert isinstance(editor, CompanyEditor)
        await pilot.press(*"Northwind Grid")
        assert editor.query_one("#company-id", Input).value == "northwind-grid"  # from the name
        editor.query_one("#company-stage", Select).value = "enterprise"
        editor.query_one("#company-customer", Select).value = "b2b-enterprise"
        editor.query_one("#company-org", Select).value = "matrix"
        editor.query_one("#company-focus", SelectionList).select("metric-frameworks")
        await fill(pilot, "#company-interview_date", "2031-02-03")
        await pilot.press("ctrl+s")
        assert app.screen is screen
        saved = store.company("northwind-grid")
        assert saved is not None
        assert (saved.name, saved.stage, saved.customer, saved.org) == (
            "Northwind Grid",
            "enterprise",
            "b2b-enterprise",
            "matrix",
        )
        assert saved.focus == ["metric-frameworks"]
        assert saved.interview_date == "2031-02-03"
        assert app.changes and app.changes[-1].reason == "added company"
        assert screen.selected is not None and screen.selected.id == "northwind-grid"
        text = screen_text(screen)
        assert "Your stories, best fit first" in text
        for story in store.stories():
            assert story.title in text  # every story is ranked
        assert "Adapt: " in text  # startup/scaleup stories told to an enterprise matrix org


async def test_a_date_long_past_is_saved_with_a_warning_and_a_near_one_without() -> None:
    from datetime import date, timedelta

    store = fixed_store()
    app = HostApp(CompaniesScreen, store=store)
    long_ago = (date.today() - timedelta(days=2527)).isoformat()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("n")
        await pilot.press(*"Old Co")
        await fill(pilot, "#company-interview_date", long_ago)
        await pilot.press("ctrl+s")
        saved = store.company("old-co")
        assert saved is not None and saved.interview_date == long_ago  # kept: it may be real
        warnings = [n for n in app._notifications if n.severity == "warning"]
        assert len(warnings) == 1 and warnings[0].title == "Check the date"
        assert warnings[0].message.startswith(
            f"Old Co: the interview date {long_ago} is 2,527 days in the past"
        )
        await pilot.press("n")
        await pilot.press(*"Soon Co")
        await fill(pilot, "#company-interview_date", (date.today() + timedelta(days=5)).isoformat())
        await pilot.press("ctrl+s")
        assert store.company("soon-co") is not None
        assert len([n for n in app._notifications if n.severity == "warning"]) == 1  # no new one


async def test_invalid_company_shows_import_messages_and_saves_nothing() -> None:
    store = fixed_store()
    app = HostApp(CompaniesScreen, store=store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n")
        editor = app.screen
        assert isinstance(editor, CompanyEditor)
        await fill(pilot, "#company-id", "Bad Id!")
        await fill(pilot, "#company-interview_date", "next tuesday")
        await pilot.press("ctrl+s")
        assert app.screen is editor  # still open
        problems = str(editor.query_one("#company-problems", Static).render())
        assert "Name: " in problems
        assert "Interview date: " in problems and "YYYY-MM-DD" in problems
        assert "Id: " in problems
        taken = store.companies()[0]
        await fill(pilot, "#company-name", taken.name)
        await fill(pilot, "#company-id", taken.id)  # already taken
        await fill(pilot, "#company-interview_date", "")
        await pilot.press("ctrl+s")
        assert "already exists" in str(editor.query_one("#company-problems", Static).render())
        await pilot.press("escape")  # unsaved changes: asks first
        assert app.screen is editor
        await pilot.press("escape")
        assert isinstance(app.screen, CompaniesScreen)
        assert len(store.companies()) == 3


async def test_edit_then_delete_with_confirm() -> None:
    store = fixed_store()
    app = HostApp(CompaniesScreen, store=store)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        assert isinstance(screen, CompaniesScreen)
        await pilot.press("down")
        second = store.companies()[1]
        assert screen.selected is not None and screen.selected.id == second.id
        await pilot.press("e")
        editor = app.screen
        assert isinstance(editor, CompanyEditor)
        assert editor.query_one("#company-id", Input).disabled  # the id is fixed once created
        await fill(pilot, "#company-name", "Harbor Renamed")
        await pilot.press("ctrl+s")
        assert store.company(second.id).name == "Harbor Renamed"
        assert [c.id for c in store.companies()][1] == second.id  # keeps its place
        assert "Harbor Renamed" in screen_text(screen)

        await pilot.press("d")
        await pilot.press("escape")  # cancel: nothing deleted
        assert store.company(second.id) is not None
        await pilot.press("d", "y")
        assert store.company(second.id) is None
        assert app.changes[-1].reason == "deleted company"
        options = screen.query_one(OptionList)
        assert options.option_count == 2


async def test_no_companies_explains_what_to_do() -> None:
    store = fixed_store(Bank(stories=[]))
    app = HostApp(CompaniesScreen, store=store)
    async with app.run_test(size=(80, 24)) as pilot:
        assert "No target companies yet" in screen_text(app.screen)
        await pilot.press("e")  # nothing to edit: no crash, no dialog
        assert isinstance(app.screen, CompaniesScreen)


async def test_hostile_company_and_story_shown_literally() -> None:
    store = fixed_store(Bank(stories=[hostile_story()], companies=[hostile_company()]))
    app = HostApp(CompaniesScreen, store=store)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        text = screen_text(screen)
        assert "Co [b]x[/b] [@click=app.quit]y[/]" in text
        assert "\x1b" not in text and "␛" in text
        option = screen.query_one(OptionList).get_option_at_index(0)
        assert "[b]x[/b]" in str(option.prompt)
        await pilot.click(OptionList, offset=(6, 1))
        await pilot.press("e")
        editor = app.screen
        assert isinstance(editor, CompanyEditor)
        assert "[red]custom[/]" in " ".join(
            str(editor.query_one(SelectionList).get_option_at_index(i).prompt)
            for i in range(editor.query_one(SelectionList).option_count)
        )
        await pilot.press("escape")
        assert app.is_running


def test_days_until_wording() -> None:
    from datetime import date

    today = date(2030, 1, 10)
    assert days_until("2030-01-10", today) == "today"
    assert days_until("2030-01-11", today) == "tomorrow"
    assert days_until("2030-01-19", today) == "in 9 days"
    assert days_until("2030-01-09", today) == "1 day ago"
    assert days_until("2030-01-01", today) == "9 days ago"
    assert days_until(None, today) == "" and days_until("soon", today) == ""


async def test_real_app_companies_with_hostile_bank_is_inert() -> None:
    from screens_host import click_needles, evil_bank, inert_text, real_app

    app = real_app(evil_bank())
    async with app.run_test(size=(160, 50)) as pilot:
        await pilot.press("o")
        await pilot.pause()
        assert isinstance(app.screen, CompaniesScreen)
        text = inert_text(app)
        assert "[b]x[/b] [@click=app.quit]y[/]" in text and "␛]52;c;cHduZWQ=␇" in text
        assert await click_needles(pilot, text, ("[@click=app.quit]y[/]", "z[/link]")) >= 1
        await pilot.press("e")
        await pilot.pause()
        editor = app.screen
        assert isinstance(editor, CompanyEditor)
        assert "[b]x[/b] [@click=app.quit]y[/]" in inert_text(app)  # the name, in its Input
        focus = editor.query_one(SelectionList)
        focus.scroll_end(animate=False)
        await pilot.pause()
        assert "[red]custom[/red]" in inert_text(app)
        await pilot.press("escape")
        await pilot.pause()
        assert app.quits == [] and app.is_running


async def test_real_app_company_write_reaches_other_sections() -> None:
    """A company added in Companies appears in Ask's company list (BankChanged across modes)."""
    from screens_host import fixed_bank, real_app

    from storybank.tui.screens.ask import AskScreen

    app = real_app(fixed_bank())
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("a")
        await pilot.pause()
        await pilot.press("escape")  # leave the question box so section keys work
        await pilot.press("o")
        await pilot.pause()
        await pilot.press("n")
        await pilot.press(*"Fresh Target")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.store.company("fresh-target") is not None
        await pilot.press("a")
        await pilot.pause()
        ask = app.screen
        assert isinstance(ask, AskScreen)
        select = ask.query_one("#ask-company", Select)
        values = [value for _label, value in select._options]
        assert "fresh-target" in values


async def test_f_opens_the_brief_on_the_selected_company() -> None:
    from screens_host import fixed_bank, real_app

    from storybank.tui.screens.brief import BriefScreen

    bank = fixed_bank()
    app = real_app(bank)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("o")
        await pilot.pause()
        await pilot.press("down", "down", "f")
        await pilot.pause()
        brief = app.screen
        assert isinstance(brief, BriefScreen)
        assert brief.company is not None and brief.company.id == bank.companies[2].id
        assert brief.brief is not None and brief.brief.company.id == bank.companies[2].id
        await pilot.press("o")  # back, pick the first, again: the Brief screen exists now
        await pilot.pause()
        await pilot.press("up", "up", "f")
        await pilot.pause()
        assert app.screen is brief
        assert brief.brief.company.id == bank.companies[0].id
