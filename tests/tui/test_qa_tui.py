"""Defects found by driving the app like a demanding user (QA pass), one test per defect."""

from __future__ import annotations

from pathlib import Path

import pytest
from core_support import app_with, screen_text, two_stories
from textual.widgets import DataTable, Input, OptionList, Static, TextArea

from factories import complete_story
from storybank.errors import StoryBankError
from storybank.model import Bank, Company
from storybank.store import Store
from storybank.tui.screens.stories import StoriesScreen
from waiting import wait_until


def bank_with_company() -> Bank:
    bank = two_stories()
    bank.companies.append(
        Company(
            id="acme",
            name="Acme",
            stage="scaleup",
            customer="b2b-smb",
            org="centralized",
            focus=["launch-operations"],
            interview_date="2099-01-01",
        )
    )
    return bank


async def test_pressing_a_again_puts_the_cursor_back_in_the_question(db_path: Path) -> None:
    """After `escape` (done typing) and a visit elsewhere, `a` means "ask something": the
    letters typed next go into the question, never to the section keys (o, p, v...)."""
    app = app_with(db_path, two_stories())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("a")
        await pilot.pause()
        await pilot.press(*"launch", "escape")  # done typing: focus leaves the question
        await wait_until(
            pilot, lambda: app.focused is None or app.focused.id != "ask-question", "focus to leave"
        )
        await pilot.press("s")
        await pilot.pause()
        await pilot.press("a")
        await pilot.pause()
        await pilot.press("ctrl+l")
        await pilot.pause()
        await pilot.press("escape", "s", "a")
        await pilot.pause()
        await pilot.press(*"how")
        await pilot.pause()
        assert app.current_mode == "ask"
        assert app.screen.query_one("#ask-question", TextArea).text == "how"


async def test_down_from_the_filter_box_moves_into_the_list(db_path: Path) -> None:
    app = app_with(db_path, two_stories())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("slash", *"metric")
        await pilot.pause()
        assert isinstance(app.focused, Input)
        await pilot.press("down")
        await pilot.pause()
        assert isinstance(app.focused, OptionList)
        assert app.screen.selected_story_id == "activation-metric"


async def test_editor_status_line_fits_80_columns(db_path: Path) -> None:
    """ "unsaved changes" is the part that matters most; it must not be cut off at 80x24."""
    context = "We shipped late every quarter and nobody owned the launch calendar. " * 30
    app = app_with(
        db_path, Bank(stories=[complete_story("long-story", "A long story", context=context)])
    )
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("e")
        await pilot.pause()
        await pilot.press("tab", "end", *" again")  # the title: still valid, now changed
        await wait_until(
            pilot, lambda: "unsaved changes" in screen_text(app).splitlines()[1], "the status line"
        )
        status = screen_text(app).splitlines()[1]
        assert "ready to save" in status
        assert "unsaved changes" in status


async def test_round_notes_keep_their_round_name_once_filled(db_path: Path) -> None:
    """A filled input shows no placeholder, so each round note needs a visible label."""
    rounds = {"behavioral": "Stress the pilot.", "case": "Size it.", "panel": "Data first."}
    bank = Bank(stories=[complete_story("with-rounds", "Story with round notes", rounds=rounds)])
    app = app_with(db_path, bank)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("e")
        await pilot.pause()
        field = app.screen.query_one("#f-round-case", Input)
        field.focus()
        field.scroll_visible(animate=False)
        await pilot.pause()
        lines = screen_text(app).splitlines()
        row = next(line for line in lines if "Size it." in line)
        assert "Case" in row
        assert any("Behavioral" in line and "Stress the pilot." in line for line in lines)


async def test_company_id_filled_from_the_name_is_always_valid(db_path: Path) -> None:
    app = app_with(db_path, bank_with_company())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("o")
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        await pilot.press(*"Café [b]Ops[/b] & Co")
        await pilot.pause()
        assert app.screen.query_one("#company-id", Input).value == "cafe-b-ops-b-co"
        _company, problems = app.screen.validate()
        assert problems == []


async def test_coverage_cell_note_does_not_outlive_its_tab(db_path: Path) -> None:
    app = app_with(db_path, two_stories())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("v")
        await pilot.pause()
        await pilot.press("K", "right", "down")
        await pilot.pause()
        cell = app.screen.query_one("#coverage-cell", Static)
        assert "question" in str(cell.render())
        await pilot.press("g")
        await pilot.pause()
        assert str(cell.render()).strip() == ""


