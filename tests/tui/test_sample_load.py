"""Issue 14: the palette's "Load the sample bank" never overwrites edits without asking."""

from __future__ import annotations

from pathlib import Path

import pytest
from core_support import app_with

from factories import complete_story as story
from storybank.model import Bank
from storybank.resources import sample_bank
from storybank.store import Store
from storybank.tui.app import StorybankApp
from storybank.tui.screens.choice import ChoiceScreen
from storybank.tui.transfer import load_sample_bank


@pytest.fixture(autouse=True)
def no_disk_timer(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(StorybankApp, "DISK_CHECK_INTERVAL", None)


def edited_samples(db: Path) -> str:
    """A bank holding the samples with the first sample story edited, plus an own story."""
    store = Store.open(str(db))
    store.apply_import(sample_bank())
    first = store.stories()[0]
    first.title = "My own rewrite of this sample"
    store.upsert_story(first)
    store.delete_story(store.stories()[1].id)
    store.upsert_story(story("mine", "A story of my own"))
    return first.id


async def test_an_empty_bank_gets_the_samples_at_once(db_path: Path) -> None:
    app = app_with(db_path, Bank())
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        plan = load_sample_bank(app)
        assert plan is not None and plan.counts()["added"] >= 6
        assert len(app.bank.stories) == len(sample_bank().stories)


async def test_cancel_changes_nothing(db_path: Path) -> None:
    edited_samples(db_path)
    before = db_path.read_bytes()
    app = app_with(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        load_sample_bank(app)
        await pilot.pause()
        assert isinstance(app.screen, ChoiceScreen)
        await pilot.press("escape")
        await pilot.pause()
    assert db_path.read_bytes() == before


async def test_add_the_missing_samples_keeps_my_edits(db_path: Path) -> None:
    edited = edited_samples(db_path)
    app = app_with(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        load_sample_bank(app)
        await pilot.pause()
        await pilot.click("#choice-add")
        await pilot.pause()
    store = Store.open(str(db_path))
    assert store.story(edited).title == "My own rewrite of this sample"
    assert store.story("mine") is not None
    assert {s.id for s in sample_bank().stories} <= {s.id for s in store.stories()}
    assert "before-sample" in [b.reason for b in Store(db_path).backups()]


async def test_replacing_my_edits_is_a_separate_choice_with_a_backup(db_path: Path) -> None:
    edited = edited_samples(db_path)
    before = db_path.read_bytes()
    app = app_with(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        load_sample_bank(app)
        await pilot.pause()
        await pilot.click("#choice-replace")
        await pilot.pause()
    assert Store.open(str(db_path)).story(edited).title != "My own rewrite of this sample"
    taken = [b for b in Store(db_path).backups() if b.reason == "before-sample"]
    assert taken and taken[0].path.read_bytes() == before


async def test_the_samples_it_loads_are_marked_as_samples(db_path: Path) -> None:
    """Loaded from the palette, the samples are kept apart exactly as `init --sample`'s:
    marked, so `storybank samples remove` can take them out again."""
    app = app_with(db_path, Bank())
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert load_sample_bank(app) is not None
    status = Store(db_path).sample_status()
    assert sorted(status.story_ids) == sorted(s.id for s in sample_bank().stories)
    assert status.count("companies") == len(sample_bank().companies)
