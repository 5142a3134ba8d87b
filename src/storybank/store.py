"""The story bank on disk: a TinyDB file that survives kills and concurrent writers.

Layout: TinyDB tables `stories`, `companies`, `questions`, `ledger` (one doc per story
told in an interview loop), `debriefs` (the questions asked in one interview), `settings`
(docs `{key, value}`), `practice` (one doc per practice record), `reviews` (recall-drill
grades), `redactions` (names for redacted exports) and `meta` (one doc with
`schema_version`). Records are stored in the file-format shape (`to_dict`), and a
table's doc ids are its insertion order.

Writes: every change takes the lock file (`locations.lock_path`), re-reads the
file from disk under the lock, applies the change through TinyDB on that fresh
copy, and writes the whole file once, atomically (`storybank.storage`). So two
processes never lose each other's changes and a kill leaves the old or the new
state, never a torn one. Reads need no lock (the rename is atomic); `read_bank` is
the fast read used by `storybank ask` and imports neither TinyDB nor filelock.

Optimistic concurrency: the app's writes pass `expect`, the version (`record_version`)
of each record id as the editor read it, None for "no such id". The check runs under
the lock against the file as it is now; a mismatch raises `ConflictError` and writes
nothing, so an edit never silently replaces a change it did not see.
"""

from __future__ import annotations

import copy
import json
import os
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import TYPE_CHECKING, Any

from storybank import locations
from storybank.dbfile import (
    MAX_DB_BYTES,
    is_read_only,
    parse,
    read_bytes,
    real_path,
    refuse_read_only,
    refuse_special,
    restore_hint,
)
from storybank.errors import DatabaseError, NotFoundError, StoryBankError
from storybank.gcpause import paused
from storybank.model import (
    Bank,
    Company,
    Debrief,
    Pick,
    Pitch,
    Question,
    Redaction,
    Review,
    Story,
    Telling,
)
from storybank.practice import PracticeRecord
from storybank.record import Record
from storybank.userfile import read_capped

if TYPE_CHECKING:
    from tinydb import TinyDB
    from tinydb.storages import Storage

    from storybank.backups import BackupInfo
    from storybank.samples import SampleStatus

SCHEMA_VERSION = 1
"""The layout this code writes. Bump it and register a migration when the layout changes."""

RECORD_TABLES: tuple[str, ...] = ("stories", "companies", "questions", "ledger", "debriefs")
"""Tables holding records with ids, imported and exported with the YAML file. `ledger`
(which story was told to whom) and `debriefs` (what was actually asked) are optional
lists in the file: older files and databases simply have none."""
PRACTICE_TABLE = "practice"
"""The Practice screen's drills (`PracticeRecord.to_dict()`), oldest first; exported."""
REVIEWS_TABLE = "reviews"
"""Recall-drill grades (`Review.to_dict()`), oldest first; appended, never edited."""
REDACTIONS_TABLE = "redactions"
"""Names and their stand-ins for redacted exports (`Redaction.to_dict()`), in list order."""
PITCH_TABLE = "pitch"
"""The candidate's pitch (`Pitch.to_dict()`): one document, or none before one is written."""
PICKS_TABLE = "picks"
"""Stories the user chose for questions (`Pick.to_dict()`), oldest first."""
META_TABLE = "meta"
VERSIONS_TABLE = "story_versions"
"""Earlier versions of each story: one doc per save that replaced it (`StoryVersion`)."""
VERSIONS_KEPT = 25
"""Earlier versions kept per story; a save past this drops that story's oldest."""
VERSIONS_TOTAL = 500
"""Earlier versions kept in the whole bank (about 1 MB), so a big bank's file, rewritten
on every save, stays small; past it the bank's oldest versions go, whichever story."""
DEFAULT_LOCK_TIMEOUT = 10.0
"""Seconds to wait for another storybank's write before giving up with a clear error."""

Migration = Callable[[dict[str, Any]], None]
MIGRATIONS: dict[int, Migration] = {}
"""`MIGRATIONS[n]` turns raw data of schema n into schema n + 1, in place."""


def migration(from_version: int) -> Callable[[Migration], Migration]:
    """Register a function that upgrades raw database data from `from_version` by one."""

    def register(func: Migration) -> Migration:
        MIGRATIONS[from_version] = func
        return func

    return register


# --- raw data <-> records -----------------------------------------------------------------


def schema_version(data: dict[str, Any]) -> int:
    """The file's schema version; files without a meta table predate it and are version 1."""
    for doc in (data.get(META_TABLE) or {}).values():
        version = doc.get("schema_version") if isinstance(doc, dict) else None
        if isinstance(version, int):
            return version
    return 1


def migrate_data(data: dict[str, Any], path: Path) -> tuple[dict[str, Any], bool]:
    """Bring raw data up to SCHEMA_VERSION (on a copy); say whether anything changed."""
    version = schema_version(data)
    if version > SCHEMA_VERSION:
        raise DatabaseError(
            f"{path} was written by a newer storybank (schema {version}; this version reads "
            f"up to {SCHEMA_VERSION}). Upgrade storybank; the file was left untouched."
        )
    if version == SCHEMA_VERSION:
        return data, False
    data = copy.deepcopy(data)
    for step in range(version, SCHEMA_VERSION):
        upgrade = MIGRATIONS.get(step)
        if upgrade is None:
            raise DatabaseError(
                f"{path} has schema {version} and this storybank has no way to upgrade it "
                f"from {step}; the file was left untouched."
            )
        upgrade(data)
    _stamp_meta(data)
    return data, True


def _migration_reason(raw: dict[str, Any]) -> str:
    return f"before-migration-{schema_version(raw)}-to-{SCHEMA_VERSION}"


def _stamp_meta(data: dict[str, Any]) -> None:
    data[META_TABLE] = {"1": {"schema_version": SCHEMA_VERSION}}


def _docs(data: dict[str, Any], table: str, path: Path) -> list[dict[str, Any]]:
    raw = data.get(table) or {}
    try:
        order = sorted(raw, key=int)
    except ValueError:
        raise DatabaseError(f"{path} has a damaged {table} table (bad record ids).") from None
    return [raw[key] for key in order]


MAX_LISTED_PROBLEMS = 5
"""Damaged records named in one message; the rest are counted."""


def bank_from_data(data: dict[str, Any], path: Path, *, hint: bool = True) -> Bank:
    """Turn raw (migrated) database data into a Bank, in insertion order.

    Every record is checked with the import's schema (`validate_stored_records`), so
    a hand-edited or damaged file (a title that is a number, a null metric name, a
    400-digit metric) is refused here with the record named, instead of crashing a
    command later or being written back by the next save.
    """
    check_records(data, path, hint=hint)
    return _bank_from_checked(data, path)


def check_records(data: dict[str, Any], path: Path, *, hint: bool = True) -> None:
    """Refuse data holding a record the import's schema would refuse (DatabaseError naming
    the records and the backups to restore from); cheap for records as storybank wrote
    them."""
    from storybank.recordcheck import stored_records_look_valid

    tables = {kind: _docs(data, kind, path) for kind in RECORD_TABLES}
    if stored_records_look_valid(tables):
        return
    from storybank.validate import validate_stored_records  # only to explain a refusal

    bank, problems = validate_stored_records(tables)
    if bank is not None:  # stricter fast check, nothing the schema refuses: read as stored
        return
    lines = [
        f"{path} holds a record storybank cannot read (edited by hand or damaged); "
        "it was left untouched:"
    ]
    for problem in problems[:MAX_LISTED_PROBLEMS]:
        where = "  "
        if len(problem.path) >= 2 and isinstance(problem.path[1], int):
            where = f"  {problem.path[0]} table, record {problem.path[1] + 1}: "
        lines.append(where + problem.message)
    if len(problems) > MAX_LISTED_PROBLEMS:
        lines.append(f"  ... and {len(problems) - MAX_LISTED_PROBLEMS} more problems")
    raise DatabaseError("\n".join(lines) + "\n" + restore_hint(path, list_readable=hint))


def _bank_from_checked(data: dict[str, Any], path: Path) -> Bank:
    """A Bank from data whose records `bank_from_data` has checked (cheap: no validation).

    Reviews and redactions are not covered by that check; a damaged one is refused here.
    """
    try:
        reviews = [Review.from_dict(d) for d in _docs(data, REVIEWS_TABLE, path)]
        picks = [Pick.from_dict(d) for d in _docs(data, PICKS_TABLE, path)]
        pitch = _stored_pitch(data, path)
        redactions = [Redaction.from_dict(d) for d in _docs(data, REDACTIONS_TABLE, path)]
        ledger = [Telling.from_dict(d) for d in _docs(data, "ledger", path)]
        debriefs = [Debrief.from_dict(d) for d in _docs(data, "debriefs", path)]
        practice = [
            PracticeRecord.from_dict(d)
            for d in _docs(data, PRACTICE_TABLE, path)
            if isinstance(d, dict)
        ]
    except (KeyError, TypeError, AttributeError, ValueError) as exc:
        raise DatabaseError(
            f"{path} holds a record storybank cannot read ({type(exc).__name__}: {exc}); "
            "it was left untouched."
        ) from None
    return Bank(
        stories=[Story.from_dict(d) for d in _docs(data, "stories", path)],
        companies=[Company.from_dict(d) for d in _docs(data, "companies", path)],
        questions=[Question.from_dict(d) for d in _docs(data, "questions", path)],
        ledger=ledger,
        debriefs=debriefs,
        reviews=reviews,
        redactions=redactions,
        picks=picks,
        pitch=pitch,
        practice=practice,
    )


