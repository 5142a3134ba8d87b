"""Coverage: does the bank cover the loop? Matrices, gaps in words and the 5-7 story guidance.

The report comes from `storybank.quality.coverage` (the same one `storybank
coverage` prints); this screen only lays it out: one table per axis with the
columns that are gaps highlighted, and the gap sentences beside them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from rich.style import Style as RichStyle
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Select, Static, TabbedContent, TabPane

from storybank.method.kinds import KINDS as KIND_RECORDS
from storybank.model import Bank
from storybank.quality.coverage import (
    CORE_MINIMUM,
    CoverageReport,
    coverage,
    gap_summary,
    no_gap_sentence,
    notes_only_sentence,
)
from storybank.tui import target
from storybank.tui.literal import join, literal, literal_line
from storybank.tui.messages import BankChanged, TargetChanged
from storybank.tui.screens import stylesheets
from storybank.tui.widgets.nav_bar import NavBar
from storybank.vocab import COMPETENCIES, CORE_COMPETENCIES, KINDS, ROUNDS

SHORT_COMPETENCY: dict[str, str] = {
    "metric-frameworks": "metric",
    "launch-operations": "launch",
    "cross-functional-execution": "xfn",
    "process-improvement": "process",
    "tooling-automation": "tools",
    "stakeholder-management": "stake",
    "prioritization": "prio",
    "customer-insight": "cust",
}
"""Column headers short enough for all eight built-ins to fit at 80 columns."""

SHORT_KIND: dict[str, str] = {kind.name: kind.short for kind in KIND_RECORDS}
"""Kind headers short enough for all seven kinds to fit at 80 columns."""

YES = "●"
NO = "·"
TITLE_WIDTH = 18
"""The story column's width at 80 columns; wider terminals give it more."""
MAX_TITLE_WIDTH = 48


_CORE_SHORT = ", ".join(SHORT_COMPETENCY.get(c, c) for c in CORE_COMPETENCIES)
CAPTIONS: dict[str, str] = {
    "competencies": (
        f"{YES} the story shows it. Core areas ({_CORE_SHORT}) want {CORE_MINIMUM} stories, "
        "the others one; ! marks a column short of that."
    ),
    "rounds": f"{YES} the story has a note for that round; ! marks a round no story has.",
    "kinds": (
        f"{YES} the story can serve that kind of question (the rule Ask uses); ! marks a "
        "kind no story can serve."
    ),
}
"""One line above each table saying exactly what a dot, a count and a ! mean."""


def _cell(content: Content, style: RichStyle | str = "") -> Text:
    """A DataTable cell from literal Content: Rich `Text` (never markup-parsed), one line.

    DataTable measures and draws Rich renderables, so the already-cleaned plain text
    of a `literal_line()` is carried over into a `Text`.
    """
    return Text(content.plain, style=style, no_wrap=True, end="")


def _needed(competency: str) -> int:
    """How many stories a competency wants before it stops being a gap."""
    return CORE_MINIMUM if competency in CORE_COMPETENCIES else 1


