"""Import and export from the command palette: errors shown as the CLI prints them."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest
from core_support import app_with, two_stories
from textual.widgets import Input, Static

from storybank.errors import InputError, error_lines
from storybank.store import Store
from storybank.tui.screens.error_dialog import ErrorDialog
from storybank.tui.screens.path_prompt import PathPromptScreen
from storybank.yamlio import dump_bank, load_bank_file
from waiting import wait_for_palette_results

BAD_YAML = """\
version: 1
stories:
  - id: new-story
    title: A story with problems
    competencies: [metric-frameworks]
    context: Something happened.
    decision: I decided.
    result: It worked.
    metrics:
      - name: Time
        before: ten
        after: 4
  - id: new-story
    title: Same id again
    tittle: typo
"""


async def run_palette_command(pilot, app, command: str) -> None:
    await pilot.press("ctrl+p")
    await pilot.pause()
    await pilot.press(*command)
    await wait_for_palette_results(pilot)
    await pilot.press("enter")
    await pilot.pause()


async def test_import_error_dialog_shows_cli_text_and_changes_nothing(
    db_path: Path, tmp_path: Path
) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(BAD_YAML)
    with pytest.raises(InputError) as info:
        load_bank_file(bad)
    expected = "\n".join(error_lines(info.value))
    assert expected.count("\n") >= 2  # several problems, each on its own line
    app = app_with(db_path, two_stories())
    before = db_path.read_bytes()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await run_palette_command(pilot, app, "Import YAML file (merge)")
        assert isinstance(app.screen, PathPromptScreen)
        await pilot.press(*str(bad), "enter")
        await pilot.pause()
        assert isinstance(app.screen, ErrorDialog)
        shown = app.screen.query_one("#error-message", Static).visual
        assert str(shown) == expected
        await pilot.press("escape")
        await pilot.pause()
        assert [s.id for s in app.bank.stories] == ["launch-calendar", "activation-metric"]
    assert db_path.read_bytes() == before


async def test_import_merges_and_refreshes_the_list(db_path: Path, tmp_path: Path) -> None:
    incoming = two_stories()
    incoming.stories[0].title = "Renamed by import"
    incoming.stories = incoming.stories[:1]
    source = tmp_path / "good.yaml"
    source.write_text(dump_bank(incoming))
    app = app_with(db_path, two_stories())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.import_path(str(source))
        await pilot.pause()
        assert app.bank.story("launch-calendar").title == "Renamed by import"
        assert any("1 changed" in n.message for n in app._notifications)
    assert Store.open(str(db_path)).story("launch-calendar").title == "Renamed by import"


async def test_an_imported_company_with_a_long_past_date_is_named(
    db_path: Path, tmp_path: Path
) -> None:
    source = tmp_path / "companies.yaml"
    source.write_text(
        "version: 1\ncompanies:\n  - {id: old, name: Old, interview_date: '2019-02-01'}\n"
        "  - {id: fine, name: Fine}\n"
    )
    app = app_with(db_path, two_stories())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.import_path(str(source))
        await pilot.pause()
        warnings = [n.message for n in app._notifications if n.severity == "warning"]
        assert len(warnings) == 1
        assert warnings[0].startswith("company 'old': the interview date 2019-02-01 is ")
    assert Store.open(str(db_path)).company("old").interview_date == "2019-02-01"


async def test_path_prompt_refuses_a_missing_file(db_path: Path, tmp_path: Path) -> None:
    app = app_with(db_path, two_stories())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await run_palette_command(pilot, app, "Import YAML file (merge)")
        await pilot.press(*str(tmp_path / "nope.yaml"), "enter")
        await pilot.pause()
        assert isinstance(app.screen, PathPromptScreen)
        assert "No file at" in str(app.screen.query_one("#path-problem", Static).visual)
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, PathPromptScreen)


async def test_export_writes_a_private_file_that_imports_back(
    db_path: Path, tmp_path: Path
) -> None:
    target = tmp_path / "out.yaml"
    app = app_with(db_path, two_stories())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await run_palette_command(pilot, app, "Export bank to YAML")
        assert isinstance(app.screen, PathPromptScreen)
        field = app.screen.query_one("#path", Input)
        field.value = str(target)
        await pilot.press("enter")
        await pilot.pause()
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert load_bank_file(target).stories == two_stories().stories
