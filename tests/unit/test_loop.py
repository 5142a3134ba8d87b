"""The interview loop engine: probes, the ledger, ledger-aware ranking, the debrief."""

from __future__ import annotations

import datetime as dt

import pytest

from storybank.advisor import Advice, Suggestion
from storybank.errors import StoryBankError
from storybank.loop.debrief import (
    Reading,
    loop_score,
    match_predictions,
    new_questions,
    prepare_debrief,
    split_questions,
)
from storybank.loop.ledger import (
    OFTEN_TOLD,
    flags,
    for_company,
    make_telling,
    parse_date,
    told_phrase,
)
from storybank.loop.ledger_rank import SIMILAR_FIT, rerank
from storybank.loop.probes import has_lesson, says_we_more_than_i, story_probes, top_probes
from storybank.model import (
    AskedQuestion,
    Company,
    Debrief,
    Metric,
    Question,
    Story,
    Telling,
    Tradeoff,
)

TODAY = dt.date(2026, 12, 4)


def story(story_id: str = "s", **fields: object) -> Story:
    base: dict[str, object] = {
        "title": "Rollout of a new intake process",
        "competencies": ["process-improvement"],
        "context": "I inherited an intake queue of 400 requests a quarter.",
        "decision": "I chose a weekly triage over ad hoc review.",
        "result": "Wait time fell from 20 days to 6.",
        "after": "I learned to publish the rules before the first review.",
    }
    base.update(fields)
    return Story(id=story_id, **base)  # type: ignore[arg-type]


# -- probes ------------------------------------------------------------------------------------


def test_probes_come_from_the_story_fields() -> None:
    told = story(
        tradeoffs=[Tradeoff("a weekly triage", "Ad hoc review by each lead", "leads were away")],
        metrics=[Metric("Median wait", 20, 6, "days")],
    )
    probes = story_probes(told)
    texts = [p.text for p in probes]
    assert "Why not ad hoc review by each lead?" in texts
    assert "What was the baseline for median wait, and how did you measure it?" in texts
    why_not = next(p for p in probes if p.source == "tradeoff")
    assert why_not.answer == "leads were away"  # the story's own reason, to rehearse
    # the story says "I" and has a lesson: no ownership or lesson probe
    assert {p.source for p in probes} == {"tradeoff", "metric"}


def test_we_more_than_i_asks_for_your_part() -> None:
    team = story(
        context="We had a queue. We owned it together.",
        decision="We chose to triage weekly and our leads agreed.",
        result="Our wait fell from 20 days to 6.",
    )
    assert says_we_more_than_i(team)
    assert "What was your part, and the team's?" in [p.text for p in story_probes(team)]
    assert not says_we_more_than_i(story())


def test_no_lesson_asks_what_you_would_do_differently() -> None:
    flat = story(after="The queue stayed short.")
    assert not has_lesson(flat)
    assert "What would you do differently?" in [p.text for p in story_probes(flat)]
    assert has_lesson(story())


def test_cross_functional_story_asks_what_each_function_pushed_back_on() -> None:
    xfn = story(
        competencies=["cross-functional-execution"],
        context="Sales and engineering disagreed on the launch date.",
    )
    texts = [p.text for p in story_probes(xfn)]
    assert "What did engineering push back on?" in texts
    assert "What did sales push back on?" in texts
    unnamed = story(competencies=["cross-functional-execution"])
    assert "Which team pushed back hardest, and what moved them?" in [
        p.text for p in story_probes(unnamed)
    ]


def test_kind_probe_and_order_follow_the_question_kind() -> None:
    rich = story(
        tradeoffs=[Tradeoff("weekly triage", "ad hoc review")],
        metrics=[Metric("Median wait", 20, 6, "days")],
    )
    metrics_first = top_probes(rich, "metrics")
    assert metrics_first[0].source == "metric"
    assert metrics_first[1].text.startswith("How do you know the change came from your work")
    assert top_probes(rich, "tradeoff")[0].text == "Why not ad hoc review?"
    assert len(top_probes(rich, "tradeoff")) == 3


# -- the ledger --------------------------------------------------------------------------------


def test_a_telling_records_the_numbers_as_they_are_now() -> None:
    s = story(metrics=[Metric("Median wait", 20, 6, "days")])
    entry = make_telling(s, "acme", "2026-12-03", "  panel ", " J.  Park ")
    assert entry.numbers == [Metric("Median wait", 20, 6, "days")]
    assert entry.numbers[0] is not s.metrics[0]  # a copy: editing the story later flags it
    assert (entry.round, entry.interviewer, entry.id) == ("panel", "J. Park", "")
    assert told_phrase(entry) == "told to J. Park in the panel on 3 Dec"
    other = entry.replace(round="hiring manager", interviewer=None)
    assert told_phrase(other) == "told in the hiring manager round on 3 Dec"
    assert told_phrase(entry.replace(round="case")) == "told to J. Park in the case round on 3 Dec"


