"""The method's one home: kinds, the story-fit rule Ask and Coverage share, the question model."""

from __future__ import annotations

import json

import pytest

from storybank import vocab
from storybank.advisor import advise
from storybank.advisor.rank import bank_index
from storybank.method import competencies, cues, fit, kinds, learned, train
from storybank.method.features import features, fold
from storybank.method.reading import pitch_part
from storybank.method.themes import probe_strengths, theme_strengths
from storybank.model import Metric, Story, Tradeoff
from storybank.quality.coverage import kind_check
from storybank.resources import sample_bank


def story(**fields: object) -> Story:
    base: dict[str, object] = {
        "id": "s",
        "title": "A release process",
        "context": "Releases were late every quarter and nobody owned the calendar.",
        "decision": "I chose a weekly release train because it made slips visible early.",
        "execution": "I ran the first six trains myself.",
        "result": "Late releases fell from 9 to 2 a quarter.",
        "after": "I learned to pilot small first.",
        "metrics": [Metric("Late releases", 9, 2)],
        "tradeoffs": [Tradeoff("a release train", "ad-hoc releases", "it exposed slips")],
    }
    base.update(fields)
    return Story(**base)  # type: ignore[arg-type]


# -- the registry ---------------------------------------------------------------------------


def test_every_kind_has_one_record_and_one_rule() -> None:
    assert vocab.KINDS == kinds.NAMES
    assert set(fit._RULES) == set(kinds.NAMES)
    assert len({k.abbreviation for k in kinds.KINDS}) == len(kinds.KINDS)
    assert all(len(k.short) <= 6 and k.lead and k.rule for k in kinds.KINDS)
    assert [k.name for k in kinds.KINDS if k.needs_pitch] == ["motivation"]


# -- one story-fit rule -------------------------------------------------------------------


def test_every_kind_and_competency_has_its_cue_table_and_no_other() -> None:
    assert set(cues.KIND_CUES) == set(kinds.NAMES)
    assert set(cues.COMPETENCY_CUES) == set(competencies.NAMES)
    assert all(cues.KIND_CUES[name] for name in kinds.NAMES)
    assert all(cues.COMPETENCY_CUES[name] for name in competencies.NAMES)


def test_kinds_are_read_as_topics_or_frames_from_their_records() -> None:
    assert set(kinds.TOPIC_KINDS) | set(kinds.FRAME_KINDS) == set(kinds.NAMES)
    assert not set(kinds.TOPIC_KINDS) & set(kinds.FRAME_KINDS)
    ranks = [kinds.kind(name).topic_rank for name in kinds.TOPIC_KINDS]
    assert ranks == sorted(ranks)
    assert set(kinds.FRAME_KINDS) == {"behavioral", "case"}


def test_competencies_come_from_their_records() -> None:
    assert vocab.COMPETENCIES == competencies.NAMES
    assert tuple(c.name for c in competencies.COMPETENCIES if c.core) == vocab.CORE_COMPETENCIES
    assert set(vocab.COMPETENCY_SHORT_NAMES.values()) == {
        c.short for c in competencies.COMPETENCIES
    }
    assert len(set(vocab.COMPETENCY_SHORT_NAMES.values())) == len(competencies.NAMES)
    for record in competencies.COMPETENCIES:
        assert vocab.normalise_competency(record.name) == record.name
        for alias in record.aliases:
            assert alias not in competencies.NAMES
            assert vocab.normalise_competency(alias) == record.name


def test_a_failure_needs_something_going_wrong_in_the_candidates_own_work() -> None:
    assert not fit.story_fit(story(), "failure").serves  # a lesson alone
    inherited = story(context="The last launch failed badly before I joined.")
    assert not fit.story_fit(inherited, "failure").serves  # the context is not their work
    owned = story(execution="I skipped the pilot and we had to roll it back the same day.")
    verdict = fit.story_fit(owned, "failure")
    assert verdict.serves and "roll it back" in verdict.evidence


def test_ordinary_ops_words_are_not_a_failure() -> None:
    busy = story(result="The failure rate of payments fell from 4% to 1%.")
    assert not fit.story_fit(busy, "failure").serves


def test_a_conflict_needs_a_disagreement_told_in_the_story() -> None:
    assert not fit.story_fit(story(competencies=["stakeholder-management"]), "conflict").serves
    assert fit.story_fit(story(constraint="Sales pushed back on the date."), "conflict").serves


def test_coverage_and_ask_read_the_same_rule_on_the_sample_bank() -> None:
    stories = sample_bank().stories
    index = bank_index(stories)
    for feat in index.features:
        for name in kinds.NAMES:
            served, _ = kind_check(feat.story, name)
            assert served == (feat.kind_fit[name] >= fit.SERVES), (feat.story.id, name)


def test_ask_never_offers_a_success_story_first_for_a_failure_question() -> None:
    stories = sample_bank().stories
    for question in (
        "Tell me about a time you failed.",
        "Describe a project that did not go to plan.",
        "Tell me about a launch that went wrong.",
    ):
        best = advise(question, stories).suggestions[0]
        chosen = next(s for s in stories if s.id == best.id)
        assert fit.story_fit(chosen, "failure").serves, question


