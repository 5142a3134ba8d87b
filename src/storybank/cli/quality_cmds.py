"""`storybank lint`, `coverage`, `brief` and `cards`: check the bank and prepare for a call.

Thin layer over `storybank.quality`: read the bank (a read-only snapshot, no
lock), run the engine, print plain text that fits 80 columns (user text through
`safetext`) or JSON, and write markdown files atomically with mode 0600.
"""

from __future__ import annotations

import argparse
import difflib
import shutil
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from storybank.errors import NotFoundError, StoryBankError

if TYPE_CHECKING:
    from storybank.model import Bank, Company, Story
    from storybank.quality.lint import BankReport

MAX_WIDTH = 80
BRIEF_WIDTH = 100
"""The brief's one screen is laid out for 100x30; narrower terminals cut its lines."""


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    lint = sub.add_parser(
        "lint",
        parents=[common],
        help="check each story is interview-ready (score 0-100 and fixes)",
        description=(
            "Check stories against the method: the six beats, numbers before and after, an "
            "explicit tradeoff, first-person ownership, 60-180 seconds spoken, environment "
            "and competencies. Each finding names its rule, severity and field, and a fix."
        ),
    )
    lint.add_argument("ids", nargs="*", metavar="ID", help="stories to check (default: all)")
    lint.add_argument("--json", action="store_true", help="print the report as JSON")
    lint.add_argument(
        "--strict", action="store_true", help="exit 1 when any error-level finding remains"
    )
    lint.set_defaults(handler=run_lint)

    cov = sub.add_parser(
        "coverage",
        parents=[common],
        help="does the bank cover the loop? matrices, gaps and the 5-7 story guidance",
        description=(
            "Show which competencies, rounds and question kinds each story covers, the gaps "
            "in words, and whether the bank holds the 5-7 core stories the method asks for."
        ),
    )
    cov.add_argument(
        "--company", metavar="ID", help="also check against a target company (id or name)"
    )
    cov.add_argument("--json", action="store_true", help="print the report as JSON")
    cov.add_argument(
        "--samples",
        action="store_true",
        help="count the sample stories too (left out by default: they are not yours)",
    )
    cov.set_defaults(handler=run_coverage)

    brief = sub.add_parser(
        "brief",
        parents=[common],
        help="the one-page brief to read five minutes before a call",
        description=(
            "For one target company: its stage, customers, org and focus; your stories "
            "ranked by fit with what to adapt; the angle per focus area; numbers and "
            "tradeoffs to remember; likely questions mapped to a story and lead beat; and "
            "the closest-example reminders for gaps."
        ),
    )
    brief.add_argument("company", metavar="COMPANY", help="company id or name (any case)")
    brief.add_argument(
        "--markdown",
        metavar="FILE",
        help="write a printable markdown file instead (mode 0600; '-' for stdout)",
    )
    brief.add_argument(
        "--force",
        action="store_true",
        help="with --markdown: replace the file if it exists",
    )
    brief.add_argument(
        "--full",
        action="store_true",
        help="everything: every focus area, numbers and tradeoffs, ten likely questions",
    )
    brief.add_argument(
        "--interviewer",
        metavar="NAME",
        help="the one-pager for the next interviewer: not heard yet, colleagues, reserve",
    )
    brief.add_argument("--round", metavar="R", help="with --interviewer: the round they run")
    brief.add_argument("--json", action="store_true", help="print the brief as JSON")
    brief.set_defaults(handler=run_brief)

    cards = sub.add_parser(
        "cards",
        parents=[common],
        help="cue cards: each story's beats as short facts, numbers and tradeoffs",
        description=(
            "Print cue cards: the facts to remember per beat (not a script), the numbers "
            "before -> after, the tradeoff and the lines to open with."
        ),
    )
    cards.add_argument("ids", nargs="*", metavar="ID", help="stories to print (default: all)")
    cards.add_argument(
        "--markdown",
        metavar="FILE",
        help="write a printable markdown file instead (mode 0600; '-' for stdout)",
    )
    cards.add_argument(
        "--force",
        action="store_true",
        help="with --markdown: replace the file if it exists",
    )
    cards.add_argument("--json", action="store_true", help="print the cards as JSON")
    cards.set_defaults(handler=run_cards)


# -- shared -----------------------------------------------------------------------------------


def _width() -> int:
    """80 columns, or fewer when the terminal is narrower."""
    columns = shutil.get_terminal_size((MAX_WIDTH, 24)).columns
    return max(40, min(MAX_WIDTH, columns))


def _bank(args: argparse.Namespace) -> Bank:
    from storybank import locations
    from storybank.store import read_bank

    return read_bank(locations.db_path_for_reading(getattr(args, "db", None)))


def _sample_ids(args: argparse.Namespace, bank: Bank) -> set[str]:
    """The ids of the sample stories in the bank (`storybank.samples`)."""
    if not bank.stories:
        return set()
    from storybank import locations
    from storybank.store import read_sample_status

    path = locations.db_path_for_reading(getattr(args, "db", None))
    return read_sample_status(path, bank).story_ids