def _bank_after_write(
    base: Bank, data: dict[str, Any], touched: dict[str, set[str]] | None, path: Path
) -> Bank | None:
    """The Bank of `data`, written by a transaction that changed only the `touched` records
    of the data `base` was built from: the other records are `base`'s own, the touched ones
    are checked and built. None when that cannot be told (a table changed directly, a
    record that does not pass the check): the Bank is then built in full when next asked,
    as for any other file."""
    if touched is None:
        return None
    lists: dict[str, list[Any]] = {}
    with paused():
        for kind, make in _TRACKED_TYPES.items():
            old = getattr(base, kind)
            ids = touched.get(kind)
            if not ids:
                lists[kind] = list(old)
                continue
            docs = _docs(data, kind, path)
            changed = [doc for doc in docs if doc.get("id") in ids]
            try:
                check_records({kind: dict(enumerate(changed, start=1))}, path)
                by_id = {record.id: record for record in old}
                lists[kind] = [
                    make.from_dict(doc)
                    if doc.get("id") in ids or doc.get("id") not in by_id
                    else by_id[doc["id"]]
                    for doc in docs
                ]
            except (StoryBankError, KeyError, TypeError, AttributeError, ValueError):
                return None
    return base.replace(**lists)


def _stored_pitch(data: dict[str, Any], path: Path) -> Pitch:
    """The stored pitch (the last document wins); a damaged one is refused, not guessed."""
    docs = _docs(data, PITCH_TABLE, path)
    if not docs:
        return Pitch()
    doc = docs[-1]
    if not isinstance(doc, dict) or not all(
        key in Pitch.__slots__ and isinstance(value, str) for key, value in doc.items()
    ):
        raise ValueError("a pitch that is not text")
    return Pitch.from_dict(doc)


def merged_pitch(current: Pitch, incoming: Pitch) -> Pitch:
    """The bank's pitch with every part the file says replacing the bank's."""
    return Pitch(
        **{name: getattr(incoming, name) or getattr(current, name) for name in Pitch.__slots__}
    )


def _setting_from_data(data: dict[str, Any], key: str, default: Any = None) -> Any:
    for doc in (data.get("settings") or {}).values():
        if isinstance(doc, dict) and doc.get("key") == key:
            return doc.get("value", default)
    return default


def read_bank(path: Path) -> Bank:
    """A read-only snapshot of the bank at `path`, without taking the lock.

    Safe without the lock because writers replace the file atomically. An empty
    Bank when there is no file; DatabaseError naming the file if it is damaged.
    """
    path = Path(path)
    payload = read_bytes(real_path(path))
    if payload is None:
        return Bank()
    with paused():
        data, _ = migrate_data(parse(payload, path), path)
        return bank_from_data(data, path)


def read_sample_status(path: Path, bank: Bank | None = None) -> SampleStatus:
    """Which records of the bank at `path` are samples, without the lock (as `read_bank`);
    `bank` is that file's bank when the caller has read it already."""
    from storybank.samples import SAMPLES_SETTING, sample_status

    path = Path(path)
    payload = read_bytes(real_path(path))
    data: dict[str, Any] = {}
    if payload is not None:
        data, _ = migrate_data(parse(payload, path), path)
    if bank is None:
        bank = bank_from_data(data, path) if data else Bank()
    return sample_status(bank, _setting_from_data(data, SAMPLES_SETTING), record_version)


def _story_count(payload: bytes | None, path: Path) -> int | None:
    """How many stories a backup's bytes hold; None when they are not a readable bank."""
    if payload is None:
        return None  # over the size cap: not read
    try:
        data, _ = migrate_data(parse(payload, path, hint=False), path)
        return len(bank_from_data(data, path, hint=False).stories)
    except StoryBankError:
        return None


def _canonical(record: Story | Company | Question | Telling | Debrief) -> str:
    """Exact comparison of records: 4 and 4.0 differ, as they do in the file."""
    return json.dumps(record.to_dict(), sort_keys=True)


# --- versions and conflicts ---------------------------------------------------------------

Version = str | None
"""A record's `record_version`, or None for "no record with this id"."""

Expect = Mapping[str, Version]
"""Record id -> the version the writer started from; checked under the lock before a write."""

_RECORD_TYPES: dict[str, type[Story] | type[Company]] = {"stories": Story, "companies": Company}
_TRACKED_TYPES: dict[str, type[Story] | type[Company] | type[Question]] = {
    "stories": Story,
    "companies": Company,
    "questions": Question,
}
"""The tables whose records `_Txn` tracks by id, so a Bank can be updated after a write
(the records `stored_records_look_valid` checks)."""

PRACTICE_STORY_KEYS: tuple[str, ...] = ("chosen", "advisor")
"""Keys of a practice record that hold a story id; a rename rewrites them."""


def record_version(record: Story | Company | Question | None) -> Version:
    """A short digest of a record as stored (exact: 4 and 4.0 differ); None for no record."""
    if record is None:
        return None
    import hashlib  # here: `storybank ask` never needs it

    return hashlib.sha256(_canonical(record).encode("utf-8")).hexdigest()[:24]


class SamplesEditedError(StoryBankError):
    """`remove_samples` found samples the user edited and was not told what to do."""

    def __init__(self, status: SampleStatus) -> None:
        from storybank.samples import SAMPLE_KINDS

        self.status = status
        edited = [rid for kind in SAMPLE_KINDS for rid in status.edited[kind]]
        shown = ", ".join(edited[:6]) + (" ..." if len(edited) > 6 else "")
        count = len(edited)
        super().__init__(
            f"{count} sample{'s' * (count != 1)} you edited ({shown}) would be lost, so "
            "nothing was removed. Pass --force to remove them too, or --keep-edited to "
            "remove the other samples and keep these as your own."
        )


class ConflictError(StoryBankError):
    """A write's base changed on disk since the writer read it; nothing was written.

    `disk` is the record with `record_id` as it is in the file now (None if there is
    none); `expected` is the version the writer started from (None: it expected no
    record with that id, as for a new record or the target of a rename).
    """

    def __init__(
        self, kind: str, record_id: str, disk: Story | Company | None, expected: Version
    ) -> None:
        self.kind = kind
        self.record_id = record_id
        self.disk = disk
        self.expected = expected
        noun = _SINGULAR.get(kind, "record")
        if expected is None:
            what = f"another writer created a {noun} with id {record_id!r}"
        elif disk is None:
            what = f"the {noun} {record_id!r} was deleted on disk"
        else:
            what = f"the {noun} {record_id!r} changed on disk"
        super().__init__(f"{what} since it was read; nothing was written.")


# --- story versions ------------------------------------------------------------------


class StoryVersion(Record):
    """A story as it was before one save replaced it.

    `number` counts this story's versions (1 the oldest kept; never reused), `replaced_at`
    is when the save that replaced it ran (UTC, ISO 8601), `summary` one line saying what
    that save changed, `story` the record as it was."""

    __slots__ = ("number", "replaced_at", "story", "summary")

    def __init__(self, number: int, replaced_at: str, summary: str, story: Story) -> None:
        self.number = number
        self.replaced_at = replaced_at
        self.summary = summary
        self.story = story

    @property
    def story_id(self) -> str:
        return self.story.id


def changed_fields(old: dict[str, Any], new: dict[str, Any]) -> list[str]:
    """The labels of the story fields that differ between two stored forms, in form order."""
    from storybank import schema

    labels = schema.labels(schema.STORY)
    names = [name for name in labels if old.get(name) != new.get(name)]
    names += sorted(k for k in set(old) | set(new) if k not in labels and old.get(k) != new.get(k))
    return [labels.get(name, name) for name in names]


def change_summary(old: dict[str, Any], new: dict[str, Any], how: str = "") -> str:
    """One line: what a save changed ("Changed Title, Result"), with how it was made."""
    fields = changed_fields(old, new)
    if not fields:
        what = "No field changed"
    elif len(fields) <= 4:
        what = "Changed " + ", ".join(fields)
    else:
        what = "Changed " + ", ".join(fields[:3]) + f" and {len(fields) - 3} more fields"
    return f"{what} ({how})" if how else what


DELETED_SUMMARY = "Deleted"
"""The summary of the version a delete keeps: the story as it was when it was deleted."""


def _version_number(doc: Any) -> int:
    try:
        return int(doc.get("number") or 0)
    except (TypeError, ValueError, AttributeError):
        return 0


def _now_iso() -> str:
    from datetime import UTC, datetime

    return datetime.now(UTC).isoformat(timespec="seconds")


class BankChangedError(ConflictError):
    """The database file is not the version the writer saw; nothing was written."""

    def __init__(self, path: Path) -> None:
        self.kind = "bank"
        self.record_id = ""
        self.disk = None
        self.expected = None
        StoryBankError.__init__(
            self, f"{path} changed on disk since it was read; nothing was written."
        )


def _payload_version(payload: bytes | None) -> str:
    if payload is None:
        return ""
    import hashlib

    return hashlib.sha256(payload).hexdigest()[:24]


# --- import plans -------------------------------------------------------------------------

_SINGULAR = {
    "stories": "story",
    "companies": "company",
    "questions": "question",
    "ledger": "ledger entry",
    "debriefs": "debrief",
}
_UNCHANGED_LISTED = 20
"""Above this many unchanged records of a kind, the dry run gives a count instead of lines."""


def _per_kind() -> dict[str, list[str]]:
    return {kind: [] for kind in RECORD_TABLES}


