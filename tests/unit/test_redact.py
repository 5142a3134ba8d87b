"""Redacted sharing: names replaced everywhere, the lint, money ranges, the import guard."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from storybank.cli import main
from storybank.model import Bank, Metric, Redaction, Review, Story
from storybank.redact import (
    check_redacted,
    likely_names,
    redact_bank,
    round_money_text,
    suggestions,
)
from storybank.resources import sample_bank
from storybank.store import Store
from storybank.yamlio import dump_bank, load_bank_file, load_bank_text

SAMPLE_REDACTIONS = [
    Redaction("Zendesk", "the help desk"),
    Redaction("Jira", "the tracker"),
    Redaction("GitHub", "the code host"),
    Redaction("Tracewind", "a seed-stage API company"),
    Redaction("Harborlane", "a rentals marketplace"),
    Redaction("Ledgerline", "a procurement software vendor"),
]


def sample_with_variants() -> Bank:
    """The sample bank, its names also written as possessives, in other cases and in ids."""
    bank = sample_bank()
    first = bank.stories[0]
    bank.stories[0] = first.replace(
        id="zendesk-routing",
        title=first.title + " at ZENDESK",
        summary="Zendesk's queue and jira's inbox were slow; tracewind’s team asked. "
        + first.summary,
        tags=["GitHub", "harborlane"],
        metrics=[*first.metrics, Metric("Ledgerline's tickets", 40, 12, "")],
    )
    return bank.replace(
        redactions=list(SAMPLE_REDACTIONS),
        reviews=[Review("zendesk-routing/opening/00", "good", "2026-01-01T00:00:00Z")],
    )


def test_no_listed_name_survives_anywhere_in_a_redacted_export_of_the_sample() -> None:
    bank = sample_with_variants()
    text = dump_bank(redact_bank(bank))
    for redaction in SAMPLE_REDACTIONS:
        assert not re.search(re.escape(redaction.name), text, re.IGNORECASE), redaction.name
    assert "The help desk's queue and the tracker's inbox" in text.replace("’", "'")
    assert "a seed-stage API company’s team" in text
    assert "id: the-help-desk-routing" in text
    assert "reviews:" not in text and "redactions:" not in text


def test_redaction_keeps_the_structure_and_marks_the_bank() -> None:
    bank = sample_with_variants()
    redacted = redact_bank(bank)
    assert redacted.redacted
    assert len(redacted.stories) == len(bank.stories)
    for before, after in zip(bank.stories, redacted.stories, strict=True):
        assert [(m.before, m.after, m.unit) for m in after.metrics] == [
            (m.before, m.after, m.unit) for m in before.metrics
        ]
        assert len(after.tradeoffs) == len(before.tradeoffs)
        assert after.competencies == before.competencies
    again = load_bank_text(dump_bank(redacted))
    assert again.redacted and again == redacted


def test_whole_words_only_and_sentence_starts_are_capitalised() -> None:
    bank = Bank(
        stories=[Story("s", "Acme and Acmetools", competencies=["x"], context="acme's call.")],
        redactions=[Redaction("Acme", "a payments company")],
    )
    story = redact_bank(bank).stories[0]
    assert story.title == "A payments company and Acmetools"
    assert story.context == "A payments company's call."


def test_money_rounds_to_ranges_and_money_metrics_keep_their_shape() -> None:
    assert round_money_text("saved $340k and €1.2M, £45,000 a year, $5") == (
        "saved $300-400k and €1-2M, £40-50k a year, $5"
    )
    bank = Bank(stories=[Story("s", "t", metrics=[Metric("Cost", 123456, 98000, "$")])])
    metric = redact_bank(bank, round_money=True).stories[0].metrics[0]
    assert (metric.before, metric.after, metric.unit) == (120000, 98000, "$")


def test_likely_names_are_capitalised_words_in_several_stories() -> None:
    stories = [
        Story("a", "One", context="We moved Orbitly to weekly reviews. The team agreed."),
        Story("b", "Two", context="Orbitly's launch slipped. The board asked why."),
        Story("c", "Three", context="Nothing about it here; the board was calm."),
    ]
    names = likely_names(Bank(stories=stories))
    assert [(n.name, n.stories) for n in names] == [("Orbitly", ["a", "b"])]


def test_the_lint_refuses_likely_names_unless_accepted() -> None:
    stories = [Story(i, f"title {i}", context="Orbitly shipped it.") for i in ("a", "b")]
    bank = Bank(stories=stories)
    redacted = redact_bank(bank)
    refusal = check_redacted(bank, redacted, [])
    assert refusal is not None and "Orbitly (2 stories)" in str(refusal)
    assert check_redacted(bank, redacted, ["orbitly"]) is None
    assert check_redacted(bank, redacted, None) is None


def test_a_stand_in_holding_its_name_is_refused_even_when_accepting() -> None:
    bank = Bank(
        stories=[Story("s", "Acme", context="x")],
        redactions=[Redaction("Acme", "Acme's rival")],
    )
    refusal = check_redacted(bank, redact_bank(bank), None)
    assert refusal is not None and "Acme" in str(refusal)


def test_suggestions_include_target_companies_not_yet_listed() -> None:
    bank = sample_bank()
    names = [s.name for s in suggestions(bank)]
    assert {"Tracewind", "Harborlane", "Ledgerline"} <= set(names)
    listed = bank.replace(redactions=[Redaction("tracewind", "a startup")])
    assert "Tracewind" not in [s.name for s in suggestions(listed)]


# --- CLI ------------------------------------------------------------------------------------


@pytest.fixture
def sample_store(db_path: Path) -> Store:
    store = Store.open()
    store.apply_import(sample_with_variants())
    return store


def test_export_redact_writes_a_marked_private_file(
    sample_store: Store, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "shared.yaml"
    assert main(["export", "--redact", str(target)]) == 0
    text = target.read_text(encoding="utf-8")
    assert text.startswith("# storybank REDACTED export")
    assert "redacted: true" in text
    assert target.stat().st_mode & 0o777 == 0o600
    assert not re.search("zendesk|tracewind|ledgerline", text, re.IGNORECASE)
    assert "Redacted 6 names" in capsys.readouterr().err


def test_export_redact_refuses_likely_names_and_writes_nothing(
    sample_store: Store, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sample_store.set_redactions([])
    target = tmp_path / "shared.yaml"
    assert main(["export", "--redact", str(target)]) == 1
    err = capsys.readouterr().err
    assert "likely names remain" in err and "GitHub (2 stories)" in err
    assert not target.exists()
    assert main(["export", "--redact", str(target), "--accept-names"]) == 0
    assert target.exists()


def test_importing_a_redacted_file_over_the_real_bank_is_refused(
    sample_store: Store, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "shared.yaml"
    assert main(["export", "--redact", str(target), "--accept-names"]) == 0
    # Make the redacted file overwrite a real story: give it the real id.
    text = target.read_text(encoding="utf-8").replace("the-help-desk-routing", "zendesk-routing")
    target.write_text(text, encoding="utf-8")
    before = sample_store.bank()
    capsys.readouterr()
    assert main(["import", str(target)]) == 1
    err = capsys.readouterr().err
    assert "is a redacted export" in err and "Nothing was written" in err
    assert sample_store.bank() == before
    assert main(["import", str(target), "--force"]) == 0
    assert sample_store.story("zendesk-routing").title.endswith("at the help desk")


def test_a_redacted_file_imports_into_an_empty_bank(tmp_path: Path, sample_store: Store) -> None:
    target = tmp_path / "shared.yaml"
    assert main(["export", "--redact", str(target)]) == 0
    other = tmp_path / "coach.json"
    assert main(["import", str(target), "--db", str(other)]) == 0
    assert Store(other).bank().stories and load_bank_file(target).redacted


def test_round_money_needs_redact(sample_store: Store, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", "--round-money"]) == 1
    assert "go with --redact" in capsys.readouterr().err


def test_redactions_command_lists_and_suggests(
    sample_store: Store, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["redactions"]) == 0
    out = capsys.readouterr().out
    assert "Zendesk" in out and "->  the help desk" in out


def test_a_bank_without_names_passes_the_lint() -> None:
    bank = Bank(stories=[Story("s", "Routing", context="We routed escalations by component.")])
    assert check_redacted(bank, redact_bank(bank), []) is None
