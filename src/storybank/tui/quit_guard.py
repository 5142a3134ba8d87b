"""Quitting without losing work: unsaved edits first, then (in the demo) the throwaway bank.

`ctrl+q` anywhere comes here. A screen with unsaved changes (the story editor, the
company editor) offers "save and quit", "discard and quit" or "cancel"; saving goes
through the editor's own checked save, so a failed validation or a conflict keeps
the app open on that editor. In `storybank demo`, changes made to the throwaway
bank can be exported to a real file before it is deleted, or are plainly discarded.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from textual.content import Content
from textual.screen import ModalScreen, Screen

from storybank.model import Bank

if TYPE_CHECKING:
    from storybank.tui.app import StorybankApp


class HoldsEdits(Protocol):
    """A screen that may hold unsaved work and can save it (editors)."""

    def has_unsaved_changes(self) -> bool: ...

    def save(self, then: Callable[[bool], None] | None = None) -> None: ...


QUIT_DIALOG_CLASS = "quit-dialog"
"""Marks the quit question, so a second ctrl+q while it is open does not stack another."""


def unsaved_screens(app: StorybankApp) -> list[tuple[str, Screen[Any]]]:
    """(mode, screen) for each screen, in any mode, holding unsaved edits."""
    found: list[tuple[str, Screen[Any]]] = []
    for mode, stack in app.mode_stacks():
        for screen in stack:
            check = getattr(screen, "has_unsaved_changes", None)
            if callable(check) and check():
                found.append((mode, screen))
    return found


def request_quit(app: StorybankApp) -> None:
    """Quit now if nothing would be lost; otherwise ask first."""
    from storybank.tui.screens.choice import Choice, ChoiceScreen

    if app.screen.has_class(QUIT_DIALOG_CLASS):
        return  # already asking
    unsaved = unsaved_screens(app)
    if not unsaved:
        leave_demo_or_exit(app)
        return
    names = sorted({_describe(screen) for _, screen in unsaved})

    def answered(choice: str | None) -> None:
        if choice == "discard":
            leave_demo_or_exit(app)
        elif choice == "save":
            _save_each(app, unsaved)

    dialog = ChoiceScreen(
        Content.styled("Quit with unsaved changes?", "bold"),
        f"Unsaved changes in the {' and the '.join(names)}.",
        [
            Choice("cancel", "Cancel"),
            Choice("discard", "Discard and quit", "error"),
            Choice("save", "Save and quit", "primary"),
        ],
    )
    dialog.add_class(QUIT_DIALOG_CLASS)
    app.push_screen(dialog, answered)


def _describe(screen: Screen[Any]) -> str:
    from storybank.tui.screens.company_editor import CompanyEditor

    return "company editor" if isinstance(screen, CompanyEditor) else "story editor"


def _save_each(app: StorybankApp, pending: list[tuple[str, Screen[Any]]]) -> None:
    """Save the editors one at a time, each on its own screen; stop at the first that stays
    open (a problem to fix, or "back to editing" from a conflict), so the user sees it."""
    if not pending:
        leave_demo_or_exit(app)
        return
    mode, screen = pending[0]
    if app.current_mode != mode:
        app.switch_mode(mode)
    if app.screen is not screen:
        if isinstance(app.screen, ModalScreen):
            app.notify(
                "Close this dialog first (escape), then quit again.",
                severity="warning",
                markup=False,
            )
        return

    def saved(closed: bool) -> None:
        if closed:
            _save_each(app, pending[1:])
        else:
            app.notify("Not quitting: this one is not saved yet.", severity="warning", markup=False)

    editor: HoldsEdits = screen  # type: ignore[assignment]
    editor.save(then=saved)


# --- the demo ------------------------------------------------------------------------------


def demo_changes(app: StorybankApp) -> Bank:
    """The stories and companies added or changed in the demo since it opened."""
    from storybank.bankdiff import bank_changes

    start = app.demo_start or Bank()
    changes = bank_changes(start, app.bank)
    keep = {kind: set(changes.added[kind]) | set(changes.updated[kind]) for kind in changes.added}
    return Bank(
        stories=[s for s in app.bank.stories if s.id in keep["stories"]],
        companies=[c for c in app.bank.companies if c.id in keep["companies"]],
    )


def leave_demo_or_exit(app: StorybankApp) -> None:
    """Outside the demo, or with nothing changed in it: exit. Otherwise offer an export."""
    from storybank.tui.screens.choice import Choice, ChoiceScreen

    if not app.demo:
        app.exit()
        return
    app.notice_outside_changes()
    changed = demo_changes(app)
    if not changed.stories and not changed.companies:
        app.exit()
        return
    count = len(changed.stories) + len(changed.companies)
    what = (
        f"{count} stor{'y' if count == 1 else 'ies'}"
        if not changed.companies
        else (f"{len(changed.stories)} stories and {len(changed.companies)} companies")
    )

    def answered(choice: str | None) -> None:
        if choice == "discard":
            app.exit()
        elif choice == "export":
            _export_demo(app, changed)

    dialog = ChoiceScreen(
        Content.styled("Leave the demo?", "bold"),
        f"You added or changed {what} in this throwaway copy. It is deleted when the demo "
        "closes: export them to a YAML file to keep them (`storybank import FILE` adds them "
        "to your own bank), or discard them.",
        [
            Choice("cancel", "Cancel"),
            Choice("discard", "Discard them and quit", "error"),
            Choice("export", "Export, then quit", "primary"),
        ],
    )
    dialog.add_class(QUIT_DIALOG_CLASS)
    app.push_screen(dialog, answered)


def _export_demo(app: StorybankApp, changed: Bank) -> None:
    from storybank.tui.screens.path_prompt import PathPromptScreen
    from storybank.tui.transfer import show_error

    def chosen(path: str | None) -> None:
        if not path:
            leave_demo_or_exit(app)  # ask again: cancelling the path must not lose them
            return
        from storybank.errors import StoryBankError
        from storybank.yamlio import write_bank_file

        target = Path(path).expanduser().resolve()
        throwaway = app.store.path.resolve().parent
        if target.is_relative_to(throwaway):
            # The demo's folder goes when the demo closes: an export there would be lost,
            # and the last line on the terminal would name a file that no longer exists.
            show_error(
                app,
                "Export refused",
                StoryBankError(
                    f"{target.name} would be in the demo's throwaway folder, which is deleted "
                    "when the demo closes: choose a file somewhere else"
                ),
            )
            return
        try:
            written = write_bank_file(changed, target)
        except (StoryBankError, OSError) as exc:
            show_error(app, "Export failed", exc)
            return
        app.demo_exported = written
        app.exit()

    app.push_screen(
        PathPromptScreen(
            "Export what you changed in the demo", suggestion="storybank-demo-changes.yaml"
        ),
        chosen,
    )
