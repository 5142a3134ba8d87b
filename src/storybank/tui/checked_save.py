"""One save from an editor that never writes over a change it did not see.

The editor says which version of each id it started from (`expect`); the store
checks that under its lock. When the check fails, the conflict dialog shows the
user what changed and they choose; each choice is a new checked save (against the
version they have just seen), so a third change arriving meanwhile is caught too.
The caller gets one `SaveOutcome` at the end.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from storybank import schema
from storybank.errors import StoryBankError
from storybank.model import Company, Story
from storybank.store import ConflictError, Expect, record_version

if TYPE_CHECKING:
    from textual.app import App

    from storybank.tui.screens.conflict import ConflictChoice

Record = Story | Company

STORY_FIELDS: list[tuple[str, str]] = list(schema.labels(schema.STORY).items())
COMPANY_FIELDS: list[tuple[str, str]] = list(schema.labels(schema.COMPANY).items())


class SaveOutcome:
    """How a checked save ended.

    `action` is "saved" (the edit, or a merge of it, is on disk), "copy" (the edit is on
    disk under a new id; the record on disk was left alone), "disk" (the user took the
    disk's version and dropped the edit) or "back" (nothing written; keep editing).
    `record` is what was written, for "saved" and "copy".
    """

    __slots__ = ("action", "record")

    def __init__(self, action: str, record: Record | None = None) -> None:
        self.action = action
        self.record = record

    @property
    def written(self) -> bool:
        return self.action in ("saved", "copy")

    def __repr__(self) -> str:
        return f"SaveOutcome({self.action!r}, {getattr(self.record, 'id', None)!r})"


def free_id(wanted: str, taken: set[str]) -> str:
    """`wanted-copy`, then `wanted-copy-2`, ... : the first id not in `taken`."""
    stem = f"{wanted[:50].rstrip('-')}-copy"
    candidate, n = stem, 2
    while candidate in taken:
        candidate, n = f"{stem}-{n}", n + 1
    return candidate


def expect_for(original: Record | None, new_id: str) -> dict[str, Any]:
    """What an edit started from: the original's version, and "absent" for a new or renamed id."""
    expect: dict[str, Any] = {}
    if original is not None:
        expect[original.id] = record_version(original)
    if original is None or new_id != original.id:
        expect[new_id] = None
    return expect


class CheckedSave:
    """Write `record`; on a conflict ask the user and carry out their choice, until done."""

    def __init__(
        self,
        app: App[Any],
        record: Record,
        *,
        original: Record | None,
        done: Callable[[SaveOutcome], None],
    ) -> None:
        self.app = app
        self.is_story = isinstance(record, Story)
        self.record = record
        self.original = original
        """The record as the edit began (None for a new one): the base of the merge."""
        self.done = done

    @property
    def store(self) -> Any:
        return self.app.store  # type: ignore[attr-defined]

    def start(self) -> None:
        replaces = self.original.id if self.original is not None else None
        self._replaced = self.original
        self._attempt(self.record, expect_for(self.original, self.record.id), replaces, None)

    _replaced: Record | None = None
    """The record this save writes over as it is on disk (the original, or the disk's
    version the user chose to overwrite or merge with): what an undo puts back."""

    def _remember_undo(self, record: Record, replaces: str | None, action: str) -> None:
        """A save that replaced a record (same id, not a copy) can be taken back with `u`.

        A new record or a rename has no undo step: its earlier state stays in the
        story's history (and the backup taken before a rename)."""
        before = self._replaced
        if action != "saved" or before is None or before.id != record.id:
            return
        if replaces is not None and replaces != record.id:
            return
        if not hasattr(self.app, "undo_steps"):
            return
        from storybank.tui.undo import RecordsUndo, remember

        noun = "story" if self.is_story else "company"
        kind = "stories" if self.is_story else "companies"
        step = RecordsUndo(
            f"the {noun} save",
            [(kind, record.id, before, record_version(record))],
            f"The {noun} is back as it was before the save.",
            select=record.id if self.is_story else None,
        )
        remember(self.app, step)  # type: ignore[arg-type]

    # -- one write ----------------------------------------------------------------------

    def _write(
        self, record: Record, expect: Expect, replaces: str | None, backup: str | None
    ) -> None:
        if isinstance(record, Story):
            self.store.upsert_story(
                record,
                expect=expect,
                replaces=replaces if replaces != record.id else None,
                backup_reason=backup,
            )
        else:
            self.store.upsert_company(record, expect=expect, backup_reason=backup)

    def _attempt(
        self,
        record: Record,
        expect: dict[str, Any],
        replaces: str | None,
        backup: str | None,
        action: str = "saved",
    ) -> None:
        try:
            self._write(record, expect, replaces, backup)
        except ConflictError as conflict:
            self._ask(conflict, record, expect, replaces)
            return
        except StoryBankError as exc:
            from storybank.tui.transfer import show_error

            noun = "story" if self.is_story else "company"
            show_error(self.app, f"The {noun} was not saved", exc)  # type: ignore[arg-type]
            self.done(SaveOutcome("back"))
            return
        self._remember_undo(record, replaces, action)
        self.done(SaveOutcome(action, record))

    # -- a conflict ---------------------------------------------------------------------

    def _ask(
        self,
        conflict: ConflictError,
        record: Record,
        expect: dict[str, Any],
        replaces: str | None,
    ) -> None:
        from storybank.tui.screens.conflict import ConflictScreen

        id_taken = conflict.expected is None
        base = None if id_taken or self.original is None else self.original.to_dict()
        screen = ConflictScreen(
            "story" if self.is_story else "company",
            conflict.record_id,
            STORY_FIELDS if self.is_story else COMPANY_FIELDS,
            record.to_dict(),
            conflict.disk.to_dict() if conflict.disk is not None else None,
            base,
            id_taken=id_taken,
        )

        def chosen(choice: ConflictChoice | None) -> None:
            self._resolve(choice, conflict, record, expect, replaces)

        self.app.push_screen(screen, chosen)

    def _resolve(
        self,
        choice: ConflictChoice | None,
        conflict: ConflictError,
        record: Record,
        expect: dict[str, Any],
        replaces: str | None,
    ) -> None:
        if choice is None:
            self.done(SaveOutcome("back"))
            return
        if choice.action == "disk":
            self.done(SaveOutcome("disk"))
            return
        seen = {**expect, conflict.record_id: record_version(conflict.disk)}
        if conflict.record_id == record.id:
            self._replaced = conflict.disk  # an overwrite or merge writes over this one
        if choice.action == "copy":
            copy = self._as_copy(record)
            self._attempt(copy, {copy.id: None}, None, None, action="copy")
        elif choice.action == "overwrite":
            self._attempt(record, seen, replaces, "overwrite")
        elif choice.action == "merge" and choice.merged is not None:
            merged = self._from_dict(choice.merged)
            self._attempt(merged, seen, replaces, "overwrite")
        else:
            self.done(SaveOutcome("back"))

    def _as_copy(self, record: Record) -> Record:
        try:
            bank = self.store.bank()
            taken = {r.id for r in (bank.stories if self.is_story else bank.companies)}
        except StoryBankError:
            taken = set()
        data = record.to_dict()
        data["id"] = free_id(record.id, taken)
        return self._from_dict(data)

    def _from_dict(self, data: dict[str, Any]) -> Record:
        return Story.from_dict(data) if self.is_story else Company.from_dict(data)
