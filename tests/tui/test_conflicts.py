"""Saves that meet a change made on disk meanwhile: the conflict dialog and each of its choices.

Another writer (a second Store on the same file, as `storybank import` would be) changes
the story while the editor is open. The save must not overwrite it; the dialog shows
both versions and the user's choice is what lands on disk.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from core_support import app_with, two_stories
from textual.widgets import Input, Select, TextArea

from factories import complete_story as story
from storybank.model import Company
from storybank.store import Store
from storybank.tui.app import StorybankApp
from storybank.tui.screens.choice import ChoiceScreen
from storybank.tui.screens.company_editor import CompanyEditor
from storybank.tui.screens.conflict import ConflictScreen
from storybank.tui.screens.editor import EditorScreen
from storybank.tui.screens.stories import StoriesScreen


@pytest.fixture(autouse=True)
def no_disk_timer(monkeypatch: pytest.MonkeyPatch) -> None:
    """The outside writes below happen at exact moments; the app's timer must not race them."""
    monkeypatch.setattr(StorybankApp, "DISK_CHECK_INTERVAL", None)


ELSEWHERE = "Launch calendar, as edited in another terminal"
ORIGINAL_SUMMARY = "Summary of One launch calendar for six teams."


def retitled(title: str):  # type: ignore[no-untyped-def]
    """The first story with only its title changed, as another writer would save it."""
    return story("launch-calendar", title, summary=ORIGINAL_SUMMARY)


async def open_editor_and_conflict(pilot, db_path: Path) -> EditorScreen:  # type: ignore[no-untyped-def]
    """Edit the first story's result; meanwhile another writer retitles it; press ctrl+s."""
    app = pilot.app
    await pilot.pause()
    await pilot.press("e")
    await pilot.pause()
    editor = app.screen
    assert isinstance(editor, EditorScreen)
    result = editor.query_one("#f-result", TextArea)
    result.text = "On-time launches went from 40% to 90% in two quarters."
    other = Store.open(str(db_path))
    other.upsert_story(retitled(ELSEWHERE))
    await pilot.press("ctrl+s")
    await pilot.pause()
    return editor


def on_disk(db_path: Path, story_id: str = "launch-calendar"):  # type: ignore[no-untyped-def]
    return Store.open(str(db_path)).story(story_id)


async def test_a_save_over_an_outside_change_opens_the_dialog_and_writes_nothing(
    db_path: Path,
) -> None:
    app = app_with(db_path, two_stories())
    async with app.run_test(size=(120, 40)) as pilot:
        editor = await open_editor_and_conflict(pilot, db_path)
        before = db_path.read_bytes()
        dialog = app.screen
        assert isinstance(dialog, ConflictScreen)
        assert [key for key, _ in dialog.differing] == ["title", "result"]
        assert dialog.picks == {"title": "disk", "result": "mine"}  # three-way defaults
        mine = str(dialog.query_one("#conflict-row-result .conflict-mine").visual)
        assert "40% to 90%" in mine
        disk = str(dialog.query_one("#conflict-row-title .conflict-disk").visual)
        assert ELSEWHERE in disk
        assert db_path.read_bytes() == before
        await pilot.press("escape")  # back to editing: still nothing written
        await pilot.pause()
        assert app.screen is editor
        assert db_path.read_bytes() == before
        assert on_disk(db_path).title == ELSEWHERE


async def test_merge_takes_each_field_as_picked(db_path: Path) -> None:
    app = app_with(db_path, two_stories())
    async with app.run_test(size=(120, 40)) as pilot:
        await open_editor_and_conflict(pilot, db_path)
        await pilot.press("ctrl+s")  # save the default merge
        await pilot.pause()
        assert isinstance(app.screen, StoriesScreen)
        saved = on_disk(db_path)
        assert saved.title == ELSEWHERE  # theirs
        assert "40% to 90%" in saved.result  # mine
        assert app.bank.story("launch-calendar") == saved


async def test_merge_with_a_field_picked_the_other_way(db_path: Path) -> None:
    app = app_with(db_path, two_stories())
    async with app.run_test(size=(120, 40)) as pilot:
        await open_editor_and_conflict(pilot, db_path)
        app.screen.query_one("#pick-title", Select).value = "mine"
        await pilot.pause()
        await pilot.click("#merge")
        await pilot.pause()
        saved = on_disk(db_path)
        assert saved.title == "One launch calendar for six teams"
        assert "40% to 90%" in saved.result


async def test_keep_mine_as_a_copy_leaves_the_disk_version(db_path: Path) -> None:
    app = app_with(db_path, two_stories())
    async with app.run_test(size=(120, 40)) as pilot:
        await open_editor_and_conflict(pilot, db_path)
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, StoriesScreen)
        assert on_disk(db_path).title == ELSEWHERE
        copy = on_disk(db_path, "launch-calendar-copy")
        assert copy is not None and "40% to 90%" in copy.result
        assert app.screen.selected_story_id == "launch-calendar-copy"


async def test_take_the_disks_drops_the_edit(db_path: Path) -> None:
    app = app_with(db_path, two_stories())
    async with app.run_test(size=(120, 40)) as pilot:
        await open_editor_and_conflict(pilot, db_path)
        before = db_path.read_bytes()
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, StoriesScreen)
        assert db_path.read_bytes() == before
        assert app.bank.story("launch-calendar").title == ELSEWHERE  # the view shows the disk's


