"""`storybank company list|add|show|delete`: your target companies.

`list` orders them as every screen of the app does (`storybank.targets`: the next
interview first). `add` validates exactly as an import and the app's company editor do
(`validate.validate_company_data`) and writes a new id only (a checked save: a company
another writer created meanwhile is never overwritten). `delete` asks first, deletes only
the version it showed, and names the backup taken before it.
"""

from __future__ import annotations

import argparse
from datetime import date
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from storybank.model import Bank, Company

OPTION_OF: dict[str, str] = {
    "id": "ID",
    "name": "--name",
    "stage": "--stage",
    "customer": "--customer",
    "org": "--org",
    "focus": "--focus",
    "notes": "--notes",
    "interview_date": "--interview",
    "why_us": "--why-us",
}
"""The option that sets each field of a company, to say where a problem is."""

EMPTY_HINT = "No companies yet. Add one with `storybank company add ID --name NAME`."
"""What `company list` says about a bank with no companies (within 80 columns)."""


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    company = sub.add_parser(
        "company",
        parents=[common],
        help="list, add, show or delete your target companies",
        description=(
            "Your target companies, the next interview first. `storybank company` lists "
            "them; `add` adds one (checked as an import checks it), `show` prints one in "
            "full, `delete` removes one (it asks first; a backup is taken)."
        ),
    )
    company.set_defaults(handler=run_company_list)
    actions = company.add_subparsers(dest="company_action", metavar="ACTION")

    lst = actions.add_parser(
        "list",
        parents=[common],
        help="list the companies, next interview first (the default)",
        description=(
            "One entry per company: id and name, then the interview date and the "
            "environment. Upcoming interviews come first (soonest first), then companies "
            "with no date, then past interviews."
        ),
    )
    lst.add_argument("--json", action="store_true", help="print JSON instead of a table")
    lst.set_defaults(handler=run_company_list)

    add = actions.add_parser(
        "add",
        parents=[common],
        help="add a company (validated as an import is)",
        description=(
            "Add a target company. Every value is checked as `storybank import` checks it "
            "(aliases such as 'series b', 'smb' or 'hub and spoke' are accepted and "
            "normalised); on any problem nothing is written. An id already in the bank is "
            "refused."
        ),
    )
    add.add_argument("company_id", metavar="ID", help="a short slug, e.g. acme")
    add.add_argument("--name", required=True, help="the company's name, e.g. 'Acme Cloud'")
    add.add_argument("--stage", help="startup, scaleup, growth, late-stage or enterprise")
    add.add_argument("--customer", help="who it sells to, e.g. b2b-enterprise, b2b-smb, b2c")
    add.add_argument("--org", help="centralized, embedded, hub-and-spoke or matrix")
    add.add_argument(
        "--focus",
        metavar="A,B",
        help="what its loop probes: competencies, comma-separated (e.g. metric-frameworks)",
    )
    add.add_argument(
        "--interview", metavar="YYYY-MM-DD", help="the date of the next interview there"
    )
    add.add_argument("--notes", metavar="TEXT", help="your notes on the company")
    add.add_argument(
        "--why-us", metavar="TEXT", dest="why_us", help="your answer to 'why us?' for it"
    )
    add.set_defaults(handler=run_company_add)

    show = actions.add_parser(
        "show",
        parents=[common],
        help="show one company in full",
        description="Every field of a company: environment, focus, interview date, notes and "
        "your why-us note, and its loop so far.",
    )
    show.add_argument("company_id", metavar="ID", help="the company's id (or its name)")
    show.add_argument("--json", action="store_true", help="print the company as JSON")
    show.set_defaults(handler=run_company_show)

    delete = actions.add_parser(
        "delete",
        parents=[common],
        help="delete a company (asks first; a backup is taken)",
        description=(
            "Delete a company. On a terminal it asks first; elsewhere it needs --yes. Your "
            "stories and the loop ledger are not touched. A backup of the bank is taken "
            "first, and the output names it (`storybank restore NAME` brings it back)."
        ),
    )
    delete.add_argument("company_id", metavar="ID", help="the company's id (or its name)")
    delete.add_argument("--yes", action="store_true", help="delete without asking")
    delete.set_defaults(handler=run_company_delete)


# ---------------------------------------------------------------- helpers


def _today() -> date:
    return date.today()


def say(text: str) -> None:
    """Print within 80 columns (names, ids and paths may be long)."""
    import textwrap

    print(textwrap.fill(text, 80, break_long_words=False, break_on_hyphens=False))