def _out(text: str) -> None:
    sys.stdout.write(text)
    sys.stdout.flush()


def _json(data: Any) -> None:
    """JSON with unicode kept readable; nothing a terminal obeys (`safetext.json_text`)."""
    from storybank.safetext import json_text

    _out(json_text(data, indent=2) + "\n")


def _quoted(text: str) -> str:
    from storybank.safetext import clean_line

    return repr(clean_line(text))


def select_stories(bank: Bank, ids: Sequence[str]) -> list[Story]:
    """The stories named by `ids` in the order given (all when empty); every unknown id fails."""
    if not ids:
        return list(bank.stories)
    known = [s.id for s in bank.stories]
    problems = []
    chosen: list[Story] = []
    for story_id in ids:
        story = bank.story(story_id)
        if story is None:
            close = difflib.get_close_matches(story_id, known, n=1)
            hint = f" (did you mean {close[0]}?)" if close else ""
            problems.append(f"no story with id {_quoted(story_id)}{hint}")
        elif story not in chosen:
            chosen.append(story)
    if problems:
        raise NotFoundError("\n".join(problems))
    return chosen


def find_company(bank: Bank, key: str) -> Company:
    """A company by id, else by case-insensitive name or id; a clear error otherwise."""
    exact = bank.company(key)
    if exact is not None:
        return exact
    folded = key.strip().casefold()
    matches = [c for c in bank.companies if c.name.strip().casefold() == folded or c.id == folded]
    if len(matches) == 1:
        return matches[0]
    if len(matches) > 1:
        ids = ", ".join(c.id for c in matches)
        raise NotFoundError(f"{_quoted(key)} names several companies ({ids}): use the id")
    if not bank.companies:
        raise NotFoundError(
            f"no company {_quoted(key)}: the bank has no companies yet "
            "(add one with `storybank company add ID --name NAME`)"
        )
    known = ", ".join(c.id for c in bank.companies)
    close = difflib.get_close_matches(
        folded, [c.id for c in bank.companies] + [c.name.casefold() for c in bank.companies], n=1
    )
    hint = f"; did you mean {close[0]}?" if close else ""
    raise NotFoundError(f"no company {_quoted(key)} (known: {known}){hint}")


def _write_markdown(target: str, text: str, what: str, force: bool = False) -> None:
    """Write `text` to `target` ('-' is stdout) atomically with mode 0600, and say where
    (the whole path). An existing file is replaced only with `force`: it may be notes of
    the user's own that happen to share the name."""
    if target == "-":
        _out(text)
        return
    from storybank.privatefile import write_private_text
    from storybank.safetext import clean_line

    path = Path(target).expanduser()
    if path.is_dir() or target.endswith("/"):
        raise StoryBankError(f"cannot write {clean_line(str(path))}: it is a folder")
    path = path.absolute()
    if path.is_file() and not force:  # a pipe or a device is written into, not replaced
        raise StoryBankError(
            f"{clean_line(str(path))} already exists: pass --force to replace it, "
            "or choose another file"
        )
    try:
        write_private_text(path, text)
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise StoryBankError(f"cannot write {clean_line(str(path))}: {reason}") from None
    _out(f"Wrote {what} to {clean_line(str(path))}\n")


def _empty_bank_hint() -> str:
    """Two lines within 80 columns."""
    return (
        "The bank has no stories yet: `storybank new` or `storybank import FILE` adds\n"
        "yours; `storybank demo` tries the sample bank.\n"
    )


# -- lint -------------------------------------------------------------------------------------


def run_lint(args: argparse.Namespace) -> int:
    from storybank.quality.lint import lint_bank

    bank = _bank(args)
    stories = select_stories(bank, args.ids)
    report = lint_bank(stories)
    samples = _sample_ids(args, bank)
    if args.json:
        data = report.to_dict()
        for entry in data.get("stories", []):
            entry["sample"] = entry.get("id") in samples
        _json(data)
    elif not stories:
        _out(_empty_bank_hint())
    else:
        _out(render_lint_text(report, _width(), samples))
    return 1 if args.strict and report.has_errors else 0


def _plural(count: int, word: str, plural: str | None = None) -> str:
    return f"{count} {word if count == 1 else plural or word + 's'}"


