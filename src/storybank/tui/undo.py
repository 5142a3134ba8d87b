"""The app's one undo: the last changes of this session, newest last, `u` takes one back.

Every change the app can take back is an `UndoStep` on `app.undo_steps`: a story or
company delete, a save that replaced a record, a sample load, a restored version or
backup. Taking one back is itself a checked write: it never overwrites a change the
app did not see (the store refuses, nothing is written, and the step is dropped with a
word to the user), and the store backs the bank up first as for any write.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from storybank.errors import StoryBankError

if TYPE_CHECKING:
    from storybank.model import Company, Question, Story
    from storybank.store import Version
    from storybank.tui.app import StorybankApp

Change = tuple[str, str, "Story | Company | Question | None", "Version"]
"""(table, record id, the record to put back or None to remove it, its version now)."""

UNDO_KEPT = 50
"""Steps remembered per session; older ones are forgotten."""


class UndoStep:
    """One change the app can take back. `what` names it for the palette and the footer
    ("the story delete"): trusted text, never user text (the palette parses markup)."""

    what: str = "the last change"

    def run(self, app: StorybankApp) -> str | None:
        """Take the change back; the notice to show, or None when nothing was done (the
        step has told the user why). Raises StoryBankError for a failed write."""
        raise NotImplementedError


class RecordsUndo(UndoStep):
    """Put records back as they were before a change, checked against what it left."""

    def __init__(
        self,
        what: str,
        changes: Sequence[Change],
        done: str,
        *,
        settings: dict[str, Any] | None = None,
        select: str | None = None,
    ) -> None:
        self.what = what
        self.changes = list(changes)
        self.done = done
        """The notice once it is undone (may hold user text: shown without markup)."""
        self.settings = settings
        self.select = select
        """The story to show in the list afterwards."""

    def run(self, app: StorybankApp) -> str | None:
        from storybank.store import ConflictError

        try:
            app.store.revert_records(self.changes, settings=self.settings, note="undo")
        except ConflictError:
            app.refresh_bank("outside change", self.select)
            app.notify(
                f"Not undone: a record of {self.what} was changed since (by another writer "
                "or another step), and undo never writes over a change. Nothing was written.",
                title="Not undone",
                severity="warning",
                timeout=8,
                markup=False,
            )
            return None
        app.refresh_bank("undone", self.select)
        return self.done


class BackupUndo(UndoStep):
    """Go back to the state a restore replaced: restore the backup taken just before it."""

    def __init__(self, what: str, backup: str, written: str | None, done: str) -> None:
        self.what = what
        self.backup = backup
        self.written = written
        """`Store.file_version()` right after the restore: the undo is refused if the
        file changed since."""
        self.done = done

    def run(self, app: StorybankApp) -> str | None:
        from storybank.store import ConflictError

        try:
            app.store.restore_backup(self.backup, expect_file=self.written)
        except ConflictError:
            app.refresh_bank("outside change")
            app.notify(
                "Not undone: the bank was changed after the restore, and undoing it now "
                "would throw that change away. Nothing was written; the backup is still "
                "listed in Backups.",
                title="Not undone",
                severity="warning",
                timeout=8,
                markup=False,
            )
            return None
        app.refresh_bank("undone")
        return self.done


def remember(app: StorybankApp, step: UndoStep) -> None:
    steps = app.undo_steps
    steps.append(step)
    del steps[:-UNDO_KEPT]


def undo_last(app: StorybankApp, after: Callable[[], None] | None = None) -> None:
    """Take back the newest step (dropped whether it worked or was refused)."""
    from storybank.tui.transfer import show_error

    if not app.undo_steps:
        app.notify("Nothing to undo.", markup=False)
        return
    step = app.undo_steps[-1]
    try:
        notice = step.run(app)
    except StoryBankError as exc:
        show_error(app, f"Could not undo {step.what}", exc)
        return
    if app.undo_steps and app.undo_steps[-1] is step:
        app.undo_steps.pop()
    if notice:
        app.notify(notice, title="Undone", markup=False)
    if after is not None:
        after()
