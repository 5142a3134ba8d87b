"""What the app says when another writer changed the bank: counts by kind and verb."""

from __future__ import annotations

from storybank.bankdiff import bank_changes
from storybank.model import Bank, Company, Story


def test_no_change_says_nothing() -> None:
    bank = Bank(stories=[Story("a", "A")], companies=[Company("c", "C")])
    changes = bank_changes(bank, Bank(stories=[Story("a", "A")], companies=[Company("c", "C")]))
    assert not changes and changes.summary() == ""


def test_counts_updates_additions_and_removals() -> None:
    old = Bank(stories=[Story("a", "A"), Story("b", "B"), Story("gone", "G")])
    new = Bank(
        stories=[Story("a", "A2"), Story("b", "B2"), Story("n", "N")],
        companies=[Company("c", "C")],
    )
    changes = bank_changes(old, new)
    assert changes.updated["stories"] == ["a", "b"]
    assert changes.summary() == (
        "2 stories updated, 1 story added, 1 story removed, 1 company added"
    )
