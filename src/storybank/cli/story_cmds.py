"""`storybank new` and `storybank delete`: add one story, or remove one.

A story is saved only when it passes the import's checks (a title, a competency, and
the context, decision and result beats), so `new` does not write a half-empty story:
`new --template` prints a YAML skeleton to fill in, and `new --from FILE` adds the story
in it, validated exactly as `storybank import` validates (FILE:LINE:COLUMN: messages).
`delete` asks first, deletes only the version it showed, and keeps the story in its
history, so `storybank restore-version` brings it back.
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from storybank.errors import StoryBankError

if TYPE_CHECKING:
    from storybank.model import Story

DEFAULT_TEMPLATE_ID = "my-story"


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    new = sub.add_parser(
        "new",
        parents=[common],
        help="add a story from a YAML file (--template prints one to fill in)",
        description=(
            "Add one story. `storybank new --template [ID] [--title T] > FILE` prints a "
            "YAML skeleton with every field explained; fill it in, then `storybank new "
            "--from FILE` adds it (FILE holds one story's mapping, or a bank file with one "
            "story). The story is checked exactly as `storybank import` checks it, with "
            "FILE:LINE:COLUMN: problems, and an id already in the bank is refused. A story "
            "needs a title, one competency and the context, decision and result beats "
            "before it can be saved; `storybank lint ID` then says what else to add."
        ),
    )
    new.add_argument(
        "story_id", metavar="ID", nargs="?", help="with --template: the new story's id"
    )
    how = new.add_mutually_exclusive_group()
    how.add_argument(
        "--from", dest="source", metavar="FILE", help="the YAML file to add (- for stdin)"
    )
    how.add_argument(
        "--template", action="store_true", help="print a YAML story to fill in (to stdout)"
    )
    new.add_argument("--title", help="with --template: the new story's title")
    new.set_defaults(handler=run_new)

    delete = sub.add_parser(
        "delete",
        parents=[common],
        help="delete a story (asks first; `restore-version` brings it back)",
        description=(
            "Delete a story. On a terminal it asks first; elsewhere it needs --yes. The "
            "story is kept in its history (`storybank history ID`), so `storybank "
            "restore-version ID N` brings it back; a backup of the bank is taken first too."
        ),
    )
    delete.add_argument("story_id", metavar="ID", help="the story's id (see `storybank list`)")
    delete.add_argument("--yes", action="store_true", help="delete without asking")
    delete.set_defaults(handler=run_delete)


def _say(text: str) -> None:
    """Print within 80 columns (titles, ids and paths may be long)."""
    import textwrap

    print(textwrap.fill(text, 80, break_long_words=False, break_on_hyphens=False))


# ---------------------------------------------------------------- new


def run_new(args: argparse.Namespace) -> int:
    if args.template:
        return _print_template(args)
    if args.source is not None:
        if args.story_id is not None or args.title is not None:
            raise StoryBankError(
                "--from takes the id and the title from the file: storybank new --from FILE"
            )
        return _add_from(args)
    if args.story_id is not None or args.title is not None:
        shown = args.story_id or DEFAULT_TEMPLATE_ID
        raise StoryBankError(
            "a story needs a competency and its context, decision and result before it "
            f"can be saved: `storybank new --template {shown} > {shown}.yaml`, fill it in, "
            f"then `storybank new --from {shown}.yaml`"
        )
    raise StoryBankError(
        "say where the story comes from: `storybank new --from FILE.yaml`, or start one "
        "with `storybank new --template ID > FILE.yaml`"
    )


def _existing_story(story_id: str, existing: Story) -> str:
    from storybank.safetext import clean_line

    return (
        f"a story with id '{story_id}' already exists ({clean_line(existing.title)}); "
        f"nothing changed. Give the new one another id, or see `storybank show {story_id}`"
    )


def _add_from(args: argparse.Namespace) -> int:
    from pathlib import Path

    from storybank.errors import InputError, Problem
    from storybank.quality.lint import lint_story
    from storybank.safetext import clean_line
    from storybank.store import ConflictError, Store
    from storybank.yamlio import MAX_FILE_BYTES, load_story_bytes, load_story_file

    if args.source == "-":
        filename = "<stdin>"
        raw = sys.stdin.buffer.read(MAX_FILE_BYTES + 1)
        if len(raw) > MAX_FILE_BYTES:
            raise InputError([Problem("the input is larger than the 5 MB limit")], filename)
        story, (line, column) = load_story_bytes(raw, filename)
    else:
        filename = args.source
        story, (line, column) = load_story_file(Path(args.source))
    store = Store.open(getattr(args, "db", None))
    existing = store.story(story.id)
    if existing is not None:
        raise InputError([Problem(_existing_story(story.id, existing), line, column)], filename)
    try:
        store.upsert_story(story, expect={story.id: None})  # never over one made meanwhile
    except ConflictError:
        existing = store.story(story.id)
        if existing is None:
            raise
        problem = Problem(_existing_story(story.id, existing), line, column)
        raise InputError([problem], filename) from None
    report = lint_story(story)
    _say(
        f"Added the story {story.id} ({clean_line(story.title)}) to {clean_line(str(store.path))}."
    )
    _say(
        f"Lint: {report.score}/100, {report.verdict}; `storybank lint {story.id}` lists the "
        "fixes, `storybank show " + story.id + "` shows it."
    )
    return 0


def _print_template(args: argparse.Namespace) -> int:
    from storybank import locations
    from storybank.cli.bank_cmds import _out
    from storybank.errors import InputError
    from storybank.store import read_bank
    from storybank.validate import validate_story_data

    story_id = args.story_id or DEFAULT_TEMPLATE_ID
    data = {"id": story_id, "title": args.title if args.title is not None else "x"}
    _, problems = validate_story_data(data)
    mine = [p for p in problems if p.path[:1] in (("id",), ("title",))]
    if mine:
        raise InputError(mine)
    if args.story_id is not None:
        bank = read_bank(locations.db_path_for_reading(getattr(args, "db", None)))
        existing = bank.story(story_id)
        if existing is not None:
            raise StoryBankError(_existing_story(story_id, existing))
    _out(story_template(story_id, args.title or ""))
    return 0


def story_template(story_id: str, title: str = "") -> str:
    """A story as YAML with every field empty and explained in comments: what to fill in
    for `storybank new --from FILE`. Left as it is, the file is refused with the place of
    each required field that is still empty."""
    import json
    import textwrap

    from storybank.vocab import COMPETENCIES, CUSTOMERS, ORGS, STAGES

    def comment(text: str) -> str:
        lines = textwrap.wrap(text, 76, break_long_words=False, break_on_hyphens=False)
        return "".join(f"# {line}\n" for line in lines)

    def value(text: str) -> str:
        return json.dumps(text, ensure_ascii=False)  # a JSON string is a YAML one

    beats = (
        ("context", "Context (required): where you were and what was wrong, with a number."),
        ("constraint", "Constraint: what made it hard (time, people, budget, politics)."),
        ("decision", "Decision (required): what you chose to do, and what you chose it over."),
        ("execution", "Execution: what you did yourself, step by step (say I, not we)."),
        ("result", "Result (required): the outcome as before and after, with the numbers."),
        ("after", "What changed after: what you or the team have done differently since."),
    )
    parts = [
        comment("A new story for storybank. Fill it in, then add it with"),
        "#   storybank new --from THIS-FILE\n",
        comment(
            "Needed before it can be saved: the title, one competency, and the context, "
            "decision and result beats. The rest can follow; `storybank lint "
            f"{story_id}` says what to add."
        ),
        comment(
            "Text over several lines: write | after the colon, then the lines below it, "
            "indented by two spaces."
        ),
        f"id: {story_id}\n",
        comment("Title (required): what you did and what it changed, in one line."),
        f"title: {value(title)}\n",
        comment("Summary: the story in one or two sentences."),
        'summary: ""\n',
        comment(
            "Competencies (at least one): built in are " + ", ".join(COMPETENCIES) + "; "
            "a name of your own works too."
        ),
        "competencies: []\n",
    ]
    for beat, hint in beats:
        parts += [comment(hint), f'{beat}: ""\n']
    parts += [
        comment("Metrics: the numbers the story moved, one line each, for example"),
        "#   - {name: Hours to route an escalation, before: 19, after: 3.5, unit: h}\n",
        "metrics: []\n",
        comment("Tradeoffs: the explicit choice, for example"),
        "#   - {chose: four migration waves, over: one cutover, because: ...}\n",
        "tradeoffs: []\n",
        comment(
            f"Environment: stage ({', '.join(STAGES)}), customer ({', '.join(CUSTOMERS)}), "
            f"org ({', '.join(ORGS)}), for example {{stage: scaleup, customer: b2b-smb}}."
        ),
        "environment: {}\n",
        comment(
            "Optional: notes for each round, tags, and the themes it answers (else they "
            "are read from its words)."
        ),
        "# rounds: {behavioral: ..., case: ..., panel: ...}\n",
        "# tags: [fintech]\n",
        "# themes: [failure]\n",
    ]
    return "".join(parts)


# ---------------------------------------------------------------- delete


def run_delete(args: argparse.Namespace) -> int:
    import difflib

    from storybank.cli.confirm import confirm_delete
    from storybank.errors import NotFoundError
    from storybank.safetext import clean_line
    from storybank.store import ConflictError, Store, record_version

    store = Store.open(getattr(args, "db", None))
    story = store.story(args.story_id)
    if story is None:
        ids = [s.id for s in store.stories()]
        close = difflib.get_close_matches(args.story_id, ids, n=3, cutoff=0.5)
        hint = f" Did you mean: {', '.join(close)}?" if close else " See `storybank list`."
        raise NotFoundError(f"no story with id '{clean_line(args.story_id)}'.{hint}")
    title = clean_line(story.title)
    confirm_delete(
        f"Delete the story {story.id} ({title})?",
        yes=args.yes,
        again=f"storybank delete {story.id} --yes",
    )
    try:  # only the version shown is deleted, never a change made meanwhile
        store.delete_story(story.id, expect={story.id: record_version(story)})
    except ConflictError as exc:
        raise StoryBankError(f"{exc} Look at it again: storybank show {story.id}") from None
    _say(f"Deleted the story {story.id} ({title}).")
    versions = store.story_versions(story.id)
    if versions:
        _say(
            f"Bring it back with `storybank restore-version {story.id} {versions[0].number}` "
            f"(its earlier versions are in `storybank history {story.id}`)."
        )
    backup = store.last_backup
    if backup is not None:
        _say(f"A backup of the bank was taken first: {clean_line(backup.name)}.")
    return 0
