"""`storybank drill` and `storybank status`: spaced recall in the terminal, and the summary.

The drill reads answers line by line from stdin, so it works the same in a terminal and
in a pipe (tests drive it that way). Each grade is stored at once (one locked, atomic
write), so stopping halfway loses nothing. `fsrs` is imported only here, never by
`storybank ask`.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from storybank.model import Bank
    from storybank.recall.session import DrillSession

GRADE_KEYS = {"1": "again", "2": "hard", "3": "good", "4": "easy"}
GRADE_HELP = "1 again, 2 hard, 3 good, 4 easy; s skip, q stop"


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    drill = sub.add_parser(
        "drill",
        parents=[common],
        help="spaced recall of your stories' facts (opening, numbers, tradeoffs, lesson)",
        description=(
            "Show the recall cards that are due, one at a time: say or type your answer, "
            "press Enter to reveal the real one, then grade it 1 again, 2 hard, 3 good or "
            "4 easy. FSRS schedules the next review; every card comes back at least once "
            "before your next interview date. s skips a card, q (or end of input) stops; "
            "grades already given are kept."
        ),
    )
    drill.add_argument(
        "--minutes",
        type=float,
        metavar="N",
        default=None,
        help="stop after about N minutes (about two cards a minute)",
    )
    drill.add_argument(
        "--company",
        metavar="ID",
        default=None,
        help="put the stories this company's loop needs (its focus) first",
    )
    drill.set_defaults(handler=run_drill)

    status = sub.add_parser(
        "status",
        parents=[common],
        help="the bank at a glance: stories, next interview, recall cards due",
        description="Counts of stories, companies and questions, the next interview, how "
        "many recall cards are due, and the redaction list.",
    )
    status.add_argument("--json", action="store_true", help="print JSON instead of text")
    status.set_defaults(handler=run_status)


def _now() -> dt.datetime:
    from storybank.recall import schedule

    return schedule.utc_now()


def _ask(prompt: str) -> str | None:
    """One line from stdin (None at end of input); the prompt goes to stdout."""
    sys.stdout.write(prompt)
    sys.stdout.flush()
    line = sys.stdin.readline()
    if not line:
        sys.stdout.write("\n")
        return None
    return line.rstrip("\r\n")


def _when(moment: dt.datetime, now: dt.datetime) -> str:
    """`in 10 min`, `in 3 days`: how far away the next review is."""
    seconds = max(0, int((moment - now).total_seconds()))
    if seconds < 3600:
        return f"in {max(1, round(seconds / 60))} min"
    if seconds < 86400 * 2:
        return f"in {round(seconds / 3600)} h"
    return f"in {round(seconds / 86400)} days"


def run_drill(args: argparse.Namespace) -> int:
    from storybank.errors import StoryBankError
    from storybank.recall.session import DrillSession
    from storybank.safetext import clean_line
    from storybank.store import Store

    store = Store.open(getattr(args, "db", None))
    bank = store.bank()
    if not bank.stories:
        raise StoryBankError("the bank has no stories yet: add one (storybank app) first")
    session = DrillSession(bank, company_id=args.company, minutes=args.minutes, clock=_now)
    if not session.planned:
        print(_nothing_due(bank, session))
        return 0
    heading = f"Drill: {session.planned} card{'s' if session.planned != 1 else ''}"
    if session.company is not None:
        heading += f", {clean_line(session.company.name)}'s focus first"
    print(_wrap(f"{heading}. Enter reveals the answer; then {GRADE_HELP}.", "", ""))
    shown = 0
    while (card := session.current()) is not None:
        shown += 1
        print()
        print(_wrap(f"[{shown}] {clean_line(card.title)} ({card.kind})", "", "    "))
        print(_wrap(clean_line(card.prompt), "  ", "  "))
        said = _ask("  Your answer (Enter to reveal): ")
        if said is None or said.strip().lower() == "q":
            break
        print(_wrap(clean_line(card.answer), "  Answer: ", "          "))
        rating = _read_grade()
        if rating is None:
            break
        if rating == "skip":
            session.skip()
            print("  Skipped.")
            continue
        review = session.grade(rating)
        store.add_review(review)
        state = session.state_of(card)
        print(f"  {rating.capitalize()}: next review {_when(state.due, session.clock())}.")
    print()
    print(session.summary_line(), _left_line(session))
    return 0


def _wrap(text: str, first: str, rest: str) -> str:
    """Fit 80 columns, as every storybank command's plain output does."""
    import textwrap

    return textwrap.fill(text, width=80, initial_indent=first, subsequent_indent=rest)


