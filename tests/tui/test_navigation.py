"""Terminal-app basics: the section keys on every screen, escape and q go back, j/k move,
lists sort (remembered)."""

from __future__ import annotations

from pathlib import Path

from core_support import app_with, screen_text
from textual.widgets import DataTable, OptionList

from factories import complete_story
from storybank import settings
from storybank.model import Bank
from storybank.practice import PracticeRecord, add_to_history
from storybank.store import Store
from storybank.tui.screens.stories import sort_stories
from storybank.tui.widgets.nav_bar import NavBar
from waiting import wait_until

SECTIONS = ("a", "o", "v", "p", "b", "t")


def three_stories() -> Bank:
    return Bank(
        stories=[
            complete_story("m-mid", "Middle title"),
            complete_story("a-first", "Zebra crossing"),
            complete_story("z-last", "Apple harvest"),
        ]
    )


async def test_every_screen_shows_the_section_keys(db_path: Path) -> None:
    app = app_with(db_path, three_stories())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        for key in ("s", *SECTIONS):
            await pilot.press(key)
            if key == "a":
                await pilot.press("escape")  # leave the question box; keys work again
            await pilot.pause()
            top = screen_text(app).splitlines()[0]
            for label in ("s Stories", "a Ask", "o Companies", "v Coverage", "p Practice"):
                assert label in top, (key, top)
            assert "b Brief" in top and "t Drill" in top, (key, top)
            assert len(app.screen.query(NavBar)) == 1, key


async def test_escape_and_q_go_back_to_the_story_list(db_path: Path) -> None:
    app = app_with(db_path, three_stories())
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        for key in SECTIONS:
            # Drill opens in its answer box, where q is a letter of the answer.
            for back in ("escape",) if key == "t" else ("escape", "q"):
                await pilot.press(key)
                await pilot.pause()
                if key == "a":
                    await pilot.press("escape")  # the first escape leaves the question box
                    await pilot.pause()
                    assert app.current_mode == "ask"
                await pilot.press(back)
                await pilot.pause()
                assert app.current_mode == "stories", (key, back)
        assert app.is_running


async def test_q_on_the_story_list_quits(db_path: Path) -> None:
    app = app_with(db_path, three_stories())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("escape")  # nothing to go back to: nothing happens
        await pilot.pause()
        assert app.is_running
        await pilot.press("q")
        await wait_until(pilot, lambda: not app.is_running, "the app to quit")


async def test_q_and_j_type_into_a_text_field(db_path: Path) -> None:
    app = app_with(db_path, three_stories())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("slash", "q", "j", "k")
        await pilot.pause()
        assert app.is_running and app.current_mode == "stories"
        assert app.screen.query_one("#story-filter").value == "qjk"  # type: ignore[attr-defined]


async def test_j_and_k_move_in_lists_and_tables(db_path: Path) -> None:
    app = app_with(db_path, three_stories())
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        stories = app.screen.query_one("#story-list", OptionList)
        assert stories.highlighted == 0
        await pilot.press("j", "j")
        assert stories.highlighted == 2
        await pilot.press("k")
        assert stories.highlighted == 1
        assert app.screen.selected_story_id == "a-first"  # type: ignore[attr-defined]

        await pilot.press("v")
        await pilot.pause()
        table = app.screen.query_one("#coverage-competencies", DataTable)
        table.focus()
        await pilot.pause()
        row = table.cursor_coordinate.row
        await pilot.press("j")
        assert table.cursor_coordinate.row == row + 1
        await pilot.press("k")
        assert table.cursor_coordinate.row == row
        await pilot.press("K")  # the kinds tab moved to K, so k stays "up"
        await pilot.pause()
        assert app.screen.query_one("#coverage-tabs").active == "tab-kinds"  # type: ignore[attr-defined]


def test_sort_stories_orders() -> None:
    stories = three_stories().stories
    ids = lambda found: [s.id for s in found]  # noqa: E731
    assert ids(sort_stories(stories, "bank")) == ["m-mid", "a-first", "z-last"]
    assert ids(sort_stories(stories, "id")) == ["a-first", "m-mid", "z-last"]
    assert ids(sort_stories(stories, "title")) == ["z-last", "m-mid", "a-first"]
    scores = {"m-mid": 90, "z-last": 40}
    assert ids(sort_stories(stories, "quality", scores)) == ["z-last", "m-mid", "a-first"]
    practised = {"m-mid": "2026-01-02T10:00:00", "a-first": "2025-06-01T10:00:00"}
    assert ids(sort_stories(stories, "practised", None, practised)) == [
        "z-last",  # never practised: first
        "a-first",
        "m-mid",
    ]
    edited = {"z-last": "2026-02-01T08:00:00+00:00", "m-mid": "2026-03-01T08:00:00+00:00"}
    assert ids(sort_stories(stories, "edited", None, None, edited)) == [
        "m-mid",  # the newest edit first
        "z-last",
        "a-first",  # never edited since it was added: last
    ]