# -- themes ---------------------------------------------------------------------------------


def test_themes_are_read_from_the_story_and_competencies_are_declared() -> None:
    disputed = story(constraint="Two directors disagreed and one refused to sign off.")
    assert theme_strengths(disputed)["conflict"] == 1.0
    strengths = probe_strengths(story(competencies=["launch-operations", "prioritization"]))
    assert strengths["launch-operations"] > strengths["prioritization"] > 0


# -- the question model ---------------------------------------------------------------------


def test_features_fold_inflections_and_mark_the_opening() -> None:
    assert fold("failed") == fold("failing")
    assert "^tell_me" in features("Tell me about a time you failed")


def test_training_is_deterministic() -> None:
    questions = [
        {"text": "Tell me about a time you failed.", "kind": "failure", "probes": ["failure"]},
        {
            "text": "Tell me about a time you failed a launch.",
            "kind": "failure",
            "probes": ["failure", "launch-operations"],
        },
        {
            "text": "How would you set up a launch here?",
            "kind": "case",
            "probes": ["launch-operations"],
        },
        {
            "text": "How would you set up metrics here?",
            "kind": "case",
            "probes": ["metric-frameworks"],
        },
    ]
    first = json.dumps(train.train(questions).to_json(), sort_keys=True)
    assert first == json.dumps(train.train(questions).to_json(), sort_keys=True)
    model = learned.QuestionModel.from_json(json.loads(first))
    kind, _ = model.read("Tell me about a time you failed.")
    assert max(kind, key=kind.get) == "failure"


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("Tell me about yourself.", "motivation"),
        ("Why product operations?", "motivation"),
        ("Tell me about a time you failed.", "failure"),
        ("How would you set up a launch process in your first 90 days here?", "case"),
        ("Describe a disagreement with an engineering lead.", "conflict"),
        ("What metrics would you use to measure onboarding?", "metrics"),
    ],
)
def test_the_shipped_model_reads_the_commonest_questions(question: str, kind: str) -> None:
    assert advise(question, sample_bank().stories).kind == kind


def test_a_pitch_question_is_answered_from_the_pitch_with_a_story_as_evidence() -> None:
    advice = advise("Tell me about yourself.", sample_bank().stories)
    assert advice.note is not None and advice.note.startswith("A pitch question, not a story")
    assert "closest example" not in advice.note
    assert advice.suggestions  # the evidence to use inside the pitch


def test_why_says_what_the_question_read_like() -> None:
    advice = advise("Tell me about a time you failed.", sample_bank().stories)
    assert advice.suggestions[0].why[0].startswith("reads like: '")


def test_without_a_model_the_cue_reading_stands(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(learned, "model", lambda: None)
    advice = advise("Describe a tradeoff you made under a hiring freeze.", sample_bank().stories)
    assert advice.kind == "tradeoff" and advice.suggestions


def test_pitch_part_names_the_part_asked_for() -> None:
    from types import SimpleNamespace

    reading = SimpleNamespace(
        question="Why do you want to work here?",
        kind="motivation",
        probes={"pitch-why-company": 0.6, "pitch-about-me": 0.1},
    )
    assert pitch_part(reading) == "why-company"  # type: ignore[arg-type]


def test_a_multi_question_paste_matches_only_the_question_it_answers() -> None:
    from storybank.advisor import analyse_question

    paste = (
        "Tell me about a launch that went wrong. Also, how do you prioritise requests from "
        "sales and support? And what metrics do you track for activation?"
    )
    reading = analyse_question(paste)
    assert reading.question == "Tell me about a launch that went wrong."
    assert "prioritization" not in reading.competencies
    assert "metric-frameworks" not in reading.competencies
    assert "sales" not in reading.term_weights
    follow_up = analyse_question("Tell me about a time you delayed a launch. What did you weigh?")
    assert "weigh" in follow_up.term_weights  # a follow-up that points back still counts


def test_failure_and_conflict_themes_are_read_by_the_kinds_own_rule() -> None:
    """One story-cue system: what a story can show of failure or conflict is what the kind
    rule (method.fit) reads, never a second phrase list that could disagree with it."""
    from storybank.method import themes

    for story in sample_bank().stories:
        strengths = themes.theme_strengths(story)
        assert strengths.get("failure", 0.0) == fit.went_wrong(story)[0]
        assert strengths.get("conflict", 0.0) == fit.friction(story)[0]
    assert not themes.BY_NAME["failure"].phrases and not themes.BY_NAME["conflict"].phrases


@pytest.mark.parametrize(
    "question",
    ["Describe a time you failed at work.", "Tell me about a time you failed at work."],
)
def test_a_named_topic_outweighs_the_framing_words(question: str) -> None:
    """'Describe a time' frames the question; 'failed' says what it is about."""
    assert advise(question, sample_bank().stories).kind == "failure"
