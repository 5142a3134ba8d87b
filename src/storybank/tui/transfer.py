"""Import, export and the sample bank, for the app: the same engine calls as the CLI.

Errors are shown in a dialog as the CLI would print them (`errors.error_lines`), and
nothing is written unless the whole file validated.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from storybank.errors import StoryBankError, error_lines
from storybank.safetext import clean

if TYPE_CHECKING:
    from storybank.store import ImportPlan
    from storybank.tui.app import StorybankApp


def error_text(exc: BaseException) -> str:
    """The lines the CLI prints for this error (`storybank: ` prefix where it has no position)."""
    if isinstance(exc, StoryBankError):
        return "\n".join(error_lines(exc))
    if isinstance(exc, OSError):
        name = exc.filename if exc.filename is not None else ""
        return f"storybank: {name}: {exc.strerror or exc}" if name else f"storybank: {exc}"
    return f"storybank: {exc}"


def show_error(app: StorybankApp, title: str, exc: BaseException) -> None:
    from storybank.tui.screens.error_dialog import ErrorDialog

    app.push_screen(ErrorDialog(title, error_text(exc)))


def _plan_summary(plan: ImportPlan) -> str:
    counts = plan.counts()
    return (
        f"{counts['added']} added, {counts['changed']} changed, "
        f"{counts['unchanged']} unchanged, {counts['removed']} removed"
    )


def import_bank_file(app: StorybankApp, path: Path, replace: bool = False) -> ImportPlan | None:
    """Validate the whole file, then apply it in one atomic write; on error, change nothing."""
    from storybank.yamlio import load_bank_file

    try:
        incoming = load_bank_file(path)
        plan = app.store.apply_import(incoming, replace=replace)
    except (StoryBankError, OSError) as exc:
        show_error(app, "Import failed: nothing was changed", exc)
        return None
    app.refresh_bank("imported")
    app.notify(_plan_summary(plan), title="Import done", markup=False)
    return plan


def export_bank_file(app: StorybankApp, path: Path) -> Path | None:
    """Write the whole bank as YAML (owner-only file, atomic)."""
    from storybank.yamlio import write_bank_file

    try:
        written = write_bank_file(app.store.bank(), path)
    except (StoryBankError, OSError) as exc:
        show_error(app, "Export failed", exc)
        return None
    app.notify(
        clean(f"{len(app.bank.stories)} stories written to {written} (readable by you only)."),
        title="Export done",
        markup=False,
    )
    return written


def load_sample_bank(app: StorybankApp) -> ImportPlan | None:
    """Merge the packaged sample bank into the user's bank."""
    from storybank.resources import sample_bank

    try:
        plan = app.store.apply_import(sample_bank())
    except (StoryBankError, OSError) as exc:
        show_error(app, "The sample bank could not be loaded", exc)
        return None
    app.refresh_bank("loaded sample bank")
    app.notify(_plan_summary(plan), title="Sample bank loaded", markup=False)
    return plan
