"""The advisor engine: reading questions, ranking stories, angles and company fit."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from factories import story
from storybank.advisor import (
    WEAK_MATCH,
    adaptation_notes,
    advise,
    analyse_question,
    rank_for_company,
)
from storybank.advisor.angle import emphasis_sentence
from storybank.advisor.text import americanise, first_sentence, terms
from storybank.model import Company, Environment, Metric, Story, Tradeoff
from storybank.vocab import BEATS

PLAIN_BEATS = {
    "summary": "",
    "context": "We had a problem.",
    "decision": "I decided to act.",
    "result": "It got better.",
}
"""Beats with no subject of their own, so only the fields a test gives can match a question."""


def _story(story_id: str, title: str, competencies: list[str], **fields) -> Story:
    return story(story_id, title, competencies=competencies, **{**PLAIN_BEATS, **fields})


@pytest.fixture
def bank() -> list[Story]:
    """Four stories with clearly different subjects."""
    return [
        _story(
            "billing-launch",
            "A billing launch that went wrong",
            ["launch-operations"],
            summary="A big-bang billing launch double-charged customers; I rolled it back.",
            decision="I approved a launch to every country at once. That was the wrong call.",
            execution="I rolled the release back within six hours and ran the postmortem.",
            result="Refunds cost 40,000 dollars; later launches had no rollbacks.",
            after="The lesson I learned: staged rollouts for anything touching billing.",
            metrics=[Metric("Launches rolled back", 3, 0)],
            environment=Environment("growth", "b2c", "embedded"),
            tags=["launch", "incident"],
        ),
        _story(
            "activation-metric",
            "Defining an activation metric",
            ["metric-frameworks", "stakeholder-management"],
            summary="I replaced signups with activation as the north star metric.",
            constraint="The VP of Sales pushed back hard on changing the headline metric.",
            decision="I defined activation as a first completed order within 14 days.",
            execution="I met the VP one to one and built the cohort dashboard.",
            result="Activation rose from 22 percent to 31 percent.",
            after="Every metric now ships with a definition and an owner.",
            metrics=[Metric("Activation", 22, 31, "%")],
            tradeoffs=[
                Tradeoff("One simple definition", "A blended index", "people can act on it")
            ],
            environment=Environment("late-stage", "marketplace", "hub-and-spoke"),
            tags=["north-star", "pushback"],
        ),
        _story(
            "request-rubric",
            "Prioritizing 500 feature requests with a rubric",
            ["prioritization", "customer-insight"],
            summary="Under a hiring freeze I scored every feature request and said no to most.",
            constraint="A hiring freeze cut engineering capacity by a third.",
            decision="I chose a published scoring rubric over private negotiations.",
            result="Requests answered within ten days rose from 18 percent to 85 percent.",
            metrics=[Metric("Requests answered in 10 days", 18, 85, "%")],
            tradeoffs=[Tradeoff("A published rubric", "Private deals", "every no was explainable")],
            environment=Environment("enterprise", "b2b-enterprise", "matrix"),
            tags=["roadmap", "intake"],
        ),
        _story(
            "ticket-routing",
            "Automating support ticket routing",
            ["process-improvement", "tooling-automation"],
            summary="Escalations bounced between squads; I automated routing with Jira rules.",
            decision="I routed tickets by product component using the ownership file.",
            execution="I wrote the Zendesk trigger and the Jira automation myself.",
            result="Time to owner fell from 19 hours to 3.5 hours.",
            metrics=[Metric("Time to owner", 19, 3.5, "h")],
            environment=Environment("scaleup", "b2b-smb", "centralized"),
            tags=["support", "jira"],
        ),
    ]


# --- text normalisation -------------------------------------------------------------


def test_british_and_american_spellings_meet() -> None:
    assert terms("prioritisation behaviour organised") == terms("prioritization behavior organized")
    assert americanise("enterprise") == "enterprise"
    assert americanise("hour") == "hour"
    assert americanise("centre") == "center"


def test_inflections_share_a_stem() -> None:
    assert len(set(terms("launch launches launched launching"))) == 1
    assert len(set(terms("prioritize prioritizing prioritization"))) == 1


def test_first_sentence_is_trimmed_for_cue_cards() -> None:
    assert first_sentence("One thing. Another thing.") == "One thing."
    long = " ".join(["word"] * 60)
    assert first_sentence(long, max_words=10).endswith("...")


# --- kind classification --------------------------------------------------------------


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("Tell me about a time you streamlined a reporting workflow.", "behavioral"),
        ("Give me an example of a program you ran across three departments.", "behavioral"),
        ("Describe a trade-off you made between speed and quality.", "tradeoff"),
        ("How did you decide what to cut when capacity was halved?", "tradeoff"),
        ("What metrics would tell you an onboarding change worked?", "metrics"),
        ("How did you know your new intake process was a success? Which KPI?", "metrics"),
        ("Tell me about a mistake you made on a launch.", "failure"),
        ("Describe a project that did not go as planned.", "failure"),
        ("Tell me about a disagreement with an engineering manager.", "conflict"),
        ("How did you handle a stakeholder who kept pushing back?", "conflict"),
        ("If you joined us next month, how would you set up our release process?", "case"),
        ("Imagine our support queue doubles overnight. What would you do?", "case"),
        ("Why product ops?", "motivation"),
        ("What draws you to this company?", "motivation"),
    ],
)
def test_kind_classification(question: str, kind: str) -> None:
    assert analyse_question(question).kind == kind


def test_competencies_and_cues_are_reported() -> None:
    reading = analyse_question("Tell me about a launch where you aligned cross-functional teams.")
    assert "launch-operations" in reading.competencies
    assert "cross-functional-execution" in reading.competencies
    assert "cross functional" in reading.cues


def test_custom_competency_is_recognised() -> None:
    reading = analyse_question(
        "Tell me about your pricing ops work.", extra_competencies=["pricing-ops"]
    )
    assert "pricing-ops" in reading.competencies


# --- messy input ----------------------------------------------------------------------


def test_typos_are_tolerated() -> None:
    reading = analyse_question("tell me abut a time you led cross functinal teams on a lanch")
    assert "cross-functional-execution" in reading.competencies
    assert "launch-operations" in reading.competencies


def test_british_spelling_is_read_like_american() -> None:
    reading = analyse_question("How did you prioritise when everything was urgent?")
    assert reading.kind == "tradeoff"
    assert "prioritization" in reading.competencies


def test_several_questions_pick_the_first_substantive_and_say_so() -> None:
    paste = (
        "Great, thanks.\n\nTell me about a launch that went wrong.\n"
        "What did you learn?\nAnd what would you do differently?"
    )
    reading = analyse_question(paste)
    assert reading.question == "Tell me about a launch that went wrong."
    assert reading.kind == "failure"
    assert reading.note is not None and reading.note.startswith("3 questions pasted")


def test_a_wrapped_question_is_joined_back_together() -> None:
    reading = analyse_question("Tell me about a time you had to\nalign several teams\non a date.")
    assert reading.question == "Tell me about a time you had to align several teams on a date."
    assert reading.note is None


def test_scene_setting_sentences_belong_to_the_question() -> None:
    reading = analyse_question("Activation fell 8 percent last month. How do you investigate?")
    assert reading.question.startswith("Activation fell")
    assert reading.kind == "case"


def test_a_long_paste_is_cut_and_says_so(bank: list[Story]) -> None:
    advice = advise("Tell me about a launch that failed. " * 400, bank)
    assert advice.note is not None and "first 5,000 characters" in advice.note
    assert advice.suggestions[0].id == "billing-launch"


def test_text_without_english_words_is_a_weak_match_with_a_note(bank: list[Story]) -> None:
    advice = advise("发布失败的经历", bank)
    assert advice.question == "发布失败的经历"
    assert advice.weak_match
    assert advice.note is not None and "English" in advice.note


def test_labels_and_fillers_before_the_question_are_dropped() -> None:
    reading = analyse_question("Interviewer: 'So, give me an example of a difficult stakeholder.'")
    assert reading.question == "give me an example of a difficult stakeholder."
    assert reading.kind == "conflict"


def test_empty_question_gives_no_suggestions(bank: list[Story]) -> None:
    advice = advise("   \n  ", bank)
    assert advice.suggestions == []
    assert advice.question == ""


# --- ranking --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("question", "best"),
    [
        ("Tell me about a launch that failed.", "billing-launch"),
        ("How did you define a north star metric?", "activation-metric"),
        (
            "Describe a time you prioritised feature requests under a hiring freeze.",
            "request-rubric",
        ),
        ("Give me an example of automating ticket routing in Jira.", "ticket-routing"),
        ("Tell me about a time a VP pushed back on your proposal.", "activation-metric"),
    ],
)
def test_clear_questions_rank_the_obvious_story_first(
    bank: list[Story], question: str, best: str
) -> None:
    advice = advise(question, bank, top=4)
    assert advice.suggestions[0].id == best
    scores = [s.score for s in advice.suggestions]
    assert scores == sorted(scores, reverse=True)
    assert all(0.0 <= s <= 1.0 for s in scores)
    assert not advice.weak_match


def test_company_fit_breaks_a_tie_in_relevance() -> None:
    twin = _story(
        "twin-a",
        "Rolling out a release checklist",
        ["launch-operations"],
        summary="I introduced a release checklist for launches.",
        environment=Environment("startup", "developer", "embedded"),
    )
    other = twin.replace(
        id="twin-b", environment=Environment("enterprise", "b2b-enterprise", "matrix")
    )
    question = "Tell me about a release checklist you introduced for launches."
    plain = advise(question, [twin, other])
    assert plain.suggestions[0].score == plain.suggestions[1].score
    assert [s.id for s in plain.suggestions] == ["twin-a", "twin-b"]

    enterprise = Company("big", "BigCo", "enterprise", "b2b-enterprise", "matrix")
    assert [s.id for s in advise(question, [twin, other], company=enterprise).suggestions] == [
        "twin-b",
        "twin-a",
    ]
    startup = Company("small", "SmallCo", "startup", "developer", "embedded")
    assert advise(question, [other, twin], company=startup).suggestions[0].id == "twin-a"


def test_company_focus_counts_when_environments_tie(bank: list[Story]) -> None:
    a = bank[3].replace(id="a", competencies=["process-improvement"])
    b = bank[3].replace(id="b", competencies=["process-improvement", "tooling-automation"])
    company = Company("co", "Co", focus=["tooling-automation"])
    advice = advise("Tell me about a process you improved.", [a, b], company=company)
    assert advice.suggestions[0].id == "b"


def test_scores_are_comparable_across_questions(bank: list[Story]) -> None:
    strong = advise("Tell me about a billing launch you had to roll back.", bank)
    weak = advise("Tell me about your favourite sourdough recipe.", bank)
    assert strong.suggestions[0].score > weak.suggestions[0].score + 0.2


def test_weak_match_gives_closest_example_advice(bank: list[Story]) -> None:
    advice = advise("Tell me about a time you managed a warehouse forklift fleet.", bank)
    assert advice.weak_match
    assert advice.suggestions[0].score < WEAK_MATCH
    assert advice.note is not None and "closest example" in advice.note
    first = advice.suggestions[0]
    assert first.lead_with == "decision"
    assert "differs" in first.emphasis
    assert "forklift" in first.emphasis or "warehouse" in first.emphasis


def test_company_fit_cannot_turn_an_off_topic_story_into_a_match(bank: list[Story]) -> None:
    same_env = Company("co", "Co", "growth", "b2c", "embedded", focus=["launch-operations"])
    advice = advise("Describe your favourite sourdough recipe.", bank, company=same_env)
    assert advice.weak_match
    assert advice.suggestions[0].id == "billing-launch"  # the company still orders them


def test_changing_a_story_changes_the_advice(bank: list[Story]) -> None:
    question = "Tell me about an onboarding checklist for clinics."
    before = advise(question, bank).suggestions[0]
    edited = [*bank[:3], bank[3].replace(summary="I built an onboarding checklist for clinics.")]
    after = advise(question, edited).suggestions[0]
    assert after.id == "ticket-routing"
    assert after.score > before.score or before.id != "ticket-routing"


# --- the angle ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("question", "story_id", "lead"),
    [
        ("Tell me about a launch that failed.", "billing-launch", "after"),
        ("Which metric did you move, and by how much?", "activation-metric", "result"),
        ("Describe a tradeoff you made under a hiring freeze.", "request-rubric", "constraint"),
        ("Tell me about automating ticket routing.", "ticket-routing", "context"),
        ("How would you set up ticket routing here?", "ticket-routing", "decision"),
    ],
)
def test_lead_beat_follows_the_kind(
    bank: list[Story], question: str, story_id: str, lead: str
) -> None:
    advice = advise(question, bank)
    suggestion = next(s for s in advice.suggestions if s.id == story_id)
    assert suggestion.lead_with == lead
    assert suggestion.lead_with in BEATS


def test_angle_uses_the_story_own_fields(bank: list[Story]) -> None:
    advice = advise(
        "Describe a trade-off you made when capacity was cut.", bank, round="behavioral"
    )
    best = advice.suggestions[0]
    assert best.id == "request-rubric"
    assert best.metric == "Requests answered in 10 days: 18% -> 85% (+67 pts)"
    assert best.tradeoff == (
        "Chose a published rubric over private deals, because every no was explainable"
    )
    assert best.opening.startswith("A hiring freeze cut engineering capacity by a third.")
    assert best.round_note is None  # the story has no behavioral note
    assert any("prioritization" in line for line in best.why)


def test_round_note_comes_from_the_story(bank: list[Story]) -> None:
    stories = [bank[0].replace(rounds={"panel": "Stress the refunds for finance."}), *bank[1:]]
    advice = advise("Tell me about a launch that failed.", stories, round="panel")
    assert advice.suggestions[0].round_note == "Stress the refunds for finance."


def test_adaptation_notes_for_a_startup_story_told_to_an_enterprise_matrix() -> None:
    company = Company("big", "BigCo", "enterprise", "b2b-enterprise", "matrix")
    notes = adaptation_notes(Environment("startup", "developer", "embedded"), company)
    text = " ".join(notes).lower()
    assert "stakeholder alignment" in text and "governance" in text and "scale" in text
    assert "matrix" in text
    assert len(notes) == 3
    assert adaptation_notes(Environment("enterprise", "b2b-enterprise", "matrix"), company) == []


def test_adaptation_notes_for_an_enterprise_story_told_to_a_startup() -> None:
    company = Company("small", "SmallCo", "startup", "developer", "embedded")
    notes = adaptation_notes(Environment("enterprise", "developer", "embedded"), company)
    assert len(notes) == 1 and "speed" in notes[0]


def test_rank_for_company_orders_every_story_by_fit(bank: list[Story]) -> None:
    company = Company(
        "big", "BigCo", "enterprise", "b2b-enterprise", "matrix", focus=["prioritization"]
    )
    fits = rank_for_company(bank, company)
    assert fits[0].story.id == "request-rubric"
    assert len(fits) == len(bank)
    assert all(0.0 <= f.score <= 1.0 for f in fits)
    assert fits[0].adapt == []
    assert any(f.adapt for f in fits[1:])
    assert "prioritization" in fits[0].why[0]


# --- the JSON contract ----------------------------------------------------------------


def test_json_contract(bank: list[Story]) -> None:
    company = Company("big", "BigCo", "enterprise", "b2b-enterprise", "matrix")
    data = json.loads(
        json.dumps(advise("Tell me about a launch that failed.", bank, company, "panel").to_dict())
    )
    assert isinstance(data["question"], str)
    assert isinstance(data["kind"], str)
    assert isinstance(data["competencies"], list)
    assert isinstance(data["weak_match"], bool)
    assert len(data["suggestions"]) == 3
    types = {
        "id": (str,),
        "title": (str,),
        "score": (float,),
        "lead_with": (str,),
        "emphasis": (str,),
        "opening": (str,),
        "metric": (str, type(None)),
        "tradeoff": (str, type(None)),
        "round_note": (str, type(None)),
        "adapt": (list,),
        "why": (list,),
    }
    for suggestion in data["suggestions"]:
        for key, allowed in types.items():
            assert isinstance(suggestion[key], allowed), key
        assert all(isinstance(line, str) for line in suggestion["adapt"] + suggestion["why"])
        assert suggestion["lead_with"] in BEATS


# --- import hygiene -------------------------------------------------------------------


def test_importing_the_advisor_does_no_work_and_no_textual() -> None:
    code = (
        "import sys\n"
        "import storybank.advisor as a\n"
        "from storybank.advisor import lexicon, text\n"
        "assert lexicon.compiled_kind_cues.cache_info().currsize == 0\n"
        "assert text.stopwords.cache_info().currsize == 0\n"
        "assert 'rapidfuzz' not in sys.modules\n"
        "assert 'textual' not in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("enterprise company", "an enterprise company"),
        ("startup", "a startup"),
        ("unknown setting", "an unknown setting"),
        ("user-facing change", "a user-facing change"),
        ("hour", "an hour"),
        ("SDK", "an SDK"),
        ("KPI", "a KPI"),
        ("8-week pilot", "an 8-week pilot"),
        ("12-clinic pilot", "a 12-clinic pilot"),
        ("11,000-seat rollout", "an 11,000-seat rollout"),
    ],
)
def test_articles_follow_the_sound_of_the_next_word(phrase: str, expected: str) -> None:
    from storybank.advisor.angle import with_article

    assert with_article(phrase) == expected


def test_adaptation_and_weak_notes_use_the_right_article() -> None:
    from storybank.advisor.angle import environment_phrase

    enterprise_story = Environment("enterprise", "b2b-enterprise", "matrix")
    startup = Company(id="tiny", name="Tiny", stage="startup", customer="b2c", org="embedded")
    notes = adaptation_notes(enterprise_story, startup)
    assert notes[0].startswith("Your story comes from an enterprise company and Tiny is a startup")
    growth = Company(id="g", name="G", stage="enterprise")
    note = adaptation_notes(Environment("startup"), growth)[0]
    assert "from a startup company and G is an enterprise one" in note
    assert environment_phrase(enterprise_story).startswith("an enterprise, ")
    assert environment_phrase(Environment()) == "an unknown setting"


def test_spliced_fields_lose_a_sentence_capital_but_keep_names_and_acronyms() -> None:
    story = _story(
        "triage",
        "Triage in Jira",
        ["process-design"],
        decision="We moved intake into Jira and routed by component.",
        tradeoffs=[
            Tradeoff("Jira automation", "A shared inbox", "Routing rules were already in Jira."),
            Tradeoff("SDK-level flags", "Routing by customer tier", "Engineers owned components."),
            Tradeoff("Zendesk macros", "Weekly manual sweeps", "Macros are free."),
        ],
    )
    emphasis = emphasis_sentence(story, "tradeoff", None, None, story.tradeoffs[0])
    assert "why you chose Jira automation." in emphasis
    from storybank.advisor.angle import story_text, tradeoff_line

    context = story_text(story)
    first, second, third = (tradeoff_line(t, context) for t in story.tradeoffs)
    assert first == (
        "Chose Jira automation over a shared inbox, because routing rules were already in Jira"
    )
    assert second == (
        "Chose SDK-level flags over routing by customer tier, because engineers owned components"
    )
    # Never seen in lower case and no common ending: read as a name.
    assert third.startswith("Chose Zendesk macros over weekly manual sweeps, because macros")
    sample = emphasis_sentence(
        _story("x", "X", [], tradeoffs=[Tradeoff("A published scoring rubric")]),
        "tradeoff",
        None,
        None,
    )
    assert "why you chose a published scoring rubric." in sample


def test_a_typo_between_two_equally_near_words_reads_the_same_in_every_process() -> None:
    """The corrector's candidates are in sorted order, not a set's hash-seeded order, so
    a tie ("roadmapx": roadmaps or roadmapz) goes the same way on every run."""
    import os
    import subprocess
    import sys

    script = (
        "from storybank.advisor.classify import Corrector\n"
        "print(Corrector([], lambda: ['roadmapz', 'roadmaps']).correct('roadmapx'))\n"
    )
    seen = set()
    for seed in ("1", "2", "3", "4", "5", "6"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        out = subprocess.run(
            [sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True
        )
        seen.add(out.stdout.strip())
    assert seen == {"roadmaps"}
