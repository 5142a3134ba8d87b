"""What changed between two snapshots of a bank, said in a few words.

The app uses it when another writer (an import in another terminal, a second app)
changed the file while it was open: "2 stories updated, 1 company added".
"""

from __future__ import annotations

from storybank.model import Bank, Company, Story

_NOUNS = {"stories": ("story", "stories"), "companies": ("company", "companies")}


class BankChanges:
    """Ids added, updated and removed, per kind (stories, companies), in bank order."""

    __slots__ = ("added", "removed", "updated")

    def __init__(self) -> None:
        self.added: dict[str, list[str]] = {kind: [] for kind in _NOUNS}
        self.updated: dict[str, list[str]] = {kind: [] for kind in _NOUNS}
        self.removed: dict[str, list[str]] = {kind: [] for kind in _NOUNS}

    def __bool__(self) -> bool:
        return any(self.added[k] or self.updated[k] or self.removed[k] for k in _NOUNS)

    def summary(self) -> str:
        """ "2 stories updated, 1 company added"; "" when nothing changed."""
        parts: list[str] = []
        for kind, (one, many) in _NOUNS.items():
            for verb, table in (
                ("updated", self.updated),
                ("added", self.added),
                ("removed", self.removed),
            ):
                count = len(table[kind])
                if count:
                    parts.append(f"{count} {one if count == 1 else many} {verb}")
        return ", ".join(parts)


def _compare(
    old: list[Story] | list[Company], new: list[Story] | list[Company]
) -> tuple[list[str], list[str], list[str]]:
    before = {r.id: r for r in old}
    after = {r.id: r for r in new}
    added = [rid for rid in after if rid not in before]
    updated = [rid for rid in after if rid in before and before[rid] != after[rid]]
    removed = [rid for rid in before if rid not in after]
    return added, updated, removed


def bank_changes(old: Bank, new: Bank) -> BankChanges:
    """Stories and companies added, updated and removed from `old` to `new`."""
    changes = BankChanges()
    for kind in _NOUNS:
        added, updated, removed = _compare(getattr(old, kind), getattr(new, kind))
        changes.added[kind], changes.updated[kind], changes.removed[kind] = added, updated, removed
    return changes