def interview_text(company: Company, today: date) -> str:
    """`2027-01-12 (in 41 days)`, `(today)`, `(3 days ago)`; `no interview date`."""
    from storybank.targets import interview_day

    day = interview_day(company)
    if day is None:
        return "no interview date"
    delta = (day - today).days
    if delta == 0:
        when = "today"
    elif delta == 1:
        when = "tomorrow"
    elif delta == -1:
        when = "yesterday"
    elif delta > 0:
        when = f"in {delta} days"
    else:
        when = f"{-delta} days ago"
    return f"{day.isoformat()} ({when})"


def days_to_interview(company: Company, today: date) -> int | None:
    from storybank.targets import interview_day

    day = interview_day(company)
    return None if day is None else (day - today).days


def environment_text(company: Company) -> str:
    env = company.environment
    return ", ".join(v for v in (env.stage, env.customer, env.org) if v) or "no environment"


def _read(args: argparse.Namespace) -> tuple[Bank, set[str]]:
    """The bank (a read-only snapshot) and the ids of its sample companies."""
    from storybank import locations
    from storybank.store import read_bank, read_sample_status

    path = locations.db_path_for_reading(getattr(args, "db", None))
    bank = read_bank(path)
    samples = read_sample_status(path, bank).ids("companies") if bank.companies else set()
    return bank, samples


def _row(company: Company, samples: set[str], today: date) -> dict[str, Any]:
    return {
        **company.to_dict(),
        "sample": company.id in samples,
        "interview_in_days": days_to_interview(company, today),
    }


# ---------------------------------------------------------------- list


def run_company_list(args: argparse.Namespace) -> int:
    from storybank.cli.bank_cmds import _json, _list_width, _out
    from storybank.targets import by_interview

    bank, samples = _read(args)
    today = _today()
    ordered = by_interview(bank.companies, today)
    if getattr(args, "json", False):
        _out(_json([_row(c, samples, today) for c in ordered]))
        return 0
    if not ordered:
        print(EMPTY_HINT)
        return 0
    _out("\n".join(company_table(ordered, today, _list_width(), samples)) + "\n")
    return 0


def company_table(
    companies: list[Company], today: date, width: int, samples: set[str] | None = None
) -> list[str]:
    """Two lines per company within `width` columns, as `storybank list` lays out stories:
    id and name, then the interview date and environment under the name."""
    from storybank.cli.bank_cmds import SAMPLE_LABEL, _fit, _plural

    samples = samples or set()
    id_width = min(max(len("ID"), *(len(c.id) for c in companies)), 26)
    rest = width - id_width - 2
    header = f"{_fit('ID', id_width)}  {_fit('NAME / interview | environment', rest)}"
    lines = [header.rstrip()]
    for company in companies:
        name = (SAMPLE_LABEL if company.id in samples else "") + company.name
        lines.append(f"{_fit(company.id, id_width)}  {_fit(name, rest)}".rstrip())
        detail = f"{interview_text(company, today)} | {environment_text(company)}"
        lines.append(f"{' ' * id_width}  {_fit(detail, rest)}".rstrip())
    total = _plural(len(companies), "company", "companies")
    shown = sum(1 for c in companies if c.id in samples)
    if shown:
        lines.append(
            f"{total}: {len(companies) - shown} your own, {shown} sample{'s' * (shown != 1)} "
            "(`storybank samples remove` takes them out)."
        )
    else:
        lines.append(f"{total}, the next interview first.")
    lines.append("Details: storybank company show ID")
    return lines


# ---------------------------------------------------------------- add


def company_data(args: argparse.Namespace) -> dict[str, Any]:
    """The options given, shaped like a company in the YAML file (only what was given)."""
    data: dict[str, Any] = {"id": args.company_id, "name": args.name}
    for key in ("stage", "customer", "org", "notes", "why_us"):
        value = getattr(args, key)
        if value is not None:
            data[key] = value
    if args.interview is not None:
        data["interview_date"] = args.interview
    if args.focus is not None:
        data["focus"] = [part.strip() for part in args.focus.split(",") if part.strip()]
    return data