class ImportPlan(Record):
    """What an import adds, changes, leaves unchanged and removes, by record kind (ids)."""

    __slots__ = (  # noqa: RUF023 - constructor order
        "replacing",
        "added",
        "changed",
        "unchanged",
        "removed",
        "reviews_added",
        "reviews_removed",
        "redactions_changed",
        "picks_added",
        "picks_removed",
        "pitch_changed",
        "practice_added",
        "practice_removed",
    )

    def __init__(
        self,
        replacing: bool = False,
        added: dict[str, list[str]] | None = None,
        changed: dict[str, list[str]] | None = None,
        unchanged: dict[str, list[str]] | None = None,
        removed: dict[str, list[str]] | None = None,
        reviews_added: int = 0,
        reviews_removed: int = 0,
        redactions_changed: bool = False,
        picks_added: int = 0,
        picks_removed: int = 0,
        pitch_changed: bool = False,
        practice_added: int = 0,
        practice_removed: int = 0,
    ) -> None:
        self.replacing = replacing
        """True for `import --replace` (records absent from the file are removed)."""
        self.added = _per_kind() if added is None else added
        self.changed = _per_kind() if changed is None else changed
        self.unchanged = _per_kind() if unchanged is None else unchanged
        self.removed = _per_kind() if removed is None else removed
        self.reviews_added = reviews_added
        """Recall grades in the file that the bank does not have yet."""
        self.reviews_removed = reviews_removed
        """Recall grades a replace drops (they are not in the file)."""
        self.redactions_changed = redactions_changed
        """Whether the redaction list ends up different."""
        self.picks_added = picks_added
        """Story choices in the file that the bank does not have yet."""
        self.picks_removed = picks_removed
        """Story choices a replace drops (they are not in the file)."""
        self.pitch_changed = pitch_changed
        """Whether the pitch ends up different."""
        self.practice_added = practice_added
        """Practice drills the file adds (an export imported twice adds none the second time)."""
        self.practice_removed = practice_removed
        """Practice drills a replace drops (they are not in the file)."""

    def has_changes(self) -> bool:
        return (
            any(self.added[k] or self.changed[k] or self.removed[k] for k in RECORD_TABLES)
            or bool(self.reviews_added or self.reviews_removed)
            or bool(self.picks_added or self.picks_removed)
            or bool(self.practice_added or self.practice_removed)
            or self.pitch_changed
            or self.redactions_changed
        )

    def counts(self) -> dict[str, int]:
        return {
            "added": sum(len(v) for v in self.added.values()),
            "changed": sum(len(v) for v in self.changed.values()),
            "unchanged": sum(len(v) for v in self.unchanged.values()),
            "removed": sum(len(v) for v in self.removed.values()),
        }

    def summary_lines(self) -> list[str]:
        """Readable lines for `--dry-run`: one per record touched, then the totals."""
        lines: list[str] = []
        for verb, table in (("add", self.added), ("change", self.changed)):
            for kind in RECORD_TABLES:
                lines.extend(f"{verb} {_SINGULAR[kind]} {rid}" for rid in table[kind])
        for kind in RECORD_TABLES:
            ids = self.unchanged[kind]
            if len(ids) > _UNCHANGED_LISTED:
                lines.append(f"keep {len(ids)} {kind} (unchanged)")
            else:
                lines.extend(f"keep {_SINGULAR[kind]} {rid} (unchanged)" for rid in ids)
        for kind in RECORD_TABLES:
            lines.extend(f"remove {_SINGULAR[kind]} {rid}" for rid in self.removed[kind])
        if self.reviews_added:
            lines.append(f"add {self.reviews_added} recall review(s)")
        if self.reviews_removed:
            lines.append(f"remove {self.reviews_removed} recall review(s)")
        if self.picks_added:
            lines.append(f"add {self.picks_added} story choice(s)")
        if self.picks_removed:
            lines.append(f"remove {self.picks_removed} story choice(s)")
        if self.practice_added:
            lines.append(f"add {self.practice_added} practice drill(s)")
        if self.practice_removed:
            lines.append(f"remove {self.practice_removed} practice drill(s)")
        if self.pitch_changed:
            lines.append("update the pitch")
        if self.redactions_changed:
            lines.append("update the redaction list")
        c = self.counts()
        lines.append(
            f"{c['added']} to add, {c['changed']} to change, {c['unchanged']} unchanged, "
            f"{c['removed']} to remove"
        )
        return lines

    def to_dict(self) -> dict[str, Any]:
        return {
            "replace": self.replacing,
            "added": self.added,
            "changed": self.changed,
            "unchanged": self.unchanged,
            "removed": self.removed,
            "reviews_added": self.reviews_added,
            "reviews_removed": self.reviews_removed,
            "redactions_changed": self.redactions_changed,
            "picks_added": self.picks_added,
            "picks_removed": self.picks_removed,
            "pitch_changed": self.pitch_changed,
            "practice_added": self.practice_added,
            "practice_removed": self.practice_removed,
        }


def _review_key(review: Review) -> tuple[str, str, str]:
    return (review.card, review.rating, review.at)


def _pick_key(pick: Pick) -> tuple[str, str, str]:
    return (pick.question, pick.story, pick.at)


def merged_picks(current: list[Pick], incoming: list[Pick]) -> list[Pick]:
    """The bank's choices plus the file's new ones (the same question, story and time are
    the same choice), so importing your own export twice never doubles one."""
    seen = {_pick_key(p) for p in current}
    out = list(current)
    for pick in incoming:
        if _pick_key(pick) not in seen:
            seen.add(_pick_key(pick))
            out.append(pick)
    return out


def _practice_key(record: PracticeRecord) -> str:
    """A drill is the same when every field is: the time, the question, the story, the rating."""
    return json.dumps(record.to_dict(), sort_keys=True, ensure_ascii=False, default=str)


def merged_practice(
    current: list[PracticeRecord], incoming: list[PracticeRecord]
) -> list[PracticeRecord]:
    """The bank's drills plus the file's new ones, oldest first as each list was, so an
    export imported back (or on a second machine twice) never counts a drill twice."""
    seen = {_practice_key(r) for r in current}
    out = list(current)
    for record in incoming:
        key = _practice_key(record)
        if key not in seen:
            seen.add(key)
            out.append(record)
    return out


def merged_reviews(current: list[Review], incoming: list[Review]) -> list[Review]:
    """The bank's grades plus the file's new ones (a grade is the same when card, rating
    and time are), so importing your own export twice never counts a review twice."""
    seen = {_review_key(r) for r in current}
    out = list(current)
    for review in incoming:
        if _review_key(review) not in seen:
            seen.add(_review_key(review))
            out.append(review)
    return out


def merged_redactions(current: list[Redaction], incoming: list[Redaction]) -> list[Redaction]:
    """The bank's list with the file's entries added or updated, matched by name (any case)."""
    out = list(current)
    index = {" ".join(r.name.split()).casefold(): i for i, r in enumerate(out)}
    for redaction in incoming:
        key = " ".join(redaction.name.split()).casefold()
        if key in index:
            out[index[key]] = redaction
        else:
            index[key] = len(out)
            out.append(redaction)
    return out


def redacted_overwrite_error(plan: ImportPlan, source: str = "the file") -> StoryBankError | None:
    """Why a redacted file must not be imported over this bank, or None when it is safe.

    A redacted export holds stand-ins ("a Series C analytics company") where the bank has
    the real names; merging it would overwrite the real text. Adding records is fine."""
    overwritten = [
        f"{_SINGULAR[kind]} {rid}"
        for kind in RECORD_TABLES
        for rid in [*plan.changed[kind], *plan.removed[kind]]
    ]
    if not overwritten:
        return None
    shown = ", ".join(overwritten[:3]) + (" ..." if len(overwritten) > 3 else "")
    return StoryBankError(
        f"{source} is a redacted export: importing it would overwrite the real text of "
        f"{len(overwritten)} record(s) ({shown}) with stand-ins. Nothing was written. "
        "Import it into another bank (--db PATH), or pass --force if you really mean it."
    )


def plan_import(current: Bank, incoming: Bank, replace: bool = False) -> ImportPlan:
    """Compare by id: merge keeps records absent from `incoming`; replace removes them."""
    plan = ImportPlan(replacing=replace)
    if replace:
        have = {_review_key(r) for r in current.reviews}
        want = {_review_key(r) for r in incoming.reviews}
        plan.reviews_added = len(want - have)
        plan.reviews_removed = len(have - want)
        plan.redactions_changed = current.redactions != incoming.redactions
        have_picks = {_pick_key(p) for p in current.picks}
        want_picks = {_pick_key(p) for p in incoming.picks}
        plan.picks_added = len(want_picks - have_picks)
        plan.picks_removed = len(have_picks - want_picks)
        plan.pitch_changed = current.pitch != incoming.pitch
        have_drills = {_practice_key(r) for r in current.practice}
        want_drills = {_practice_key(r) for r in incoming.practice}
        plan.practice_added = len(want_drills - have_drills)
        plan.practice_removed = len(have_drills - want_drills)
    else:
        plan.reviews_added = len(merged_reviews(current.reviews, incoming.reviews)) - len(
            current.reviews
        )
        plan.redactions_changed = (
            merged_redactions(current.redactions, incoming.redactions) != current.redactions
        )
        plan.picks_added = len(merged_picks(current.picks, incoming.picks)) - len(current.picks)
        plan.pitch_changed = merged_pitch(current.pitch, incoming.pitch) != current.pitch
        plan.practice_added = len(merged_practice(current.practice, incoming.practice)) - len(
            current.practice
        )
    for kind in RECORD_TABLES:
        # Only records the file also holds are compared: the canonical form of every
        # record in a big bank would cost more than the rest of an import.
        existing = {r.id: r for r in getattr(current, kind)}
        seen: set[str] = set()
        for record in getattr(incoming, kind):
            if record.id in seen:
                continue
            seen.add(record.id)
            if record.id not in existing:
                plan.added[kind].append(record.id)
            elif _canonical(existing[record.id]) != _canonical(record):
                plan.changed[kind].append(record.id)
            else:
                plan.unchanged[kind].append(record.id)
        if replace:
            plan.removed[kind] = [rid for rid in existing if rid not in seen]
    return plan


