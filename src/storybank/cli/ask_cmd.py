"""`storybank ask "QUESTION"`: the best stories for a question and how to angle them.

Kept light: the store and the advisor are imported inside the handler, and nothing on this
path imports Textual, so a question is answered in a fraction of a second.
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator
    from typing import TextIO

    from storybank.advisor import Advice
    from storybank.loop.probes import Probe
    from storybank.model import Bank, Company, Telling

WIDTH = 80
"""Plain output fits an 80-column terminal."""
PROBES_SHOWN = 3
"""Follow-up probes printed under each suggestion (`--json` has them all)."""

_ROUNDS = ("behavioral", "case", "panel")


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    ask = sub.add_parser(
        "ask",
        parents=[common],
        help="which story to tell for an interview question, and how to angle it",
        description=(
            "Paste any interview question (typos, line breaks and several questions in one "
            "paste are fine). storybank reads its kind and the competencies it probes, "
            "ranks your stories and gives the angle for the best ones: the beat to lead "
            "with, what to stress, an opening line, the number and the tradeoff to quote, "
            "the note for the round and what to adapt for the company. Use - to read one "
            "question per line from stdin."
        ),
        epilog='example: storybank ask "Tell me about a launch that went wrong" '
        "--company tracewind --round behavioral",
    )
    ask.add_argument("question", metavar="QUESTION", help="the question, or - for stdin")
    ask.add_argument(
        "--company", metavar="ID", help="angle the answer for this target company (id or name)"
    )
    ask.add_argument("--round", choices=_ROUNDS, help="the interview round (adds its note)")
    ask.add_argument(
        "--interviewer",
        metavar="NAME",
        help="with --company: who asks; a story they heard is avoided more strongly",
    )
    ask.add_argument(
        "--top", type=_positive, default=3, metavar="N", help="how many stories (default 3)"
    )
    ask.add_argument(
        "--json",
        action="store_true",
        help="print JSON (one object per line, in input order, when reading stdin)",
    )
    ask.add_argument(
        "--sample",
        action="store_true",
        help="answer from the packaged sample bank (read only; your bank is not read or changed)",
    )
    ask.add_argument(
        "--no-cache",
        action="store_true",
        help="do not read or write the advisor's disk cache (same answers, slower start)",
    )
    ask.set_defaults(handler=run_ask)


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


def run_ask(args: argparse.Namespace) -> int:
    import atexit
    import gc

    # Start-up (the store, rapidfuzz, the advisor, the bank and the disk cache) creates many
    # long-lived objects and no garbage; the cyclic collector would only walk them again and
    # again (a few ms of a ~65 ms run). It is paused until the first answer is out.
    collecting = gc.isenabled()
    gc.disable()
    global _freeze_registered
    if not _freeze_registered:
        # At exit the interpreter runs its last collections over every object of the run
        # (~8 ms here). `ask` holds nothing that needs a finalizer (the bank is read, not
        # opened; the interpreter flushes stdout itself), so objects are frozen at exit and
        # those walks are skipped. Registered at exit only: a long-lived caller (a test run)
        # keeps its normal collector until it ends.
        atexit.register(gc.freeze)
        _freeze_registered = True
    try:
        return _run_ask(args, resume_gc=collecting)
    finally:
        if collecting:
            gc.enable()
        if getattr(args, "no_cache", False):
            from storybank.advisor import cache

            cache.set_enabled(True)


_freeze_registered = False


def _run_ask(args: argparse.Namespace, resume_gc: bool) -> int:
    from storybank.errors import StoryBankError

    if getattr(args, "no_cache", False):
        from storybank.advisor import cache

        cache.set_enabled(False)
    bank = _load_bank(args)
    company = _find_company(bank, args.company) if args.company else None
    stdin = _StdinQuestions(sys.stdin) if args.question == "-" else None
    if stdin is not None:
        questions: Iterable[str] = stdin
    else:
        if not args.question.strip():
            raise StoryBankError("the question is empty: pass the question text, or - for stdin")
        if not _has_words(args.question):  # "???", only emoji
            raise StoryBankError("the question has no words: pass the question text")
        questions = [args.question]
    from storybank.advisor import cache

    # The advisor is pure; `ask` is the one command that writes its disk cache.
    with cache.session(save=True):
        code = _answer_all(questions, bank, company, args, sys.stdout, resume_gc=resume_gc)
    if stdin is not None:
        return stdin.report()
    return code


def _load_bank(args: argparse.Namespace) -> Bank:
    if getattr(args, "sample", False):
        from storybank.resources import sample_bank

        return sample_bank()  # read from the package: no database is opened or created
    from storybank.errors import StoryBankError
    from storybank.locations import db_path_for_reading
    from storybank.store import read_bank

    path = db_path_for_reading(getattr(args, "db", None))
    bank = read_bank(path)
    if not bank.stories:
        raise StoryBankError(
            f"there are no stories in {path} yet: add yours with `storybank new` or "
            "`storybank import FILE`, or try `storybank ask --sample QUESTION`"
        )
    return bank


def _find_company(bank: Bank, company_id: str) -> Company:
    from storybank.errors import NotFoundError
    from storybank.safetext import clean_line

    company = bank.company(company_id)
    if company is not None:
        return company
    folded = company_id.strip().casefold()
    matches = [c for c in bank.companies if folded in (c.id, c.name.strip().casefold())]
    if len(matches) == 1:  # an id in any case, or a name, as `brief` and `coverage` accept
        return matches[0]
    if matches:
        ids = ", ".join(c.id for c in matches)
        raise NotFoundError(
            f"{clean_line(company_id)!r} names several companies ({ids}): use the id"
        )
    known = ", ".join(c.id for c in bank.companies)
    hint = f"known companies: {known}" if known else "the bank has no companies; import some"
    raise NotFoundError(f"unknown company {clean_line(company_id)!r} ({hint})")


def _has_words(text: str) -> bool:
    return any(ch.isalnum() for ch in text)


class _StdinQuestions:
    """One question per line of stdin; blank lines are skipped, a line with no words is
    named on stderr and not answered, and the exit code says whether anything was wrong
    (the same rule as a question on the command line: "???" is exit 1 either way)."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.answered = 0
        self.wordless: list[int] = []

    def __iter__(self) -> Iterator[str]:
        for number, line in enumerate(self.stream, start=1):
            text = line.strip()
            if not text:
                continue
            if not _has_words(text):
                self.wordless.append(number)
                continue
            self.answered += 1
            yield text

    def report(self) -> int:
        """Say what was wrong with the input on stderr; the exit code."""
        from storybank.errors import StoryBankError

        if self.wordless:
            lines = ", ".join(str(n) for n in self.wordless[:10])
            more = f" and {len(self.wordless) - 10} more" if len(self.wordless) > 10 else ""
            said = "line" if len(self.wordless) == 1 else "lines"
            print(
                f"storybank: <stdin>: {said} {lines}{more} had no words and "
                f"{'was' if len(self.wordless) == 1 else 'were'} not answered",
                file=sys.stderr,
            )
            return 1
        if not self.answered:
            raise StoryBankError("stdin held no question: pass one question per line")
        return 0


