"""Companies: the target employers, and every story ranked by fit for the selected one.

The list is ordered by interview date (the next one first, then undated, past last) or
by name (`S` switches, remembered). Space makes the highlighted company the target every
screen shares (marked with a star); Brief and the other screens follow it.

Adding, editing and deleting go through `CompanyEditor` and the store; after each
write the app reloads the bank and every screen redraws (`BankChanged`).
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from storybank import settings, targets
from storybank.errors import StoryBankError
from storybank.model import Bank, Company
from storybank.store import record_version
from storybank.tui import target
from storybank.tui.literal import join, literal, literal_line
from storybank.tui.messages import BankChanged, TargetChanged
from storybank.tui.screens import stylesheets
from storybank.tui.screens.company_editor import CompanyEditor
from storybank.tui.target import days_until
from storybank.tui.widgets.nav_bar import NavBar

if TYPE_CHECKING:
    from storybank.store import Store

EMPTY_HINT = Content(
    "No target companies yet. Press n to add one: its stage, customer type, org design and "
    "focus areas let storybank rank your stories for it and tell you what to adapt."
)


def environment_text(company: Company) -> str:
    parts = [
        f"stage {company.stage or 'unknown'}",
        f"customer {company.customer or 'unknown'}",
        f"org {company.org or 'unknown'}",
    ]
    return " · ".join(parts)


class CompaniesScreen(Screen[None]):
    """List, add, edit and delete target companies; see your stories ranked for each."""

    CSS_PATH: ClassVar = stylesheets("sections.tcss", "companies.tcss")
    """Read when this screen first opens (not at start-up)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("n", "new_company", "New", tooltip="Add a target company"),
        Binding("e", "edit_company", "Edit", tooltip="Edit the selected company"),
        Binding("d", "delete_company", "Delete", tooltip="Delete the selected company (asks)"),
        Binding("u", "undo", "Undo", tooltip="Take back the last change (a delete, a save, ...)"),
        Binding("space", "make_target", "Target", tooltip="Make it the target company everywhere"),
        Binding(
            "S",
            "cycle_sort",
            "Sort",
            tooltip="Order the list by interview date or by name (remembered)",
        ),
        Binding("l", "focus_list", "List", tooltip="Back to the company list", show=False),
        Binding("r", "focus_ranking", "Ranking", tooltip="Scroll the story ranking"),
        Binding("f", "brief", "Brief", tooltip="The pre-call brief for the selected company"),
    ]

    _target: str | None = None
    """The target company's id at the last reload (starred in the list)."""

    def compose(self) -> ComposeResult:
        yield NavBar("companies")
        yield Static("Companies", classes="screen-title")
        with Horizontal(id="companies-body"):
            yield OptionList(id="companies-list")
            with VerticalScroll(id="companies-detail", can_focus=True):
                yield Static(id="companies-info")
                yield Vertical(id="companies-ranking")
        yield Footer()

    @property
    def bank(self) -> Bank:
        return self.app.bank  # type: ignore[attr-defined,no-any-return]

    @property
    def store(self) -> Store:
        return self.app.store  # type: ignore[attr-defined]  # held by the app, or a test's host app

    def on_mount(self) -> None:
        self.query_one("#companies-detail", VerticalScroll).border_title = "Fit"
        self.reload(target.target_id(self.app))
        self.query_one("#companies-list", OptionList).focus()

    def on_bank_changed(self, message: BankChanged) -> None:
        self.reload()

    def on_screen_resume(self) -> None:
        self.reload()

    def on_target_changed(self, message: TargetChanged) -> None:
        self.reload(message.company_id)

    # -- the list -----------------------------------------------------------------------

    @property
    def selected(self) -> Company | None:
        """The highlighted company, if any."""
        options = self.query_one("#companies-list", OptionList)
        if options.highlighted is None or not options.option_count:
            return None
        option = options.get_option_at_index(options.highlighted)
        return self.bank.company(option.id or "")

    def reload(self, select_id: str | None = None) -> None:
        """Redraw the list from the bank, keeping (or moving to) a selection."""
        options = self.query_one("#companies-list", OptionList)
        keep = select_id or (self.selected.id if self.selected else None)
        # As the store last saw the file, the version the shown bank was built from (as the
        # story list reads its order): a redraw need not read the whole file again.
        order = settings.read(self.store.seen_settings, settings.COMPANY_SORT)
        companies = targets.ordered(self.bank.companies, order, date.today())
        options.border_title = f"Targets · by {'name' if order == targets.NAME else 'date'}"
        self._target = target.target_id(self.app)
        options.clear_options()
        options.add_options([self._option(c) for c in companies])
        ids = [c.id for c in companies]
        if ids:
            options.highlighted = ids.index(keep) if keep in ids else 0
        self.show_selected()

    def _option(self, company: Company) -> Option:
        # One short line under the name: the list is narrow and must not wrap at 80 columns.
        meta = " · ".join(v for v in (company.stage, days_until(company.interview_date)) if v)
        mark = Content.styled("★ ", "bold $accent") if company.id == self._target else ""
        label = join(mark, literal_line(company.name, "bold"), "\n", Content.styled(meta, "dim"))
        return Option(label, id=company.id)

    @on(OptionList.OptionHighlighted, "#companies-list")
    def _highlighted(self) -> None:
        self.show_selected()

    @on(OptionList.OptionSelected, "#companies-list")
    def _selected(self) -> None:
        self.action_edit_company()

    def show_selected(self) -> None:
        info = self.query_one("#companies-info", Static)
        company = self.selected
        info.update(self._info(company) if company is not None else EMPTY_HINT)
        ranking = self.query_one("#companies-ranking", Vertical)
        with self.app.batch_update():
            ranking.remove_children()
            if company is not None:
                ranking.mount_all(self._ranking(company))

    def _info(self, company: Company) -> Content:
        parts: list[Content | str] = [
            literal_line(company.name, "bold"),
            Content.styled(f"  ({company.id})", "dim"),
            Content.styled("  ★ the target company", "bold $accent")
            if company.id == self._target
            else "",
            "\n",
            environment_text(company),
            "\n",
            Content.styled("Focus: ", "bold"),
            literal_line(", ".join(company.focus) if company.focus else "none given"),
        ]
        if company.interview_date:
            parts += [
                "\n",
                Content.styled("Interview: ", "bold"),
                literal_line(company.interview_date),
                f" ({days_until(company.interview_date)})",
            ]
        if company.notes.strip():
            parts += ["\n", Content.styled("Notes: ", "bold"), literal(company.notes.strip())]
        return join(*parts)

    def _ranking(self, company: Company) -> list[Static]:
        """One heading line and one indented block of notes per story, best fit first."""
        from storybank.advisor import rank_for_company

        if not self.bank.stories:
            return [Static("No stories yet: add some to see how they fit this company.")]
        rows = [
            Static(
                Content.styled("Your stories, best fit first", "bold underline"),
                classes="fit-heading",
            )
        ]
        for rank, fit in enumerate(rank_for_company(self.bank.stories, company), start=1):
            rows.append(
                Static(
                    join(
                        Content.styled(f"{rank}. ", "bold"),
                        literal_line(fit.story.title, "bold"),
                        Content.styled(f"  fit {fit.score:.2f}", "dim"),
                    ),
                    classes="fit-title",
                )
            )
            notes: list[Content | str] = []
            for note in fit.adapt:
                notes += [Content.styled("Adapt: ", "bold"), literal_line(note), "\n"]
            if fit.why:
                notes += [Content.styled("Why: ", "dim"), literal_line("; ".join(fit.why), "dim")]
            if notes:
                rows.append(Static(join(*notes).rstrip(), classes="fit-notes"))
        return rows

    # -- writes -------------------------------------------------------------------------

    def _after_write(self, reason: str, select_id: str | None = None) -> None:
        refresh = getattr(self.app, "refresh_bank", None)
        if callable(refresh):
            refresh(reason)
        else:  # a host without the shared refresh: reload our own view
            self.app.bank = self.app.store.bank()  # type: ignore[attr-defined]
        self.reload(select_id)

    def _write(self, reason: str, write: Any, select_id: str | None = None) -> bool:
        """Run one store write; a failure (lock, disk, a change made on disk meanwhile) is
        reported, nothing half-done, and the view shows the bank as it is now."""
        try:
            write()
        except StoryBankError as error:
            self.notify(str(error), title="Not saved", severity="error", markup=False)
            self._after_write("write refused")
            return False
        self._after_write(reason, select_id)
        return True

    def _editor(self, company: Company | None) -> CompanyEditor:
        return CompanyEditor(
            company,
            existing_ids=frozenset(c.id for c in self.bank.companies),
            custom_competencies=self.bank.custom_competencies(),
        )

    def _warn_about_date(self, company: Company) -> None:
        """A date long past or years ahead is kept, but the user hears about it."""
        warning = targets.interview_date_warning(company.interview_date, date.today())
        if warning is not None:
            self.notify(
                f"{company.name}: {warning}.",
                title="Check the date",
                severity="warning",
                markup=False,
                timeout=12,
            )

    def action_new_company(self) -> None:
        def done(company: Company | None) -> None:  # the editor has written it
            if company is not None:
                self._after_write("added company", company.id)
                self.notify(f"Added {company.name}.", markup=False)
                self._warn_about_date(company)

        self.app.push_screen(self._editor(None), done)

    def action_edit_company(self) -> None:
        current = self.selected
        if current is None:
            self.notify("No company selected: press n to add one.", markup=False)
            return

        def done(company: Company | None) -> None:  # the editor has written it
            if company is not None:
                self._after_write("saved company", company.id)
                self.notify(f"Saved {company.name}.", markup=False)
                self._warn_about_date(company)

        self.app.push_screen(self._editor(current), done)

    def action_delete_company(self) -> None:
        from storybank.tui.screens.confirm import ConfirmScreen

        company = self.selected
        if company is None:
            return

        def done(confirmed: bool | None) -> None:
            # Only the version the user saw is deleted; a change made meanwhile is refused.
            expect = {company.id: record_version(company)}
            if confirmed and self._write(
                "deleted company",
                lambda: self.store.delete_company(company.id, expect=expect),
            ):
                self._remember_delete(company)
                self.notify(f"Deleted {company.name}. Press u to undo.", markup=False)

        question = join("Delete the company ", literal_line(company.name, "bold"), "?")
        detail = "Your stories are not touched; a backup of the bank is taken first."
        self.app.push_screen(ConfirmScreen(question, detail, confirm_label="Delete"), done)

    def _remember_delete(self, company: Company) -> None:
        from storybank.tui.undo import RecordsUndo, remember

        if hasattr(self.app, "undo_steps"):
            step = RecordsUndo(
                "the company delete",
                [("companies", company.id, company, None)],  # never over a newer one
                f"Company {company.name} restored.",
            )
            remember(self.app, step)  # type: ignore[arg-type]
            self.refresh_bindings()

    def action_undo(self) -> None:
        undo = getattr(self.app, "undo", None)
        if callable(undo):
            undo()
        self.refresh_bindings()

    def action_brief(self) -> None:
        """Open the Brief section on the selected company."""
        company = self.selected
        open_section = getattr(self.app, "open_section", None)
        if company is None or not callable(open_section):
            return
        open_section("brief")
        show = getattr(self.app.screen, "show_company", None)
        if callable(show):
            show(company.id)

    def action_make_target(self) -> None:
        """The highlighted company becomes the target of every screen (again: none)."""
        company = self.selected
        if company is None:
            return
        chosen = None if company.id == self._target else company.id
        if target.choose(self.app, chosen):
            self.reload(company.id)
            if chosen:
                self.notify(f"Target company: {company.name}.", markup=False)
            else:
                self.notify("No target company.", markup=False)

    def action_cycle_sort(self) -> None:
        order = settings.COMPANY_SORT.after(
            settings.read(self.store.seen_settings, settings.COMPANY_SORT)
        )
        try:
            settings.write(self.store, settings.COMPANY_SORT, order)
        except StoryBankError as error:
            self.notify(str(error), title="Not saved", severity="error", markup=False)
            return
        self.reload()

    def action_focus_list(self) -> None:
        self.query_one("#companies-list", OptionList).focus()

    def action_focus_ranking(self) -> None:
        self.query_one("#companies-detail", VerticalScroll).focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("edit_company", "delete_company", "brief", "make_target"):
            return True if self.bank.companies else None
        if action == "undo":
            return getattr(self.app, "undo_what", None) is not None
        return True