def run_company_add(args: argparse.Namespace) -> int:
    from storybank.errors import StoryBankError
    from storybank.safetext import clean_line
    from storybank.store import Store
    from storybank.validate import validate_company_data

    data = company_data(args)
    company, problems = validate_company_data(data)
    if company is None:
        lines = []
        for problem in problems:
            option = OPTION_OF.get(str(problem.path[0])) if problem.path else None
            lines.append(f"{option}: {problem.message}" if option else problem.message)
        raise StoryBankError("\n".join(lines or ["the company is not valid"]))
    store = Store.open(getattr(args, "db", None))
    existing = store.company(company.id)
    if existing is not None:
        raise StoryBankError(
            f"a company with id '{company.id}' already exists ({clean_line(existing.name)}); "
            f"nothing changed. See it with `storybank company show {company.id}`"
        )
    store.upsert_company(company, expect={company.id: None})  # never over one made meanwhile
    when = interview_text(company, _today())
    say(f"Added {clean_line(company.name)} ({company.id}): {environment_text(company)}; {when}.")
    print(f"See it with `storybank company show {company.id}`.")
    return 0


# ---------------------------------------------------------------- show


def run_company_show(args: argparse.Namespace) -> int:
    from storybank.cli.bank_cmds import _json, _out
    from storybank.cli.quality_cmds import find_company

    bank, samples = _read(args)
    company = find_company(bank, args.company_id)
    today = _today()
    if args.json:
        _out(_json(_row(company, samples, today)))
        return 0
    _out(format_company(company, bank, today, sample=company.id in samples))
    return 0


def format_company(company: Company, bank: Bank, today: date, *, sample: bool = False) -> str:
    """Every field of a company as plain text within 80 columns, user text made harmless."""
    import textwrap

    from storybank.cli.bank_cmds import TABLE_WIDTH
    from storybank.safetext import clean, clean_line
    from storybank.vocab import is_custom_competency

    def block(text: str) -> list[str]:
        out: list[str] = []
        for line in clean(text).splitlines():
            out += textwrap.wrap(line, TABLE_WIDTH - 4, replace_whitespace=False) or [""]
        return [f"    {line}".rstrip() for line in out]

    def item(prefix: str, text: str) -> list[str]:
        return textwrap.wrap(
            clean_line(text), TABLE_WIDTH, initial_indent=prefix, subsequent_indent="    "
        ) or [prefix.rstrip()]

    lines = [clean_line(company.name), f"id: {company.id}" + (" (a sample)" if sample else "")]
    lines.append(f"Interview: {interview_text(company, today)}")
    env = company.environment
    parts = [
        f"{label} {value}"
        for label, value in (("stage", env.stage), ("customer", env.customer), ("org", env.org))
        if value
    ]
    lines.append(f"Environment: {', '.join(parts) or 'not set'}")
    focus = [f"{c} (custom)" if is_custom_competency(c) else c for c in company.focus]
    lines += item("Focus: ", ", ".join(focus) or "not set")
    lines += ["", "Notes", *(block(company.notes) if company.notes.strip() else ["    -"])]
    lines += ["", "Why us"]
    if company.why_us.strip():
        lines += block(company.why_us)
    else:
        lines += item(
            "    ",
            f"- (not written: storybank pitch set why-us 'TEXT' --company {company.id})",
        )
    told = [t for t in bank.ledger if t.company == company.id]
    debriefs = [d for d in bank.debriefs if d.company == company.id]
    if told or debriefs:
        from storybank.cli.bank_cmds import _plural

        said = [_plural(len(told), "story", "stories") + " told"] if told else []
        if debriefs:
            said.append(_plural(len(debriefs), "debrief"))
        lines += ["", f"Loop so far: {', '.join(said)} (storybank ledger {company.id})"]
    lines += ["", f"Brief: storybank brief {company.id}"]
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------- delete


def run_company_delete(args: argparse.Namespace) -> int:
    from storybank.cli.confirm import confirm_delete
    from storybank.cli.quality_cmds import find_company
    from storybank.errors import StoryBankError
    from storybank.safetext import clean_line
    from storybank.store import ConflictError, Store, record_version

    store = Store.open(getattr(args, "db", None))
    company = find_company(store.bank(), args.company_id)
    name = clean_line(company.name)
    confirm_delete(
        f"Delete the company {name} ({company.id})? Your stories are not touched.",
        yes=args.yes,
        again=f"storybank company delete {company.id} --yes",
    )
    # Only the version shown is deleted: a change made meanwhile is refused (ConflictError).
    try:
        store.delete_company(company.id, expect={company.id: record_version(company)})
    except ConflictError as exc:
        raise StoryBankError(
            f"{exc} Look at it again: storybank company show {company.id}"
        ) from None
    say(f"Deleted the company {name} ({company.id}); your stories were not touched.")
    backup = store.last_backup
    if backup is not None:
        say(
            f"A backup was taken first: `storybank restore {clean_line(backup.name)}` "
            "brings the bank back as it was just before (a change made after it is undone "
            "too; the state it replaces is backed up first)."
        )
    return 0