def _answer_all(
    questions: Iterable[str],
    bank: Bank,
    company: Company | None,
    args: argparse.Namespace,
    out: TextIO,
    resume_gc: bool = False,
) -> int:
    from storybank.advisor import advise
    from storybank.loop.probes import story_probes

    entries: list[Telling] = []
    if company is not None and bank.ledger:
        from storybank.loop.ledger import for_company

        entries = for_company(bank.ledger, company.id)
    interviewer = getattr(args, "interviewer", None)
    for count, question in enumerate(questions):
        if count == 1 and resume_gc:  # a long stdin batch runs with the collector on
            import gc

            gc.enable()
        if entries:
            # The loop has started: the ledger-aware step marks told stories and prefers
            # a fresh one of similar fit (storybank.loop.ledger_rank).
            from storybank.loop.ledger_rank import advise_in_loop

            advice = advise_in_loop(
                question,
                bank.stories,
                company=company,
                round=args.round,
                top=args.top,
                ledger=entries,
                interviewer=interviewer,
                picks=bank.picks,
                pitch=bank.pitch,
            )
        else:
            advice = advise(
                question,
                bank.stories,
                company=company,
                round=args.round,
                top=args.top,
                picks=bank.picks,
                pitch=bank.pitch,
            )
        by_id = {s.id: s for s in bank.stories}
        probes = {
            s.id: story_probes(by_id[s.id], advice.kind)
            for s in advice.suggestions
            if s.id in by_id
        }
        told = _told(advice, entries)
        if args.json:
            out.write(to_json_line(advice, probes, told) + "\n")
        else:
            if count:
                out.write("\n" + "=" * WIDTH + "\n\n")
            out.write(render(advice, company, probes, told) + "\n")
    out.flush()
    return 0