def _import_docs(incoming: Bank) -> dict[str, dict[str, dict[str, Any]]]:
    """Each kind's records in file form by id, first occurrence of an id kept (in order)."""
    out: dict[str, dict[str, dict[str, Any]]] = {}
    for kind in RECORD_TABLES:
        unique: dict[str, dict[str, Any]] = {}
        for record in getattr(incoming, kind):
            if record.id not in unique:
                unique[record.id] = record.to_dict()
        out[kind] = unique
    return out


def _order_differs(
    data: dict[str, Any], docs: dict[str, dict[str, dict[str, Any]]], path: Path
) -> bool:
    """Whether replacing with `docs` would change the order of any kind's records."""
    return any(
        [d.get("id") for d in _docs(data, kind, path)] != list(docs[kind]) for kind in RECORD_TABLES
    )


# --- locking ------------------------------------------------------------------------------


def _lock_error(db: Path, lock: Path, timeout: float) -> DatabaseError:
    if not os.path.exists(lock):
        # No lock file means no other storybank: the folder does not let us create one.
        return DatabaseError(
            f"cannot create the lock file {lock}: the folder is read-only or not yours, so "
            f"storybank cannot save changes to {db} there."
        )
    return DatabaseError(
        f"another storybank is writing {db} (waited {timeout:g} s for the lock {lock}). "
        "Let it finish or close it, then try again."
    )


# --- the store ----------------------------------------------------------------------------


class SeenSettings:
    """Reads settings as the Store last saw the file (`Store.seen_setting`)."""

    __slots__ = ("_store",)

    def __init__(self, store: Store) -> None:
        self._store = store

    def get_setting(self, key: str, default: Any = None) -> Any:
        return self._store.seen_setting(key, default)


class _Txn:
    """One locked read-modify-write: TinyDB over a fresh in-memory copy of the file."""

    def __init__(self, data: dict[str, Any], existed: bool) -> None:
        from tinydb import TinyDB
        from tinydb.storages import MemoryStorage

        self.data = data
        self.existed = existed
        self.backup_reason: str | None = None
        self.dirty = False
        storage = MemoryStorage()
        storage.memory = data
        self._storage = storage
        self.db: TinyDB = TinyDB(storage=lambda: storage)
        self.touched: dict[str, set[str]] | None = {}
        """Ids of stories, companies and questions changed through `put`, `put_many` and
        `remove`, by table; None once a table was used directly (anything may have
        changed). Lets the store rebuild only those records of its Bank after a write."""

    def table(self, name: str):  # -> tinydb.table.Table
        self.touched = None  # the caller may change anything in it
        return self.db.table(name)

    def _table(self, name: str, key: str | None = None, ids: Iterable[Any] = ()):
        """The table, for this class's own tracked changes (`key` None: only reads)."""
        if key is not None and self.touched is not None:
            if key != "id" or name not in _TRACKED_TYPES:
                self.touched = None
            else:
                self.touched.setdefault(name, set()).update(ids)
        return self.db.table(name)

    def put(self, name: str, key: str, value: Any, doc: dict[str, Any]) -> None:
        """Insert `doc` or replace the doc whose `key` equals `value`, keeping its position."""
        from tinydb import Query

        table = self._table(name, key, (value, doc.get("id")))
        found = table.get(Query()[key] == value)
        if found is None:
            table.insert(doc)
        else:

            def overwrite(old: dict[str, Any]) -> None:
                old.clear()
                old.update(doc)

            table.update(overwrite, doc_ids=[found.doc_id])
        self.dirty = True

    def put_many(self, name: str, docs: list[dict[str, Any]]) -> None:
        """`put` for many records by `id` at once: one pass to index the table, one
        update for the records that exist (in place) and one insert for the new ones.

        A `put` per record would cost a query over the whole table each (and TinyDB
        rewrites its table dict on every call), which made big imports quadratic."""
        if not docs:
            return
        table = self._table(name, "id", (d["id"] for d in docs))
        position = {doc.get("id"): doc.doc_id for doc in table}
        replacing = {d["id"]: d for d in docs if d["id"] in position}
        if replacing:

            def overwrite(old: dict[str, Any]) -> None:
                new = replacing[old["id"]]
                old.clear()
                old.update(new)

            table.update(overwrite, doc_ids=[position[rid] for rid in replacing])
        table.insert_multiple(d for d in docs if d["id"] not in position)
        self.dirty = True

    def remove(self, name: str, key: str, value: Any) -> dict[str, Any] | None:
        from tinydb import Query

        table = self._table(name, key, (value,))
        found = table.get(Query()[key] == value)
        if found is None:
            return None
        table.remove(doc_ids=[found.doc_id])
        self.dirty = True
        return dict(found)

    def keep_story_version(
        self, old: dict[str, Any], new: dict[str, Any], how: str = "", *, summary: str = ""
    ) -> None:
        """Keep `old` (a story as stored) as an earlier version, before `new` replaces it.

        Written in this same transaction, so a version exists exactly when its save does;
        filed under `new`'s id, so a renamed story keeps its history.
        Nothing is kept when the two are equal. Past `VERSIONS_KEPT` for that story its
        oldest versions go. Uses the table directly without giving up the Bank update:
        versions are not part of the Bank. `summary` replaces the "Changed ..." line (a
        delete files the story as it was, with `new` just its id)."""
        if old == new:
            return
        story_id = new.get("id")
        table = self.db.table(VERSIONS_TABLE)
        # The raw docs, not `table.all()`: no Document built for every version of the bank.
        raw = (self._storage.memory or {}).get(VERSIONS_TABLE) or {}
        mine = [(int(key), doc) for key, doc in raw.items() if doc.get("story_id") == story_id]
        number = max((_version_number(doc) for _key, doc in mine), default=0) + 1
        table.insert(
            {
                "story_id": story_id,
                "number": number,
                "replaced_at": _now_iso(),
                "summary": summary or change_summary(old, new, how),
                "story": copy.deepcopy(old),
            }
        )
        dropped: list[int] = []
        surplus = len(mine) + 1 - VERSIONS_KEPT
        if surplus > 0:
            oldest = sorted(mine, key=lambda item: _version_number(item[1]))[:surplus]
            dropped = [key for key, _doc in oldest]
        surplus = len(raw) - len(dropped) + 1 - VERSIONS_TOTAL
        if surplus > 0:  # doc ids grow with time: the lowest are the bank's oldest versions
            going = set(dropped)
            others = sorted(int(key) for key in raw if int(key) not in going)
            dropped += others[:surplus]
        if dropped:
            table.remove(doc_ids=dropped)
        self.dirty = True

    def rename_story_versions(self, old_id: str, new_id: str) -> None:
        """A renamed story keeps its history under the new id."""
        table = self.db.table(VERSIONS_TABLE)
        raw = (self._storage.memory or {}).get(VERSIONS_TABLE) or {}
        ids = [int(key) for key, doc in raw.items() if doc.get("story_id") == old_id]
        if ids:
            table.update({"story_id": new_id}, doc_ids=ids)

    def find_setting(self, key: str) -> Any:
        """The value of setting `key` in this transaction's data (None if unset)."""
        for doc in self.table("settings").all():
            if doc.get("key") == key:
                return copy.deepcopy(doc.get("value"))
        return None

    def find(self, name: str, record_id: str) -> Any:  # -> tinydb Document | None
        from tinydb import Query

        return self._table(name).get(Query()["id"] == record_id)

    def check(self, name: str, expect: Expect | None, path: Path) -> None:
        """Raise ConflictError for the first id whose version on disk is not the expected one."""
        if not expect:
            return
        make = _RECORD_TYPES[name]
        for record_id, expected in expect.items():
            doc = self.find(name, record_id)
            try:
                disk = make.from_dict(dict(doc)) if doc is not None else None
            except (KeyError, TypeError, AttributeError, ValueError):
                raise DatabaseError(f"{path} holds a record storybank cannot read.") from None
            if record_version(disk) != expected:
                raise ConflictError(name, record_id, disk, expected)

    def rename_story_references(self, old_id: str, new_id: str) -> None:
        """Point practice records and recall-card reviews of story `old_id` at `new_id`.

        A recall card's id starts with its story's id (`story/kind/key`), so the reviews
        of a renamed story's cards keep their history under the new id."""
        self.rename_practice_references(old_id, new_id)
        prefix = f"{old_id}/"
        reviews = self.table(REVIEWS_TABLE)
        ids = [
            doc.doc_id
            for doc in reviews.all()
            if isinstance(doc.get("card"), str) and doc["card"].startswith(prefix)
        ]

        def rename(doc: dict[str, Any]) -> None:
            doc["card"] = f"{new_id}/{doc['card'][len(prefix) :]}"

        if ids:
            reviews.update(rename, doc_ids=ids)
        picks = self.table(PICKS_TABLE)
        chosen = [doc.doc_id for doc in picks.all() if doc.get("story") == old_id]
        if chosen:
            picks.update({"story": new_id}, doc_ids=chosen)

    def rename_practice_references(self, old_id: str, new_id: str) -> int:
        """Point practice records that name `old_id` at `new_id`; how many changed."""
        changed = 0

        def rename(doc: dict[str, Any]) -> None:
            for key in PRACTICE_STORY_KEYS:
                if doc.get(key) == old_id:
                    doc[key] = new_id

        table = self.table(PRACTICE_TABLE)
        ids = [
            doc.doc_id
            for doc in table.all()
            if any(doc.get(key) == old_id for key in PRACTICE_STORY_KEYS)
        ]
        if ids:
            table.update(rename, doc_ids=ids)
            changed = len(ids)
        return changed

    @property
    def result(self) -> dict[str, Any]:
        return self._storage.memory or {}


