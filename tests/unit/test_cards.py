"""Cue cards: beats as short facts, numbers before -> after, tradeoffs, lead lines; renderers."""

from __future__ import annotations

from storybank.model import Metric, Story, Tradeoff
from storybank.quality.cards import (
    FACT_CHARS,
    cue_card,
    facts,
    render_card_text,
    render_cards_markdown,
    render_cards_text,
    split_sentences,
    to_fact,
    tradeoff_line,
)
from storybank.resources import sample_file
from storybank.yamlio import load_bank_file

STORY = Story(
    id="release-train",
    title="A release train for four SDKs",
    competencies=["launch-operations", "tooling-automation"],
    context=(
        "At a 35-person seed-stage company selling a feature-flag API to developers, I ran "
        "releases for four SDKs. Each SDK shipped whenever its owner felt ready."
    ),
    constraint="No release manager. Two engineers per SDK.",
    decision=(
        "I chose a fixed fortnightly train over continuous release because integrators "
        "valued predictability, e.g. for their own QA."
    ),
    execution=(
        "Then I wrote the checklist. I automated the changelog from merged pull requests. "
        "I ran the first four trains myself. I met every SDK owner on Fridays."
    ),
    result=(
        "Breaking-change tickets fell from 14 to 2 per release. Merge-to-publish went 9 to 2 days."
    ),
    after="I learned to ship the process before the tooling.",
    metrics=[Metric("Breaking-change tickets", 14, 2), Metric("Merge to publish", 9, 2, "days")],
    tradeoffs=[
        Tradeoff(
            "A fixed fortnightly train",
            "Continuous release on every merge",
            "Developers valued predictability over speed.",
        )
    ],
    rounds={"behavioral": "Lead with the partner who pinned an old version; stress the checklist."},
)


def test_sentences_do_not_split_on_decimals_or_abbreviations() -> None:
    text = "Time fell from 3.5 h to 1.2 h. We used e.g. Jira and v2.1 tooling! Done?  Yes."
    assert split_sentences(text) == [
        "Time fell from 3.5 h to 1.2 h.",
        "We used e.g. Jira and v2.1 tooling!",
        "Done?",
        "Yes.",
    ]
    assert split_sentences("   ") == []


def test_short_sentence_becomes_a_fact_without_filler_or_full_stop() -> None:
    assert to_fact("Then I wrote the checklist.") == "I wrote the checklist"
    assert to_fact("so we shipped.") == "We shipped"


def test_long_sentence_keeps_main_clause_and_numbers() -> None:
    sentence = (
        "At a Series B invoicing company selling to small accountancy firms, I ran the central "
        "product ops team, which owned support tooling, and escalations waited 19 hours."
    )
    fact = to_fact(sentence)
    assert len(fact) <= FACT_CHARS
    assert fact.startswith("I ran the central product ops team")
    assert "19 hours" in fact
    assert "accountancy" not in fact  # the scene-setting clause is what gets dropped


def test_a_single_long_clause_is_cut_at_a_word_boundary() -> None:
    fact = to_fact("I " + "reviewed every single escalation ticket " * 6 + "myself.")
    assert len(fact) <= FACT_CHARS and fact.endswith("…")
    assert not fact[:-1].endswith(" ")


def test_facts_keep_the_first_sentence_and_those_with_numbers() -> None:
    text = "We had no owner. The team was tired. Queues held 240 tickets. Morale dipped. 6 squads."
    assert facts(text, 3) == ["We had no owner", "Queues held 240 tickets", "6 squads"]
    assert facts("", 3) == []


def test_tradeoff_line_reads_as_one_sentence() -> None:
    line = tradeoff_line(STORY.tradeoffs[0])
    assert line == (
        "Chose a fixed fortnightly train over Continuous release on every merge, because "
        "developers valued predictability over speed"
    )
    assert tradeoff_line(Tradeoff("Zendesk routing")) == "Chose Zendesk routing"
    assert tradeoff_line(Tradeoff("x", because="I had no budget.")) == (
        "Chose x, because I had no budget"
    )


def test_card_content() -> None:
    card = cue_card(STORY)
    assert card.beats["context"][0].startswith("I ran releases for four SDKs")
    assert card.beats["execution"] == [
        "I wrote the checklist",
        "I automated the changelog from merged pull requests",
        "I ran the first four trains myself",
    ]
    assert card.numbers == [
        "Breaking-change tickets: 14 -> 2 (-86%)",
        "Merge to publish: 9 days -> 2 days (-78%)",
    ]
    assert card.tradeoffs[0].startswith("Chose a fixed fortnightly train over")
    assert card.lead[0] == ("open", card.beats["context"][0])
    assert card.lead[1] == (
        "behavioral",
        "Lead with the partner who pinned an old version; stress the checklist",
    )
    assert card.spoken_seconds > 0
    data = card.to_dict()
    assert data["lead"][1] == {"for": "behavioral", "line": card.lead[1][1]}
    assert set(data["beats"]) == {
        "context",
        "constraint",
        "decision",
        "execution",
        "result",
        "after",
    }


def test_empty_beats_are_left_off() -> None:
    card = cue_card(
        Story(id="s", title="T", context="Inbox had no owner.", decision="I chose.", result="Fell.")
    )
    assert list(card.beats) == ["context", "decision", "result"]
    assert card.numbers == [] and card.tradeoffs == []


def test_text_card_fits_80_columns_and_is_safe() -> None:
    noisy = Story(
        id="noisy",
        title="\x1b[2J\x1b]52;c;ZXZpbA==\x07Clipboard " + "long " * 30,
        context="Inbox \x1b[31mred\x1b[0m had no owner. " * 5,
        decision="I chose routing.",
        result="Waits fell from 19 h to 3 h.",
        metrics=[Metric("Wait " * 30, 19, 3, "h")],
    )
    text = render_cards_text([cue_card(STORY), cue_card(noisy)])
    assert "\x1b" not in text and "\x07" not in text
    assert all(len(line) <= 80 for line in text.splitlines())
    assert "CONTEXT" in text and "NUMBERS" in text and "TRADEOFF" in text


def test_text_card_sections() -> None:
    text = render_card_text(cue_card(STORY))
    lines = text.splitlines()
    assert lines[0] == "A release train for four SDKs (release-train)"
    assert "  - Breaking-change tickets: 14 -> 2 (-86%)" in lines
    assert any(line.startswith("Behavioral: Lead with the partner") for line in lines)


def test_markdown_escapes_user_text() -> None:
    story = Story(
        id="md",
        title="[click](http://evil) *bold* <b>",
        context="# not a heading. Support | sales split.",
        decision="I chose `code`.",
        result="Fell from 10 to 4.",
    )
    out = render_cards_markdown([cue_card(story)])
    assert "## \\[click\\](http\\://evil) \\*bold\\* &lt;b&gt;" in out
    assert "- \\# not a heading" in out
    assert "Support \\| sales split" in out
    assert "\\`code\\`" in out


def test_sample_bank_cards_are_short_facts() -> None:
    stories = load_bank_file(sample_file("stories.yaml")).stories
    for story in stories:
        card = cue_card(story)
        for items in card.beats.values():
            assert 1 <= len(items) <= 3
            assert all(len(item) <= FACT_CHARS for item in items)
        assert card.numbers and card.tradeoffs
    text = render_cards_text([cue_card(s) for s in stories])
    assert all(len(line) <= 80 for line in text.splitlines())
