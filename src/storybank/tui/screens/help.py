"""Every key that works on the current screen, and the app-wide ones.

The app-wide keys come first, packed into a few lines, so they are in view at any size
(at 100x30 they used to fall below the fold under a long screen list); the screen's own
keys follow in a table, one row per action: a key shown as a range (`1-5 Rate`) is not
listed again key by key.
"""

from __future__ import annotations

from dataclasses import replace
from typing import ClassVar

from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen, Screen
from textual.widgets import DataTable, Footer, Static

from storybank.tui.screens import OwnStylesheets

EXTRA_KEYS: tuple[tuple[str, str, str], ...] = (
    ("ctrl+p", "Command palette: every action, and jump to a story", "App"),
    ("tab / shift+tab", "Move between fields and panes", "App"),
    ("up / down", "Move in lists; scroll the detail pane", "Lists"),
    ("enter", "Open the highlighted item / press a button", "Lists"),
)

GLOBAL_EXTRA: tuple[tuple[str, str], ...] = (
    ("^p", "Palette"),
    ("tab", "Next pane"),
    ("enter", "Open"),
)
"""Keys every screen has that are not app bindings, in the compact app-wide block."""

_TEXTUAL_DEFAULTS = frozenset(
    key.strip()
    for binding in [*Screen.BINDINGS, *App.BINDINGS]
    if isinstance(binding, Binding) and binding.action != "quit"
    for key in binding.key.split(",")
)
"""Textual's own screen and app keys (tab, ctrl+c copy, ...): EXTRA_KEYS says what they
do, once. Keys of Textual's widgets (a list's arrows) are left out for the same reason."""


def _base_action(action: str) -> str:
    """`rate(2)` -> `rate`: the bindings of one action with different arguments."""
    return action.split("(", 1)[0]


def describe_bindings(screen: Screen) -> list[tuple[str, str, str]]:
    """(keys, description, where) for every binding active on `screen`, app-wide ones last.

    One row per action and place: `1-5 Rate` stands for the hidden `2`..`5`, and `+/-
    Time` for `-`. Only a hidden key folds into a shown one of the same action: Coverage's
    `g`, `m`, `r` and `K` (one action, four tabs) each keep their row."""
    app = screen.app
    rows: dict[tuple[str, str], tuple[str, str, str]] = {}
    shown_first = sorted(screen.active_bindings.items(), key=lambda item: not item[1].binding.show)
    shown = {
        (_base_action(declared.action), "Screen")
        for declared in type(screen).BINDINGS
        if isinstance(declared, Binding) and declared.show
    }
    for key, active in shown_first:
        binding = active.binding
        if binding.key in _TEXTUAL_DEFAULTS and active.node is not app:
            continue
        if type(active.node).__module__.startswith("textual."):
            continue
        if binding.action == "command_palette":
            continue  # the fixed "ctrl+p Command palette" row says it, in words
        description = binding.description or binding.tooltip or binding.action
        if binding.tooltip and binding.description and binding.tooltip != binding.description:
            # "Edit: Edit the selected story" says it twice; the tooltip alone is enough.
            first_word = binding.tooltip.split()[0].lower() if binding.tooltip.split() else ""
            if first_word == binding.description.lower():
                description = binding.tooltip
            else:
                description = f"{binding.description}: {binding.tooltip}"
        if active.node is app:
            where = "App"
        elif active.node is screen:
            where = "Screen"
        else:
            where = type(active.node).__name__
        if not active.enabled:
            description += " (not available right now)"
        display = app.get_key_display(binding) or key
        if binding.show:
            shown.add((_base_action(binding.action), where))
        elif (_base_action(binding.action), where) in shown:
            continue  # `2` under `1-5 Rate`, `-` under `+/- Time`
        rows.setdefault((binding.action, where), (display, description, where))
    # A key the screen hides at this step (Practice's rating keys before the reveal) is
    # still one of its keys: listed, marked as not available now.
    for declared in type(screen).BINDINGS:
        if not isinstance(declared, Binding) or not declared.show:
            continue
        if (declared.action, "Screen") in rows:
            continue
        description = declared.tooltip or declared.description or declared.action
        if declared.description and declared.tooltip and declared.description not in description:
            description = f"{declared.description}: {declared.tooltip}"
        first_key = replace(declared, key=declared.key.split(",")[0].strip())
        display = declared.key_display or app.get_key_display(first_key)  # `C`, not `C,c`
        rows[(declared.action, "Screen")] = (
            display,
            f"{description} (not available right now)",
            "Screen",
        )
    rank = {"Screen": 0, "App": 1}
    ordered = sorted(rows.values(), key=lambda row: (rank.get(row[2], 2), row[2]))
    return ordered + list(EXTRA_KEYS)


