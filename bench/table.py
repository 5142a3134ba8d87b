"""The budget table: every row the harness can run, and how its result is printed."""

from __future__ import annotations

from collections.abc import Sequence

UNITS = {"x": "{:.2f}x", "s": "{:.2f} s", "ms": "{:.1f} ms", "MiB": "{:.0f} MiB"}


class Row:
    """One budget: a figure measured at one bank size against the issue's limit."""

    __slots__ = ("budget", "detail", "figure", "group", "key", "title", "unit")

    def __init__(self, key: str, group: str, title: str, budget: float, unit: str) -> None:
        self.key = key
        """Short name for `--only`."""
        self.group = group
        """Which runner measures it (cli, scale, store, advisor, tui)."""
        self.title = title
        self.budget = budget
        self.unit = unit
        self.figure: float | None = None
        self.detail = ""
        """How the figure was taken (medians, wall beside CPU, the reference)."""

    @property
    def passed(self) -> bool:
        return self.figure is not None and self.figure <= self.budget

    def fmt(self, value: float) -> str:
        return UNITS[self.unit].format(value)


def rows() -> list[Row]:
    """Every row of the budget table, in the order it is printed."""
    return [
        Row("ask-7", "cli", "`ask` whole process, 7 stories", 4.0, "x"),
        Row("list-7", "cli", "`list` whole process, 7 stories", 3.5, "x"),
        Row("brief-7", "cli", "`brief` whole process, 7 stories", 6.0, "x"),
        Row("lint-7", "cli", "`lint` whole process, 7 stories", 6.0, "x"),
        Row("coverage-7", "cli", "`coverage` whole process, 7 stories", 6.0, "x"),
        Row("tui-start", "tui", "TUI first screen / minimal Textual app", 1.3, "x"),
        Row("askkey-7", "tui", "Ask screen work per keystroke, 7 stories", 16.0, "ms"),
        Row("askkey-1000", "tui", "Ask screen work per keystroke, 1,000 stories", 30.0, "ms"),
        Row("advisor-7", "advisor", "advisor per question, 7 stories", 5.0, "ms"),
        Row("advisor-1000", "advisor", "advisor per question, 1,000 stories", 20.0, "ms"),
        Row("ask-1000", "scale", "`ask` whole process, 1,000 stories", 0.3, "s"),
        Row("import-1000", "store", "import of 1,000 stories", 1.0, "s"),
        Row("import-10000", "store", "import of 10,000 stories (10 files of 1,000)", 10.0, "s"),
        Row("save-1000", "store", "one story save, 1,000 in the bank", 100.0, "ms"),
        Row("coverage-1000", "scale", "`coverage`, 1,000 stories", 1.0, "s"),
        Row("brief-1000", "scale", "`brief`, 1,000 stories", 1.0, "s"),
        Row("lint-1000", "scale", "`lint`, 1,000 stories", 1.0, "s"),
        Row("export-1000", "scale", "export, 1,000 stories", 1.0, "s"),
        Row("coverage-5000", "scale", "`coverage`, 5,000 stories (linear: 5x)", 5.0, "s"),
        Row("lint-5000", "scale", "`lint`, 5,000 stories (linear: 5x)", 5.0, "s"),
        Row("export-5000", "scale", "export, 5,000 stories (linear: 5x)", 5.0, "s"),
        Row("tui-stall-1000", "tui", "longest UI-thread stall, 1,000 stories", 100.0, "ms"),
        Row("tui-quit-1000", "tui", "TUI quit while lint scores run, 1,000 stories", 100.0, "ms"),
        Row("ask-mem-1000", "scale", "peak memory of `ask`, 1,000 stories", 80.0, "MiB"),
    ]


def render(table: Sequence[Row]) -> str:
    """A Markdown table (readable in a terminal and pasteable into docs/performance.md)."""
    lines = ["| figure | budget | measured | result | how |", "|---|---|---|---|---|"]
    for row in table:
        measured = "not run" if row.figure is None else row.fmt(row.figure)
        result = "-" if row.figure is None else ("pass" if row.passed else "MISS")
        lines.append(
            f"| {row.title} | <= {row.fmt(row.budget)} | {measured} | {result} | {row.detail} |"
        )
    return "\n".join(lines)
