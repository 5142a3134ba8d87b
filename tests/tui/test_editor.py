"""Editor: create, edit, validate inline (import's messages), add/remove rows, discard guard."""

from __future__ import annotations

from pathlib import Path

from core_support import app_with, two_stories
from textual.widgets import Button, Input, Select, SelectionList, Static, TextArea

from storybank.store import Store
from storybank.tui.screens.choice import ChoiceScreen
from storybank.tui.screens.editor import EditorScreen
from storybank.tui.screens.stories import StoriesScreen
from storybank.tui.widgets.metric_row import MetricRow
from storybank.validate import validate_story_data
from waiting import wait_until


def error_text(screen: EditorScreen, field: str) -> str:
    return str(screen.query_one(f"#err-{field}", Static).visual)


async def test_create_a_story(db_path: Path) -> None:
    app = app_with(db_path, two_stories())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        editor = app.screen
        assert isinstance(editor, EditorScreen)
        await pilot.press(*"Cut churn by 5 points")
        assert editor.query_one("#f-id", Input).value == "cut-churn-by-5-points"
        editor.query_one("#f-competencies", SelectionList).select("customer-insight")
        for beat, text in {
            "context": "Churn was 12% a month.",
            "decision": "I chose onboarding calls over discounts.",
            "result": "Churn fell from 12% to 7%.",
        }.items():
            editor.query_one(f"#f-{beat}", TextArea).insert(text)
        editor.query_one("#f-env-stage", Select).value = "startup"
        editor.query_one("#f-tags", Input).value = "churn, onboarding"
        await pilot.press("ctrl+r")
        await pilot.pause()
        row = editor.query(MetricRow).last()
        row.query_one(".m-name", Input).value = "Monthly churn"
        row.query_one(".m-before", Input).value = "12"
        row.query_one(".m-after", Input).value = "7"
        row.query_one(".m-unit", Input).value = "%"
        await wait_until(
            pilot,
            lambda: "words" in str(editor.query_one("#editor-status", Static).visual),
            "the status line",
        )
        assert "words" in str(editor.query_one("#editor-status", Static).visual)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, StoriesScreen)
        saved = Store.open(str(db_path)).story("cut-churn-by-5-points")
        assert saved is not None
        assert saved.title == "Cut churn by 5 points"
        assert saved.competencies == ["customer-insight"]
        assert saved.environment.stage == "startup"
        assert saved.tags == ["churn", "onboarding"]
        assert [(m.name, m.before, m.after, m.unit) for m in saved.metrics] == [
            ("Monthly churn", 12, 7, "%")
        ]
        assert app.screen.selected_story_id == "cut-churn-by-5-points"


async def test_validation_shows_import_messages_inline_and_blocks_saving(db_path: Path) -> None:
    app = app_with(db_path, two_stories())
    before = db_path.read_bytes()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        editor = app.screen
        assert isinstance(editor, EditorScreen)
        await pilot.press(*"Half a story")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is editor  # not saved, still editing
        data = editor.form_data()
        _, expected = validate_story_data(data)
        context_messages = [p.format() for p in expected if p.path[:1] == ("context",)]
        assert context_messages, "the validator should require the context beat"
        assert error_text(editor, "context") == "\n".join(context_messages)
        assert error_text(editor, "competencies")
        assert isinstance(app.focused, SelectionList | TextArea | Input)
    assert db_path.read_bytes() == before


async def test_bad_metric_number_is_reported_on_the_metrics_field(db_path: Path) -> None:
    app = app_with(db_path, two_stories())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        editor = app.screen
        row = editor.query(MetricRow).first()
        row.query_one(".m-before", Input).value = "forty"
        await wait_until(
            pilot, lambda: "must be a number" in error_text(editor, "metrics"), "the error"
        )
        assert "must be a number" in error_text(editor, "metrics")
        assert "'forty'" in error_text(editor, "metrics")
        row.query_one(".remove-row", Button).press()
        await wait_until(pilot, lambda: error_text(editor, "metrics") == "", "the error to clear")
        assert row not in editor.query(MetricRow)
        assert error_text(editor, "metrics") == ""


async def test_edit_title_and_duplicate_id_is_refused(db_path: Path) -> None:
    app = app_with(db_path, two_stories())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        editor = app.screen
        editor.query_one("#f-id", Input).value = "activation-metric"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is editor
        assert "already exists" in error_text(editor, "id")
        editor.query_one("#f-id", Input).value = "launch-calendar"
        editor.query_one("#f-title", Input).value = "A calendar that ended launch slips"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, StoriesScreen)  # same id again: no rename to confirm
    stored = Store.open(str(db_path))
    assert stored.story("launch-calendar").title == "A calendar that ended launch slips"
    assert [s.id for s in stored.stories()] == ["launch-calendar", "activation-metric"]


async def test_escape_asks_before_discarding_changes(db_path: Path) -> None:
    app = app_with(db_path, two_stories())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        editor = app.screen
        await pilot.press("escape")  # nothing changed: closes at once
        await pilot.pause()
        assert isinstance(app.screen, StoriesScreen)
        await pilot.press("e")
        await pilot.pause()
        editor = app.screen
        await pilot.press("end", *" (draft)")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceScreen)
        await pilot.click("#choice-cancel")  # keep editing
        await pilot.pause()
        assert app.screen is editor
        await pilot.press("escape")
        await pilot.pause()
        await pilot.click("#choice-discard")
        await pilot.pause()
        assert isinstance(app.screen, StoriesScreen)
    assert Store.open(str(db_path)).story("launch-calendar").id == "launch-calendar"
    assert "(draft)" not in Store.open(str(db_path)).story("launch-calendar").id


def test_id_suggested_from_a_title_is_always_valid() -> None:
    from storybank.tui.screens.editor import id_from_title
    from storybank.vocab import is_slug

    for title in ["Launch & learn", "Señor's 40% -> 85% win!", "  --  ", "A/B tests at scale"]:
        suggestion = id_from_title(title)
        assert suggestion == "" or is_slug(suggestion), (title, suggestion)
    assert id_from_title("Launch & learn") == "launch-learn"


async def test_themes_are_shown_as_inferred_and_kept_inferred_until_changed(
    db_path: Path,
) -> None:
    from tests.factories import complete_story

    from storybank.model import Bank

    failed = complete_story(
        "rollback", "The launch I rolled back", result="The launch went wrong and failed."
    )
    app = app_with(db_path, Bank(stories=[failed]))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        editor = app.screen
        themes = editor.query_one("#f-themes", SelectionList)
        assert "failure" in themes.selected
        labels = [str(themes.get_option_at_index(i).prompt) for i in range(themes.option_count)]
        assert "failure (inferred)" in labels
        editor.query_one("#f-title", Input).value = "The launch I had to roll back"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert Store.open(str(db_path)).story("rollback").themes is None  # still inferred
        await pilot.press("e")
        await pilot.pause()
        editor = app.screen
        themes = editor.query_one("#f-themes", SelectionList)
        themes.deselect("failure")
        themes.select("ownership")
        await pilot.press("ctrl+s")
        await pilot.pause()
    stored = Store.open(str(db_path)).story("rollback")
    assert stored.themes is not None and "failure" not in stored.themes
    assert "ownership" in stored.themes
