"""Competencies: one record each, read by validation, the advisor, coverage, CLI and TUI.

Adding a built-in competency means adding one `Competency` here and its cue phrases in
`storybank.method.cues`, plus tests; nothing else keeps a table of competencies. Users may
name their own competencies too (kept as written, listed as custom).
"""

from __future__ import annotations


class Competency:
    """Everything the product knows about one built-in competency."""

    __slots__ = ("aliases", "core", "name", "short")

    def __init__(
        self, name: str, short: str, aliases: tuple[str, ...] = (), core: bool = False
    ) -> None:
        self.name = name
        self.short = short
        """Three capitals for badges and matrix columns (custom names derive their own)."""
        self.aliases = aliases
        """Other spellings people type, folded to this name on import and in the editor."""
        self.core = core
        """One of the areas Product Ops loops probe hardest: coverage wants two stories."""


COMPETENCIES: tuple[Competency, ...] = (
    Competency("metric-frameworks", "MET", ("metrics", "metric-framework"), core=True),
    Competency("launch-operations", "LCH", ("launch-ops", "launches"), core=True),
    Competency("cross-functional-execution", "XFN", ("cross-functional", "xfn"), core=True),
    Competency("process-improvement", "PRC", ("process",)),
    Competency("tooling-automation", "TLG", ("tooling", "automation")),
    Competency("stakeholder-management", "STK", ("stakeholders",)),
    Competency("prioritization", "PRI", ("prioritisation",)),
    Competency("customer-insight", "CUS", ("customer-insights",)),
)
"""Every built-in competency, in the order matrices and menus show them. Its cue phrases
are `method.cues.COMPETENCY_CUES[name]`."""

BY_NAME: dict[str, Competency] = {c.name: c for c in COMPETENCIES}
NAMES: tuple[str, ...] = tuple(c.name for c in COMPETENCIES)
CORE: tuple[str, ...] = tuple(c.name for c in COMPETENCIES if c.core)
SHORT_NAMES: dict[str, str] = {c.name: c.short for c in COMPETENCIES}
ALIASES: dict[str, str] = {alias: c.name for c in COMPETENCIES for alias in c.aliases}
