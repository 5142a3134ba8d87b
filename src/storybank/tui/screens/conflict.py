"""The save conflict dialog: what changed on disk while you edited, field by field, and a choice.

Shown when the store refused a save because the record changed (or was deleted,
or its id was taken) on disk since the editor read it. Each field that differs
shows yours beside the disk's, with a per-field pick for a merge; the default pick
is a three-way merge against the version the edit started from (a field only the
disk changed takes the disk's, anything else keeps yours). The dialog dismisses a
`ConflictChoice`; `storybank.tui.checked_save` carries it out.
"""

from __future__ import annotations

from typing import Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Footer, Label, Select, Static

from storybank.model import Metric, format_metric
from storybank.tui.literal import join, literal, literal_line
from storybank.tui.screens import OwnStylesheets

MINE = "mine"
DISK = "disk"

ACTIONS = ("merge", "copy", "disk", "overwrite")
"""What the user can choose: save the merge, keep theirs as a copy under a new id, take the
disk's version (drop their edit), or write theirs over the disk's knowingly."""


class ConflictChoice:
    """The user's answer; `merged` is the record data to save for "merge"."""

    __slots__ = ("action", "merged")

    def __init__(self, action: str, merged: dict[str, Any] | None = None) -> None:
        self.action = action
        self.merged = merged

    def __repr__(self) -> str:
        return f"ConflictChoice({self.action!r})"


def show_value(key: str, value: Any) -> str:
    """A field's value as one readable text (metrics and tradeoffs as a person writes them)."""
    if value in (None, "", [], {}):
        return "(empty)"
    if key == "metrics" and isinstance(value, list):
        return "\n".join(
            format_metric(Metric.from_dict(m), with_name=True) if isinstance(m, dict) else str(m)
            for m in value
        )
    if key == "tradeoffs" and isinstance(value, list):
        lines = []
        for t in value:
            if isinstance(t, dict):
                line = f"chose {t.get('chose', '')}"
                line += f" over {t['over']}" if t.get("over") else ""
                line += f" because {t['because']}" if t.get("because") else ""
                lines.append(line)
        return "\n".join(lines)
    if isinstance(value, dict):
        return "\n".join(f"{k}: {v}" for k, v in value.items())
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return str(value)


def differing_fields(
    fields: list[tuple[str, str]], mine: dict[str, Any], disk: dict[str, Any] | None
) -> list[tuple[str, str]]:
    """The (key, label) pairs whose values differ between the two versions (never the id)."""
    if disk is None:
        return []
    return [(k, label) for k, label in fields if k != "id" and mine.get(k) != disk.get(k)]


def default_pick(key: str, mine: dict[str, Any], disk: dict[str, Any], base: dict[str, Any] | None):
    """Three-way: the disk's value where only the disk changed the field, else yours."""
    if base is not None and mine.get(key) == base.get(key) and disk.get(key) != base.get(key):
        return DISK
    return MINE


def merge(mine: dict[str, Any], disk: dict[str, Any], picks: dict[str, str]) -> dict[str, Any]:
    """Yours, with each field picked as the disk's replaced by the disk's value."""
    merged = dict(mine)
    for key, pick in picks.items():
        if pick != DISK:
            continue
        if key in disk:
            merged[key] = disk[key]
        else:
            merged.pop(key, None)
    return merged


