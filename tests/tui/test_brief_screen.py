"""The Brief screen: the one-pager for the chosen company, scrollable, written out as Markdown."""

from __future__ import annotations

import os
from pathlib import Path

from screens_host import HostApp, fixed_bank, hostile_company, hostile_story, screen_text
from textual.containers import VerticalScroll
from textual.widgets import Select

from storybank.model import Bank
from storybank.tui.screens.brief import BriefScreen, style_brief


async def test_brief_for_the_chosen_company() -> None:
    from datetime import date, timedelta

    bank = fixed_bank()
    today = date.today()
    past, later, soon = bank.companies[0], bank.companies[1], bank.companies[2]
    past.interview_date = (today - timedelta(days=3)).isoformat()  # already happened
    later.interview_date = (today + timedelta(days=20)).isoformat()
    soon.interview_date = (today + timedelta(days=4)).isoformat()
    app = HostApp(BriefScreen, bank=bank)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        assert isinstance(screen, BriefScreen)
        # Opens on the company whose interview comes next.
        soonest = soon
        assert screen.company is not None and screen.company.id == soonest.id
        text = screen_text(screen)
        assert soonest.name in text
        for lead in screen.brief.leads:
            assert lead.title in text  # the one screen: the stories to lead with
        await pilot.press("f")
        text = screen_text(screen)
        for ranked in screen.brief.stories:
            assert ranked.title in text  # the full brief: every story, ranked for it
        other = later
        screen.query_one("#brief-company", Select).value = other.id
        await pilot.pause()
        text = screen_text(screen)
        assert other.name in text
        assert screen.brief.company is other
        likely = screen.brief.questions
        assert 8 <= len(likely) <= 10
        assert likely[0].text.split()[0] in text
        scroll = screen.query_one("#brief-scroll", VerticalScroll)
        assert scroll.max_scroll_y > 0  # longer than the screen: it scrolls
        await pilot.press("end")
        await pilot.pause()
        assert scroll.scroll_y > 0


async def test_brief_rewraps_to_the_width() -> None:
    app = HostApp(BriefScreen, bank=fixed_bank())
    async with app.run_test(size=(120, 40)):
        screen = app.screen
        assert isinstance(screen, BriefScreen)
        widest = max(len(line) for line in screen_text(screen).splitlines())
        assert 80 < widest <= 100


async def test_brief_without_companies_says_what_to_do() -> None:
    app = HostApp(BriefScreen, bank=Bank(stories=fixed_bank().stories))
    async with app.run_test(size=(80, 24)):
        assert "Add a target company first" in screen_text(app.screen)


async def test_write_markdown(tmp_path: Path) -> None:
    app = HostApp(BriefScreen, bank=fixed_bank())
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        assert isinstance(screen, BriefScreen)
        target = tmp_path / "brief.md"
        await pilot.press("w")
        prompt = app.screen
        from textual.widgets import Input

        prompt.query_one(Input).value = str(target)
        await pilot.press("enter")
        await pilot.pause()
        assert target.read_text(encoding="utf-8").startswith("#")
        assert os.stat(target).st_mode & 0o777 == 0o600


async def test_hostile_company_brief_is_literal() -> None:
    bank = Bank(stories=[hostile_story()], companies=[hostile_company()])
    app = HostApp(BriefScreen, bank=bank)
    async with app.run_test(size=(80, 24)) as pilot:
        text = screen_text(app.screen)
        assert "Co [b]x[/b] [@click=app.quit]y[/]" in text
        assert "\x1b" not in text and "\x07" not in text
        await pilot.click("#brief-text", offset=(15, 0))
        assert app.is_running


def test_style_brief_turns_underlined_titles_into_headings() -> None:
    content = style_brief("Brief: [b]A[/b]\n=========\nline\n\nNumbers\n-------\n- x")
    assert content.plain == "Brief: [b]A[/b]\nline\n\nNumbers\n- x"


async def test_real_app_brief_with_hostile_bank_is_inert() -> None:
    from screens_host import click_needles, evil_bank, inert_text, real_app

    app = real_app(evil_bank())
    async with app.run_test(size=(160, 50)) as pilot:
        await pilot.press("b")
        await pilot.pause()
        assert isinstance(app.screen, BriefScreen)
        text = inert_text(app)
        assert "[b]x[/b] [@click=app.quit]y[/]" in text
        await click_needles(pilot, text, ("[@click=app.quit]y[/]", "z[/link]"))
        await pilot.press("end")
        inert_text(app)
        assert app.quits == [] and app.is_running