async def test_overwrite_knowingly_backs_up_the_disk_version_first(db_path: Path) -> None:
    app = app_with(db_path, two_stories())
    async with app.run_test(size=(120, 40)) as pilot:
        await open_editor_and_conflict(pilot, db_path)
        before = db_path.read_bytes()
        await pilot.press("o")
        await pilot.pause()
        saved = on_disk(db_path)
        assert saved.title == "One launch calendar for six teams" and "90%" in saved.result
        kept = [b for b in Store(db_path).backups() if b.reason == "overwrite"]
        assert kept and kept[0].path.read_bytes() == before


async def test_a_third_change_during_the_dialog_is_caught_too(db_path: Path) -> None:
    app = app_with(db_path, two_stories())
    async with app.run_test(size=(120, 40)) as pilot:
        await open_editor_and_conflict(pilot, db_path)
        Store.open(str(db_path)).upsert_story(retitled("A third version"))
        await pilot.press("o")
        await pilot.pause()
        assert isinstance(app.screen, ConflictScreen)  # asked again, about the third version
        assert "A third version" in str(
            app.screen.query_one("#conflict-row-title .conflict-disk").visual
        )
        assert on_disk(db_path).title == "A third version"


async def test_a_story_deleted_on_disk_can_be_saved_again(db_path: Path) -> None:
    app = app_with(db_path, two_stories())
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        app.screen.query_one("#f-title", Input).value = "Still mine"
        Store.open(str(db_path)).delete_story("launch-calendar")
        await pilot.press("ctrl+s")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ConflictScreen) and dialog.disk is None
        await pilot.click("#overwrite")  # "Save mine again"
        await pilot.pause()
        assert on_disk(db_path).title == "Still mine"


async def test_rename_is_confirmed_and_moves_practice_history(db_path: Path) -> None:
    app = app_with(db_path, two_stories())
    app.store.add_practice({"question_id": "q", "chosen": "launch-calendar", "rating": 4})
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        editor = app.screen
        assert app.focused is editor.query_one("#f-title", Input)  # never the id
        assert editor.query_one("#f-title", Input).selection.is_empty
        editor.query_one("#f-id", Input).value = "one-calendar"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceScreen)
        await pilot.click("#choice-cancel")
        await pilot.pause()
        assert app.screen is editor and on_disk(db_path, "one-calendar") is None
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.click("#choice-rename")
        await pilot.pause()
        assert isinstance(app.screen, StoriesScreen)
    store = Store.open(str(db_path))
    assert [s.id for s in store.stories()] == ["one-calendar", "activation-metric"]
    assert store.practice_history()[0]["chosen"] == "one-calendar"


async def test_rename_onto_an_id_created_meanwhile_is_refused(db_path: Path) -> None:
    """Issue 12, item 2: the rename used to replace the other writer's story."""
    app = app_with(db_path, two_stories())
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        app.screen.query_one("#f-id", Input).value = "fresh-id"
        Store.open(str(db_path)).upsert_story(story("fresh-id", "Written by the other writer"))
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.click("#choice-rename")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ConflictScreen) and dialog.id_taken
        assert on_disk(db_path, "fresh-id").title == "Written by the other writer"
        await pilot.press("c")  # keep mine as a copy under a new id
        await pilot.pause()
    store = Store.open(str(db_path))
    assert store.story("fresh-id").title == "Written by the other writer"
    assert store.story("launch-calendar") is not None
    assert store.story("fresh-id-copy").title == "One launch calendar for six teams"


async def test_a_new_story_whose_id_was_taken_meanwhile(db_path: Path) -> None:
    app = app_with(db_path, two_stories())
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        editor = app.screen
        assert isinstance(editor, EditorScreen)
        await pilot.press(*"Fresh story")
        for beat in ("context", "decision", "result"):
            editor.query_one(f"#f-{beat}", TextArea).text = f"The {beat}."
        editor.query_one("#f-competencies").select("prioritization")
        Store.open(str(db_path)).upsert_story(story("fresh-story", "Imported meanwhile"))
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ConflictScreen)
        assert on_disk(db_path, "fresh-story").title == "Imported meanwhile"


async def test_deleting_a_story_changed_on_disk_asks_again(db_path: Path) -> None:
    app = app_with(db_path, two_stories())
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        Store.open(str(db_path)).upsert_story(retitled(ELSEWHERE))
        await pilot.press("d")
        await pilot.pause()
        await pilot.click("#confirm")
        await pilot.pause()
        assert on_disk(db_path) is not None  # not deleted unseen
        assert isinstance(app.screen, ChoiceScreen)
        await pilot.click("#choice-delete")
        await pilot.pause()
        assert on_disk(db_path) is None


async def test_company_editor_meets_an_outside_change(db_path: Path) -> None:

    bank = two_stories()
    bank.companies.append(Company("acme", "Acme", stage="startup", notes="first notes"))
    app = app_with(db_path, bank)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("o")
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        editor = app.screen
        assert isinstance(editor, CompanyEditor)
        editor.query_one("#company-notes", TextArea).text = "my notes"
        Store.open(str(db_path)).upsert_company(
            Company("acme", "Acme Corp", stage="startup", notes="first notes")
        )
        await pilot.press("ctrl+s")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ConflictScreen)
        assert dialog.picks == {"name": "disk", "notes": "mine"}
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, CompanyEditor | ConflictScreen)
    saved = Store.open(str(db_path)).company("acme")
    assert (saved.name, saved.notes) == ("Acme Corp", "my notes")
