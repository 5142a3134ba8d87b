"""Property tests: for any text in a bank, plain reports fit 80 columns and carry no escape."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from storybank.model import Company, Environment, Metric, Question, Story, Tradeoff
from storybank.quality.brief import build_brief, render_brief_markdown, render_brief_text
from storybank.quality.cards import cue_cards, render_cards_markdown, render_cards_text
from storybank.quality.coverage import coverage, render_coverage_text
from storybank.quality.report_text import display_width
from storybank.safetext import has_unsafe

# Letters, wide CJK, combining marks, controls, escapes, bidi overrides, markup brackets.
_PLAIN = [*"abc XYZ 019 .,;:-", "日本", "語", "\u0301"]
_HOSTILE = ["\x1b", "\x07", "\x9b", "\u202e", "[b]", "*", "`", "#", "|", "<", "\n", "\t"]
ALPHABET = st.sampled_from([*_PLAIN, *_HOSTILE])
TEXT = st.lists(ALPHABET, max_size=60).map("".join)
SLUG = st.from_regex(r"[a-z0-9][a-z0-9-]{0,90}", fullmatch=True)
COMPETENCY = st.sampled_from(
    ["launch-operations", "prioritization", "metric-frameworks", "a-long-custom-skill-name"]
)


@st.composite
def stories(draw: st.DrawFn) -> list[Story]:
    ids = draw(st.lists(SLUG, min_size=1, max_size=4, unique=True))
    out = []
    for sid in ids:
        out.append(
            Story(
                id=sid,
                title=draw(TEXT) or "t",
                competencies=draw(st.lists(COMPETENCY, min_size=1, max_size=3, unique=True)),
                context=draw(TEXT),
                constraint=draw(TEXT),
                decision=draw(TEXT),
                execution=draw(TEXT),
                result=draw(TEXT),
                after=draw(TEXT),
                metrics=[Metric(draw(TEXT) or "m", 10, 4, draw(st.sampled_from(["", "h", "%"])))],
                tradeoffs=[Tradeoff(draw(TEXT) or "c", draw(TEXT), draw(TEXT))],
                environment=Environment("startup", "b2c", "embedded"),
                rounds={"behavioral": draw(TEXT)},
            )
        )
    return out


QUESTIONS = [
    Question("q1", "Tell me about a launch.", "behavioral", ["launch-operations"]),
    Question("q2", "What did you measure?", "metrics", ["metric-frameworks"]),
    Question("q3", "What did you give up?", "tradeoff", ["prioritization"]),
]


def check_plain(text: str) -> None:
    for line in text.splitlines():
        assert display_width(line) <= 80, line
    assert not has_unsafe(text.replace("\n", ""))
    assert "\t" not in text


@pytest.mark.slow
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(bank=stories(), name=TEXT, notes=TEXT)
def test_reports_fit_and_are_inert_for_any_text(bank: list[Story], name: str, notes: str) -> None:
    company = Company(
        "target",
        name or "n",
        stage="enterprise",
        customer="b2b-enterprise",
        org="matrix",
        focus=["prioritization", "a-long-custom-skill-name-that-nobody-else-uses-at-all"],
        notes=notes,
        interview_date="2026-12-01",
    )
    brief = build_brief(bank, company, QUESTIONS, today=dt.date(2026, 11, 29))
    check_plain(render_brief_text(brief))
    check_plain(render_coverage_text(coverage(bank, company)))
    cards = cue_cards(bank)
    check_plain(render_cards_text(cards))
    for markdown in (render_brief_markdown(brief), render_cards_markdown(cards)):
        assert not has_unsafe(markdown.replace("\n", ""))
