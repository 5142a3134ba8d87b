"""`storybank told`, `ledger` and `debrief`: the interview loop from the command line.

Thin layer over `storybank.loop`: `told` and `debrief` write through the store (locked,
atomic, backed up like any write); `ledger` reads a snapshot. Plain output fits 80
columns and shows user text literally; `--json` prints the records.
"""

from __future__ import annotations

import argparse
import datetime as _dt
import sys
from typing import TYPE_CHECKING, Any

from storybank.errors import StoryBankError

if TYPE_CHECKING:
    from storybank.model import Bank, Company, Debrief
    from storybank.store import Store


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    told = sub.add_parser(
        "told",
        parents=[common],
        help="record that you told a story in an interview of a loop",
        description=(
            "Record a story you told at a company: the round (behavioral, case, panel, or "
            "your own words such as 'hiring manager'), the interviewer and the date. The "
            "story's numbers are recorded as they are now, so the brief can warn when a "
            "later edit would make you quote different numbers to the same panel."
        ),
        epilog="example: storybank told ledgerline request-intake-freeze --round panel "
        '--interviewer "J. Park"',
    )
    told.add_argument("company", metavar="COMPANY", help="company id or name (any case)")
    told.add_argument("story", metavar="STORY", help="the story's id")
    told.add_argument("--round", metavar="R", help="behavioral, case, panel, or free text")
    told.add_argument("--interviewer", metavar="NAME", help="who heard it")
    told.add_argument("--date", metavar="D", help="YYYY-MM-DD, today or yesterday (default: today)")
    told.add_argument("--json", action="store_true", help="print the recorded entry as JSON")
    told.set_defaults(handler=run_told)

    ledger = sub.add_parser(
        "ledger",
        parents=[common],
        help="what you told in each loop, and what was asked",
        description=(
            "List the stories told per company (round, interviewer, date, numbers quoted), "
            "the warnings (numbers that differ from the bank's now, a story told three "
            "times or more) and, after debriefs, how many questions the brief predicted."
        ),
    )
    ledger.add_argument("company", nargs="?", metavar="COMPANY", help="only this company")
    ledger.add_argument("--json", action="store_true", help="print the ledger as JSON")
    ledger.set_defaults(handler=run_ledger)

    debrief = sub.add_parser(
        "debrief",
        parents=[common],
        help="after an interview: record the questions actually asked",
        description=(
            "Give the questions you were asked (as arguments, or pasted on stdin, one per "
            "line). storybank records them in the ledger, says how many the brief had "
            "predicted, and adds the new ones to your question bank so Practice drills them."
        ),
        epilog="example: pbpaste | storybank debrief ledgerline --round panel "
        '--interviewer "J. Park"',
    )
    debrief.add_argument("company", metavar="COMPANY", help="company id or name (any case)")
    debrief.add_argument(
        "questions", nargs="*", metavar="QUESTION", help="the questions (default: read stdin)"
    )
    debrief.add_argument("--round", metavar="R", help="behavioral, case, panel, or free text")
    debrief.add_argument("--interviewer", metavar="NAME", help="who asked them")
    debrief.add_argument(
        "--date", metavar="D", help="YYYY-MM-DD, today or yesterday (default: today)"
    )
    debrief.add_argument("--json", action="store_true", help="print the debrief as JSON")
    debrief.set_defaults(handler=run_debrief)


def _width() -> int:
    from storybank.cli.quality_cmds import _width as width

    return width()


def _store(args: argparse.Namespace) -> Store:
    from storybank.store import Store

    return Store.open(getattr(args, "db", None))


def _company(bank: Bank, key: str) -> Company:
    from storybank.cli.quality_cmds import find_company

    return find_company(bank, key)


def _json(data: Any) -> None:
    from storybank.cli.quality_cmds import _json as dump

    dump(data)


def _out(text: str) -> None:
    sys.stdout.write(text)
    sys.stdout.flush()


def _today() -> _dt.date:
    return _dt.date.today()


def _check_line(value: str | None, what: str) -> None:
    if value is not None and not value.strip():
        raise StoryBankError(f"the {what} is empty: leave the option out, or give a name")


# -- told -------------------------------------------------------------------------------------


