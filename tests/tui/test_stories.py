"""Stories (home): list, detail, fuzzy filter, delete with confirm and undo, enter to open."""

from __future__ import annotations

from pathlib import Path

from core_support import app_with, screen_text, two_stories
from textual.widgets import Input, OptionList, Static

from storybank.store import Store
from storybank.tui.screens.confirm import ConfirmScreen
from storybank.tui.screens.editor import EditorScreen
from storybank.tui.screens.stories import StoriesScreen, filter_stories
from storybank.tui.widgets.story_detail import StoryDetail


def detail_text(app) -> str:
    """The story detail's full text, scrolled-off lines included."""
    return str(app.screen.query_one("#story-detail-body", Static).render())


def option_ids(app) -> list[str]:
    option_list = app.screen.query_one("#story-list", OptionList)
    return [option_list.get_option_at_index(i).id for i in range(option_list.option_count)]


async def test_list_and_detail_show_the_story(db_path: Path) -> None:
    app = app_with(db_path, two_stories())
    async with app.run_test(size=(120, 40)) as pilot:
        await app.workers.wait_for_complete()  # the checks land and shrink the detail pane
        await pilot.pause()
        assert isinstance(app.screen, StoriesScreen)
        assert option_ids(app) == ["launch-calendar", "activation-metric"]
        assert "One launch calendar for six teams" in screen_text(app)
        text = detail_text(app)  # the whole story, whether or not it all fits above the checks
        assert "CONSTRAINT" in text and "WHAT CHANGED AFTER" in text
        assert "On-time launches: 40% -> 85% (+45 pts)" in text
        assert "Chose one calendar over team trackers, because one view beats many" in text
        assert " LCH " in text  # the competency badge
        await pilot.press("down")
        assert app.screen.selected_story_id == "activation-metric"
        assert "Replacing signups with an activation metric" in screen_text(app)


async def test_filter_narrows_as_you_type_and_escape_clears(db_path: Path) -> None:
    app = app_with(db_path, two_stories())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("slash")
        assert isinstance(app.focused, Input)
        await pilot.press(*"activ")
        await pilot.pause()
        assert option_ids(app) == ["activation-metric"]
        assert "1 of 2 stories match 'activ'" in screen_text(app)
        await pilot.press("enter")  # back to the list, filter kept
        assert isinstance(app.focused, OptionList)
        await pilot.press("escape")
        await pilot.pause()
        assert option_ids(app) == ["launch-calendar", "activation-metric"]
        assert not app.screen.query("#story-filter")  # the box goes with the filter


def test_filter_is_fuzzy_and_ranks_title_matches_first() -> None:
    stories = two_stories().stories
    assert [s.id for s in filter_stories(stories, "lanch calendr")] == ["launch-calendar"]
    assert [s.id for s in filter_stories(stories, "metric-frameworks")] == ["activation-metric"]
    assert filter_stories(stories, "zzzz") == []
    assert filter_stories(stories, "  ") == stories


async def test_delete_asks_then_undo_brings_it_back(db_path: Path) -> None:
    app = app_with(db_path, two_stories())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("escape")  # cancel keeps it
        await pilot.pause()
        assert Store.open(str(db_path)).story("launch-calendar") is not None
        await pilot.press("d")
        await pilot.pause()
        await pilot.click("#confirm")
        await pilot.pause()
        assert Store.open(str(db_path)).story("launch-calendar") is None
        assert option_ids(app) == ["activation-metric"]
        await pilot.press("u")
        await pilot.pause()
        restored = Store.open(str(db_path)).story("launch-calendar")
        assert restored == two_stories().stories[0]
        assert "launch-calendar" in option_ids(app)
        assert app.undo_steps == []


async def test_enter_reads_then_edits(db_path: Path) -> None:
    app = app_with(db_path, two_stories())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        assert isinstance(app.focused, StoryDetail)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, EditorScreen)
        assert app.screen.story is not None and app.screen.story.id == "launch-calendar"


async def test_section_keys_are_off_while_typing(db_path: Path) -> None:
    app = app_with(db_path, two_stories())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("slash", "a", "o", "v")
        await pilot.pause()
        assert isinstance(app.screen, StoriesScreen)
        assert app.screen.query_one("#story-filter", Input).value == "aov"


async def test_resizes_cleanly_down_to_80x24_and_below(db_path: Path) -> None:
    app = app_with(db_path, two_stories())
    async with app.run_test(size=(160, 50)) as pilot:
        await pilot.pause()
        for size in [(120, 40), (80, 24), (60, 20), (100, 30)]:
            await pilot.resize_terminal(*size)
            await pilot.pause()
            lines = screen_text(app).splitlines()
            assert len(lines) == size[1]
            assert "One launch calendar" in "\n".join(lines)  # the list is still there
            assert "Filter" in lines[-1] and "New" in lines[-1]  # the footer keeps its keys
            pane = app.screen.query_one("#story-list-pane")
            assert pane.size.width >= 28
            assert app.screen.query_one(StoryDetail).size.width > 0


async def test_quality_scores_arrive_from_a_worker_and_follow_edits(db_path: Path) -> None:
    from storybank.quality.lint import lint_story
    from storybank.tui.screens.stories import SCORE_DELAY_AT_START

    bank = two_stories()
    app = app_with(db_path, bank)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.pause(SCORE_DELAY_AT_START + 0.05)
        await app.workers.wait_for_complete()
        await pilot.pause()
        expected = lint_story(bank.stories[0]).score
        assert f"quality {expected}/100" in screen_text(app)
        weaker = bank.stories[0]
        weaker.metrics = []
        weaker.result = "It went well."
        app.save_story(weaker)
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        lower = lint_story(weaker).score
        assert lower < expected
        assert f"quality {lower}/100" in screen_text(app)


async def test_footer_follows_the_keys_that_apply(db_path: Path) -> None:
    app = app_with(db_path, two_stories())
    async with app.run_test(size=(100, 24)) as pilot:
        await pilot.pause()
        assert "Delete" in screen_text(app).splitlines()[-1]
        assert "u Undo" not in screen_text(app).splitlines()[-1]
        await pilot.press("d")
        await pilot.pause()
        await pilot.click("#confirm")
        await pilot.pause()
        await pilot.pause()
        assert "u Undo" in screen_text(app).splitlines()[-1]
        await pilot.press("u")
        await pilot.pause()
        await pilot.pause()
        assert "u Undo" not in screen_text(app).splitlines()[-1]