async def test_practice_history_shows_the_rating_at_80_columns(db_path: Path) -> None:
    long_titles = Bank(
        stories=[
            complete_story("long-one", "Cutting escalation routing from 19 hours to 3.5"),
            complete_story("long-two", "Replacing signups with a real activation metric"),
        ]
    )
    app = app_with(db_path, long_titles)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("p")
        await pilot.pause()
        app.screen.countdown.stop()
        await pilot.press("enter", "r")  # pick the highlighted story: both titles filled
        await pilot.pause()
        await pilot.press("4")
        await pilot.pause()
        await pilot.press("h")
        await pilot.pause()
        table = app.screen.query_one("#practice-history", DataTable)
        assert table.row_count == 1
        assert "4/5" in screen_text(app)


async def test_a_failed_practice_save_is_reported_not_a_crash(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = app_with(db_path, two_stories())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("p")
        await pilot.pause()
        app.screen.countdown.stop()
        await pilot.press("r")
        await pilot.pause()

        def refuse(_record: object) -> None:
            raise StoryBankError("the bank is locked by another storybank")

        monkeypatch.setattr(app.store, "add_practice", refuse)
        await pilot.press("4")
        await pilot.pause()
        assert app.is_running
        assert app.screen.rated is None  # not saved, so the rating can be given again
        assert any("locked" in n.message for n in app._notifications)


async def test_brief_picks_a_company_once_the_bank_has_some(db_path: Path) -> None:
    """Brief opened on an empty bank, then companies arrive (sample bank, import, Companies):
    it must not keep saying "Add a target company first"."""
    app = app_with(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("e")  # welcome: start empty
        await pilot.pause()
        await pilot.press("b")
        await pilot.pause()
        assert app.screen.company is None
        Store.open(str(db_path)).apply_import(bank_with_company())
        app.refresh_bank("imported")
        await pilot.pause()
        assert app.screen.company is not None
        assert app.screen.company.id == "acme"
        assert "Add a target company first" not in screen_text(app)


async def test_brief_without_a_chosen_company_does_not_say_there_are_none(
    db_path: Path,
) -> None:
    app = app_with(db_path, bank_with_company())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("b")
        await pilot.pause()
        from textual.widgets import Select

        app.screen.query_one("#brief-company", Select).clear()
        await pilot.pause()
        text = screen_text(app)
        assert "Add a target company first" not in text
        assert "Choose a company" in text


async def test_export_to_a_folder_is_refused_in_the_prompt(db_path: Path, tmp_path: Path) -> None:
    from storybank.tui.commands import _export

    app = app_with(db_path, two_stories())
    async with app.run_test(size=(80, 24)) as pilot:
        _export(app)
        await pilot.pause()
        field = app.screen.query_one("#path", Input)
        field.value = str(tmp_path)
        await pilot.press("enter")
        await pilot.pause()
        problem = str(app.screen.query_one("#path-problem", Static).render())
        assert "is a folder" in problem
        assert str(tmp_path / "storybank-export.yaml") in problem
        field.value = str(tmp_path / "out.yaml")
        await pilot.press("enter")
        await pilot.pause()
        assert (tmp_path / "out.yaml").is_file()
        assert isinstance(app.screen, StoriesScreen)
        assert any(str(tmp_path / "out.yaml") in n.message for n in app._notifications)


async def test_a_long_field_shows_its_start_again_after_tabbing_past_it(db_path: Path) -> None:
    """Focus selects all and scrolls to the end; once focus moves on, the field must show
    the beginning of its text again (else every note reads from the middle)."""
    rounds = {"case": "Open with the smallest audience first " + "and a rollback plan " * 5}
    title = "Cutting escalation routing from 19 hours to 3.5 hours across six squads, quietly"
    bank = Bank(stories=[complete_story("long-fields", title, rounds=rounds)])
    app = app_with(db_path, bank)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("e")
        await pilot.pause()
        await pilot.press("tab")  # from the title on to the summary (just below it)
        await pilot.pause()
        assert any(
            line.strip().startswith("Cutting escalation") for line in screen_text(app).splitlines()
        )
        case = app.screen.query_one("#f-round-case", Input)
        case.focus()
        await pilot.pause()
        await pilot.press("tab")
        case.scroll_visible(animate=False)
        await pilot.pause()
        assert any(
            "Case" in line and "Open with the smallest" in line
            for line in screen_text(app).splitlines()
        )


async def test_theme_picker_shows_its_keys_at_80x24(db_path: Path) -> None:
    app = app_with(db_path, two_stories())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+t")
        await pilot.pause()
        assert "enter applies · escape cancels" in screen_text(app)


@pytest.mark.parametrize("key", ["ctrl+o", "ctrl+r"])
async def test_add_row_pressed_twice_quickly_adds_two_rows(db_path: Path, key: str) -> None:
    """Key repeat (holding ctrl+o) sends the second press before the first row is ready."""
    from textual import events

    from storybank.tui.widgets.metric_row import MetricRow
    from storybank.tui.widgets.tradeoff_row import TradeoffRow

    app = app_with(db_path, two_stories())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("e")
        await pilot.pause()
        row_type = TradeoffRow if key == "ctrl+o" else MetricRow
        before = len(app.screen.query(row_type))
        for _ in range(2):
            event = events.Key(key, None)
            event.set_sender(app)
            app._driver.send_message(event)
        await wait_until(
            pilot, lambda: len(app.screen.query(row_type)) == before + 2, "two new rows"
        )
        assert app.is_running
        rows = list(app.screen.query(row_type))
        assert len(rows) == before + 2
        assert app.focused is rows[-1].query(Input).first()


async def test_dialogs_show_their_own_keys_not_the_screen_below(db_path: Path) -> None:
    """Under a dialog the list's keys (n New, e Edit, d Delete) do nothing: the footer must
    show the dialog's keys instead."""
    app = app_with(db_path, bank_with_company())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("o")
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        footer = screen_text(app).splitlines()[-1]
        assert "Save" in footer
        assert "New" not in footer
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("d")
        await pilot.pause()
        footer = screen_text(app).splitlines()[-1]
        assert "Edit" not in footer
        assert "Cancel" in footer


async def test_ask_footer_names_what_escape_does_where_the_focus_is(db_path: Path) -> None:
    app = app_with(db_path, bank_with_company())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("a")
        await pilot.pause()
        await pilot.press(*"launch")
        await pilot.pause()
        assert "Done typing" in screen_text(app).splitlines()[-1]
        await pilot.press("tab")  # the company select: nothing is being typed
        await pilot.pause()
        footer = screen_text(app).splitlines()[-1]
        assert "Done typing" not in footer
        assert "esc Back" in footer
        await pilot.press("escape")  # back to the story list
        await pilot.pause()
        assert app.current_mode == "stories"
        await pilot.press("a")  # and `a` returns to the question
        await pilot.pause()
        assert isinstance(app.focused, TextArea)


async def test_arrow_keys_move_between_the_confirm_buttons(db_path: Path) -> None:
    app = app_with(db_path, two_stories())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("d")
        await pilot.pause()
        await pilot.press("right", "enter")
        await pilot.pause()
        assert [s.id for s in app.bank.stories] == ["activation-metric"]
        await pilot.press("d")
        await pilot.pause()
        await pilot.press("right", "left", "enter")  # back on Cancel
        await pilot.pause()
        assert [s.id for s in app.bank.stories] == ["activation-metric"]


async def test_removing_a_row_leaves_the_cursor_somewhere_useful(db_path: Path) -> None:
    """After Remove the focus goes to that list's Add button, not to a bare container."""
    from textual.widgets import Button

    app = app_with(db_path, two_stories())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("e")
        await pilot.pause()
        remove = app.screen.query_one("#tradeoff-rows .remove-row", Button)
        remove.focus()
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.focused, Button)
        assert app.focused.id == "add-tradeoff"


async def test_help_shows_every_description_whole_at_80_columns(db_path: Path) -> None:
    """A key list whose descriptions stop mid-word ("(asks firs") at 80x24 is no help:
    each description gets enough lines at its column's width to be read whole."""
    app = app_with(db_path, two_stories())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("a")
        await pilot.pause()
        await pilot.press("escape", "question_mark")
        await pilot.pause()
        table = app.screen.query_one("#help-table", DataTable)
        width = next(c.width for c in table.columns.values() if str(c.label) == "What it does")
        shown = 0
        for row_key, row in table.rows.items():
            description = str(table.get_row(row_key)[1])
            assert len(description) <= width * row.height, description
            shown += "Copy the opening line" in description
        assert shown == 1