class ConflictScreen(OwnStylesheets, ModalScreen[ConflictChoice | None]):
    """Your version against the disk's, and what to do; escape goes back to editing."""

    STYLESHEETS = ("conflict.tcss",)

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "choose('merge')", "Save merge", priority=True),
        Binding("c", "choose('copy')", "Keep mine as a copy"),
        Binding("d", "choose('disk')", "Take the disk's"),
        Binding("o", "choose('overwrite')", "Overwrite"),
        Binding("escape", "back", "Back to editing"),
    ]

    def __init__(
        self,
        noun: str,
        record_id: str,
        fields: list[tuple[str, str]],
        mine: dict[str, Any],
        disk: dict[str, Any] | None,
        base: dict[str, Any] | None,
        *,
        id_taken: bool = False,
    ) -> None:
        super().__init__()
        self.noun = noun
        self.record_id = record_id
        self.fields = fields
        self.mine = mine
        self.disk = disk
        self.base = base
        self.id_taken = id_taken
        """The id was free when the edit began and another writer took it meanwhile."""
        self.differing = differing_fields(fields, mine, disk)
        self.picks: dict[str, str] = {
            key: default_pick(key, mine, disk, None if id_taken else base)
            for key, _ in self.differing
            if disk is not None
        }

    # -- building -----------------------------------------------------------------------

    def _headline(self) -> Content:
        rid = literal_line(self.record_id, "bold")
        if self.id_taken:
            return join(f"Another writer created a {self.noun} with the id ", rid, " meanwhile")
        if self.disk is None:
            return join(f"The {self.noun} ", rid, " was deleted on disk while you edited it")
        return join(f"The {self.noun} ", rid, " changed on disk while you edited it")

    def _detail(self) -> str:
        if self.disk is None:
            return (
                "Nothing was saved. Save yours to bring it back, keep yours as a copy under "
                "a new id, or leave it deleted (your changes are dropped)."
            )
        count = len(self.differing)
        fields = f"{count} field{'s' * (count != 1)} differ" if count else "No field differs"
        return (
            f"Nothing was saved. {fields}: yours on the left, the disk's on the right. Pick "
            "per field and save the merge (ctrl+s), keep yours as a copy under a new id (c), "
            "take the disk's and drop yours (d), or overwrite the disk's with yours (o; a "
            "backup is taken first)."
        )

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog conflict-dialog"):
            yield Static(self._headline(), classes="dialog-title")
            yield Static(Content(self._detail()), classes="dialog-detail")
            if self.differing:
                with Horizontal(classes="conflict-head"):
                    yield Label("Field", classes="conflict-field")
                    yield Label("Yours", classes="conflict-value")
                    yield Label("On disk", classes="conflict-value")
                    yield Label("Keep", classes="conflict-pick")
                with VerticalScroll(id="conflict-fields"):
                    for key, label in self.differing:
                        with Horizontal(classes="conflict-row", id=f"conflict-row-{key}"):
                            yield Label(label, classes="conflict-field")
                            yield Static(
                                literal(show_value(key, self.mine.get(key))),
                                classes="conflict-value conflict-mine",
                            )
                            yield Static(
                                literal(show_value(key, (self.disk or {}).get(key))),
                                classes="conflict-value conflict-disk",
                            )
                            yield Select[str](
                                [("yours", MINE), ("disk's", DISK)],
                                value=self.picks[key],
                                allow_blank=False,
                                compact=True,
                                id=f"pick-{key}",
                                classes="conflict-pick",
                            )
            with Horizontal(classes="dialog-buttons"):
                if self.disk is not None:
                    yield Button("Save merge", id="merge", variant="primary", compact=True)
                yield Button("Keep mine as a copy", id="copy", compact=True)
                disk_label = "Leave it deleted" if self.disk is None else "Take the disk's"
                yield Button(disk_label, id="disk", compact=True)
                mine_label = "Save mine again" if self.disk is None else "Overwrite"
                yield Button(mine_label, id="overwrite", variant="warning", compact=True)
                yield Button("Back", id="back", compact=True)
        yield Footer()

    def on_mount(self) -> None:
        self.query(Button).first().focus()

    # -- answers ------------------------------------------------------------------------

    @on(Select.Changed)
    def _picked(self, event: Select.Changed) -> None:
        key = (event.select.id or "").removeprefix("pick-")
        if key in self.picks and isinstance(event.value, str):
            self.picks[key] = event.value

    def merged(self) -> dict[str, Any]:
        """The record the merge saves: yours, with the fields picked as the disk's replaced."""
        if self.disk is None:
            return dict(self.mine)
        return merge(self.mine, self.disk, self.picks)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "back":
            self.action_back()
        elif event.button.id in ACTIONS:
            self.action_choose(event.button.id)

    def action_choose(self, action: str) -> None:
        if action == "merge" and self.disk is None:
            return
        self.dismiss(ConflictChoice(action, self.merged() if action == "merge" else None))

    def action_back(self) -> None:
        self.dismiss(None)