def run_told(args: argparse.Namespace) -> int:
    from storybank.cli.quality_cmds import select_stories
    from storybank.loop.ledger import (
        for_company,
        make_telling,
        parse_date,
        same_person,
        told_phrase,
    )
    from storybank.safetext import clean_line

    _check_line(args.round, "round")
    _check_line(args.interviewer, "interviewer")
    store = _store(args)
    bank = store.bank()
    company = _company(bank, args.company)
    story = select_stories(bank, [args.story])[0]
    date = parse_date(args.date, _today())
    telling = make_telling(story, company.id, date, args.round, args.interviewer)
    earlier = [t for t in for_company(bank.ledger, company.id) if t.story == story.id]
    entry = store.add_telling(telling)
    if args.json:
        _json(entry.to_dict())
        return 0
    lines = [f"Recorded {entry.id}: {story.id} {told_phrase(entry)} at {clean_line(company.name)}."]
    if entry.numbers:
        lines.append("Numbers quoted: " + "; ".join(_metric(m) for m in entry.numbers))
    if any(same_person(t.interviewer, entry.interviewer) for t in earlier):
        lines.append(f"Note: {clean_line(entry.interviewer or '')} had heard this story before.")
    if len(earlier) + 1 >= 3:
        lines.append(
            f"Note: {story.id} has now been told {len(earlier) + 1} times in this loop; "
            "panelists compare notes."
        )
    _out("\n".join(_wrap_all(lines)) + "\n")
    return 0


def _metric(metric: Any) -> str:
    from storybank.model import format_metric

    return format_metric(metric, with_name=True)


def _wrap_all(lines: list[str]) -> list[str]:
    from storybank.quality.report_text import wrap

    out: list[str] = []
    for line in lines:
        out.extend(wrap(line, _width(), subsequent="  "))
    return out


# -- ledger -----------------------------------------------------------------------------------


def run_ledger(args: argparse.Namespace) -> int:
    from storybank.cli.quality_cmds import _bank

    bank = _bank(args)
    if args.company:
        companies = [_company(bank, args.company)]
    else:
        used = {t.company for t in bank.ledger} | {d.company for d in bank.debriefs}
        companies = [c for c in bank.companies if c.id in used]
        known = {c.id for c in bank.companies}
        from storybank.model import Company

        companies += [Company(cid, cid) for cid in sorted(used - known)]
    if args.json:
        _json({"companies": [_company_json(bank, c) for c in companies]})
        return 0
    if not companies:
        _out(
            "Nothing recorded yet. After an interview: storybank told COMPANY STORY "
            "--round R --interviewer NAME\n"
        )
        return 0
    blocks = [render_ledger(bank, c, _width()) for c in companies]
    _out("\n".join(blocks))
    return 0


def _company_json(bank: Bank, company: Company) -> dict[str, Any]:
    from storybank.loop.debrief import loop_score
    from storybank.loop.ledger import flags, for_company

    entries = for_company(bank.ledger, company.id)
    debriefs = [d for d in bank.debriefs if d.company == company.id]
    return {
        "id": company.id,
        "name": company.name,
        "ledger": [t.to_dict() for t in entries],
        "flags": [f.to_dict() for f in flags(entries, bank.stories)],
        "debriefs": [d.to_dict() for d in debriefs],
        "loop_score": loop_score(debriefs).to_dict() if debriefs else None,
    }


def render_ledger(bank: Bank, company: Company, width: int = 80) -> str:
    """One company's loop: each story told, the warnings, the debriefs and their score."""
    from storybank.loop.debrief import loop_score
    from storybank.loop.ledger import flags, for_company, round_phrase
    from storybank.quality.report_text import labelled, one_line, rule, wrap

    entries = for_company(bank.ledger, company.id)
    debriefs = [d for d in bank.debriefs if d.company == company.id]
    lines = rule(f"Loop at {one_line(company.name)} ({company.id})", width)
    if not entries:
        lines.append("No story recorded as told yet.")
    for entry in entries:
        who = " ".join(
            part
            for part in (
                f"to {entry.interviewer}" if entry.interviewer else "",
                round_phrase(entry.round),
            )
            if part
        )
        lines.extend(labelled(entry.date, f"{entry.story} {who}".rstrip(), width))
        if entry.numbers:
            said = "; ".join(_metric(m) for m in entry.numbers)
            lines.extend(wrap(f"said: {said}", width, indent=" " * 11, subsequent=" " * 17))
    for flag in flags(entries, bank.stories):
        lines.extend(labelled("!", flag.message, width))
    for debrief in debriefs:
        head = f"Debrief {debrief.date}"
        if debrief.interviewer:
            head += f" with {debrief.interviewer}"
        if debrief.round:
            head += f" ({debrief.round})"
        lines += ["", *wrap(head + f": {len(debrief.asked)} questions asked", width)]
        for asked in debrief.asked:
            mark = "predicted" if asked.predicted else "new"
            lines.extend(labelled(f"  - [{asked.kind}]", f"{asked.text} ({mark})", width))
    if debriefs:
        lines += ["", *wrap(loop_score(debriefs).line(), width)]
    return "\n".join(lines) + "\n"