class _Snapshot:
    """The file as last read or written by this Store: its bytes, their parsed data and
    (built on first use) the Bank, so nothing is parsed or built twice for one version."""

    __slots__ = ("_after", "bank", "data", "migrated", "payload")

    def __init__(self, payload: bytes, data: dict[str, Any], migrated: bool) -> None:
        self.payload = payload
        self.data = data
        self.migrated = migrated
        """The file is of an older schema and `data` is its migrated copy."""
        self.bank: Bank | None = None
        self._after: tuple[Bank, dict[str, set[str]] | None, Path] | None = None

    def build_after_write(
        self, base: Bank, touched: dict[str, set[str]] | None, path: Path
    ) -> None:
        """Let `known_bank` build this version's Bank from `base` (`_bank_after_write`)
        when it is first asked for: a command that writes and exits never asks."""
        self._after = (base, touched, path)

    def known_bank(self) -> Bank | None:
        """The Bank built for these records, if one is or can cheaply be (else None)."""
        if self.bank is None and self._after is not None:
            base, touched, path = self._after
            self._after = None
            self.bank = _bank_after_write(base, self.data, touched, path)
        return self.bank


class Store:
    """The user's story bank. Reads are lock-free snapshots; every write is locked and atomic."""

    def __init__(
        self,
        path: Path,
        *,
        lock_timeout: float | None = None,
        storage_factory: Callable[[Path], Storage] | None = None,
    ) -> None:
        self.path = Path(path)
        self.lock_timeout = DEFAULT_LOCK_TIMEOUT if lock_timeout is None else lock_timeout
        self._storage_factory = storage_factory
        self._storage: Storage | None = None
        self._lock: Any = None
        import threading  # here, not at the top: `storybank ask` reads without a Store

        self._setup = threading.Lock()
        """Guards the lazy creation of the lock and storage when threads share a Store."""
        self._cache: _Snapshot | None = None
        self.last_backup: Path | None = None
        """The backup the last write through this Store took before it wrote (None if that
        write took none): what a command names when it says how to undo it."""

    @classmethod
    def open(cls, explicit: str | None = None, *, lock_timeout: float | None = None) -> Store:
        """Open the bank (path via `locations.db_path`); sweep leftovers, check, migrate."""
        store = cls(locations.db_path(explicit), lock_timeout=lock_timeout)
        store.check()
        return store

    # paths --------------------------------------------------------------------------------

    @property
    def target(self) -> Path:
        """The real file (the symlink's target when the path is a symlink)."""
        return real_path(self.path)

    @property
    def lock_file(self) -> Path:
        return locations.lock_path(self.target)

    @property
    def backups_dir(self) -> Path:
        return locations.backups_dir(self.target)

    # plumbing -----------------------------------------------------------------------------

    def _storage_for_write(self) -> Storage:
        with self._setup:
            return self._make_storage()

    def _make_storage(self) -> Storage:
        if self._storage is None:
            if self._storage_factory is not None:
                self._storage = self._storage_factory(self.path)
            else:
                from storybank.storage import AtomicJSONStorage

                self._storage = AtomicJSONStorage(self.path)
        return self._storage

    @contextmanager
    def _locked(self) -> Iterator[None]:
        from filelock import FileLock, Timeout

        from storybank.storage import ensure_dir

        with self._setup:
            if self._lock is None:
                try:
                    ensure_dir(self.lock_file.parent)
                except OSError as exc:
                    raise DatabaseError(
                        f"cannot create {self.lock_file.parent}: {exc.strerror or exc}"
                    ) from None
                self._lock = FileLock(
                    self.lock_file, timeout=self.lock_timeout, mode=0o600, poll_interval=0.01
                )
        try:
            self._lock.acquire()
        except Timeout:
            raise _lock_error(self.path, self.lock_file, self.lock_timeout) from None
        except OSError as exc:
            raise DatabaseError(f"cannot lock {self.lock_file}: {exc.strerror or exc}") from None
        try:
            yield
        finally:
            self._lock.release()

    def _snapshot(self) -> _Snapshot | None:
        """The file as it is now (None: no file); parsed again only when its bytes changed.

        Reading the bytes is cheap next to parsing them, and comparing bytes (not
        inode, size and mtime, which a quick replace can repeat) is never fooled.
        """
        payload = read_bytes(self.target)
        if payload is None:
            return None
        cached = self._cache
        if cached is not None and cached.payload == payload:
            return cached
        with paused():
            data, migrated = migrate_data(parse(payload, self.path), self.path)
            snapshot = _Snapshot(payload, data, migrated)
            snapshot.bank = bank_from_data(data, self.path)  # refuse damaged records up front
        self._cache = snapshot
        return snapshot

    def _data(self) -> dict[str, Any]:
        """The current raw data (see `_snapshot`); do not change it."""
        snapshot = self._snapshot()
        return snapshot.data if snapshot is not None else {}

    def _read_for_write(self, storage: Storage) -> tuple[dict[str, Any] | None, bool, Bank | None]:
        """Under the lock: (the file's migrated data or None, whether it was migrated,
        the Bank this Store built from those very records, if it did: they are checked).

        When the bytes are the ones this Store last read or wrote, their parsed data is
        handed over instead of parsing the file again (one parse per save); if this Store
        built its Bank from them, `bank_from_data` checked those very records, so they
        need no second check. The cache lets go of it first, because the write changes
        it in place."""
        read_payload = getattr(storage, "read_payload", None)
        if read_payload is None:  # a storage without bytes (tests' stock JSONStorage)
            raw = storage.read()
            if raw is None:
                return None, False, None
            data, migrated = migrate_data(raw, self.path)
            return data, migrated, None
        payload = read_payload()
        if payload is None:
            return None, False, None
        cached, self._cache = self._cache, None
        if cached is not None and cached.payload == payload:
            return cached.data, cached.migrated, cached.known_bank()
        data, migrated = migrate_data(parse(payload, self.path), self.path)
        return data, migrated, None

    @contextmanager
    def _transaction(self) -> Iterator[_Txn]:
        """Lock, re-read from disk, let the caller change the data, back up, write once.

        The cyclic collector waits until the write is done (`paused`): a transaction
        makes records, file forms and the JSON text and leaves no cycles, but on a large
        bank the collector's full passes over the whole parsed file were half of an
        import's change-and-write time."""
        from storybank import backups

        refuse_special(self.target)  # before the lock file is created beside it
        refuse_read_only(self.target, self.path)
        with paused(), self._locked():
            storage = self._storage_for_write()
            data, migrated, base = self._read_for_write(storage)
            existed = data is not None
            if data is not None and base is None:
                check_records(data, self.path)  # never write back a file with damaged records
            txn = _Txn(data if data is not None else {}, existed)
            if migrated:  # a Store used without open(): migrate with this write
                txn.dirty = True
                txn.backup_reason = _migration_reason(self._raw_version_hint(storage))
            yield txn
            if not txn.dirty:
                return
            result = txn.result
            _stamp_meta(result)
            self.last_backup = None
            if existed:
                keep = backups.keep_setting(result)
                if txn.backup_reason:
                    self.last_backup = backups.create_backup(self.path, txn.backup_reason, keep)
                else:
                    self.last_backup = backups.rolling_backup(self.path, keep)
            storage.write(result)
            written = getattr(storage, "last_payload", None)
            if written is not None:  # what the next read will find: keep it, parsed
                snapshot = _Snapshot(written, result, False)
                if base is not None and not migrated:
                    snapshot.build_after_write(base, txn.touched, self.path)
                self._cache = snapshot

    def _raw_version_hint(self, storage: Storage) -> dict[str, Any]:
        """The file's raw data (for naming a migration backup); rare, so parsed again."""
        return storage.read() or {}

    def check(self) -> None:
        """Sweep a killed writer's temp files, refuse a damaged file, run migrations."""
        from storybank import backups

        target = self.target
        refuse_special(target)  # before the lock file is created beside it
        try:
            is_folder, has_parent = target.is_dir(), target.parent.is_dir()
        except OSError as exc:  # a name too long, a folder that cannot be entered
            raise DatabaseError(f"cannot use {self.path}: {exc.strerror or exc}") from None
        if is_folder:
            raise DatabaseError(f"{self.path} is a folder, not a storybank database file.")
        if not has_parent:
            return  # nothing there yet; the first write creates it
        if not os.access(target.parent, os.W_OK) or is_read_only(target):
            self._data()  # read-only folder: nothing to sweep or migrate, but still check
            return
        if self._storage_factory is None and not self._leftovers(target):
            # Nothing a killed writer left: read without the lock (every write replaces
            # the file whole, so the read sees one complete version, as every other read
            # does). Only a file that needs migrating goes on to the lock, to be re-read
            # and written there. A temp file seen here may be a live writer's: the sweep
            # below waits for its lock, as always.
            snapshot = self._snapshot()
            if snapshot is None or not snapshot.migrated:
                return
            self._cache = None
        from storybank.storage import sweep_temp_files  # imports TinyDB: only when needed

        with self._locked():
            sweep_temp_files(target)
            backups.sweep_temp_files(self.path)
            storage = self._storage_for_write()
            read_payload = getattr(storage, "read_payload", None)
            payload = None
            if read_payload is None:  # a storage without bytes (tests' stock JSONStorage)
                raw = storage.read()
            else:
                payload = read_payload()
                with paused():
                    raw = None if payload is None else parse(payload, self.path)
            if raw is None:
                return
            with paused():
                data, migrated = migrate_data(raw, self.path)
                bank = bank_from_data(data, self.path)
            if payload is not None and not migrated:  # what the next read finds: keep it
                self._cache = _Snapshot(payload, data, False)
                self._cache.bank = bank
            if migrated:
                keep = backups.keep_setting(data)
                backups.create_backup(self.path, _migration_reason(raw), keep)
                self._storage_for_write().write(data)
                self._cache = None

    def _leftovers(self, target: Path) -> bool:
        """Whether a killed writer may have left temp files (beside the file or among the
        backups): only then does opening need the lock to sweep them."""
        from storybank import backups
        from storybank.dbfile import temp_files

        return bool(temp_files(target)) or backups.has_temp_files(self.path)

    # backups ------------------------------------------------------------------------------

    def backups(self) -> list[BackupInfo]:
        """Every backup of this bank, newest first, with the stories each holds.

        Needs no lock and works when the database itself is damaged.
        """
        from storybank import backups

        return [
            info.replace(stories=_story_count(payload, info.path))
            for info, payload in backups.backup_files(self.path)
        ]

    def file_version(self) -> str:
        """A digest of the database file's bytes as they are now ("" when there is no
        file): what `restore_backup(expect_file=...)` checks under the lock."""
        return _payload_version(read_bytes(self.target))

    def restore_backup(
        self, name: str, *, expect_file: str | None = None
    ) -> tuple[Path, Path | None]:
        """Make the database a copy of backup `name`, backing up the current file first.

        `expect_file`: the `file_version()` the caller saw; if the file is not that any
        more under the lock, BankChangedError and nothing is changed (None: no check).

        The backup must parse as a storybank bank, or nothing is changed. Works when the
        database itself is damaged (that is what it is for): the damaged file is kept
        as a backup too. Returns (the backup restored, the backup of the state it replaced).
        """
        from storybank import backups
        from storybank.storage import atomic_write, ensure_dir, sweep_temp_files

        source = backups.find_backup(self.path, name)
        try:
            payload = read_capped(source, MAX_DB_BYTES)
        except OSError as exc:
            raise DatabaseError(f"cannot read the backup {source}: {exc.strerror or exc}") from None
        try:
            data, _ = migrate_data(parse(payload, source, hint=False), source)
            bank_from_data(data, source, hint=False)
        except DatabaseError as exc:
            first = str(exc).splitlines()[0]
            raise DatabaseError(
                f"cannot restore: {first.replace('; it was left untouched', '').rstrip('.')}; "
                f"{self.path} was not changed."
            ) from None
        target = self.target
        refuse_special(target)  # before the lock file is created beside it
        refuse_read_only(target, self.path)
        with self._locked():
            sweep_temp_files(target)
            current = read_bytes(target)
            if expect_file is not None and _payload_version(current) != expect_file:
                raise BankChangedError(self.path)
            keep = backups.DEFAULT_KEEP
            if current is not None:
                with suppress(DatabaseError):
                    keep = backups.keep_setting(parse(current, self.path, hint=False))
            safety = backups.create_backup(self.path, "before-restore", keep)
            try:
                ensure_dir(target.parent)
                atomic_write(target, payload)
            except OSError as exc:
                raise DatabaseError(
                    f"cannot restore into {self.path}: {exc.strerror or exc}; "
                    "the file was left as it was."
                ) from exc
            self._cache = None
        return source, safety

    # reads --------------------------------------------------------------------------------

    def bank(self) -> Bank:
        """A snapshot of the bank, built once per version of the file; do not change it
        (it is shared by every caller until the file changes)."""
        snapshot = self._snapshot()
        if snapshot is None:
            return Bank()
        bank = snapshot.bank
        if bank is None:
            with paused():
                bank = snapshot.known_bank()
                if bank is None:
                    bank = snapshot.bank = bank_from_data(snapshot.data, self.path)
        return bank

    def is_empty(self) -> bool:
        data = self._data()
        return not data.get("stories") and not data.get("companies")

    def stories(self) -> list[Story]:
        return [Story.from_dict(d) for d in _docs(self._data(), "stories", self.path)]

    def story(self, story_id: str) -> Story | None:
        return next((s for s in self.stories() if s.id == story_id), None)

    def companies(self) -> list[Company]:
        return [Company.from_dict(d) for d in _docs(self._data(), "companies", self.path)]

    def company(self, company_id: str) -> Company | None:
        return next((c for c in self.companies() if c.id == company_id), None)

    def questions(self) -> list[Question]:
        return [Question.from_dict(d) for d in _docs(self._data(), "questions", self.path)]

    def get_setting(self, key: str, default: Any = None) -> Any:
        return copy.deepcopy(_setting_from_data(self._data(), key, default))

    def seen_setting(self, key: str, default: Any = None) -> Any:
        """The setting in the version of the file this Store last read or wrote, without
        looking at the disk again (`get_setting` reads the file to compare its bytes).

        For a view built from that same version (the TUI redraws its bank after every
        write and every change it sees on disk): its settings then agree with what it
        shows, and a redraw on a large bank does not read the whole file once more for
        each setting. Before the first read it reads as `get_setting` does."""
        cached = self._cache
        if cached is None:
            return self.get_setting(key, default)
        return copy.deepcopy(_setting_from_data(cached.data, key, default))

    @property
    def seen_settings(self) -> SeenSettings:
        """A settings reader over `seen_setting` (for `settings.read`)."""
        return SeenSettings(self)

    def practice_history(self) -> list[dict[str, Any]]:
        return copy.deepcopy(_docs(self._data(), PRACTICE_TABLE, self.path))

    # writes -------------------------------------------------------------------------------

    def upsert_story(
        self,
        story: Story,
        *,
        expect: Expect | None = None,
        replaces: str | None = None,
        backup_reason: str | None = None,
        version_note: str = "",
    ) -> None:
        """Insert a story, or replace the one with its id in place (keeping its position).

        The story it replaces is kept as an earlier version (`story_versions`), in the
        same write; `version_note` says how this save was made ("restored version 3").

        Args:
            expect: id -> version the writer started from, checked under the lock
                (ConflictError, nothing written, on a mismatch). None: no check (the CLI).
            replaces: the story's old id when this save renames it. The new record takes
                the old one's place, practice records and recall-card reviews follow it,
                and the bank is backed up first (`rename`), all in the same write.
            backup_reason: back the bank up first (e.g. `overwrite` when the user chose to
                write over a change made on disk).
        """
        with self._transaction() as txn:
            txn.check("stories", expect, self.path)
            if backup_reason:
                txn.backup_reason = backup_reason
            new_doc = story.to_dict()
            old = txn.find("stories", replaces) if replaces and replaces != story.id else None
            if old is None:
                previous = txn.find("stories", story.id)
                if previous is not None:
                    txn.keep_story_version(dict(previous), new_doc, version_note)
                txn.put("stories", "id", story.id, new_doc)
                return
            txn.remove("stories", "id", story.id)  # only there if `expect` allowed it
            txn.rename_story_versions(old["id"], story.id)
            txn.keep_story_version(dict(old), new_doc, version_note)

            def overwrite(doc: dict[str, Any]) -> None:
                doc.clear()
                doc.update(story.to_dict())

            txn.table("stories").update(overwrite, doc_ids=[old.doc_id])
            txn.rename_story_references(old["id"], story.id)
            txn.dirty = True
            txn.backup_reason = backup_reason or "rename"

    def delete_story(self, story_id: str, *, expect: Expect | None = None) -> Story:
        """Remove a story after backing up the bank; NotFoundError if there is none.

        The story as it was is kept as its newest earlier version ("Deleted"), in the
        same write, so `restore_story_version` (with `expect={story_id: None}`) brings it
        back without undoing anything else. `expect` as for `upsert_story`: deleting a
        story that changed on disk since the user looked at it raises ConflictError instead.
        """
        with self._transaction() as txn:
            txn.check("stories", expect, self.path)
            removed = txn.remove("stories", "id", story_id)
            if removed is None:
                raise NotFoundError(f"no story with id {story_id!r} in {self.path}")
            txn.keep_story_version(removed, {"id": story_id}, summary=DELETED_SUMMARY)
            txn.backup_reason = "delete"
        return Story.from_dict(removed)

    def upsert_company(
        self,
        company: Company,
        *,
        expect: Expect | None = None,
        backup_reason: str | None = None,
    ) -> None:
        """Insert or replace a company in place; `expect` and `backup_reason` as for stories."""
        with self._transaction() as txn:
            txn.check("companies", expect, self.path)
            if backup_reason:
                txn.backup_reason = backup_reason
            txn.put("companies", "id", company.id, company.to_dict())

    def delete_company(self, company_id: str, *, expect: Expect | None = None) -> Company:
        with self._transaction() as txn:
            txn.check("companies", expect, self.path)
            removed = txn.remove("companies", "id", company_id)
            if removed is None:
                raise NotFoundError(f"no company with id {company_id!r} in {self.path}")
            txn.backup_reason = "delete"
        return Company.from_dict(removed)

    def plan_import(self, incoming: Bank, replace: bool = False) -> ImportPlan:
        """What `apply_import` would do now (for `--dry-run`); changes nothing."""
        return plan_import(self.bank(), incoming, replace)

    def apply_import(
        self,
        incoming: Bank,
        replace: bool = False,
        *,
        force: bool = False,
        keep_existing: bool = False,
        backup_reason: str | None = None,
        mark_samples: bool = False,
    ) -> ImportPlan:
        """Merge by id (or replace stories, companies and questions) in one atomic write.

        The plan and the records' file form are made before taking the lock, against
        the file as read then; under the lock the file is read again and, if another
        process changed it since, the plan is made again against what is there now, so
        such a change is neither lost nor misreported. The lock is held for the write
        itself, not for planning. Every step is linear in the number of records.
        Replacing backs the bank up first; so does a merge that overwrites records.
        A redacted file (`incoming.redacted`) is refused when it would overwrite
        existing records, unless `force`. `keep_existing` adds only the ids the file
        does not hold yet (an existing record is never changed); `backup_reason` backs
        the bank up before any change. `mark_samples` (loading the sample bank) marks
        every story and company that now holds exactly the file's record as a sample
        (`storybank.samples`), in the same write.
        """
        with paused():  # file forms of every incoming record; see `_transaction`
            base = self._snapshot()
            docs = _import_docs(incoming)
            current = self.bank() if base is not None else None
            plan = plan_import(current, incoming, replace) if current is not None else None
        with self._transaction() as txn:
            if plan is None or current is None or self._cache_was_not(base, txn):
                current = bank_from_data(txn.data, self.path)
                plan = plan_import(current, incoming, replace)
            if mark_samples:
                self._mark_samples(txn, incoming, plan, applied=not keep_existing)
            if keep_existing and not replace:
                for kind in RECORD_TABLES:
                    plan.unchanged[kind] += plan.changed[kind]
                    plan.changed[kind] = []
            if incoming.redacted and not force:
                refusal = redacted_overwrite_error(plan)
                if refusal is not None:
                    raise refusal
            if backup_reason and plan.has_changes():
                txn.backup_reason = backup_reason
            if replace:
                if not plan.has_changes() and not _order_differs(txn.data, docs, self.path):
                    return plan
                self._keep_imported_versions(txn, plan, docs)
                for kind in RECORD_TABLES:
                    table = txn.table(kind)
                    table.truncate()
                    table.insert_multiple(docs[kind].values())
                reviews = merged_reviews([], incoming.reviews)
                self._write_list(txn, REVIEWS_TABLE, [r.to_dict() for r in reviews])
                redactions = merged_redactions([], incoming.redactions)
                self._write_list(txn, REDACTIONS_TABLE, [r.to_dict() for r in redactions])
                picks = merged_picks([], incoming.picks)
                self._write_list(txn, PICKS_TABLE, [p.to_dict() for p in picks])
                pitch_docs = [] if incoming.pitch.is_empty() else [incoming.pitch.to_dict()]
                self._write_list(txn, PITCH_TABLE, pitch_docs)
                drills = merged_practice([], incoming.practice)
                self._write_list(txn, PRACTICE_TABLE, [r.to_dict() for r in drills])
                txn.dirty = True
                txn.backup_reason = "import-replace"
                return plan
            if not plan.has_changes():
                return plan
            self._keep_imported_versions(txn, plan, docs)
            for kind in RECORD_TABLES:
                touched = set(plan.added[kind]) | set(plan.changed[kind])
                txn.put_many(kind, [doc for rid, doc in docs[kind].items() if rid in touched])
            if plan.reviews_added:
                new = merged_reviews(current.reviews, incoming.reviews)[len(current.reviews) :]
                txn.table(REVIEWS_TABLE).insert_multiple(r.to_dict() for r in new)
                txn.dirty = True
            if plan.picks_added:
                new_picks = merged_picks(current.picks, incoming.picks)[len(current.picks) :]
                txn.table(PICKS_TABLE).insert_multiple(p.to_dict() for p in new_picks)
                txn.dirty = True
            if plan.practice_added:
                drills = merged_practice(current.practice, incoming.practice)
                new_drills = drills[len(current.practice) :]
                txn.table(PRACTICE_TABLE).insert_multiple(r.to_dict() for r in new_drills)
                txn.dirty = True
            if plan.pitch_changed:
                pitch = merged_pitch(current.pitch, incoming.pitch)
                self._write_list(txn, PITCH_TABLE, [pitch.to_dict()])
            if plan.redactions_changed:
                redactions = merged_redactions(current.redactions, incoming.redactions)
                self._write_list(txn, REDACTIONS_TABLE, [r.to_dict() for r in redactions])
            if any(plan.changed.values()) and not txn.backup_reason:
                txn.backup_reason = "import"
        return plan

    @staticmethod
    def _keep_imported_versions(
        txn: _Txn, plan: ImportPlan, docs: dict[str, dict[str, dict[str, Any]]]
    ) -> None:
        """Keep the stories an import changes as earlier versions, in the import's write."""
        for story_id in plan.changed["stories"]:
            old = txn.find("stories", story_id)
            if old is not None and story_id in docs["stories"]:
                txn.keep_story_version(dict(old), docs["stories"][story_id], "import")

    # history ------------------------------------------------------------------------------

    def story_versions(self, story_id: str) -> list[StoryVersion]:
        """The earlier versions kept of one story, newest first (unreadable ones skipped)."""
        versions: list[StoryVersion] = []
        for doc in _docs(self._data(), VERSIONS_TABLE, self.path):
            if doc.get("story_id") != story_id:
                continue
            try:
                story = Story.from_dict(dict(doc["story"]))
                number = int(doc["number"])
            except (KeyError, TypeError, AttributeError, ValueError):
                continue
            versions.append(
                StoryVersion(
                    number, str(doc.get("replaced_at", "")), str(doc.get("summary", "")), story
                )
            )
        versions.sort(key=lambda v: v.number, reverse=True)
        return versions

    def last_edited(self) -> dict[str, str]:
        """Story id -> when a save last changed it (UTC, ISO 8601), from the kept versions
        (one read for the whole bank; a story never changed since it was added is absent).
        The story list's "last edited" order reads it."""
        latest: dict[str, str] = {}
        for doc in _docs(self._data(), VERSIONS_TABLE, self.path):
            story_id, when = doc.get("story_id"), doc.get("replaced_at")
            if isinstance(story_id, str) and isinstance(when, str):
                latest[story_id] = max(when, latest.get(story_id, ""))
        return latest

    def restore_story_version(self, story_id: str, number: int, *, expect: Expect) -> Story:
        """Make version `number` the story's current one: a save like any other (so the
        version it replaces is kept too, and the restore can itself be undone).

        `expect` is checked as for `upsert_story`: a story changed or deleted since the
        caller looked is never overwritten (ConflictError). NotFoundError for no such
        version."""
        version = next((v for v in self.story_versions(story_id) if v.number == number), None)
        if version is None:
            raise NotFoundError(f"no version {number} of the story {story_id!r} in {self.path}")
        story = version.story.replace(id=story_id)  # a version from before a rename
        self.upsert_story(story, expect=expect, version_note=f"restored version {number}")
        return story

    def revert_records(
        self,
        changes: list[tuple[str, str, Story | Company | Question | None, Version]],
        *,
        settings: Mapping[str, Any] | None = None,
        note: str = "undo",
    ) -> None:
        """Put records back as they were, in one checked write (the app's undo).

        Each change is (table, id, the record to put back or None to remove it, the
        version the record must have now). If any record is not at its version (another
        writer changed it since), ConflictError and nothing is written. `settings`: keys
        to set back (None as a value removes the key). A story put back over another
        version keeps that one as an earlier version."""
        with self._transaction() as txn:
            for kind, record_id, _record, now in changes:
                make = _TRACKED_TYPES[kind]
                doc = txn.find(kind, record_id)
                try:
                    disk = make.from_dict(dict(doc)) if doc is not None else None
                except (KeyError, TypeError, AttributeError, ValueError):
                    raise DatabaseError(
                        f"{self.path} holds a record storybank cannot read."
                    ) from None
                if record_version(disk) != now:
                    shown = disk if isinstance(disk, Story | Company) else None
                    raise ConflictError(kind, record_id, shown, now)
            for kind, record_id, record, _now in changes:
                if record is None:
                    txn.remove(kind, "id", record_id)
                    continue
                new_doc = record.to_dict()
                previous = txn.find(kind, record_id) if kind == "stories" else None
                if previous is not None:
                    txn.keep_story_version(dict(previous), new_doc, note)
                txn.put(kind, "id", record_id, new_doc)
            for key, value in (settings or {}).items():
                if value is None:
                    txn.remove("settings", "key", key)
                else:
                    txn.put("settings", "key", key, {"key": key, "value": value})
                txn.dirty = True
            txn.backup_reason = txn.backup_reason or note.replace(" ", "-")
            txn.dirty = True

    @staticmethod
    def _mark_samples(txn: _Txn, incoming: Bank, plan: ImportPlan, *, applied: bool) -> None:
        """Mark the sample records this import leaves equal to the file's (see apply_import).

        A record kept as the user edited it (`applied` False: only missing ids are added)
        keeps the mark it had, and gets none if it had none."""
        from storybank.samples import SAMPLE_KINDS, SAMPLES_SETTING, marks_from_setting

        found = txn.find_setting(SAMPLES_SETTING)
        marks = marks_from_setting(found)
        for kind in SAMPLE_KINDS:
            equal = set(plan.added[kind]) | set(plan.unchanged[kind])
            if applied:
                equal |= set(plan.changed[kind])
            for record in getattr(incoming, kind):
                if record.id in equal:
                    marks[kind][record.id] = record_version(record) or ""
        if found is not None and marks == marks_from_setting(found):
            return
        txn.put("settings", "key", SAMPLES_SETTING, {"key": SAMPLES_SETTING, "value": marks})

    def sample_status(self) -> SampleStatus:
        """Which stories and companies are samples, untouched or edited."""
        from storybank.samples import SAMPLES_SETTING, sample_status

        data = self._data()
        return sample_status(self.bank(), _setting_from_data(data, SAMPLES_SETTING), record_version)

    def remove_samples(
        self, *, include_edited: bool = False, keep_edited: bool = False
    ) -> tuple[SampleStatus, SampleStatus]:
        """Remove the sample stories and companies in one write, after a backup.

        Untouched samples are removed. A sample the user edited is removed only with
        `include_edited`; with `keep_edited` it loses its mark and becomes the user's own;
        with neither, any edited sample refuses the whole removal (SamplesEditedError,
        nothing written). Returns (what was removed, what was kept as the user's own)."""
        from storybank.samples import (
            SAMPLE_KINDS,
            SAMPLES_SETTING,
            SampleStatus,
            sample_status,
        )

        with self._transaction() as txn:
            setting = txn.find_setting(SAMPLES_SETTING)
            status = sample_status(bank_from_data(txn.data, self.path), setting, record_version)
            if status.is_empty():
                if setting is not None:
                    txn.remove("settings", "key", SAMPLES_SETTING)
                none: dict[str, list[str]] = {kind: [] for kind in SAMPLE_KINDS}
                return SampleStatus(none, none), SampleStatus(dict(none), dict(none))
            edited_count = sum(len(status.edited[k]) for k in SAMPLE_KINDS)
            if edited_count and not include_edited and not keep_edited:
                raise SamplesEditedError(status)
            removed = {
                kind: status.untouched[kind] + (status.edited[kind] if include_edited else [])
                for kind in SAMPLE_KINDS
            }
            kept = {
                kind: [] if include_edited else list(status.edited[kind]) for kind in SAMPLE_KINDS
            }
            for kind in SAMPLE_KINDS:
                for rid in removed[kind]:
                    txn.remove(kind, "id", rid)
            # Every mark is now resolved: the record was removed, or it is the user's own.
            txn.remove("settings", "key", SAMPLES_SETTING)
            txn.backup_reason = "remove-samples"
            txn.dirty = True
        empty: dict[str, list[str]] = {kind: [] for kind in SAMPLE_KINDS}
        return SampleStatus(removed, empty), SampleStatus(kept, dict(empty))

    @staticmethod
    def _cache_was_not(base: _Snapshot | None, txn: _Txn) -> bool:
        """Whether the data under the lock is not the version the plan was made from."""
        return base is None or txn.data is not base.data

    @staticmethod
    def _write_list(txn: _Txn, table_name: str, docs: list[dict[str, Any]]) -> None:
        table = txn.table(table_name)
        table.truncate()
        table.insert_multiple(docs)
        txn.dirty = True

    # recall drill and redactions ----------------------------------------------------------

    def reviews(self) -> list[Review]:
        """Every recall grade, oldest first."""
        return [Review.from_dict(d) for d in _docs(self._data(), REVIEWS_TABLE, self.path)]

    def add_review(self, review: Review) -> None:
        """Append one recall grade (one locked, atomic write)."""
        with self._transaction() as txn:
            txn.table(REVIEWS_TABLE).insert(review.to_dict())
            txn.dirty = True

    # the pitch ----------------------------------------------------------------------------

    def pitch(self) -> Pitch:
        return _stored_pitch(self._data(), self.path)

    def set_pitch(self, pitch: Pitch, *, expect: Pitch | None = None) -> None:
        """Save the whole pitch in one locked, atomic write. With `expect` (the pitch as the
        writer last read it), a pitch changed on disk since is never overwritten: a
        StoryBankError says so and nothing is written. Checked as a file's `pitch:` would be."""
        from storybank.validate import validate_bank_data

        _, problems = validate_bank_data({"version": 1, "pitch": pitch.to_dict()})
        if problems:
            raise StoryBankError(problems[0].message)
        with self._transaction() as txn:
            current = _stored_pitch(txn.data, self.path)
            if expect is not None and current != expect:
                raise StoryBankError(
                    "your pitch was changed elsewhere (another window or `storybank pitch`) "
                    "since you opened it; nothing was saved. Reopen it to see that change."
                )
            if current == pitch:
                return
            self._write_list(txn, PITCH_TABLE, [] if pitch.is_empty() else [pitch.to_dict()])

    # the user's own story choices -------------------------------------------------------

    def picks(self) -> list[Pick]:
        """Every story the user chose for a question, oldest first."""
        return [Pick.from_dict(d) for d in _docs(self._data(), PICKS_TABLE, self.path)]

    def add_pick(self, pick: Pick) -> None:
        """Remember that the user chose `pick.story` for `pick.question` (one atomic write).
        Checked as a file's `picks:` entry would be, so an export always imports back."""
        from storybank.validate import validate_bank_data

        _, problems = validate_bank_data({"version": 1, "picks": [pick.to_dict()]})
        if problems:
            raise StoryBankError(problems[0].message.replace("pick #1", "the choice"))
        with self._transaction() as txn:
            txn.table(PICKS_TABLE).insert(pick.to_dict())
            txn.dirty = True

    def forget_pick(self, pick: Pick) -> bool:
        """Undo one choice (matched by question, story and time); False if it was not there."""
        with self._transaction() as txn:
            table = txn.table(PICKS_TABLE)
            ids = [
                doc.doc_id
                for doc in table.all()
                if (doc.get("question"), doc.get("story"), doc.get("at")) == _pick_key(pick)
            ]
            if not ids:
                return False
            table.remove(doc_ids=ids[-1:])
            txn.dirty = True
            return True

    def redactions(self) -> list[Redaction]:
        return [Redaction.from_dict(d) for d in _docs(self._data(), REDACTIONS_TABLE, self.path)]

    def set_redactions(self, redactions: list[Redaction]) -> None:
        """Replace the redaction list (the TUI's editor saves the whole list at once)."""
        with self._transaction() as txn:
            self._write_list(txn, REDACTIONS_TABLE, [r.to_dict() for r in redactions])

    def set_setting(self, key: str, value: Any) -> None:
        """Store a JSON value under `key` (e.g. `backups.keep`)."""
        json.dumps(value, allow_nan=False)  # refuse what the file cannot hold, before locking
        with self._transaction() as txn:
            txn.put("settings", "key", key, {"key": key, "value": copy.deepcopy(value)})

    def add_practice(self, record: dict[str, Any]) -> None:
        """Append one practice record (a JSON mapping) to the history."""
        if not isinstance(record, dict):
            raise TypeError("a practice record is a mapping")
        json.dumps(record, allow_nan=False)
        with self._transaction() as txn:
            txn.table(PRACTICE_TABLE).insert(copy.deepcopy(record))
            txn.dirty = True

    # the interview loop ------------------------------------------------------------------

    def ledger(self) -> list[Telling]:
        """Every story told, in the order recorded."""
        return [Telling.from_dict(d) for d in _docs(self._data(), "ledger", self.path)]

    def debriefs(self) -> list[Debrief]:
        return [Debrief.from_dict(d) for d in _docs(self._data(), "debriefs", self.path)]

    def add_telling(self, telling: Telling) -> Telling:
        """Record a story told; an empty id gets the next free `told-COMPANY-DATE-N`.

        The id is chosen under the lock, so two processes recording at once never
        give two entries the same id. Returns the entry as stored."""
        with self._transaction() as txn:
            if not telling.id:
                taken = {d.get("id") for d in txn.table("ledger").all()}
                telling = telling.replace(
                    id=_free_id(f"told-{telling.company}-{telling.date}", taken)
                )
            txn.put("ledger", "id", telling.id, telling.to_dict())
        return telling

    def add_debrief(self, debrief: Debrief, questions: list[Question] | None = None) -> Debrief:
        """Record a debrief and add the new questions to the user's bank, in one write."""
        with self._transaction() as txn:
            if not debrief.id:
                taken = {d.get("id") for d in txn.table("debriefs").all()}
                debrief = debrief.replace(
                    id=_free_id(f"debrief-{debrief.company}-{debrief.date}", taken)
                )
            txn.put("debriefs", "id", debrief.id, debrief.to_dict())
            for question in questions or []:
                txn.put("questions", "id", question.id, question.to_dict())
        return debrief


def _free_id(stem: str, taken: set[Any]) -> str:
    """`stem-1`, `stem-2`, ...: the first not in `taken`."""
    number = 1
    while f"{stem}-{number}" in taken:
        number += 1
    return f"{stem}-{number}"
