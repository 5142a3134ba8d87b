"""Issue 14: one undo for this session's changes: story and company deletes, saves, a
sample load. Each undo is a checked write that never overwrites a change it did not see."""

from __future__ import annotations

from pathlib import Path

import pytest
from core_support import app_with, screen_text, two_stories

from factories import company as make_company
from storybank.model import Bank
from storybank.resources import sample_bank
from storybank.store import Store
from storybank.tui.app import StorybankApp
from storybank.tui.checked_save import CheckedSave, SaveOutcome
from storybank.tui.screens.companies import CompaniesScreen
from storybank.tui.screens.confirm import ConfirmScreen
from storybank.tui.transfer import load_sample_bank
from waiting import wait_until


@pytest.fixture(autouse=True)
def no_disk_timer(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(StorybankApp, "DISK_CHECK_INTERVAL", None)


def with_companies() -> Bank:
    bank = two_stories()
    bank.companies = [make_company("acme", "Acme Grid"), make_company("beta", "Beta Labs")]
    return bank


async def delete_first_company(app: StorybankApp, pilot) -> None:  # type: ignore[no-untyped-def]
    await pilot.press("o")
    await wait_until(pilot, lambda: isinstance(app.screen, CompaniesScreen), "Companies")
    await pilot.press("d")
    await wait_until(pilot, lambda: isinstance(app.screen, ConfirmScreen), "the confirm")
    await pilot.click("#confirm")
    await wait_until(pilot, lambda: len(app.bank.companies) == 1, "the delete")


async def test_u_brings_back_a_deleted_company_in_its_place(db_path: Path) -> None:
    app = app_with(db_path, with_companies())
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await delete_first_company(app, pilot)
        assert "u Undo" in screen_text(app)
        await pilot.press("u")
        await wait_until(pilot, lambda: len(app.bank.companies) == 2, "the undo")
        assert Store.open(str(db_path)).company("acme") == make_company("acme", "Acme Grid")
        assert app.undo_steps == []
        assert "u Undo" not in screen_text(app)


async def test_the_story_list_u_also_undoes_a_company_delete(db_path: Path) -> None:
    app = app_with(db_path, with_companies())
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await delete_first_company(app, pilot)
        await pilot.press("s")
        await pilot.pause()
        await pilot.press("u")
        await wait_until(pilot, lambda: len(app.bank.companies) == 2, "the undo")


async def test_a_company_undo_never_overwrites_a_newer_one(db_path: Path) -> None:
    app = app_with(db_path, with_companies())
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await delete_first_company(app, pilot)
        Store.open(str(db_path)).upsert_company(make_company("acme", "Acme made again"))
        await pilot.press("u")
        await wait_until(pilot, lambda: not app.undo_steps, "the refused undo")
        again = Store.open(str(db_path)).company("acme")
        assert again is not None and again.name == "Acme made again"


async def test_undo_takes_back_a_save_and_is_refused_after_a_newer_change(
    db_path: Path,
) -> None:
    app = app_with(db_path, two_stories())
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        original = app.bank.stories[0]
        outcomes: list[SaveOutcome] = []
        edited = original.replace(title="A better title")
        CheckedSave(app, edited, original=original, done=outcomes.append).start()
        app.refresh_bank("saved story", edited.id)
        await pilot.pause()
        assert outcomes[-1].action == "saved"
        assert app.undo_what == "the story save"
        await pilot.press("u")
        await wait_until(pilot, lambda: app.bank.stories[0] == original, "the undo")
        # and a save whose story then changed elsewhere is not taken back over that change
        CheckedSave(app, edited, original=original, done=outcomes.append).start()
        Store.open(str(db_path)).upsert_story(edited.replace(title="Changed in the CLI"))
        await pilot.press("u")
        await wait_until(pilot, lambda: not app.undo_steps, "the refused undo")
        story = Store.open(str(db_path)).story(original.id)
        assert story is not None and story.title == "Changed in the CLI"


async def test_a_new_story_save_is_not_an_undo_step(db_path: Path) -> None:
    app = app_with(db_path, two_stories())
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        new = app.bank.stories[0].replace(id="brand-new", title="Brand new")
        CheckedSave(app, new, original=None, done=lambda _o: None).start()
        assert app.undo_steps == []


async def test_u_takes_back_a_sample_load(db_path: Path) -> None:
    app = app_with(db_path, two_stories())
    before = Store.open(str(db_path)).bank()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        load_sample_bank(app)
        await pilot.pause()
        await pilot.click("#choice-add")
        samples = len(sample_bank().stories)
        await wait_until(pilot, lambda: len(app.bank.stories) == 2 + samples, "the load")
        assert app.undo_what == "the sample load"
        await pilot.press("u")
        await wait_until(pilot, lambda: len(app.bank.stories) == 2, "the undo")
    store = Store.open(str(db_path))
    assert store.bank().stories == before.stories
    assert store.bank().companies == before.companies
    assert store.sample_status().is_empty()  # no sample marks left behind


async def test_u_takes_back_a_save_made_in_the_editor(db_path: Path) -> None:
    from textual.widgets import Input

    from storybank.tui.screens.editor import EditorScreen

    app = app_with(db_path, two_stories())
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        original = app.bank.stories[0]
        await pilot.press("e")
        await wait_until(pilot, lambda: isinstance(app.screen, EditorScreen), "the editor")
        app.screen.query_one("#f-title", Input).value = "A title typed in the editor"
        await pilot.press("ctrl+s")
        await wait_until(
            pilot, lambda: app.bank.stories[0].title == "A title typed in the editor", "save"
        )
        while isinstance(app.screen, EditorScreen):
            await pilot.press("escape")
            await pilot.pause()
        await pilot.press("u")
        await wait_until(pilot, lambda: app.bank.stories[0] == original, "the undo")
        assert Store.open(str(db_path)).story(original.id) == original