def render_lint_text(
    report: BankReport, width: int = MAX_WIDTH, samples: set[str] | None = None
) -> str:
    """Findings grouped per story (errors first), each with its fix; then the bank score.
    A story in `samples` is labelled `(sample)`."""
    from storybank.quality.report_text import display_width, labelled, pad, truncate, wrap
    from storybank.quality.textstats import format_seconds

    lines: list[str] = []
    for story in report.stories:
        score = f"  {story.score:>3}/100 {story.verdict}"
        label = truncate(story.story_id, width // 2)
        rest = width - len(score) - display_width(label) - 2
        title = f"(sample) {story.title}" if samples and story.story_id in samples else story.title
        lines.append(f"{label}  {pad(title, rest)}{score}")
        spoken = f"{story.words} words, about {format_seconds(story.seconds)} spoken"
        if story.findings:
            counts = [
                _plural(story.errors, "error"),
                _plural(story.warnings, "warning"),
                _plural(story.hints, "hint"),
                spoken,
            ]
            lines.extend(wrap(", ".join(counts), width, indent="  "))
        else:
            lines.extend(wrap(f"no findings; {spoken}", width, indent="  "))
        for finding in story.findings:
            head = f"{finding.rule} [{finding.field}]"
            lines.extend(wrap(head, width, indent=f"  {finding.severity:<7} ", subsequent=" " * 10))
            lines.extend(wrap(finding.message, width, indent=" " * 10))
            lines.extend(labelled(" " * 9 + " fix:", finding.fix, width))
        lines.append("")
    summary = (
        f"Bank: {_plural(len(report.stories), 'story', 'stories')}, "
        f"score {report.score}/100 ({report.verdict}); "
        f"{_plural(report.errors, 'error')}, {_plural(report.warnings, 'warning')}, "
        f"{_plural(report.hints, 'hint')}"
    )
    lines.extend(wrap(summary, width))
    return "\n".join(lines) + "\n"


# -- coverage ---------------------------------------------------------------------------------


def run_coverage(args: argparse.Namespace) -> int:
    from storybank.quality.coverage import coverage, render_coverage_text

    bank = _bank(args)
    company = find_company(bank, args.company) if args.company else None
    samples = set() if args.samples else _sample_ids(args, bank)
    own = [s for s in bank.stories if s.id not in samples]
    note = ""
    if samples and own:
        # Samples are not the user's stories: they neither fill a gap nor count toward 5-7.
        stories = own
        note = (
            f"{_plural(len(samples), 'sample story', 'sample stories')} left out "
            "(--samples counts them; `storybank samples remove` takes them out).\n"
        )
    elif samples:
        stories = bank.stories
        note = "Only sample stories in the bank: this is the coverage of the samples.\n"
    else:
        stories = bank.stories
    report = coverage(stories, company)
    if args.json:
        data = report.to_dict()
        data["samples_left_out"] = sorted(samples) if samples and own else []
        _json(data)
    else:
        from storybank.quality.report_text import wrap

        text = render_coverage_text(report, _width())
        if note:
            text = "\n".join(wrap(note.strip(), _width())) + "\n" + text
        _out(text)
    return 0


# -- brief ------------------------------------------------------------------------------------


def run_brief(args: argparse.Namespace) -> int:
    from storybank.quality.brief import build_brief, render_brief_markdown, render_brief_text
    from storybank.quality.questions import question_bank

    bank = _bank(args)
    company = find_company(bank, args.company)
    if args.round is not None and args.interviewer is None:
        raise StoryBankError("--round goes with --interviewer (the one-pager for that person)")
    if args.interviewer is not None:
        return _interviewer_brief(args, bank, company)
    from storybank.advisor import cache

    with cache.session():  # read what `ask` cached; only `ask` writes it
        brief = build_brief(bank, company, question_bank(bank.questions))
    if args.json:
        _json(brief.to_dict())
    elif args.markdown:
        _write_markdown(
            args.markdown,
            render_brief_markdown(brief),
            f"the brief for {company.id}",
            force=args.force,
        )
    else:
        columns = shutil.get_terminal_size((MAX_WIDTH, 24)).columns
        _out(render_brief_text(brief, max(40, min(BRIEF_WIDTH, columns)), full=args.full))
    return 0


def _interviewer_brief(args: argparse.Namespace, bank: Bank, company: Company) -> int:
    from storybank.loop.ledger import normalise_interviewer, normalise_round
    from storybank.quality.interviewer import build_interviewer_brief, render_interviewer_text
    from storybank.quality.questions import question_bank

    name = normalise_interviewer(args.interviewer)
    if name is None:
        raise StoryBankError("the interviewer is empty: give a name, e.g. --interviewer 'J. Park'")
    page = build_interviewer_brief(
        bank, company, question_bank(bank.questions), name, normalise_round(args.round)
    )
    if args.json:
        _json(page.to_dict())
    else:
        _out(render_interviewer_text(page, _width()))
    return 0


# -- cards ------------------------------------------------------------------------------------


def run_cards(args: argparse.Namespace) -> int:
    from storybank.quality.cards import cue_cards, render_cards_markdown, render_cards_text

    bank = _bank(args)
    stories = select_stories(bank, args.ids)
    cards = cue_cards(stories)
    if args.json:
        _json([card.to_dict() for card in cards])
    elif not stories:
        _out(_empty_bank_hint())
    elif args.markdown:
        _write_markdown(
            args.markdown,
            render_cards_markdown(cards),
            _plural(len(cards), "card"),
            force=args.force,
        )
    else:
        _out(render_cards_text(cards, _width()))
    return 0