def test_parse_date() -> None:
    assert parse_date(None, TODAY) == "2026-12-04"
    assert parse_date("yesterday", TODAY) == "2026-12-03"
    assert parse_date("2026-11-30", TODAY) == "2026-11-30"
    with pytest.raises(StoryBankError, match="not a date written YYYY-MM-DD"):
        parse_date("3 Dec", TODAY)


def test_flags_changed_numbers_and_stories_told_often() -> None:
    now = story(metrics=[Metric("Median wait", 20, 5, "days")])
    then = make_telling(story(metrics=[Metric("Median wait", 20, 6, "days")]), "acme", "2026-12-01")
    fine = make_telling(now, "acme", "2026-12-02")
    found = flags([then, fine], [now])
    assert [f.code for f in found] == ["numbers-changed"]
    assert "said 20 -> 6 days (-70%), the bank now says 20 -> 5 days (-75%)" in (found[0].message)
    often = [make_telling(now, "acme", f"2026-12-0{i}") for i in range(1, OFTEN_TOLD + 1)]
    assert [f.code for f in flags(often, [now])] == ["told-often"]
    assert [f.code for f in flags([fine], [])] == ["story-gone"]


def test_for_company_sorts_by_date() -> None:
    a = Telling("t1", "acme", "x", "2026-12-03")
    b = Telling("t2", "other", "x", "2026-12-01")
    c = Telling("t3", "acme", "y", "2026-12-01")
    assert [t.id for t in for_company([a, b, c], "acme")] == ["t3", "t1"]


# -- ledger-aware ranking ----------------------------------------------------------------------


def suggestion(story_id: str, score: float, kind_fit: float = 0.8) -> Suggestion:
    return Suggestion(
        id=story_id,
        title=story_id.title(),
        score=score,
        lead_with="result",
        emphasis="",
        opening="",
        metric=None,
        tradeoff=None,
        round_note=None,
        adapt=[],
        why=["covers launch-operations"],
        parts={"kind": kind_fit},
    )


def advice_of(*suggestions: Suggestion, kind: str = "behavioral") -> Advice:
    return Advice("Q?", kind, ["launch-operations"], False, list(suggestions))


PANEL = Telling("t1", "acme", "told", "2026-12-03", "panel", "J. Park")


def test_a_fresh_story_of_similar_fit_comes_first_for_a_new_interviewer() -> None:
    advice = advice_of(suggestion("told", 0.70), suggestion("fresh", 0.70 - SIMILAR_FIT / 2))
    out = rerank(advice, [PANEL], interviewer="M. Chen", top=2)
    assert [s.id for s in out.suggestions] == ["fresh", "told"]
    told = out.suggestions[1]
    assert told.why[0] == (
        "told to J. Park in the panel on 3 Dec; a fresh story of similar fit comes first "
        "for a new interviewer"
    )
    assert out.suggestions[0].why[0] == (
        "fresh for this loop: preferred over told (told to J. Park in the panel on 3 Dec)"
    )
    assert advice.suggestions[0].why == ["covers launch-operations"]  # the input is untouched


def test_the_told_story_stays_when_no_fresh_one_fits_nearly_as_well() -> None:
    advice = advice_of(suggestion("told", 0.80), suggestion("fresh", 0.80 - 2 * SIMILAR_FIT))
    out = rerank(advice, [PANEL], top=2)
    assert [s.id for s in out.suggestions] == ["told", "fresh"]
    assert (
        out.suggestions[0]
        .why[0]
        .startswith("told to J. Park in the panel on 3 Dec; still the pick")
    )


def test_the_question_clearly_needs_the_told_story() -> None:
    """A failure question: the only story that serves the kind is the one already told."""
    advice = advice_of(
        suggestion("told", 0.70, kind_fit=0.9),
        suggestion("fresh", 0.69, kind_fit=0.2),
        kind="failure",
    )
    out = rerank(advice, [PANEL], interviewer="M. Chen", top=2)
    assert [s.id for s in out.suggestions] == ["told", "fresh"]
    assert "no fresh story fits this failure question as well" in out.suggestions[0].why[0]