class CoverageScreen(Screen[None]):
    """Stories against competencies, rounds and question kinds, with the gaps called out."""

    CSS_PATH: ClassVar = stylesheets("sections.tcss", "coverage.tcss")
    """Read when this screen first opens (not at start-up)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("c", "focus_company", "Company", tooltip="Check coverage against a target company"),
        Binding("g", "show_tab('tab-gaps')", "Gaps", tooltip="Show the gaps in words"),
        Binding("m", "show_tab('tab-competencies')", "Matrix", tooltip="Stories x competencies"),
        Binding("r", "show_tab('tab-rounds')", "Rounds", tooltip="Stories x rounds"),
        # K, not k: j and k move in the tables, as in every list.
        Binding("K", "show_tab('tab-kinds')", "Kinds", tooltip="Stories x question kinds"),
    ]

    report: CoverageReport | None = None
    _built_for: str | None = None
    _built_bank: Bank | None = None
    _built_width = 0

    def compose(self) -> ComposeResult:
        yield NavBar("coverage")
        with Horizontal(id="coverage-top", classes="screen-top"):
            yield Static("Coverage", classes="screen-title")
            yield Select[str]([], prompt="No target company", id="coverage-company")
        yield Static(id="coverage-guidance")
        with TabbedContent(id="coverage-tabs"):
            with TabPane("Competencies", id="tab-competencies"):
                yield Static(Content(CAPTIONS["competencies"]), classes="coverage-caption")
                yield DataTable(id="coverage-competencies", cursor_type="cell", zebra_stripes=True)
            with TabPane("Rounds", id="tab-rounds"):
                yield Static(Content(CAPTIONS["rounds"]), classes="coverage-caption")
                yield DataTable(id="coverage-rounds", cursor_type="cell", zebra_stripes=True)
            with TabPane("Kinds", id="tab-kinds"):
                yield Static(Content(CAPTIONS["kinds"]), classes="coverage-caption")
                yield DataTable(id="coverage-kinds", cursor_type="cell", zebra_stripes=True)
            with TabPane("Gaps", id="tab-gaps"), VerticalScroll():
                yield Static(id="coverage-gaps")
        yield Static(id="coverage-cell")
        yield Footer()

    @property
    def bank(self) -> Bank:
        return self.app.bank  # type: ignore[attr-defined,no-any-return]

    def on_mount(self) -> None:
        self._fill_companies()
        self.refresh_report()
        # Table cells carry colours resolved from the theme, so a theme switch redraws them.
        self.app.theme_changed_signal.subscribe(self, self._theme_changed)

    def on_resize(self) -> None:
        # The story column's width follows the terminal's.
        if self._built_width != self.size.width:
            self._built_bank = None
            self.refresh_report()

    def _theme_changed(self, _theme: object) -> None:
        self._built_bank = None
        self.refresh_report()

    def on_bank_changed(self, _: BankChanged) -> None:
        self._fill_companies()
        self.refresh_report()

    def on_screen_resume(self) -> None:
        self._fill_companies()
        self.refresh_report()

    def _fill_companies(self) -> None:
        target.fill_select(self, self.query_one("#coverage-company", Select))

    @on(Select.Changed, "#coverage-company")
    def _company_changed(self, event: Select.Changed) -> None:
        target.picked(self, event.select)  # the target for every screen
        self.refresh_report()

    def on_target_changed(self, _: TargetChanged) -> None:
        self._fill_companies()
        self.refresh_report()

    def refresh_report(self) -> None:
        """Recompute the report from the current bank and company, and redraw every part."""
        value = self.query_one("#coverage-company", Select).value
        company = None if value is Select.NULL else self.bank.company(str(value))
        key = company.id if company else None
        if self.bank is self._built_bank and key == self._built_for and self.report is not None:
            return  # same snapshot, same company: nothing to redo (e.g. on screen resume)
        self._built_bank, self._built_for = self.bank, key
        self._built_width = self.size.width
        self.report = report = coverage(self.bank.stories, company)
        self.query_one("#coverage-guidance", Static).update(self._guidance(report))
        titles = dict(report.stories)
        self._fill_table(
            "#coverage-competencies",
            report.competencies,
            lambda c: literal_line(SHORT_COMPETENCY.get(c, c)),
            report.competency_matrix,
            report.competency_counts(),
            _needed,
            titles,
        )
        self._fill_table(
            "#coverage-rounds",
            list(ROUNDS),
            lambda r: Content(r),
            report.round_matrix,
            report.round_counts(),
            lambda _r: 1,
            titles,
        )
        self._fill_table(
            "#coverage-kinds",
            list(KINDS),
            lambda k: Content(SHORT_KIND.get(k, k)),
            report.kind_matrix,
            report.kind_counts(),
            lambda _k: 1,
            titles,
        )
        self.query_one("#coverage-gaps", Static).update(self._gaps(report))

    def _fill_table(
        self,
        selector: str,
        columns: list[str],
        header: Callable[[str], Content],
        matrix: dict[str, dict[str, bool]],
        counts: dict[str, int],
        needed: Callable[[str], int],
        titles: dict[str, str],
    ) -> None:
        table = self.query_one(selector, DataTable)
        table.clear(columns=True)
        gap_columns = {c for c in columns if counts.get(c, 0) < needed(c)}
        error = self._rich_style("bold $error")
        muted = self._rich_style("$text-muted")
        # The story column takes what the matrix columns leave (at least TITLE_WIDTH).
        matrix_width = sum(
            len(header(c).plain) + (1 if c in gap_columns else 0) + 2 for c in columns
        )
        room = max(TITLE_WIDTH, min(MAX_TITLE_WIDTH, self.size.width - matrix_width - 6))
        longest = max((len(t) for t in titles.values()), default=5)
        title_width = max(len("stories"), min(room, longest))  # the totals row's label
        table.add_column(Text("Story"), key="story", width=title_width)
        for column in columns:
            if column in gap_columns:
                table.add_column(_cell(join(header(column), "!"), error), key=column)
            else:
                table.add_column(_cell(header(column)), key=column)
        for story_id, row in matrix.items():
            title = literal_line(titles.get(story_id, story_id))
            cells: list[Text] = [_cell(title.truncate(title_width, ellipsis=True))]
            for column in columns:
                if row.get(column):
                    cells.append(Text(YES))
                else:
                    cells.append(Text(NO, style=error if column in gap_columns else muted))
            table.add_row(*cells, key=story_id)
        totals: list[Text] = [Text("stories", style="bold")]
        for column in columns:
            count = counts.get(column, 0)
            totals.append(Text(str(count), style=error if column in gap_columns else "bold"))
        table.add_row(*totals, key="__total__")

    def _rich_style(self, spec: str) -> RichStyle:
        """A theme-variable style (e.g. "bold $error") as the Rich style DataTable cells need."""
        return self.app.stylesheet.parse_style(spec).rich_style

    def _guidance(self, report: CoverageReport) -> Content:
        guidance = report.guidance
        label = {"ok": "Bank size OK: ", "few": "Too few: ", "many": "Too many: "}[guidance.status]
        style = "bold $success" if guidance.status == "ok" else "bold $warning"
        tail = f"  {gap_summary(report)}" + (" (g)" if report.gaps else "")
        # Guidance text carries story ids from the data: literal, never markup.
        return join(
            Content.styled(label, style), literal(guidance.message), Content.styled(tail, "dim")
        )

    def _gaps(self, report: CoverageReport) -> Content:
        if not report.stories:
            return Content("No stories yet: add five to seven core stories to see coverage.")
        lines: list[Content | str] = []
        if not report.gaps:
            lines.append(literal(no_gap_sentence(report) + "\n"))  # may name the company
        elif all(gap.severity != "gap" for gap in report.gaps):
            lines.append(notes_only_sentence() + "\n")
        for gap in report.gaps:
            badge = (
                Content.styled(" GAP ", "bold reverse $error")
                if gap.severity == "gap"
                else Content.styled(" note ", "dim reverse")
            )
            lines += [badge, " ", literal(gap.message), "\n"]
        guidance = report.guidance
        if guidance.merge_candidates:
            lines.append(Content.styled("\nCould merge:\n", "bold"))
            for pair in guidance.merge_candidates:
                lines += [
                    "  ",
                    literal_line(f"{pair.first} + {pair.second}"),
                    Content.styled(f"  overlap {pair.score:.2f}\n", "dim"),
                ]
        legend = ", ".join(f"{short} = {name}" for name, short in SHORT_COMPETENCY.items())
        lines += [Content.styled("\nMatrix columns: ", "bold"), legend, "\n"]
        kinds = ", ".join(f"{short} = {name}" for name, short in SHORT_KIND.items())
        lines += [Content.styled("Kind columns: ", "bold"), kinds, "\n"]
        custom = [c for c in report.competencies if c not in COMPETENCIES]
        if custom:
            lines += [
                Content.styled("\nCustom competencies: ", "bold"),
                literal_line(", ".join(custom)),
                "\n",
            ]
        return join(*lines).rstrip()

    def action_focus_company(self) -> None:
        self.query_one("#coverage-company", Select).focus()

    @on(DataTable.CellHighlighted)
    def _cell_highlighted(self, event: DataTable.CellHighlighted) -> None:
        """Say what the highlighted cell means: the evidence for a kind, a round's note."""
        self.query_one("#coverage-cell", Static).update(
            self.explain(
                event.data_table.id or "",
                event.cell_key.row_key.value,
                event.cell_key.column_key.value,
            )
        )

    @on(TabbedContent.TabActivated, "#coverage-tabs")
    def _tab_activated(self, event: TabbedContent.TabActivated) -> None:
        """The note under the tabs is about one table's cell: say the new table's, or nothing."""
        note = Content("")
        tables = event.pane.query(DataTable)
        if tables:
            table = tables.first()
            if table.row_count and table.is_valid_coordinate(table.cursor_coordinate):
                keys = table.coordinate_to_cell_key(table.cursor_coordinate)
                note = self.explain(table.id or "", keys.row_key.value, keys.column_key.value)
        self.query_one("#coverage-cell", Static).update(note)

    def explain(self, table_id: str, story_id: str | None, column: str | None) -> Content:
        """One line about a matrix cell, from the report (user text kept literal)."""
        report = self.report
        story = self.bank.story(story_id or "") if story_id else None
        if report is None or story is None or not column or column == "story":
            return Content("")
        head = join(literal_line(story.title).truncate(30, ellipsis=True), ": ")
        if table_id == "coverage-kinds":
            ok = report.kind_matrix[story.id].get(column, False)
            verdict = "serves" if ok else "cannot serve"
            reason = report.kind_reasons[story.id].get(column, "")
            return join(head, f"{verdict} a {column} question (", literal_line(reason), ")")
        if table_id == "coverage-rounds":
            note = story.rounds.get(column, "").strip()
            if not note:
                return join(head, f"no note for the {column} round")
            return join(head, f"{column}: ", literal_line(note))
        shows = column in story.competencies
        return join(head, "shows " if shows else "does not show ", literal_line(column))

    def action_show_tab(self, tab: str) -> None:
        self.query_one("#coverage-tabs", TabbedContent).active = tab
        tables = self.query_one(f"#{tab}").query(DataTable)
        if tables:
            tables.first().focus()
