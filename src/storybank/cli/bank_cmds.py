"""`storybank import`, `export`, `list`, `show` and `init`: the bank as files and tables.

None of these import Textual; the store, YAML and validation modules are imported
inside the handlers so `storybank --help` stays instant.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from storybank import settings

if TYPE_CHECKING:
    from storybank.model import Bank, Story
    from storybank.store import ImportPlan

TABLE_WIDTH = 80
"""`storybank list` fits an 80-column terminal whatever the stories hold."""

_EXPORT_HELP = (
    "Write the whole bank (stories, companies, imported questions) as YAML, in the "
    "same format `storybank import` reads: stable key order, `|` blocks for multi-line "
    "text, unicode as is. Export -> import -> export gives the same bytes. To stdout by "
    "default (or with -); a FILE is written atomically (temp file in the same folder, "
    "fsync, rename) and created with mode 0600, readable only by you, because it holds "
    "your career notes. Use chmod to share it."
)


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    imp = sub.add_parser(
        "import",
        parents=[common],
        help="load stories, companies and questions from a YAML file",
        description=(
            "Validate the whole file first and report every problem as FILE:LINE:COLUMN: "
            "message; on any problem nothing is written. By default records are merged by "
            "id (new ones added, changed ones updated, others kept)."
        ),
    )
    imp.add_argument("file", metavar="FILE", help="the YAML file to import (- for stdin)")
    imp.add_argument(
        "--replace",
        action="store_true",
        help="replace the whole bank with the file (a backup is taken first)",
    )
    imp.add_argument(
        "--dry-run",
        action="store_true",
        help="show what would be added, changed, unchanged and removed; write nothing",
    )
    imp.add_argument(
        "--force",
        action="store_true",
        help="import a redacted export even where it overwrites your real text",
    )
    imp.set_defaults(handler=run_import)

    exp = sub.add_parser(
        "export",
        parents=[common],
        help="write the bank as YAML (stdout by default)",
        description=_EXPORT_HELP,
    )
    exp.add_argument(
        "file", metavar="FILE", nargs="?", default="-", help="where to write (default: - stdout)"
    )
    exp.add_argument(
        "--redact",
        metavar="FILE",
        default=None,
        help="write a shareable copy to FILE (- for stdout) with every name on the "
        "redaction list replaced by its stand-in (see `storybank redactions`)",
    )
    exp.add_argument(
        "--round-money",
        action="store_true",
        help="with --redact: round exact money to ranges ($340k -> $300-400k)",
    )
    exp.add_argument(
        "--accept-names",
        metavar="NAMES",
        nargs="?",
        const="*",
        default=None,
        help="with --redact: write even though likely names remain (all, or NAME,NAME)",
    )
    exp.set_defaults(handler=run_export)

    lst = sub.add_parser(
        "list",
        parents=[common],
        help="list your stories",
        description="One line per story: id, title, competencies and environment.",
    )
    lst.add_argument("--json", action="store_true", help="print JSON instead of a table")
    lst.set_defaults(handler=run_list)

    show = sub.add_parser(
        "show",
        parents=[common],
        help="show one story in full",
        description="Every field of a story: the six beats, metrics, tradeoffs, environment, "
        "round notes and tags.",
    )
    show.add_argument("story_id", metavar="ID", help="the story's id (see `storybank list`)")
    show.add_argument("--json", action="store_true", help="print the story as JSON")
    show.set_defaults(handler=run_show)

    init = sub.add_parser(
        "init",
        parents=[common],
        help="create your bank (with --sample: load the sample stories into it)",
        description=(
            "Create the database if it does not exist and print where it is. With --sample, "
            "load the packaged sample stories and companies, but only into a bank "
            "that has no stories yet: an existing bank is never changed. (The practice "
            "questions come with storybank and are always available.)"
        ),
    )
    init.add_argument(
        "--sample", action="store_true", help="load the sample bank into an empty database"
    )
    init.set_defaults(handler=run_init)


# ---------------------------------------------------------------- helpers


def _read(args: argparse.Namespace) -> Bank:
    """A read-only snapshot: listing and exporting never lock or write."""
    from storybank import locations
    from storybank.store import read_bank

    return read_bank(locations.db_path_for_reading(getattr(args, "db", None)))


def _out(text: str) -> None:
    """Write to stdout as UTF-8 whatever the locale, so exports keep their unicode."""
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None:
        sys.stdout.write(text)
        return
    sys.stdout.flush()
    buffer.write(text.encode("utf-8"))
    buffer.flush()


def _json(value: Any) -> str:
    """JSON with unicode kept, but no raw control, C1 or bidi character a terminal could act on."""
    from storybank.safetext import json_text

    return json_text(value, indent=2) + "\n"


def _plural(count: int, word: str, plural: str | None = None) -> str:
    return f"{count} {word if count == 1 else (plural or word + 's')}"


def _describe(bank: Bank) -> str:
    return ", ".join(
        [
            _plural(len(bank.stories), "story", "stories"),
            _plural(len(bank.companies), "company", "companies"),
            _plural(len(bank.questions), "question"),
        ]
    )


def _fit(text: str, width: int) -> str:
    """One cell: control-free, one line, cut with an ellipsis, padded to `width`."""
    from storybank.safetext import clean_line

    text = clean_line(text)
    if len(text) > width:
        text = text[: width - 1] + "…"
    return text.ljust(width)


def _environment_text(story: Story) -> str:
    env = story.environment
    return ", ".join(v for v in (env.stage, env.customer, env.org) if v) or "no environment"


# ---------------------------------------------------------------- handlers


def run_import(args: argparse.Namespace) -> int:
    from storybank.errors import InputError, Problem
    from storybank.safetext import clean_line
    from storybank.store import Store
    from storybank.yamlio import MAX_FILE_BYTES, load_bank_bytes, load_bank_file

    if args.file == "-":
        raw = sys.stdin.buffer.read(MAX_FILE_BYTES + 1)
        if len(raw) > MAX_FILE_BYTES:
            raise InputError([Problem("the input is larger than the 5 MB limit")], "<stdin>")
        incoming = load_bank_bytes(raw, "<stdin>")
    else:
        incoming = load_bank_file(Path(args.file))
    store = Store.open(getattr(args, "db", None))
    if args.dry_run:
        plan = store.plan_import(incoming, replace=args.replace)
        mode = "replace" if args.replace else "merge"
        print(f"Dry run ({mode} into {clean_line(str(store.path))}); nothing was written:")
        for line in plan.summary_lines():
            print(f"  {line}")
        if incoming.redacted and not args.force:
            from storybank.store import redacted_overwrite_error

            refusal = redacted_overwrite_error(plan)
            if refusal is not None:
                print(f"  {refusal}")
        _warn_about_dates(incoming, plan)
        return 0
    plan = store.apply_import(incoming, replace=args.replace, force=args.force)
    counts = plan.counts()
    verb = "Replaced the bank with" if args.replace else "Imported"
    source = "<stdin>" if args.file == "-" else clean_line(args.file)
    print(
        f"{verb} {source}: {counts['added']} added, {counts['changed']} changed, "
        f"{counts['unchanged']} unchanged, {counts['removed']} removed"
        f"{_recall_note(plan)} ({clean_line(str(store.path))})."
    )
    _warn_about_dates(incoming, plan)
    return 0


def _warn_about_dates(incoming: Bank, plan: ImportPlan) -> None:
    """A note on stderr for each company this import brought whose date looks mistyped."""
    from datetime import date

    from storybank.safetext import clean_line
    from storybank.targets import date_warnings

    ids = plan.added["companies"] + plan.changed["companies"]
    for line in date_warnings(incoming.companies, ids, date.today()):
        print(f"storybank: note: {clean_line(line)}", file=sys.stderr)


def _recall_note(plan: ImportPlan) -> str:
    """`, 12 recall reviews added`: the parts of an import that are not records."""
    parts = []
    if plan.reviews_added:
        parts.append(f"{_plural(plan.reviews_added, 'recall review')} added")
    if plan.reviews_removed:
        parts.append(f"{_plural(plan.reviews_removed, 'recall review')} removed")
    if plan.picks_added:
        parts.append(f"{_plural(plan.picks_added, 'story choice')} added")
    if plan.picks_removed:
        parts.append(f"{_plural(plan.picks_removed, 'story choice')} removed")
    if plan.redactions_changed:
        parts.append("redaction list updated")
    return "".join(f", {part}" for part in parts)


def run_export(args: argparse.Namespace) -> int:
    from storybank.errors import StoryBankError
    from storybank.safetext import clean_line
    from storybank.yamlio import dump_bank, write_bank_file

    if args.redact is not None:
        from storybank.cli.redact_cmds import run_redacted_export

        return run_redacted_export(args)
    if args.round_money or args.accept_names is not None:
        raise StoryBankError("--round-money and --accept-names go with --redact FILE")
    bank = _read(args)
    if args.file == "-":
        _out(dump_bank(bank))
        return 0
    target = Path(args.file).expanduser()
    if target.is_dir() or args.file.endswith("/"):
        raise StoryBankError(
            f"{clean_line(args.file)} is a folder; give a file name such as "
            f"{clean_line(str(target / 'bank.yaml'))}"
        )
    if not target.parent.is_dir():
        raise StoryBankError(f"cannot write {target}: the folder {target.parent} does not exist")
    try:
        written = write_bank_file(bank, target)
    except OSError as exc:
        raise StoryBankError(f"cannot write {target}: {exc.strerror or exc}") from None
    mode = " (mode 0600)" if written.is_file() else ""  # a pipe or device keeps its own
    print(f"Exported {_describe(bank)} to {clean_line(str(target))}{mode}.", file=sys.stderr)
    return 0


def run_list(args: argparse.Namespace) -> int:
    from storybank import locations
    from storybank.store import read_bank, read_sample_status

    path = locations.db_path_for_reading(getattr(args, "db", None))
    bank = read_bank(path)
    samples = read_sample_status(path, bank).story_ids if bank.stories else set()
    if args.json:
        rows = [
            {
                "id": s.id,
                "title": s.title,
                "competencies": list(s.competencies),
                "environment": s.environment.to_dict(),
                "sample": s.id in samples,
            }
            for s in bank.stories
        ]
        _out(_json(rows))
        return 0
    if not bank.stories:
        print(EMPTY_LIST_HINT)
        return 0
    _out("\n".join(story_table(bank.stories, _list_width(), samples)) + "\n")
    return 0


EMPTY_LIST_HINT = (
    "No stories yet. Add yours with `storybank new` or `storybank import FILE`;\n"
    "`storybank demo` tries the sample bank without touching yours."
)
"""What `storybank list` says about an empty bank: two lines within 80 columns."""

MAX_LIST_WIDTH = 200
"""`storybank list` uses the terminal's width up to this (COLUMNS, else 80)."""