def test_the_same_interviewer_is_spared_a_repeat_with_a_wider_margin() -> None:
    advice = advice_of(suggestion("told", 0.80), suggestion("fresh", 0.80 - 2 * SIMILAR_FIT))
    out = rerank(advice, [PANEL], interviewer="j. park", top=2)
    assert [s.id for s in out.suggestions] == ["fresh", "told"]
    assert out.suggestions[1].why[0].startswith("j. park has heard it (told to J. Park")


def test_no_ledger_changes_nothing_but_the_cut() -> None:
    advice = advice_of(suggestion("a", 0.9), suggestion("b", 0.8), suggestion("c", 0.7))
    assert rerank(advice, [], top=2).suggestions == advice.suggestions[:2]


def test_eligible_keeps_unsuitable_fresh_stories_out() -> None:
    advice = advice_of(suggestion("told", 0.70), suggestion("vague", 0.69))
    out = rerank(advice, [PANEL], top=2, eligible=lambda sid: sid != "vague")
    assert [s.id for s in out.suggestions] == ["told", "vague"]


# -- the debrief -------------------------------------------------------------------------------


def test_split_questions_from_a_messy_paste() -> None:
    paste = """
    1. Tell me about a launch you ran.
    - Why that date? And who disagreed?
    Q3: How did you measure it?

    * Tell me about a launch you ran.
    ???
    """
    assert split_questions(paste) == [
        "Tell me about a launch you ran.",
        "Why that date?",
        "And who disagreed?",
        "How did you measure it?",
    ]


PREDICTED = [
    Question("q-launch", "Tell me about a launch you ran end to end.", "behavioral",
             ["launch-operations"]),
    Question("q-metric", "How would you measure a launch's success?", "metrics",
             ["metric-frameworks", "launch-operations"]),
    Question("q-why", "Why product operations?", "motivation", []),
]  # fmt: skip


def test_asked_questions_match_the_predicted_ones() -> None:
    asked = [
        "Walk me through a launch you ran end to end.",
        "What is your favourite board game?",
        "How did you measure whether the launch succeeded?",
    ]
    readings = [("behavioral", ["launch-operations"]), ("behavioral", []),
                ("metrics", ["metric-frameworks"])]  # fmt: skip
    matched = match_predictions(asked, readings, PREDICTED)
    assert [q.id if q else None for q in matched] == ["q-launch", None, "q-metric"]


def test_new_questions_are_banked_once_with_free_ids() -> None:
    readings = [
        Reading("What is your favourite board game?", "motivation", [], None),
        Reading("Tell me about a launch you ran end to end!", "behavioral", [], None),
        Reading("Tell me about a launch you ran.", "behavioral", [], PREDICTED[0]),
    ]
    bank = [*PREDICTED, Question("asked-acme-what-is-your-favourite-board-game", "x", "case")]
    added = new_questions(readings, bank, "acme")
    assert [(q.id, q.kind) for q in added] == [
        ("asked-acme-what-is-your-favourite-board-game-2", "motivation")
    ]


def test_prepare_debrief_reads_matches_and_scores() -> None:
    company = Company("acme", "Acme", focus=["launch-operations"])
    asked = ["Tell me about a launch you ran end to end.", "What did finance object to?"]
    result = prepare_debrief(asked, company, "2026-12-03", PREDICTED, PREDICTED, "panel", "J. Park")
    debrief = result.debrief
    assert (debrief.company, debrief.round, debrief.interviewer) == ("acme", "panel", "J. Park")
    assert [a.predicted for a in debrief.asked] == ["q-launch", None]
    assert debrief.predicted == ["q-launch", "q-metric", "q-why"]
    assert [q.text for q in result.added] == ["What did finance object to?"]
    score = loop_score([debrief])
    assert (score.recall, score.precision) == (0.5, pytest.approx(1 / 3))
    assert score.line() == (
        "The brief predicted 1 of 2 questions asked (recall 50%); 1 of its 3 predictions "
        "came up (precision 33%)."
    )


def test_loop_score_counts_each_prediction_once() -> None:
    first = Debrief("d1", "acme", "2026-12-01", asked=[AskedQuestion("a", "case", "q1")],
                    predicted=["q1", "q2"])  # fmt: skip
    second = Debrief("d2", "acme", "2026-12-02", asked=[AskedQuestion("a", "case", "q1"),
                     AskedQuestion("b", "case")], predicted=["q1", "q2"])  # fmt: skip
    score = loop_score([first, second])
    assert (score.asked, score.asked_hit, score.predicted, score.predicted_hit) == (3, 2, 2, 1)
    assert loop_score([]).line().startswith("No debrief yet")