async def test_the_story_list_sorts_with_s_and_remembers(db_path: Path) -> None:
    store = Store.open(str(db_path))
    store.apply_import(three_stories())
    add_to_history(
        store,
        PracticeRecord(date="2026-01-01T09:00:00", question_id="q", question="Q", chosen="z-last"),
    )
    app = app_with(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        stories = app.screen.query_one("#story-list", OptionList)

        def listed() -> list[str | None]:
            return [stories.get_option_at_index(i).id for i in range(stories.option_count)]

        assert listed() == ["m-mid", "a-first", "z-last"]
        assert "▼ by" not in screen_text(app)  # bank order: no indicator
        await pilot.press("S")
        assert listed() == ["a-first", "m-mid", "z-last"]
        assert "▼ by id" in screen_text(app)
        await pilot.press("S")
        assert listed() == ["z-last", "m-mid", "a-first"]
        assert "▼ by title" in screen_text(app)
        await pilot.press("S", "S")
        assert listed() == ["m-mid", "a-first", "z-last"]  # neither practised: bank order
        assert "▼ by last practised" in screen_text(app)
        assert settings.read(Store.open(str(db_path)), settings.STORY_SORT) == "practised"
        story = app.bank.story("a-first")
        assert story is not None
        app.save_story(story.replace(summary="Told better now."))  # an edit: kept as a version
        await pilot.pause()
        await pilot.press("S")
        assert listed()[0] == "a-first"  # the last edited first
        assert "▼ by last edited" in screen_text(app)
        await pilot.press("S")
        assert listed() == ["m-mid", "a-first", "z-last"]  # round to the bank's order
        assert "▼ by" not in screen_text(app)
        await pilot.press("S", "S", "S", "S")  # by last practised again
        await pilot.press("slash", "z", "e", "b")  # a filter lists the best match first
        await pilot.pause()
        assert listed()[0] == "a-first"
    again = app_with(db_path)
    async with again.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        stories = again.screen.query_one("#story-list", OptionList)
        assert stories.get_option_at_index(2).id == "z-last"  # still by last practised
        assert "▼ by last practised" in screen_text(again)


async def test_q_and_escape_in_the_editor_never_discard_unsaved_work(db_path: Path) -> None:
    from textual.widgets import Button, Input

    from storybank.tui.screens.choice import ChoiceScreen
    from storybank.tui.screens.editor import EditorScreen

    app = app_with(db_path, three_stories())
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        editor = app.screen
        assert isinstance(editor, EditorScreen)
        await pilot.press("end", *" again")
        assert editor.query_one("#f-title", Input).value.endswith(" again")
        editor.query_one("#editor-cancel", Button).focus()  # off the text: q is a key again
        await pilot.pause()
        await pilot.press("q")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceScreen)  # asked, nothing discarded
        await pilot.press("escape")  # keep editing
        await pilot.pause()
        assert app.screen is editor
        assert editor.query_one("#f-title", Input).value.endswith(" again")
        assert app.is_running
    assert Store.open(str(db_path)).story("m-mid").title == "Middle title"  # not saved either


async def test_j_and_k_move_in_the_theme_picker(db_path: Path) -> None:
    from storybank.tui.screens.theme_picker import ThemePickerScreen

    app = app_with(db_path, three_stories())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+t")
        await pilot.pause()
        assert isinstance(app.screen, ThemePickerScreen)
        options = app.screen.query_one("#theme-list", OptionList)
        start = options.highlighted or 0
        await pilot.press("j")
        assert options.highlighted == start + 1
        await pilot.press("k")
        assert options.highlighted == start
        await pilot.press("escape")


async def test_quality_order_takes_the_scores_once_they_are_in(db_path: Path) -> None:
    from factories import story

    store = Store.open(str(db_path))
    store.apply_import(Bank(stories=[complete_story("good", "Good one"), story("thin", "Thin")]))
    settings.write(store, settings.STORY_SORT, "quality")
    app = app_with(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        home = app.screen
        stories = home.query_one("#story-list", OptionList)
        await wait_until(pilot, lambda: len(home._scores) == 2, "both scores")  # type: ignore[attr-defined]
        await wait_until(pilot, lambda: stories.get_option_at_index(0).id == "thin", "resorted")
        assert "▼ by quality, lowest first" in screen_text(app)


async def test_a_drill_rated_in_practice_reorders_by_last_practised(db_path: Path) -> None:
    store = Store.open(str(db_path))
    store.apply_import(three_stories())
    settings.write(store, settings.STORY_SORT, "practised")
    app = app_with(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        stories = app.screen.query_one("#story-list", OptionList)
        assert stories.get_option_at_index(0).id == "m-mid"  # none practised: bank order
        await pilot.press("p")
        await pilot.pause()
        await pilot.press("enter", "r", "4")  # the first story, told and rated
        await pilot.pause()
        assert len(Store.open(str(db_path)).practice_history()) == 1
        await pilot.press("s")
        await pilot.pause()
        ids = [stories.get_option_at_index(i).id for i in range(stories.option_count)]
        assert ids == ["a-first", "z-last", "m-mid"]  # the one just practised goes last
