"""A story's lint findings, each with its fix: the same text `storybank lint` prints.

Shown under the story in the detail pane and at the top of the editor. Each finding says
its severity in a word and a mark (never by colour alone), the field it is about, what is
wrong and the fix; enter on one asks to go to that field (`LintFindings.Jump`): the editor
focuses it, the story list opens the editor there.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, ClassVar

from textual.binding import Binding, BindingType
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from storybank.tui.literal import join, literal
from storybank.vocab import BEAT_LABELS

SEVERITY_MARKS: dict[str, tuple[str, str]] = {
    "error": ("✗ error", "bold $error"),
    "warning": ("! warning", "bold $warning"),
    "hint": ("· hint", "$text-muted"),
}
"""Severity -> (mark and word, style): the word says it where colour cannot."""

FIELD_LABELS: dict[str, str] = {
    **BEAT_LABELS,
    "story": "Whole story",
    "summary": "Summary",
    "title": "Title",
    "competencies": "Competencies",
    "metrics": "Metrics",
    "tradeoffs": "Tradeoffs",
    "environment": "Environment",
    "rounds": "Round notes",
    "tags": "Tags",
}

_PATH = re.compile(r"^(?P<head>[a-z_]+)(?:\[(?P<index>\d+)\])?(?:\.(?P<part>[a-z_]+))?$")


def field_path(field: str) -> tuple[str, int | None, str | None]:
    """A finding's field as (field, row, part): "tradeoffs[1].because" -> ("tradeoffs", 1,
    "because"), "result" -> ("result", None, None)."""
    match = _PATH.match(field)
    if not match:
        return field, None, None
    index = match.group("index")
    return match.group("head"), int(index) if index is not None else None, match.group("part")


def field_label(field: str) -> str:
    """Where a finding is, for a person: "Tradeoff 2 (because)", "Result"."""
    head, index, part = field_path(field)
    if index is not None:
        label = f"{FIELD_LABELS.get(head, head).rstrip('s')} {index + 1}"
        return f"{label} ({part})" if part else label
    return FIELD_LABELS.get(head, head)


def finding_prompt(finding: Any) -> Content:
    """One finding in three short parts: severity, where, what is wrong; then the fix."""
    mark, style = SEVERITY_MARKS.get(finding.severity, (finding.severity, "bold"))
    return join(
        Content.styled(mark, style),
        "  ",
        Content.styled(field_label(finding.field), "bold"),
        ": ",
        literal(finding.message),
        "\n",
        Content.styled("fix: ", "bold $success"),
        literal(finding.fix),
    )


class LintFindings(OptionList):
    """The findings of one story; enter on one posts `Jump` with the field it is about."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "select", "Go to field", tooltip="Go to the field this finding is about"),
    ]

    @dataclass
    class Jump(Message):
        """Go to the field a finding is about (its lint field name, e.g. "metrics[0]")."""

        findings: LintFindings
        field: str

        @property
        def control(self) -> LintFindings:
            return self.findings

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.findings: list[Any] = []

    def show(self, findings: Sequence[Any]) -> None:
        """List these findings (errors first, as lint sorts them), keeping the highlight."""
        if list(findings) == self.findings and self.option_count == len(self.findings):
            return
        highlighted = self.highlighted
        self.findings = list(findings)
        self.clear_options()
        self.add_options(Option(finding_prompt(f), id=str(i)) for i, f in enumerate(self.findings))
        if self.findings:
            self.highlighted = min(highlighted or 0, len(self.findings) - 1)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        index = int(event.option.id or 0)
        if 0 <= index < len(self.findings):
            self.post_message(self.Jump(self, self.findings[index].field))