def _told(advice: Advice, entries: list[Telling]) -> dict[str, list[str]]:
    """Story id -> 'told to J. Park in the panel on 3 Dec' per telling, for the suggestions."""
    if not entries:
        return {}
    from storybank.loop.ledger import heard_by, told_phrase

    heard = heard_by(entries)
    return {
        s.id: [told_phrase(t) for t in heard[s.id]] for s in advice.suggestions if s.id in heard
    }


def to_json_line(
    advice: Advice,
    probes: dict[str, list[Probe]] | None = None,
    told: dict[str, list[str]] | None = None,
) -> str:
    """One JSON object on one line; characters a terminal could act on are \\u-escaped.

    Each suggestion carries its follow-up `probes` and, in a loop, where it was `told`."""
    from storybank.safetext import json_text

    data = advice.to_dict()
    for item in data["suggestions"]:
        item["probes"] = [p.to_dict() for p in (probes or {}).get(item["id"], [])]
        item["told"] = list((told or {}).get(item["id"], []))
    return json_text(data)


def _wrap(label: str, text: str, indent: int = 3) -> list[str]:
    import textwrap

    from storybank.safetext import clean_line

    head = " " * indent + (f"{label}: " if label else "")
    return textwrap.wrap(
        clean_line(text),
        width=WIDTH,
        initial_indent=head,
        subsequent_indent=" " * (indent + 2),
        break_on_hyphens=False,
    ) or [head.rstrip()]


def render(
    advice: Advice,
    company: Company | None = None,
    probes: dict[str, list[Probe]] | None = None,
    told: dict[str, list[str]] | None = None,
) -> str:
    """Plain text within 80 columns: the reading of the question, then each story's angle."""
    import textwrap

    from storybank.safetext import clean_line
    from storybank.vocab import BEAT_LABELS

    lines = _wrap("Question", advice.question, indent=0)
    reading = f"{advice.kind}"
    if advice.competencies:
        reading += " | probes " + ", ".join(advice.competencies)
    lines += _wrap("Kind", reading, indent=0)
    if company is not None:
        lines += _wrap("For", f"{company.name} ({company.id})", indent=0)
    if advice.note:
        lines += _wrap("Note", advice.note, indent=0)
    if advice.pitch_text:
        from storybank.method.reading import PITCH_LABELS

        label = PITCH_LABELS.get(advice.pitch_part or "", "Your pitch")
        lines += ["", f"{label}:"]
        for paragraph in advice.pitch_text.splitlines():
            wrapped = textwrap.wrap(clean_line(paragraph), WIDTH - 2, break_on_hyphens=False)
            lines += [f"  {line}" for line in wrapped] or [""]
    if advice.weak_match and not advice.note:
        lines += _wrap("", "Weak match: no story fits well; use the closest example.", indent=0)
    for number, s in enumerate(advice.suggestions, start=1):
        lines.append("")
        head = f"{number}. {clean_line(s.title)}"
        tail = f"  {s.score:.2f}"
        lines += textwrap.wrap(
            head, width=WIDTH - len(tail), subsequent_indent="   ", break_on_hyphens=False
        )
        lines[-1] = lines[-1].ljust(WIDTH - len(tail)) + tail
        lines += _wrap("id", s.id)
        lines += _wrap("Lead with", BEAT_LABELS.get(s.lead_with, s.lead_with))
        lines += _wrap("Emphasis", s.emphasis)
        lines += _wrap("Opening", f'"{s.opening}"')
        if s.metric:
            lines += _wrap("Metric", s.metric)
        if s.tradeoff:
            lines += _wrap("Tradeoff", s.tradeoff)
        if s.round_note:
            lines += _wrap(f"Round ({advice.round})", s.round_note)
        for note in s.adapt:
            lines += _wrap("Adapt", note)
        for phrase in (told or {}).get(s.id, []):
            lines += _wrap("Told", phrase.removeprefix("told "))
        if s.why:
            lines += _wrap("Why", "; ".join(s.why))
        shown = (probes or {}).get(s.id, [])[:PROBES_SHOWN]
        if shown:
            lines.append("   Follow-ups:")
            for probe in shown:
                lines += _wrap("", "- " + probe.text, indent=5)
    if not advice.suggestions:
        lines.append("")
        lines.append("No suggestions: the question has no words to work with.")
    return "\n".join(lines)
