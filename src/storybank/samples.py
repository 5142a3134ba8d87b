"""Which records of a bank are the packaged samples, kept apart from the user's own.

Loading the sample bank (`storybank init --sample`, the app's "Load the sample bank")
marks each sample story and company it writes: the setting `samples` maps each kind to
`{id: version}`, the `record_version` of the record as loaded. A marked record whose
version is still the one loaded is an untouched sample; one whose version differs is a
sample the user has edited; a marked id no longer in the bank is forgotten. The list,
coverage's 5-7 count and lint leave samples out or label them, and `storybank samples
remove` takes out exactly the untouched ones (the edited ones only when asked).

Pure functions over plain data: the store reads and writes the setting in its own
transaction.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from storybank.model import Bank, Company, Story

SAMPLES_SETTING = "samples"
"""The setting holding the marks: `{"stories": {id: version}, "companies": {...}}`."""

SAMPLE_KINDS: tuple[str, ...] = ("stories", "companies")


def marks_from_setting(value: Any) -> dict[str, dict[str, str]]:
    """The marks in a stored setting, anything malformed dropped (never an error)."""
    marks: dict[str, dict[str, str]] = {kind: {} for kind in SAMPLE_KINDS}
    if not isinstance(value, Mapping):
        return marks
    for kind in SAMPLE_KINDS:
        table = value.get(kind)
        if isinstance(table, Mapping):
            marks[kind] = {
                str(rid): str(version)
                for rid, version in table.items()
                if isinstance(rid, str) and isinstance(version, str)
            }
    return marks


class SampleStatus:
    """The samples present in a bank: untouched and edited ids, per kind, in bank order."""

    __slots__ = ("edited", "untouched")

    def __init__(self, untouched: dict[str, list[str]], edited: dict[str, list[str]]) -> None:
        self.untouched = untouched
        self.edited = edited

    def ids(self, kind: str) -> set[str]:
        """Every sample id of `kind` in the bank, edited or not."""
        return set(self.untouched[kind]) | set(self.edited[kind])

    @property
    def story_ids(self) -> set[str]:
        return self.ids("stories")

    def count(self, kind: str) -> int:
        return len(self.untouched[kind]) + len(self.edited[kind])

    def is_empty(self) -> bool:
        return not any(self.count(kind) for kind in SAMPLE_KINDS)


def sample_status(
    bank: Bank, setting: Any, version_of: Callable[[Story | Company], str | None]
) -> SampleStatus:
    """Which of `bank`'s stories and companies are samples, and whether each was edited
    (`version_of` is the store's `record_version`)."""
    marks = marks_from_setting(setting)
    untouched: dict[str, list[str]] = {kind: [] for kind in SAMPLE_KINDS}
    edited: dict[str, list[str]] = {kind: [] for kind in SAMPLE_KINDS}
    for kind in SAMPLE_KINDS:
        table = marks[kind]
        if not table:
            continue
        for record in getattr(bank, kind):
            version = table.get(record.id)
            if version is None:
                continue
            (untouched if version_of(record) == version else edited)[kind].append(record.id)
    return SampleStatus(untouched, edited)


def plural(count: int, word: str, many: str | None = None) -> str:
    return f"{count} {word if count == 1 else (many or word + 's')}"


def counts_text(stories: int, companies: int) -> str:
    """`6 stories and 3 companies` (a zero part left out; `nothing` when both are)."""
    parts = []
    if stories:
        parts.append(plural(stories, "story", "stories"))
    if companies:
        parts.append(plural(companies, "company", "companies"))
    return " and ".join(parts) or "nothing"