def _list_width() -> int:
    import shutil

    columns = shutil.get_terminal_size((TABLE_WIDTH, 24)).columns
    return max(40, min(MAX_LIST_WIDTH, columns))


SAMPLE_LABEL = "(sample) "


def story_table(
    stories: list[Story], width: int = TABLE_WIDTH, samples: set[str] | None = None
) -> list[str]:
    """Two lines per story within `width` columns: id and title, then environment and
    competencies, indented under the title. User text is made harmless first. A story in
    `samples` is labelled as one, and the last line counts your own stories apart."""
    samples = samples or set()
    id_width = min(max(len("ID"), *(len(s.id) for s in stories)), 26)
    rest = width - id_width - 2
    lines = [f"{_fit('ID', id_width)}  {_fit('TITLE / environment | competencies', rest)}".rstrip()]
    for story in stories:
        title = (SAMPLE_LABEL if story.id in samples else "") + story.title
        lines.append(f"{_fit(story.id, id_width)}  {_fit(title, rest)}".rstrip())
        detail = f"{_environment_text(story)} | {', '.join(story.competencies) or '-'}"
        lines.append(f"{' ' * id_width}  {_fit(detail, rest)}".rstrip())
    shown = sum(1 for s in stories if s.id in samples)
    total = _plural(len(stories), "story", "stories")
    if shown:
        own = len(stories) - shown
        lines.append(
            f"{total}: {own} your own, {shown} sample{'s' * (shown != 1)} "
            "(`storybank samples remove` takes them out)."
        )
        lines.append("Details: storybank show ID")
    else:
        lines.append(f"{total}. Details: storybank show ID")
    return lines


