"""The Coverage screen: matrices with gaps flagged, gap sentences, 5-7 guidance, literal text."""

from __future__ import annotations

from screens_host import HostApp, fixed_bank, hostile_company, hostile_story, screen_text
from textual.widgets import DataTable, Select, TabbedContent

from storybank.model import Bank
from storybank.tui.screens.coverage import CoverageScreen


async def test_coverage_shows_matrix_gaps_and_guidance() -> None:
    bank = fixed_bank()
    bank.stories = bank.stories[:3]  # too few: thin areas and gaps appear
    app = HostApp(CoverageScreen, bank=bank)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        assert isinstance(screen, CoverageScreen)
        table = screen.query_one("#coverage-competencies", DataTable)
        assert table.row_count == 3 + 1  # stories plus the totals row
        assert len(table.columns) == 1 + 8
        text = screen_text(screen)
        assert "Too few: " in text
        assert screen.report.guidance.status == "few"  # type: ignore[union-attr]
        assert screen.report.guidance.message in text  # type: ignore[union-attr]
        await pilot.press("g")
        assert screen.query_one(TabbedContent).active == "tab-gaps"
        report = screen.report
        assert report is not None and report.gaps
        for gap in report.gaps:
            assert gap.message in text
        # A gap column's header is flagged with "!".
        gap_headers = [str(c.label) for c in table.ordered_columns if str(c.label).endswith("!")]
        assert gap_headers, "at least one competency column should be marked as a gap"


async def test_coverage_against_company_adds_company_gaps() -> None:
    bank = fixed_bank()
    app = HostApp(CoverageScreen, bank=bank)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        assert isinstance(screen, CoverageScreen)
        before = list(screen.report.gap_codes())  # type: ignore[union-attr]
        screen.query_one("#coverage-company", Select).value = bank.companies[0].id
        await pilot.pause()
        assert screen.report is not None and screen.report.company is bank.companies[0]
        assert screen.report.gap_codes() != before or screen.report.company is not None
        await pilot.press("r")
        rounds = screen.query_one("#coverage-rounds", DataTable)
        assert [str(c.label).rstrip("!") for c in rounds.ordered_columns][1:] == [
            "behavioral",
            "case",
            "panel",
        ]


async def test_coverage_empty_bank_says_what_to_do() -> None:
    app = HostApp(CoverageScreen, bank=Bank())
    async with app.run_test(size=(80, 24)):
        text = screen_text(app.screen)
        report = app.screen.report  # type: ignore[attr-defined]
        assert report.guidance.status == "few" and report.guidance.message in text


async def test_coverage_shows_hostile_text_literally() -> None:
    bank = Bank(stories=[hostile_story()], companies=[hostile_company()])
    app = HostApp(CoverageScreen, bank=bank)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        screen.query_one("#coverage-company", Select).value = "hostile-co"
        await pilot.pause()
        await pilot.press("g")
        await pilot.pause()
        text = screen_text(screen)
        assert "[b]x[/b]" in text
        assert "\x1b" not in text
        assert "[red]custom[/]" in text  # custom competency header, literally
        assert app.is_running


async def test_real_app_coverage_with_hostile_bank_is_inert() -> None:
    from screens_host import click_needles, evil_bank, inert_text, real_app

    app = real_app(evil_bank())
    async with app.run_test(size=(160, 50)) as pilot:
        await pilot.press("v")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, CoverageScreen)
        screen.query_one("#coverage-company", Select).value = "evil-co"
        await pilot.pause()
        text = inert_text(app)
        assert "[b]x[/b] [@click" in text  # the title, cut to the column
        assert "[red]custom[/red]" in text  # a custom competency as a column header
        await click_needles(pilot, text, ("[@click",))
        await pilot.press("g")
        await pilot.pause()
        text = inert_text(app)
        assert "[b]x[/b] [@click=app.quit]y[/]" in text  # the company name inside a gap
        await click_needles(pilot, text, ("[@click=app.quit]y[/]", "z[/link]"))
        assert app.quits == [] and app.is_running


async def test_highlighted_cell_is_explained() -> None:
    bank = fixed_bank()
    app = HostApp(CoverageScreen, bank=bank)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        assert isinstance(screen, CoverageScreen)
        await pilot.press("K")  # kinds tab, its table focused (k moves up, as in every list)
        await pilot.press("right", "right", "right", "right")  # the failure column
        await pilot.pause()
        first = bank.stories[0]
        line = str(screen.query_one("#coverage-cell").render())
        assert "a failure question (" in line
        reason = screen.report.kind_reasons[first.id]["failure"]  # type: ignore[union-attr]
        assert reason[:20] in line
        await pilot.press("r", "right")  # rounds tab: the behavioral note of the first story
        await pilot.pause()
        line = str(screen.query_one("#coverage-cell").render())
        note = first.rounds.get("behavioral", "")
        assert (note[:20] in line) if note else "no note for the behavioral round" in line


async def test_theme_switch_recolours_the_gap_cells() -> None:
    from screens_host import real_app

    bank = fixed_bank()
    bank.stories = bank.stories[:2]  # gaps everywhere
    app = real_app(bank)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("v")
        await pilot.pause()
        table = app.screen.query_one("#coverage-competencies", DataTable)

        def total_style() -> str:
            return str(table.get_row("__total__")[1].style)

        dark = total_style()
        app.theme = "storybank-light"
        await pilot.pause()
        assert total_style() != dark
        assert app.theme_variables["error"].lower() in total_style().lower()


async def test_coverage_never_says_no_gaps_on_an_empty_bank() -> None:
    app = HostApp(CoverageScreen, bank=Bank())
    async with app.run_test(size=(100, 30)) as pilot:
        text = screen_text(app.screen)
        assert "no gaps" not in text.lower()
        assert "every area is a gap" in text
        await pilot.press("g")
        assert "no gaps" not in screen_text(app.screen).lower()


async def test_coverage_says_what_its_tables_show() -> None:
    from storybank.resources import sample_bank

    app = HostApp(CoverageScreen, bank=sample_bank())
    async with app.run_test(size=(100, 30)) as pilot:
        screen = app.screen
        text = screen_text(screen)
        # one sample story can serve a failure question: a note, not "no gaps"
        assert "no gap to fix; 1 note (g)" in text
        assert "no gaps" not in text.lower()
        assert "Core areas (metric, launch, xfn) want 2 stories" in text
        await pilot.press("K")
        await pilot.pause()
        assert "can serve that kind of question (the rule Ask uses)" in screen_text(screen)
        await pilot.press("g")
        await pilot.pause()
        text = screen_text(screen)
        assert "No gap to fix: each core area has at least 2 stories" in text
        assert "every core area has two stories" not in text