def _read_grade() -> str | None:
    """again/hard/good/easy, 'skip', or None to stop; asks again on anything else."""
    while True:
        answer = _ask(f"  Grade ({GRADE_HELP}): ")
        if answer is None:
            return None
        key = answer.strip().lower()
        if key in GRADE_KEYS:
            return GRADE_KEYS[key]
        if key in GRADE_KEYS.values():
            return key
        if key in ("s", "skip"):
            return "skip"
        if key in ("q", "quit", "stop"):
            return None
        print("  Type 1, 2, 3 or 4 (or s to skip, q to stop).")


def _left_line(session: DrillSession) -> str:
    left = len(session.queue)
    return f"{left} left for another session." if left else "Nothing left in this session."


def _nothing_due(bank: Bank, session: DrillSession) -> str:
    from storybank.recall.schedule import due_summary, format_time

    summary = due_summary(bank, session.started)
    if not summary.total:
        return f"Nothing to drill: {summary.line()}."
    text = f"Nothing is due now ({summary.total} recall cards)."
    if summary.next_due is not None:
        text += f" The next falls due {format_time(summary.next_due)}."
    return text


def status_data(bank: Bank, db: str, now: dt.datetime) -> dict[str, object]:
    """Everything `storybank status` prints, as data (also its --json output)."""
    from storybank.recall.schedule import due_summary, format_time

    summary = due_summary(bank, now)
    interview = summary.interview
    company = next(
        (c for c in bank.companies if interview and c.interview_date == interview.isoformat()),
        None,
    )
    return {
        "database": db,
        "stories": len(bank.stories),
        "companies": len(bank.companies),
        "questions": len(bank.questions),
        "next_interview": None
        if interview is None or company is None
        else {
            "company": company.id,
            "name": company.name,
            "date": interview.isoformat(),
            "days": (interview - now.date()).days,
        },
        "recall": {
            "cards": summary.total,
            "due": summary.due,
            "new": summary.new,
            "next_due": format_time(summary.next_due) if summary.next_due else None,
            "reviews": len(bank.reviews),
            "summary": summary.line(),
        },
        "redactions": len(bank.redactions),
    }


def run_status(args: argparse.Namespace) -> int:
    from storybank import locations
    from storybank.safetext import clean_line
    from storybank.store import read_bank

    db = locations.db_path_for_reading(getattr(args, "db", None))
    bank = read_bank(db)
    data = status_data(bank, str(db), _now())
    if args.json:
        from storybank.cli.bank_cmds import _json, _out

        _out(_json(data))
        return 0
    print(f"Bank: {clean_line(str(db))}")
    print(
        f"  {data['stories']} stories, {data['companies']} companies, "
        f"{data['questions']} imported questions"
    )
    nxt = data["next_interview"]
    if isinstance(nxt, dict):
        days = nxt["days"]
        when = "today" if days == 0 else "tomorrow" if days == 1 else f"in {days} days"
        print(f"  Next interview: {clean_line(str(nxt['name']))} on {nxt['date']} ({when})")
    else:
        print("  Next interview: none scheduled (set interview_date on a company)")
    recall = data["recall"]
    assert isinstance(recall, dict)
    print(f"  Recall: {recall['summary']}; {recall['reviews']} reviews so far")
    if recall["due"]:
        print("          storybank drill --minutes 10")
    count = data["redactions"]
    print(
        f"  Redactions: {count} name{'s' if count != 1 else ''} "
        "(storybank export --redact FILE shares a copy without them)"
    )
    return 0