def run_show(args: argparse.Namespace) -> int:
    import difflib

    from storybank.errors import NotFoundError

    bank = _read(args)
    story = bank.story(args.story_id)
    if story is None:
        from storybank.safetext import clean_line

        ids = [s.id for s in bank.stories]
        close = difflib.get_close_matches(args.story_id, ids, n=3, cutoff=0.5)
        hint = f" Did you mean: {', '.join(close)}?" if close else " See `storybank list`."
        raise NotFoundError(f"no story with id '{clean_line(args.story_id)}'.{hint}")
    if args.json:
        _out(_json(story.to_dict()))
        return 0
    _out(format_story(story))
    return 0


def format_story(story: Story) -> str:
    """Every field of a story as plain text, user text made harmless for a terminal."""
    import textwrap

    from storybank.model import format_metric
    from storybank.safetext import clean, clean_line
    from storybank.vocab import BEAT_LABELS, BEATS, is_custom_competency

    def block(text: str) -> list[str]:
        out: list[str] = []
        for line in clean(text).splitlines():
            out += textwrap.wrap(line, TABLE_WIDTH - 4, replace_whitespace=False) or [""]
        return [f"    {line}".rstrip() for line in out]

    def item(prefix: str, text: str) -> list[str]:
        return textwrap.wrap(
            clean_line(text),
            TABLE_WIDTH,
            initial_indent=prefix,
            subsequent_indent=" " * len(prefix),
        ) or [prefix.rstrip()]

    lines = [clean_line(story.title), f"id: {story.id}"]
    if story.summary:
        lines += ["", "Summary", *block(story.summary)]
    comps = [f"{c} (custom)" if is_custom_competency(c) else c for c in story.competencies]
    lines += ["", f"Competencies: {', '.join(comps)}"]
    from storybank.method.themes import story_themes

    themes, inferred = story_themes(story)
    if themes or not inferred:
        said = (
            "inferred from its words; set `themes:` to confirm or change" if inferred else "yours"
        )
        lines += item("Themes: ", f"{', '.join(themes) or 'none'} ({said})")
    env = story.environment
    if not env.is_empty():
        parts = [
            f"{k} {v}"
            for k, v in (("stage", env.stage), ("customer", env.customer), ("org", env.org))
            if v
        ]
        lines.append(f"Environment: {', '.join(parts)}")
    for beat in BEATS:
        text = story.beat(beat)
        lines += ["", BEAT_LABELS[beat], *(block(text) if text.strip() else ["    -"])]
    if story.metrics:
        lines += ["", "Metrics"]
        lines += [
            f"    {clean_line(m.name)}: {clean_line(format_metric(m))}" for m in story.metrics
        ]
    if story.tradeoffs:
        lines += ["", "Tradeoffs"]
        for t in story.tradeoffs:
            lines += item("    chose: ", t.chose)
            if t.over:
                lines += item("      over: ", t.over)
            if t.because:
                lines += item("      because: ", t.because)
    if story.rounds:
        lines += ["", "Rounds"]
        for name, note in story.rounds.items():
            lines += item(f"    {name}: ", note)
    if story.tags:
        lines += ["", *item("Tags: ", ", ".join(story.tags))]
    return "\n".join(lines) + "\n"


