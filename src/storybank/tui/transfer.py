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
    from storybank.model import Bank
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
    from datetime import date

    from storybank.targets import date_warnings

    ids = plan.added["companies"] + plan.changed["companies"]
    for line in date_warnings(incoming.companies, ids, date.today()):
        app.notify(line, title="Check the date", severity="warning", markup=False, timeout=12)
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


def export_redacted_file(app: StorybankApp, path: Path, *, accept_names: bool = False) -> None:
    """Write a shareable copy with the redaction list applied (as `export --redact`).

    A listed name that would survive is an error; likely names (capitalised words in
    several stories) are shown and the user decides whether to write anyway."""
    from storybank.privatefile import write_private_text
    from storybank.redact import check_redacted, dump_redacted, redact_bank, unlisted_names

    try:
        bank = app.store.bank()
        redacted = redact_bank(bank)
        refusal = check_redacted(bank, redacted, None)  # listed names only: never accepted
        if refusal is not None:
            raise refusal
        likely = [] if accept_names else unlisted_names(bank, redacted)
        if likely:
            _confirm_likely_names(app, path, [f.name for f in likely])
            return
        written = write_private_text(path, dump_redacted(redacted))
    except (StoryBankError, OSError) as exc:
        show_error(app, "Redacted export failed: nothing was written", exc)
        return
    app.notify(
        clean(
            f"{len(bank.redactions)} names replaced; written to {written} (readable by you only)."
        ),
        title="Redacted export done",
        markup=False,
    )


def _confirm_likely_names(app: StorybankApp, path: Path, names: list[str]) -> None:
    from storybank.tui.literal import literal_line
    from storybank.tui.screens.confirm import ConfirmScreen

    shown = ", ".join(names[:8]) + (f" and {len(names) - 8} more" if len(names) > 8 else "")

    def done(confirmed: bool | None) -> None:
        if confirmed:
            export_redacted_file(app, path, accept_names=True)

    app.push_screen(
        ConfirmScreen(
            literal_line(f"Likely names remain: {shown}"),
            "Add them in Redactions (command palette) first, or write the copy as it is.",
            confirm_label="Write anyway",
        ),
        done,
    )


def load_sample_bank(app: StorybankApp) -> ImportPlan | None:
    """Merge the packaged sample bank into the user's bank, asking first if it holds anything.

    Like `storybank init --sample`, which refuses a bank that is not empty: an empty bank
    gets the samples at once; otherwise the user chooses between adding only the samples
    they do not have (their edits to sample stories kept) and, when they edited some,
    loading those again over their edits. Either way a backup is taken first. Returns the
    plan when it was applied at once, None when asking (or on error).
    """
    from storybank.resources import sample_bank
    from storybank.tui.screens.choice import Choice, ChoiceScreen

    try:
        sample = sample_bank()
        if app.store.is_empty():
            return _apply_sample(app, sample, keep_existing=False, backup=False)
        plan = app.store.plan_import(sample)
    except (StoryBankError, OSError) as exc:
        show_error(app, "The sample bank could not be loaded", exc)
        return None
    added = sum(len(ids) for ids in plan.added.values())
    edited = [rid for ids in plan.changed.values() for rid in ids]
    if not added and not edited:
        app.notify("Every sample is already in your bank; nothing changed.", markup=False)
        return None
    stories = len(app.bank.stories)
    parts = [f"Your bank holds {stories} stor{'y' if stories == 1 else 'ies'}."]
    if added:
        parts.append(f"The sample bank adds {added} record{'s' * (added != 1)} you do not have.")
    if edited:
        parts.append(
            f"{len(edited)} sample{'s' * (len(edited) != 1)} you have edited would be replaced: "
            + ", ".join(edited[:6])
            + (" ..." if len(edited) > 6 else "")
            + "."
        )
    parts.append("A backup of your bank is taken first (`storybank backups` lists it).")
    choices = [Choice("cancel", "Cancel")]
    if edited:
        choices.append(Choice("replace", "Load all, replacing my edits", "error"))
    if added:
        choices.append(Choice("add", "Add the missing samples", "primary"))

    def answered(choice: str | None) -> None:
        if choice in ("add", "replace"):
            try:
                _apply_sample(app, sample, keep_existing=choice == "add", backup=True)
            except (StoryBankError, OSError) as exc:
                show_error(app, "The sample bank could not be loaded", exc)

    from textual.content import Content

    app.push_screen(
        ChoiceScreen(
            Content.styled("Load the sample bank into your bank?", "bold"),
            " ".join(clean(p) for p in parts),
            choices,
        ),
        answered,
    )
    return None


def _apply_sample(
    app: StorybankApp, sample: Bank, *, keep_existing: bool, backup: bool
) -> ImportPlan:
    from storybank.samples import SAMPLES_SETTING

    before = app.store.bank()
    marks_before = app.store.get_setting(SAMPLES_SETTING)
    plan = app.store.apply_import(
        sample,
        keep_existing=keep_existing,
        backup_reason="before-sample" if backup else None,
        mark_samples=True,  # kept apart: `storybank samples remove` takes them out again
    )
    app.refresh_bank("loaded sample bank")
    _remember_sample_undo(app, before, sample, plan, marks_before)
    app.notify(
        _plan_summary(plan) + ". Press u on the story list to undo.",
        title="Sample bank loaded",
        markup=False,
    )
    return plan


def _remember_sample_undo(
    app: StorybankApp, before: Bank, sample: Bank, plan: ImportPlan, marks: object
) -> None:
    """One undo step for a sample load: remove what it added, put back what it replaced
    (refused if any of those records changed after the load)."""
    from storybank.samples import SAMPLES_SETTING
    from storybank.store import record_version
    from storybank.tui.undo import Change, RecordsUndo, remember

    changes: list[Change] = []
    for kind in ("stories", "companies", "questions"):
        loaded = {r.id: r for r in getattr(sample, kind)}
        old = {r.id: r for r in getattr(before, kind)}
        for rid in [*plan.added[kind], *plan.changed[kind]]:
            if rid in loaded:
                changes.append((kind, rid, old.get(rid), record_version(loaded[rid])))
    if changes:
        remember(
            app,
            RecordsUndo(
                "the sample load",
                changes,
                "The sample load was taken back: your bank is as it was before it.",
                settings={SAMPLES_SETTING: marks},
            ),
        )
