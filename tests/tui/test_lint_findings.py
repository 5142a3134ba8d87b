"""Lint findings in the TUI: under the selected story and at the top of the editor, each
with the fix `storybank lint` prints, and a way to the field each is about; a failed save
puts the cursor on the first problem; the editor's layout (sections, wrapping fields)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from core_support import app_with, screen_text
from textual.widgets import Input, SelectionList, TextArea

from factories import complete_story, story
from storybank.model import Bank, Metric, Tradeoff
from storybank.quality.lint import lint_story
from storybank.tui.screens.editor import EditorScreen
from storybank.tui.screens.stories import StoriesScreen
from storybank.tui.widgets.lint_findings import LintFindings, field_label, field_path
from storybank.tui.widgets.metric_row import MetricRow
from storybank.tui.widgets.tradeoff_row import TradeoffRow
from waiting import wait_until


def weak() -> Any:
    return story(
        "weak-story",
        "Helped with a launch",
        summary="I helped the team.",
        competencies=["launch-operations"],
        context="We had a launch.",
        decision="We decided to do it.",
        result="It went well.",
    )


def bank() -> Bank:
    return Bank(stories=[complete_story("ready", "A ready story"), weak()])


async def test_a_story_with_nothing_to_fix_says_so(db_path: Path) -> None:
    from storybank.resources import sample_bank

    ready = sample_bank().stories[0]
    assert not lint_story(ready).findings
    app = app_with(db_path, Bank(stories=[ready]))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await wait_until(pilot, lambda: "Nothing to fix" in screen_text(app), "the verdict")
        assert not app.screen.query_one("#story-lint", LintFindings).display
        assert "f Fixes" not in screen_text(app)  # nothing to go through


def test_field_paths_and_labels() -> None:
    assert field_path("tradeoffs[1].because") == ("tradeoffs", 1, "because")
    assert field_path("metrics[0]") == ("metrics", 0, None)
    assert field_path("result") == ("result", None, None)
    assert field_label("tradeoffs[1].because") == "Tradeoff 2 (because)"
    assert field_label("after") == "What changed after"
    assert field_label("story") == "Whole story"


async def test_detail_pane_lists_the_findings_with_their_fixes(db_path: Path) -> None:
    app = app_with(db_path, bank())
    expected = lint_story(weak())
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        home: Any = app.screen
        pane = home.query_one("#story-lint", LintFindings)
        ready = lint_story(complete_story("ready", "A ready story"))
        await wait_until(pilot, lambda: pane.findings == ready.findings, "the first's findings")
        await pilot.press("down")
        await wait_until(pilot, lambda: pane.findings == expected.findings, "the findings")
        text = screen_text(app)
        assert f"{len(expected.findings)} to fix" in text
        first = expected.findings[0]
        assert "✗ error" in text and "Result: " + first.message in " ".join(text.split())
        assert "fix: add the before and after" in text  # lint's own fix text
        assert "! warning" in text  # the severity in words, not colour alone
        assert "f Fixes" in text


async def test_f_then_enter_opens_the_editor_at_the_findings_field(db_path: Path) -> None:
    app = app_with(db_path, bank())
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        home: Any = app.screen
        await pilot.press("down")
        pane = home.query_one("#story-lint", LintFindings)
        await wait_until(pilot, lambda: bool(pane.findings), "the findings")
        await pilot.press("f")
        assert app.focused is pane
        await pilot.press("down")  # the second finding: the context is thin
        assert pane.findings[1].field == "context"
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, EditorScreen), "the editor")
        editor = app.screen
        await wait_until(
            pilot, lambda: app.focused is editor.query_one("#f-context"), "context focused"
        )
        await pilot.press("escape")
        await wait_until(pilot, lambda: isinstance(app.screen, StoriesScreen), "back")


async def test_editor_lists_findings_live_and_goes_to_their_fields(db_path: Path) -> None:
    app = app_with(db_path, bank())
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("down", "e")
        await wait_until(pilot, lambda: isinstance(app.screen, EditorScreen), "the editor")
        editor: Any = app.screen
        pane = editor.query_one("#editor-lint", LintFindings)
        await wait_until(pilot, lambda: bool(pane.findings), "the editor's findings")
        assert pane.findings == lint_story(weak()).findings
        assert "to fix · quality" in screen_text(app)
        # ctrl+g: the field of each finding in turn
        await pilot.press("ctrl+g")
        assert app.focused is editor.query_one("#f-result")
        await pilot.press("ctrl+g")
        assert app.focused is editor.query_one("#f-context")
        # enter on a finding in the list: its field
        pane.focus()
        pane.highlighted = next(i for i, f in enumerate(pane.findings) if f.field == "metrics")
        await pilot.press("enter")
        await wait_until(pilot, lambda: app.focused is editor.query_one("#add-metric"), "metrics")
        # fixing one updates the list as you type
        before = len(pane.findings)
        editor.query_one(
            "#f-result", TextArea
        ).text = "Launch-day tickets fell from 400 to 120 within a month of the new checklist."
        await wait_until(pilot, lambda: len(pane.findings) < before, "fewer findings")
        assert all(f.rule != "result-no-number" for f in pane.findings)


async def test_a_failed_save_puts_the_cursor_on_the_first_problem(db_path: Path) -> None:
    broken = complete_story("broken", "A story")
    app = app_with(db_path, Bank(stories=[broken]))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("e")
        await wait_until(pilot, lambda: isinstance(app.screen, EditorScreen), "the editor")
        editor: Any = app.screen
        row = editor.query(MetricRow).first()
        row.query_one(".m-after", Input).value = "lots"
        editor.query_one("#f-title", Input).focus()
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: app.focused is row.query_one(".m-after"), "the bad number")
        assert app.screen is editor
        editor.query_one("#f-id", Input).value = ""
        editor.query_one("#f-tags", Input).focus()
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: app.focused is editor.query_one("#f-id"), "the id")


async def test_sections_are_one_key_away(db_path: Path) -> None:
    app = app_with(db_path, bank())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("e")
        await wait_until(pilot, lambda: isinstance(app.screen, EditorScreen), "the editor")
        editor: Any = app.screen
        await pilot.press("f4")  # numbers: the first metric's name, not 15 Tabs away
        assert app.focused is editor.query(MetricRow).first().query_one(".m-name")
        await pilot.press("f3")
        assert app.focused is editor.query_one("#f-context")
        await pilot.press("ctrl+down")
        assert app.focused is editor.query(MetricRow).first().query_one(".m-name")
        await pilot.press("ctrl+down")
        assert app.focused is editor.query_one("#f-env-stage")
        await pilot.press("ctrl+up", "ctrl+up")
        assert app.focused is editor.query_one("#f-context")
        await pilot.press("f2")
        assert app.focused is editor.query_one("#f-title")
        shown = {b.binding.description for b in editor.active_bindings.values() if b.binding.show}
        assert {"Section", "Next fix"} <= shown


async def test_editor_fields_wrap_and_grow_and_boxes_show_their_state(db_path: Path) -> None:
    long_reason = "every private promise would break another one, " * 3
    roomy = complete_story(
        "roomy",
        "A roomy story",
        summary="A two-sentence summary that is long enough to wrap at eighty columns. " * 2,
        execution="I wrote the plan. " * 40,
        metrics=[Metric("Requests answered within ten business days of arriving", 18, 85, "%")],
        tradeoffs=[Tradeoff("a published scoring rubric", "private deals", long_reason)],
    )
    app = app_with(db_path, Bank(stories=[roomy]))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("e")
        await wait_until(pilot, lambda: isinstance(app.screen, EditorScreen), "the editor")
        editor: Any = app.screen
        await pilot.pause()
        summary = editor.query_one("#f-summary", TextArea)
        assert summary.size.height >= 2  # wraps onto more lines instead of one cut line
        beats = {b: editor.query_one(f"#f-{b}", TextArea) for b in ("constraint", "execution")}
        assert beats["constraint"].size.height >= 5  # taller than 4 rows when short
        assert beats["execution"].outer_size.height > beats["constraint"].outer_size.height
        name = editor.query(MetricRow).first().query_one(".m-name", Input)
        assert name.size.width >= 36
        because = editor.query(TradeoffRow).first().query_one(".t-because", TextArea)
        assert because.size.height >= 2 and because.size.width >= 50  # the reason wraps
        chose = editor.query(TradeoffRow).first().query_one(".t-chose", Input)
        assert chose.size.width >= 40
        # ticked and unticked boxes differ by a glyph, not only by colour
        competencies = editor.query_one("#f-competencies", SelectionList)
        competencies.scroll_visible(animate=False)
        await pilot.pause()
        text = screen_text(app)
        assert "✓" in text
        # saving keeps what was there (the reason flattened to one line, as the file has it)
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: isinstance(app.screen, StoriesScreen), "saved")
    from storybank.store import Store

    saved = Store.open(str(db_path)).story("roomy")
    assert saved is not None
    assert saved.tradeoffs[0].because == " ".join(long_reason.split())
    assert saved.summary == " ".join(roomy.summary.split())