def run_init(args: argparse.Namespace) -> int:
    from datetime import UTC, datetime

    from storybank.safetext import clean_line
    from storybank.store import Store

    store = Store.open(getattr(args, "db", None))
    shown = clean_line(str(store.path))
    existed = store.target.exists()
    if args.sample:
        if store.stories():
            print(
                f"Your bank at {shown} already holds "
                f"{_plural(len(store.stories()), 'story', 'stories')}; the sample bank was not "
                "loaded and nothing changed. (`storybank demo` opens the samples in a "
                "throwaway copy.)"
            )
            return 0
        from storybank.resources import sample_bank
        from storybank.samples import counts_text

        plan = store.apply_import(sample_bank(), mark_samples=True)
        added = counts_text(len(plan.added["stories"]), len(plan.added["companies"]))
        changed = counts_text(len(plan.changed["stories"]), len(plan.changed["companies"]))
        what = f"{added} added" if plan.counts()["added"] else "nothing added"
        if plan.counts()["changed"]:
            what += f", {changed} changed"
        print(f"Loaded the sample bank into {shown}:")
        print(f"{what}, each marked as a sample. Try `storybank list`;")
        print("`storybank samples remove` takes exactly the samples out again.")
        return 0
    if existed:
        print(f"Your bank is at {shown} ({_describe(store.bank())}); nothing to do.")
        return 0
    settings.write(store, settings.CREATED, datetime.now(UTC).isoformat(timespec="seconds"))
    print(f"Created an empty bank at {shown}. Add stories with `storybank import FILE`.")
    return 0