def global_keys(screen: Screen) -> list[tuple[str, str]]:
    """(key, short label) of the app-wide keys, `j`/`k` as one, for the compact block.

    From the app's declared bindings rather than the active ones, so a screen that uses
    a key itself (escape in Ask's question box) does not drop it from "everywhere"."""
    app = screen.app
    keys: list[tuple[str, str]] = []
    seen: set[str] = set()
    for binding in type(app).BINDINGS:
        if not isinstance(binding, Binding):
            continue
        base = _base_action(binding.action)
        if base in seen:
            continue
        seen.add(base)
        if base == "cursor":
            keys.append(("j/k", "Down/up"))
            continue
        keys.append((app.get_key_display(binding) or binding.key, binding.description or base))
    return keys + list(GLOBAL_EXTRA)


class HelpScreen(OwnStylesheets, ModalScreen[None]):
    """Built from the live bindings, so it can never drift from what the keys do."""

    STYLESHEETS = ("dialogs.tcss",)

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close"),
        Binding("question_mark", "close", "Close", show=False),
        Binding("q", "close", "Close", show=False),
        Binding("j", "move(1)", "Down", show=False),
        Binding("k", "move(-1)", "Up", show=False),
    ]

    def __init__(self, target: Screen) -> None:
        super().__init__()
        self.target = target
        self.rows = describe_bindings(target)
        self.global_keys = global_keys(target)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog help-dialog"):
            name = getattr(self.target, "HELP_TITLE", None) or type(self.target).__name__
            name = name.removesuffix("Screen") if name.endswith("Screen") else name
            yield Static(Content.styled(f"Keys: {name}", "bold $primary"), classes="dialog-title")
            everywhere = [Content.styled("Everywhere: ", "bold")]
            for key, label in self.global_keys:
                everywhere += [Content.styled(key, "bold $accent"), Content(f" {label}   ")]
            yield Static(Content.assemble(*everywhere).rstrip(), id="help-global")
            table: DataTable[Content | Text] = DataTable(id="help-table", cursor_type="row")
            # The description column takes the dialog's spare width, and a long one wraps
            # onto a second line (height=None) instead of stopping mid-word at 80 columns.
            dialog_width = min(100, self.app.size.width * 95 // 100)
            description_width = max(30, dialog_width - 6 - 26)
            table.add_column("Key", width=10)
            table.add_column("What it does", width=description_width)
            table.add_column("Where", width=8)
            for key, description, where in self.rows:
                if where == "App":
                    continue  # in the block above, in view at any size
                # Rich Text (never markup-parsed) wraps to the column; Content stays one line.
                table.add_row(Content(key), Text(description), Content(where), height=None)
            yield table
            yield Static(Content("escape closes this help"), classes="dialog-detail")
        yield Footer()  # this dialog's keys, not those of the screen underneath

    def action_move(self, step: int) -> None:
        table = self.query_one("#help-table", DataTable)
        if step > 0:
            table.action_cursor_down()
        else:
            table.action_cursor_up()

    def action_close(self) -> None:
        self.dismiss(None)
