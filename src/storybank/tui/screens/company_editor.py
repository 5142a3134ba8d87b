"""The form for adding or editing a target company, as a modal that dismisses the Company.

Validation is `storybank.validate.validate_company_data`, the same rules (and the
same messages) as a YAML import, shown inline under the form. The editor writes
the Company itself through `checked_save` (so a change another writer made
meanwhile is shown, not overwritten, and the form stays open to go back to) and
dismisses what it wrote; the caller refreshes its views.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Footer, Input, Label, Select, SelectionList, Static, TextArea
from textual.widgets.selection_list import Selection

from storybank import schema
from storybank.model import Company
from storybank.safetext import clean, clean_line, has_unsafe
from storybank.tui.literal import join, literal, literal_line
from storybank.tui.screens import stylesheets
from storybank.validate import validate_company_data
from storybank.vocab import COMPETENCIES, CUSTOMERS, ORGS, STAGES

if TYPE_CHECKING:
    from storybank.tui.checked_save import SaveOutcome

FIELD_LABELS: dict[str, str] = schema.labels(schema.COMPANY)


class CompanyEditor(ModalScreen[Company | None]):
    """Add (company=None) or edit a company; dismisses the valid Company, or None on cancel."""

    CSS_PATH: ClassVar = stylesheets("company_editor.tcss")
    """Read when this screen first opens (not at start-up)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save", priority=True, tooltip="Validate and save the company"),
        Binding("escape", "cancel", "Cancel", tooltip="Close without saving"),
    ]

    def __init__(
        self,
        company: Company | None = None,
        *,
        existing_ids: frozenset[str] = frozenset(),
        custom_competencies: list[str] | None = None,
    ) -> None:
        super().__init__()
        self.company = company
        """The company being edited, or None for a new one."""
        self.existing_ids = existing_ids
        """Ids already taken (a new company must not reuse one)."""
        self.custom_competencies = list(custom_competencies or [])
        self._confirm_discard = False
        self._initial: dict[str, Any] | None = None

    def compose(self) -> ComposeResult:
        company = self.company
        title = "Edit company" if company else "New company"
        with Vertical(classes="dialog company-editor"):
            yield Static(
                join(title, ": ", literal_line(company.name)) if company else Content(title),
                classes="dialog-title",
            )
            with VerticalScroll(id="company-form"):
                # Label | control rows of compact (borderless) controls: the whole form
                # fits a 80x24 terminal, scrolling only the focus list if it must.
                yield Label("Name", classes="company-label")
                yield Input(
                    clean_line(company.name) if company else "",
                    id="company-name",
                    placeholder="e.g. Acme Cloud",
                    compact=True,
                )
                yield Label("Id", classes="company-label")
                yield Input(
                    clean_line(company.id) if company else "",
                    id="company-id",
                    placeholder="a short slug, filled from the name",
                    disabled=company is not None,
                    compact=True,
                )
                yield Label("Stage", classes="company-label")
                yield self._select("stage", STAGES, company.stage if company else None)
                yield Label("Customer", classes="company-label")
                yield self._select("customer", CUSTOMERS, company.customer if company else None)
                yield Label("Org design", classes="company-label")
                yield self._select("org", ORGS, company.org if company else None)
                yield Label("Interview", classes="company-label")
                yield Input(
                    clean_line(company.interview_date or "") if company else "",
                    id="company-interview_date",
                    placeholder="YYYY-MM-DD (optional)",
                    compact=True,
                )
                yield Label("Focus", classes="company-label")
                yield SelectionList[str](*self._focus_options(), id="company-focus")
                yield Label("Notes", classes="company-label")
                yield TextArea(
                    clean(company.notes) if company else "",
                    id="company-notes",
                    soft_wrap=True,
                    compact=True,
                )
                yield Label("Why us", classes="company-label")
                yield TextArea(
                    clean(company.why_us) if company else "",
                    id="company-why_us",
                    soft_wrap=True,
                    compact=True,
                    placeholder="why them: said when they ask 'why us?'",
                )
            yield Static(id="company-problems")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Cancel", id="cancel", compact=True)
                yield Button("Save (ctrl+s)", id="save", variant="primary", compact=True)
        yield Footer()  # this dialog's keys, not those of the screen underneath

    def _select(self, field: str, values: tuple[str, ...], current: str | None) -> Select[str]:
        select: Select[str] = Select(
            [(v, v) for v in values],
            prompt="not set",
            value=current if current in values else Select.NULL,
            id=f"company-{field}",
            compact=True,
        )
        return select

    def _focus_options(self) -> list[Selection[str]]:
        chosen = list(self.company.focus) if self.company else []
        names = list(COMPETENCIES)
        for name in [*self.custom_competencies, *chosen]:
            if name not in names:
                names.append(name)
        return [Selection(literal_line(name), name, name in chosen) for name in names]

    def on_mount(self) -> None:
        self._initial = self.form_data()
        self.query_one("#company-name", Input).focus()
        company = self.company
        if company is not None and any(
            has_unsafe(text)
            for text in (company.name, company.notes, company.why_us, *company.focus)
        ):
            # Inputs cannot show control characters safely, so the form holds their visible
            # stand-ins; saving keeps the stand-ins (validation refuses raw controls anyway).
            self.notify(
                "Control characters in this company are shown as visible symbols; saving "
                "keeps the symbols instead.",
                severity="warning",
                markup=False,
            )

    # -- the form's data ----------------------------------------------------------------

    def form_data(self) -> dict[str, Any]:
        """What the form holds now, shaped like a company in the YAML file."""
        data: dict[str, Any] = {
            "id": self.query_one("#company-id", Input).value.strip(),
            "name": self.query_one("#company-name", Input).value.strip(),
        }
        for field in ("stage", "customer", "org"):
            value = self.query_one(f"#company-{field}", Select).value
            if value is not Select.NULL:
                data[field] = value
        data["focus"] = list(self.query_one("#company-focus", SelectionList).selected)
        data["notes"] = self.query_one("#company-notes", TextArea).text
        why_us = self.query_one("#company-why_us", TextArea).text
        if why_us.strip():
            data["why_us"] = why_us
        date = self.query_one("#company-interview_date", Input).value.strip()
        if date:
            data["interview_date"] = date
        return data

    @on(Input.Changed, "#company-name")
    def _name_changed(self, event: Input.Changed) -> None:
        """A new company's id follows its name until the user types an id of their own."""
        if self.company is not None:
            return
        id_input = self.query_one("#company-id", Input)
        previous = getattr(self, "_auto_id", "")
        if id_input.value in ("", previous):
            from storybank.tui.screens.editor import id_from_title  # the story editor's rule

            self._auto_id = id_from_title(event.value)
            id_input.value = self._auto_id

    def validate(self) -> tuple[Company | None, list[str]]:
        """The Company the form describes, or every problem with it (import's own wording)."""
        data = self.form_data()
        company, problems = validate_company_data(data)
        messages = [self._where(p.path) + p.message for p in problems]
        if self.company is None and data["id"] and data["id"] in self.existing_ids:
            messages.append(f"Id: a company with id '{data['id']}' already exists")
            company = None
        return company, messages

    @staticmethod
    def _where(path: tuple[str | int, ...]) -> str:
        field = str(path[0]) if path else ""
        return f"{FIELD_LABELS[field]}: " if field in FIELD_LABELS else ""

    # -- actions ------------------------------------------------------------------------

    def has_unsaved_changes(self) -> bool:
        """For the app's quit guard."""
        return self._initial is not None and self.form_data() != self._initial

    def action_save(self) -> None:
        self.save()

    def save(self, then: Callable[[bool], None] | None = None) -> None:
        """Validate, write without overwriting unseen changes, dismiss what was written.

        `then` learns whether the editor closed (False: still open, e.g. a problem
        to fix or "back to editing" from the conflict dialog).
        """
        from storybank.tui.checked_save import CheckedSave

        company, messages = self.validate()
        problems = self.query_one("#company-problems", Static)
        if company is None:
            problems.update(literal("\n".join(messages)))
            problems.add_class("-shown")
            if then is not None:
                then(False)
            return

        def finished(outcome: SaveOutcome) -> None:
            closed = outcome.action != "back"
            if outcome.action == "disk":
                self.notify("Your changes were dropped; the version on disk stays.", markup=False)
                refresh = getattr(self.app, "refresh_bank", None)
                if callable(refresh):
                    refresh("took the disk version")
            if closed:
                written = outcome.record if isinstance(outcome.record, Company) else None
                self.dismiss(written)
            if then is not None:
                then(closed)

        CheckedSave(self.app, company, original=self.company, done=finished).start()

    def action_cancel(self) -> None:
        if self.has_unsaved_changes() and not self._confirm_discard:
            self._confirm_discard = True
            self.notify(
                "Unsaved changes: press escape again to discard them.",
                severity="warning",
                markup=False,
            )
            return
        self.dismiss(None)

    @on(Button.Pressed, "#save")
    def _save_pressed(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#cancel")
    def _cancel_pressed(self) -> None:
        self.action_cancel()
