"""Story text said aloud: spoken numbers, fields spliced mid-sentence, cards never cut."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from storybank.advisor.angle import metric_sentence, opening_line
from storybank.method.speech import (
    mid_sentence,
    spoken_change,
    spoken_metric,
    spoken_number,
    tradeoff_sentence,
)
from storybank.model import Metric, Story, Tradeoff
from storybank.quality.cards import (
    NUMBER_TOKEN,
    card_rows,
    cue_card,
    render_card_text,
    split_sentences,
    to_fact,
)


@pytest.mark.parametrize(
    ("metric", "said"),
    [
        (Metric("Reopened", 40, 10, "%"), "from 40 to 10 percent, down 30 points"),
        (Metric("Answered", 18, 85, "%"), "from 18 to 85 percent, up 67 points"),
        (Metric("Share", 3.1, 0, "%"), "from 3.1 to 0 percent, down 3.1 points"),
        (Metric("Share", 40, 41, "%"), "from 40 to 41 percent, up 1 point"),
        (Metric("Wait", 19, 3.5, "h"), "from 19 to 3.5 hours, cut by 82 percent"),
        (Metric("Wait", 8, 2, "h"), "from 8 to 2 hours, cut by three quarters"),
        (Metric("Wait", 10, 5, "days"), "from 10 to 5 days, cut by half"),
        (Metric("Wait", 9, 3, "d"), "from 9 to 3 days, cut by two thirds"),
        (Metric("Wait", 2, 1, "d"), "from 2 to 1 day, cut by half"),
        (Metric("Tickets", 120, 35, "tickets"), "from 120 to 35 tickets, cut by 71 percent"),
        (Metric("Tickets", 4100, 140), "from 4,100 to 140, cut by 97 percent"),
        (Metric("Rollbacks", 3, 0), "from 3 to 0"),
        (Metric("Teams", 10, 20), "from 10 to 20, doubled"),
        (Metric("Teams", 10, 31), "from 10 to 31, tripled"),
        (Metric("Teams", 10, 290), "from 10 to 290, up about 29 times"),
        (Metric("Teams", 10, 14), "from 10 to 14, up 40 percent"),
        (Metric("Teams", 0, 14), "from 0 to 14"),
        (Metric("Spend", 40000, 12000, "$"), "from 40,000 to 12,000 dollars, cut by 70 percent"),
        (Metric("Wait", None, 5, "d"), "now 5 days, no baseline"),
        (Metric("Wait", 5, None, "d"), "was 5 days, no figure since"),
        (Metric("Wait", None, None), "no figures yet"),
    ],
)
def test_numbers_are_said_the_way_a_person_says_them(metric: Metric, said: str) -> None:
    assert spoken_metric(metric) == said
    assert "->" not in said and "%" not in said


def test_a_change_of_a_percentage_is_in_points_never_relative() -> None:
    assert spoken_change(Metric("x", 18, 85, "%")) == "up 67 points"
    assert "372" not in spoken_metric(Metric("x", 18, 85, "%"))
    assert spoken_metric(Metric("Churn ", 58, 46, "%"), with_name=True) == (
        "Churn: from 58 to 46 percent, down 12 points"
    )


def test_spoken_numbers() -> None:
    assert spoken_number(4100) == "4,100"
    assert spoken_number(3.5) == "3.5"
    assert spoken_number(2.0) == "2"
    assert spoken_number(12500.5) == "12,500.5"


def test_fields_spliced_mid_sentence_lose_only_an_ordinary_capital() -> None:
    assert mid_sentence("Four migration waves") == "four migration waves"
    assert mid_sentence("A rotating rota") == "a rotating rota"
    assert mid_sentence("Routing by tier") == "routing by tier"
    assert mid_sentence("SDK releases") == "SDK releases"
    assert mid_sentence("I had no budget") == "I had no budget"
    assert mid_sentence("Zendesk triggers") == "Zendesk triggers"
    assert mid_sentence("Jira automation", "we moved the rota into Jira") == "Jira automation"
    assert mid_sentence("Waves", "the waves let us learn") == "waves"
    assert tradeoff_sentence(Tradeoff("Four migration waves", "One cutover", "It was safer.")) == (
        "Chose four migration waves over one cutover, because it was safer"
    )


def test_opening_says_a_number_aloud_and_names_the_company_once() -> None:
    assert metric_sentence(Metric("Reopened escalations", 40, 10, "%")) == (
        "Reopened escalations went from 40 to 10 percent, down 30 points."
    )
    story = Story(
        id="s",
        title="T",
        context="At Northwind, I ran support operations. Queues were long.",
        summary="At Northwind, I cut the queue by routing on ownership.",
        decision="I routed on ownership.",
    )
    line = opening_line(story, "context", None)
    assert line.count("Northwind") == 1
    assert (
        line == "At Northwind, I ran support operations. I cut the queue by routing on ownership."
    )


# -- properties: a card is never cut mid-word and keeps every number -------------------------

_WORD = st.sampled_from(
    (
        *("the", "team", "queue", "owner", "routing", "launch", "pilot", "squad", "inbox"),
        *("tickets", "review", "budget", "plan", "rollout", "sponsor", "metric", "engineers"),
        *("data", "waves", "renewal", "process"),
    )
)
_NUMBER = st.integers(min_value=0, max_value=99999).map(
    lambda n: f"{n:,}" if n >= 1000 else str(n)
) | st.sampled_from(["3.5", "0.3", "12.75"])
_CONNECTOR = st.sampled_from([", ", ", so ", ", which ", ", because ", "; ", " - ", ", and "])


@st.composite
def _sentence(draw: st.DrawFn) -> str:
    clauses = []
    for _ in range(draw(st.integers(min_value=1, max_value=5))):
        words = draw(st.lists(_WORD | _NUMBER, min_size=2, max_size=9))
        clauses.append(" ".join(words))
    text = clauses[0]
    for clause in clauses[1:]:
        text += draw(_CONNECTOR) + clause
    opener = draw(st.sampled_from(["I ", "We ", "At the start, ", "When the team grew, ", ""]))
    return (opener + text)[:1].upper() + (opener + text)[1:] + "."


_BEAT = st.lists(_sentence(), min_size=0, max_size=5).map(" ".join)


def _words(text: str) -> list[str]:
    return re.findall(r"[\w.,'-]+", text)


@settings(max_examples=60, deadline=None)
@given(sentence=_sentence(), limit=st.integers(min_value=10, max_value=120))
def test_a_fact_is_an_unbroken_run_of_whole_clauses(sentence: str, limit: int) -> None:
    fact = to_fact(sentence, limit)
    flat = sentence.rstrip(".").lower()
    assert fact.lower() in flat  # one unbroken run of the sentence's own words
    assert "…" not in fact
    start = flat.index(fact.lower())
    end = start + len(fact)
    # never a cut mid-word: the run starts and ends on a word boundary
    assert start == 0 or not flat[start - 1].isalnum()
    assert end == len(flat) or not flat[end].isalnum()
    assert set(NUMBER_TOKEN.findall(sentence.rstrip("."))) <= set(NUMBER_TOKEN.findall(fact)) | {
        n for n in NUMBER_TOKEN.findall(sentence) if n not in flat
    }


@settings(max_examples=40, deadline=None)
@given(
    beats=st.fixed_dictionaries(
        {b: _BEAT for b in ("context", "constraint", "decision", "execution", "result", "after")}
    ),
    before=st.integers(min_value=1, max_value=5000),
    after=st.integers(min_value=0, max_value=5000),
)
def test_every_number_of_the_story_is_on_its_card(
    beats: dict[str, str], before: int, after: int
) -> None:
    story = Story(id="s", title="T", metrics=[Metric("Queue", before, after, "tickets")], **beats)
    card = cue_card(story)
    text = " ".join(line for _name, items in card_rows(card) for line in items)
    on_card = {n.rstrip(".,") for n in NUMBER_TOKEN.findall(text)}
    for beat in beats.values():
        for sentence in split_sentences(beat):
            for number in NUMBER_TOKEN.findall(sentence):
                assert number.rstrip(".,") in on_card, (number, sentence)
    assert spoken_number(before) in on_card and spoken_number(after) in on_card
    rendered = render_card_text(card)
    assert "…" not in rendered and "->" not in rendered
