"""Cue cards: beats as short facts, numbers before -> after, tradeoffs, lead lines; renderers."""

from __future__ import annotations

from storybank.model import Metric, Story, Tradeoff
from storybank.quality.cards import (
    card_rows,
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
from storybank.vocab import ROUNDS
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


def test_long_sentence_keeps_whole_clauses_and_numbers_with_their_frame() -> None:
    sentence = (
        "At a Series B invoicing company selling to small accountancy firms, I ran the central "
        "product ops team, which owned support tooling."
    )
    assert to_fact(sentence) == "I ran the central product ops team"
    framed = "On the next launch, with a staged rollout, launch-day tickets were 140."
    assert to_fact(framed, 30) == framed.rstrip(".")  # which launch the 140 was for stays


def test_a_fact_never_ends_on_a_clause_that_leads_into_the_next() -> None:
    fact = to_fact(
        "I met the VP privately to walk through the data, so when he objected, I had it.", 50
    )
    assert fact == "I met the VP privately to walk through the data"
    glued = "The lesson: a fixed date is a reason to shrink the launch, never to skip the ramp."
    assert to_fact(glued, 40).endswith("never to skip the ramp")
    leaning = "When we added a Ruby SDK, it joined the train on day one with no extra process."
    assert to_fact(leaning, 40).startswith("When we added a Ruby SDK, it joined")


def test_two_words_are_never_a_fact_on_their_own() -> None:
    sentence = "Since then every new step needs an owner and a reason before it joins the list."
    assert to_fact(sentence, 20) == sentence.rstrip(".")


def test_a_single_long_clause_is_kept_whole_not_cut() -> None:
    sentence = "I " + "reviewed every single escalation ticket " * 6 + "myself."
    fact = to_fact(sentence)
    assert fact == sentence.rstrip(".") and "…" not in fact


def test_facts_keep_the_first_sentence_and_every_sentence_with_a_number() -> None:
    text = "We had no owner. The team was tired. Queues held 240 tickets. Morale dipped. 6 squads."
    assert facts(text, 1) == ["We had no owner", "Queues held 240 tickets", "6 squads"]
    assert facts("No owner. Tired team. Morale dipped.", 2) == ["No owner", "Tired team"]
    assert facts("", 3) == []
    # a sentence whose numbers the Numbers row already says is not kept for them
    assert facts("Waits fell from 19 to 3. The reseller renewed.", said=frozenset({"19", "3"})) == [
        "The reseller renewed"
    ]


def test_tradeoff_line_reads_as_one_sentence() -> None:
    line = tradeoff_line(STORY.tradeoffs[0])
    assert line == (
        "Chose a fixed fortnightly train over continuous release on every merge, because "
        "developers valued predictability over speed"
    )
    assert tradeoff_line(Tradeoff("Zendesk routing")) == "Chose Zendesk routing"
    assert tradeoff_line(Tradeoff("x", because="I had no budget.")) == (
        "Chose x, because I had no budget"
    )
    # the capital of a field spliced mid-sentence goes; a name's stays
    assert tradeoff_line(Tradeoff("Four migration waves", "One cutover")) == (
        "Chose four migration waves over one cutover"
    )
    assert tradeoff_line(Tradeoff("Jira automation", "Manual triage"), context="We used Jira.") == (
        "Chose Jira automation over manual triage"
    )


def test_card_content() -> None:
    card = cue_card(STORY)
    assert card.lead[0] == (
        "open",
        "At a 35-person seed-stage company selling a feature-flag API to developers, I ran "
        "releases for four SDKs",
    )
    assert card.beats["context"] == ["Each SDK shipped whenever its owner felt ready"]
    assert card.beats["execution"] == ["I wrote the checklist"]
    assert "result" not in card.beats  # its two sentences are the two numbers, said below
    assert card.numbers == [
        "Breaking-change tickets: from 14 to 2, cut by 86 percent",
        "Merge to publish: from 9 to 2 days, cut by 78 percent",
    ]
    assert card.tradeoffs[0].startswith("Chose a fixed fortnightly train over")
    assert card.lead[1] == (
        "behavioral",
        "Lead with the partner who pinned an old version; stress the checklist",
    )
    assert card.spoken_seconds > 0
    data = card.to_dict()
    assert data["lead"][1] == {"for": "behavioral", "line": card.lead[1][1]}
    assert set(data["beats"]) == {"context", "constraint", "decision", "execution", "after"}


def test_round_notes_are_never_shortened() -> None:
    note = (
        "For engineering panellists, stress that no headcount was added; for support "
        "panellists, the reopened rate went from 27 to 9 percent in six weeks."
    )
    card = cue_card(Story(id="s", title="T", context="Inbox had no owner.", rounds={"panel": note}))
    assert card.lead[1] == ("panel", note.rstrip("."))


def test_empty_beats_are_left_off() -> None:
    card = cue_card(
        Story(id="s", title="T", context="Inbox had no owner.", decision="I chose.", result="Fell.")
    )
    assert card.lead[0] == ("open", "Inbox had no owner")
    assert list(card.beats) == ["decision", "result"]  # the context's one sentence is the opening
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
    assert "Context" in text and "Numbers" in text and "Tradeoff" in text


def test_text_card_rows() -> None:
    text = render_card_text(cue_card(STORY))
    lines = text.splitlines()
    assert lines[0] == "A release train for four SDKs (release-train)"
    assert "Numbers     Breaking-change tickets: from 14 to 2, cut by 86 percent" in lines
    assert "Tradeoff    Chose a fixed fortnightly train over continuous release on every" in lines
    assert "In the rounds" in lines
    assert any(line.startswith("Behavioral  Lead with the partner") for line in lines)
    assert "…" not in text and "->" not in text


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
        assert card.numbers and card.tradeoffs
        # a card is short: one screen of rows, not fifty lines
        rows = sum(len(items) for _name, items in card_rows(card) if _name not in ROUNDS)
        assert rows <= 14, (story.id, rows)
    text = render_cards_text([cue_card(s) for s in stories])
    assert all(len(line) <= 80 for line in text.splitlines())