# -- debrief ----------------------------------------------------------------------------------


def _read_questions(args: argparse.Namespace) -> list[str]:
    from storybank.loop.debrief import split_questions

    if args.questions and args.questions != ["-"]:
        texts = split_questions("\n".join(args.questions))
    else:
        if sys.stdin.isatty():
            print(
                "Paste or type the questions you were asked, one per line; "
                "end with Ctrl-D (Ctrl-Z then Enter on Windows).",
                file=sys.stderr,
            )
        texts = split_questions(sys.stdin.read())
    if not texts:
        raise StoryBankError("no questions given: pass them as arguments or on stdin")
    return texts


def predicted_questions(bank: Bank, company: Company, today: _dt.date) -> list[Any]:
    """The likely questions the brief shows for `company` now, as question records."""
    from storybank.model import Question
    from storybank.quality.brief import build_brief
    from storybank.quality.questions import question_bank

    brief = build_brief(bank, company, question_bank(bank.questions), today=today)
    return [Question(q.id, q.text, q.kind, list(q.competencies)) for q in brief.questions]


def run_debrief(args: argparse.Namespace) -> int:
    from storybank.loop.debrief import prepare_debrief
    from storybank.loop.ledger import normalise_interviewer, normalise_round, parse_date
    from storybank.quality.questions import question_bank

    _check_line(args.round, "round")
    _check_line(args.interviewer, "interviewer")
    texts = _read_questions(args)
    store = _store(args)
    bank = store.bank()
    company = _company(bank, args.company)
    date = parse_date(args.date, _today())
    result = prepare_debrief(
        texts,
        company,
        date,
        predicted_questions(bank, company, _today()),
        question_bank(bank.questions),
        round=normalise_round(args.round),
        interviewer=normalise_interviewer(args.interviewer),
    )
    debrief = store.add_debrief(result.debrief, result.added)
    after = store.bank()
    if args.json:
        from storybank.loop.debrief import loop_score

        loop = [d for d in after.debriefs if d.company == company.id]
        _json(
            {
                "debrief": debrief.to_dict(),
                "added_questions": [q.to_dict() for q in result.added],
                "loop_score": loop_score(loop).to_dict(),
            }
        )
        return 0
    _out(render_debrief(debrief, result.added, after, company, _width()))
    return 0


def render_debrief(
    debrief: Debrief, added: list[Any], bank: Bank, company: Company, width: int = 80
) -> str:
    from storybank.loop.debrief import loop_score
    from storybank.quality.report_text import labelled, one_line, wrap

    head = f"Debrief recorded ({debrief.id}) for {one_line(company.name)}"
    if debrief.round:
        head += f", {debrief.round}"
    if debrief.interviewer:
        head += f" with {debrief.interviewer}"
    lines = wrap(f"{head} on {debrief.date}:", width)
    added_by_text = {q.text: q for q in added}
    this_score = loop_score([debrief])
    for number, asked in enumerate(debrief.asked, 1):
        lines.extend(labelled(f"{number:>2}. [{asked.kind}]", asked.text, width))
        if asked.predicted:
            note = f"predicted by the brief ({asked.predicted})"
        elif asked.text in added_by_text:
            note = f"new: added to your question bank as {added_by_text[asked.text].id}"
        else:
            note = "not predicted; your question bank already has it"
        lines.extend(wrap(note, width, indent="      "))
    lines += ["", *wrap("This interview: " + this_score.line(), width)]
    loop = [d for d in bank.debriefs if d.company == company.id]
    if len(loop) > 1:
        lines.extend(wrap("The whole loop: " + loop_score(loop).line(), width))
    if added:
        lines += [
            "",
            *wrap(
                f"Practise them: open storybank and press p: Practice draws the "
                f"{len(added)} new question{'s' if len(added) != 1 else ''} first. Or, for "
                "the story to tell and its follow-ups:",
                width,
            ),
        ]
        for question in added:
            lines.extend(
                wrap(
                    f'storybank ask "{one_line(question.text)}" --company {company.id}',
                    width,
                    indent="  ",
                    subsequent="    ",
                )
            )
    return "\n".join(lines) + "\n"
