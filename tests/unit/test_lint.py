"""Lint: every rule has a story that triggers it and a near miss that does not."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from storybank.model import Environment, Metric, Story, Tradeoff
from storybank.quality import lint
from storybank.quality.lint import (
    BEAT_MAX_WORDS,
    BEAT_MIN_WORDS,
    RULES,
    SEVERITY_WEIGHTS,
    lint_bank,
    lint_story,
    spoken_seconds,
    word_count,
)
from storybank.quality.textstats import count_words, format_seconds, has_number, seconds_for


def strong() -> Story:
    """A story that passes every rule: six beats, numbers, a tradeoff, first person."""
    return Story(
        id="vendor-onboarding",
        title="Cutting supplier onboarding from 21 days to 6",
        summary="Suppliers took 21 days to go live; I rebuilt onboarding and it took 6.",
        competencies=["process-improvement", "cross-functional-execution"],
        context=(
            "At a regional grocery delivery marketplace, new suppliers waited 21 days between "
            "signing and listing their first product, and 30 percent gave up before going live."
        ),
        constraint=(
            "Legal, finance and catalogue each owned a step, none reported to me, and the "
            "spring season started in eight weeks."
        ),
        decision=(
            "I chose to run the three checks in parallel instead of in sequence, and I asked "
            "legal to accept a standard contract for suppliers under a set volume."
        ),
        execution=(
            "I mapped every handoff with the three leads, wrote a shared checklist in the "
            "onboarding tool, and set an alert when any step sat idle for two days. I ran a "
            "pilot with 40 suppliers and reviewed each stuck case with the owners on Thursdays."
        ),
        result=(
            "Time to first listing fell from 21 days to 6, and drop-off before going live fell "
            "from 30 percent to 11 percent by the start of the season."
        ),
        after=(
            "Each step now has a named owner and a two-day limit, and I start every process "
            "change by timing the idle gaps between teams."
        ),
        metrics=[
            Metric("Days to first listing", 21, 6, "days"),
            Metric("Drop-off before go-live", 30, 11, "%"),
        ],
        tradeoffs=[
            Tradeoff(
                chose="Parallel checks",
                over="Faster sequential checks",
                because="Idle time between teams, not the checks themselves, was the delay.",
            )
        ],
        environment=Environment(stage="growth", customer="marketplace", org="hub-and-spoke"),
        rounds={
            "behavioral": "Lead with the 21 days.",
            "case": "Reuse: time the idle gaps first.",
            "panel": "Legal panellists: the standard contract.",
        },
        tags=["onboarding"],
    )


def filler(n: int, start: str = "I") -> str:
    """`n` plain words that trip no lexicon entry."""
    return " ".join([start] + ["checked"] * (n - 1))


def change(**fields: object) -> Callable[[Story], Story]:
    return lambda story: story.replace(**fields)


def set_metric(index: int, **fields: object) -> Callable[[Story], Story]:
    def apply(story: Story) -> Story:
        metrics = list(story.metrics)
        metrics[index] = metrics[index].replace(**fields)
        return story.replace(metrics=metrics)

    return apply


def pad_beats(total: int) -> Callable[[Story], Story]:
    """Spread about `total` words over the six beats, each within its own limits."""

    def apply(story: Story) -> Story:
        shares = {name: BEAT_MAX_WORDS[name] for name in BEAT_MAX_WORDS}
        whole = sum(shares.values())
        beats = {
            name: filler(max(BEAT_MIN_WORDS[name], total * share // whole))
            for name, share in shares.items()
        }
        return story.replace(
            result=beats["result"] + " from 3 to 2",
            **{k: v for k, v in beats.items() if k != "result"},
        )

    return apply


NO_NUMBER_RESULT = "The team was much happier with the new process and said so in the retro."

# rule id -> (mutation that triggers it, near miss that must not)
CASES: dict[str, tuple[Callable[[Story], Story], Callable[[Story], Story]]] = {
    "beat-missing": (change(decision="  "), change(constraint="")),
    "beat-empty": (change(constraint=""), change(constraint=filler(BEAT_MIN_WORDS["constraint"]))),
    "beat-thin": (
        change(context=filler(BEAT_MIN_WORDS["context"] - 1)),
        change(context=filler(BEAT_MIN_WORDS["context"])),
    ),
    "beat-rambles": (
        change(context=filler(BEAT_MAX_WORDS["context"] + 1)),
        change(context=filler(BEAT_MAX_WORDS["context"])),
    ),
    "result-no-number": (
        change(result=NO_NUMBER_RESULT, metrics=[]),
        change(result=NO_NUMBER_RESULT.replace("the retro", "all twelve retros"), metrics=[]),
    ),
    "result-number-unspoken": (
        change(result=NO_NUMBER_RESULT),
        change(result=NO_NUMBER_RESULT + " Onboarding took 6 days."),
    ),
    "metrics-no-number": (
        change(metrics=[]),
        change(metrics=[Metric("Days to first listing", 21, None, "days")]),
    ),
    "metric-incomplete": (set_metric(1, after=None), set_metric(1, after=0)),
    "metric-unchanged": (set_metric(1, after=30), set_metric(1, after=30.5)),
    "no-tradeoff": (change(tradeoffs=[]), change(tradeoffs=[Tradeoff("Parallel checks")])),
    "tradeoff-incomplete": (
        change(tradeoffs=[Tradeoff("Parallel checks", over="Sequential checks")]),
        change(tradeoffs=[Tradeoff("Parallel checks", "Sequential checks", "Idle time.")]),
    ),
    "vague-phrase": (
        lambda s: s.replace(context=s.context + " I worked with various teams."),
        lambda s: s.replace(context=s.context + " I sketched the variance."),
    ),
    "hedging": (
        lambda s: s.replace(decision=s.decision + " Maybe that was right."),
        lambda s: s.replace(decision=s.decision + " Maybelline was a supplier."),
    ),
    "we-not-i": (
        change(
            decision="We chose to run the three checks in parallel instead of in sequence.",
            execution="We mapped every handoff and our pilot ran with 40 suppliers for a month.",
        ),
        change(
            decision="We chose to run the three checks in parallel instead of in sequence.",
            execution="I mapped every handoff and our pilot ran with 40 suppliers for a month.",
        ),
    ),
    "spoken-too-short": (pad_beats(140), pad_beats(160)),
    "spoken-too-long": (pad_beats(470), pad_beats(440)),
    "environment-missing": (
        change(environment=Environment()),
        change(environment=Environment(stage="growth")),
    ),
    "environment-incomplete": (
        change(environment=Environment(stage="growth")),
        change(environment=Environment("growth", "b2c", "matrix")),
    ),
    "competencies-missing": (change(competencies=[]), change(competencies=["my-own-area"])),
    "rounds-missing": (
        change(rounds={"behavioral": "x", "case": "y", "panel": " "}),
        change(rounds={"behavioral": "x", "case": "y", "panel": "z"}),
    ),
    "summary-missing": (change(summary=""), change(summary="One line.")),
}


def test_strong_story_is_clean_and_scores_100() -> None:
    report = lint_story(strong())
    assert report.findings == []
    assert report.score == 100
    assert report.verdict == "ready"


def test_every_rule_has_a_test_case() -> None:
    assert set(CASES) == set(RULES)


@pytest.mark.parametrize("rule", sorted(CASES))
def test_rule_triggers(rule: str) -> None:
    trigger, _ = CASES[rule]
    report = lint_story(trigger(strong()))
    found = [f for f in report.findings if f.rule == rule]
    assert found, f"{rule} not reported; got {sorted(report.rules())}"
    for finding in found:
        assert finding.severity == RULES[rule].severity
        assert finding.message.strip()
        assert finding.fix.strip()
        assert finding.fix != finding.message
    assert report.score < 100


@pytest.mark.parametrize("rule", sorted(CASES))
def test_rule_near_miss_does_not_trigger(rule: str) -> None:
    _, near_miss = CASES[rule]
    report = lint_story(near_miss(strong()))
    assert rule not in report.rules(), [f.message for f in report.findings if f.rule == rule]


def test_required_beats_are_errors_and_optional_beats_warnings() -> None:
    story = strong().replace(context="", decision="", result="", after="")
    by_field = {f.field: f for f in lint_story(story).findings if f.rule.startswith("beat-")}
    assert {k: by_field[k].severity for k in ("context", "decision", "result", "after")} == {
        "context": "error",
        "decision": "error",
        "result": "error",
        "after": "warning",
    }
    assert "before -> after" in by_field["result"].fix


def test_empty_result_is_reported_once_as_missing_not_as_numberless() -> None:
    story = strong().replace(result="", metrics=[])
    rules = lint_story(story).rules()
    assert "beat-missing" in rules
    assert "result-no-number" not in rules


def test_result_no_number_fix_is_concrete() -> None:
    story = strong().replace(result=NO_NUMBER_RESULT, metrics=[])
    (finding,) = [f for f in lint_story(story).findings if f.rule == "result-no-number"]
    assert finding.severity == "error"
    assert finding.field == "result"
    assert "from 10 h to 4 h" in finding.fix


def test_unspoken_number_fix_quotes_the_metric() -> None:
    story = strong().replace(result=NO_NUMBER_RESULT)
    (finding,) = [f for f in lint_story(story).findings if f.rule == "result-number-unspoken"]
    assert "Days to first listing went from 21 days to 6 days" in finding.fix


def test_metric_incomplete_names_the_metric_and_the_missing_side() -> None:
    story = set_metric(0, before=None)(strong())
    (finding,) = [f for f in lint_story(story).findings if f.rule == "metric-incomplete"]
    assert finding.field == "metrics[0]"
    assert "'Days to first listing'" in finding.message
    assert "no before" in finding.message


def test_metric_unchanged_is_a_hint_that_names_the_value() -> None:
    story = set_metric(0, before=21.0, after=21)(strong())
    (finding,) = [f for f in lint_story(story).findings if f.rule == "metric-unchanged"]
    assert finding.severity == "hint"
    assert "21 days before and after" in finding.message
    assert "guardrail" in finding.fix


def test_metric_with_no_numbers_at_all_is_not_double_reported() -> None:
    story = change(metrics=[Metric("Days to first listing")])(strong())
    rules = [f.rule for f in lint_story(story).findings]
    assert rules.count("metrics-no-number") == 1
    assert "metric-incomplete" not in rules


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("I have experience with launch readiness reviews.", "I have experience with"),
        ("I helped with the rollout plan for spring.", "helped with"),
        ("I met a lot of suppliers during the pilot.", "a lot of"),
        ("I briefed legal, finance, etc. before the pilot.", "etc"),
        ("I briefed some stakeholders before the pilot.", "some stakeholders"),
        ("Onboarding improved Significantly after the pilot.", "Significantly"),
    ],
)
def test_vague_phrases_are_quoted(text: str, phrase: str) -> None:
    story = strong().replace(execution=strong().execution + " " + text)
    found = [f for f in lint_story(story).findings if f.rule == "vague-phrase"]
    assert [f.field for f in found] == ["execution"]
    assert f'"{phrase}"' in found[0].message


@pytest.mark.parametrize(
    "text",
    [
        "I would approach it carefully with the three leads.",
        "I think the pilot was the right call.",
        "I tried to get legal to agree to a standard contract.",
        "It was sort of a pilot with 40 suppliers.",
    ],
)
def test_hedging_phrases(text: str) -> None:
    story = strong().replace(decision=strong().decision + " " + text)
    found = [f for f in lint_story(story).findings if f.rule == "hedging"]
    assert len(found) == 1
    assert found[0].field == "decision"


def test_overlapping_phrases_report_the_longest_once() -> None:
    story = strong().replace(decision=strong().decision + " I would approach it carefully.")
    (finding,) = [f for f in lint_story(story).findings if f.rule == "hedging"]
    assert '"would approach it carefully"' in finding.message


def test_repeated_phrase_is_counted_in_one_finding() -> None:
    story = strong().replace(context=strong().context + " Various leads and various owners joined.")
    (finding,) = [f for f in lint_story(story).findings if f.rule == "vague-phrase"]
    assert "(2 times)" in finding.message


def test_lexicon_is_word_boundary_matched() -> None:
    text = " I sketched a fetch job, stuffed boxes and tuned the variousness of maybelline."
    story = strong().replace(execution=strong().execution + text)
    assert not {"vague-phrase", "hedging"} & lint_story(story).rules()


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("I’m familiar with launch reviews.", "vague-phrase"),  # curly apostrophe
        ("I was responsible for the pilot.", "vague-phrase"),
        ("The rollout was kind of rushed.", "hedging"),
    ],
)
def test_phrase_variants_are_caught(text: str, rule: str) -> None:
    story = strong().replace(execution=strong().execution + " " + text)
    assert rule in lint_story(story).rules()


@pytest.mark.parametrize(
    "text",
    [
        "The finance lead was responsible for invoices.",
        "The outage contributed to churn in March.",
        "This kind of request went to legal.",
        "Catalogue checks were part of the contract.",
    ],
)
def test_descriptive_uses_are_not_flagged(text: str) -> None:
    """Phrases that are only vague as claims about yourself stay quiet about others."""
    story = strong().replace(context=strong().context + " " + text)
    assert not {"vague-phrase", "hedging"} & lint_story(story).rules()


def test_phrases_in_tradeoffs_and_summary_are_checked() -> None:
    story = strong().replace(
        summary="I helped with onboarding.",
        tradeoffs=[Tradeoff("Parallel checks", "Sequential checks", "It was probably faster.")],
    )
    fields = {f.field for f in lint_story(story).findings if f.rule in {"vague-phrase", "hedging"}}
    assert fields == {"summary", "tradeoffs[0].because"}


def test_we_with_i_elsewhere_in_the_story_still_counts() -> None:
    """Only decision and execution matter: an 'I' in the context is not ownership."""
    story = strong().replace(
        context="I joined as the first ops hire. " + strong().context,
        decision="We chose to run the three checks in parallel instead of in sequence.",
        execution="We mapped every handoff and ran a pilot with 40 suppliers.",
    )
    (finding,) = [f for f in lint_story(story).findings if f.rule == "we-not-i"]
    assert "say 'we'/'our' twice and never 'I'" in finding.message


def test_spoken_length_message_states_words_and_time() -> None:
    story = pad_beats(470)(strong())
    (finding,) = [f for f in lint_story(story).findings if f.rule == "spoken-too-long"]
    assert f"{word_count(story)} words" in finding.message
    assert "150 words/min" in finding.message
    assert finding.field == "story"


def test_word_count_and_spoken_seconds() -> None:
    story = strong().replace(**{name: "" for name in BEAT_MAX_WORDS})
    assert word_count(story) == 0
    assert spoken_seconds(story) == 0
    story = story.replace(context="Time to owner: 19 h -> 3.5 h, go/no-go.")
    assert word_count(story) == 8  # Time to owner 19 h 3.5 h go/no-go; '->' is not a word
    story = story.replace(context=filler(75), result=filler(75))
    assert word_count(story) == 150
    assert spoken_seconds(story) == 60
    story = story.replace(summary=filler(500), title=filler(50))
    assert word_count(story) == 150, "only the six beats are spoken"


def test_textstats_helpers() -> None:
    assert count_words("") == 0
    assert count_words("I'm here -- twice.") == 3
    assert seconds_for(225) == 90
    assert format_seconds(124) == "2 min 04 s"
    assert format_seconds(45) == "45 s"
    assert has_number("fell from 19 to 3")
    assert has_number("the queue halved")
    assert has_number("Twelve squads")
    assert not has_number("no one complained last quarter")
    assert not has_number("")


def test_findings_are_ordered_errors_first() -> None:
    story = strong().replace(summary="", competencies=[], constraint="")
    severities = [f.severity for f in lint_story(story).findings]
    order = {"error": 0, "warning": 1, "hint": 2}
    assert severities == sorted(severities, key=order.__getitem__)
    assert severities[0] == "error"


# --- scoring --------------------------------------------------------------------------------


def weak() -> Story:
    """The weak answer from the method: a claim of familiarity, no decision, no number."""
    return Story(
        id="weak",
        title="Launches",
        competencies=["launch-operations"],
        context="I have experience with launches and various stakeholders.",
        decision="We would approach it carefully and align everyone.",
        result="It went really well overall.",
    )


def test_score_ordering_weak_medium_strong() -> None:
    medium = strong().replace(
        tradeoffs=[], environment=Environment(), result=NO_NUMBER_RESULT, metrics=[]
    )
    scores = [lint_story(s).score for s in (weak(), medium, strong())]
    assert scores[0] < 30
    assert scores[0] + 25 < scores[1] < scores[2] - 25
    assert lint_story(weak()).verdict == "not ready"


def test_score_is_the_documented_formula() -> None:
    # one error (result-no-number 25) + one warning (metrics-no-number 8) + one hint (2)
    story = strong().replace(result=NO_NUMBER_RESULT, metrics=[], summary="")
    report = lint_story(story)
    assert sorted(report.rules()) == ["metrics-no-number", "result-no-number", "summary-missing"]
    assert report.score == 100 - 25 - 8 - 2
    assert [(d.rule, d.points) for d in report.deductions] == [
        ("result-no-number", 25),
        ("metrics-no-number", 8),
        ("summary-missing", 2),
    ]


def test_one_rule_costs_at_most_two_findings() -> None:
    many = " ".join(["various", "a lot of", "etc", "numerous", "stuff", "lots of", "greatly"])
    story = strong().replace(execution=strong().execution + " " + many + ".")
    report = lint_story(story)
    vague = [f for f in report.findings if f.rule == "vague-phrase"]
    assert len(vague) == 7
    assert report.score == 100 - 2 * SEVERITY_WEIGHTS["warning"]


def test_score_never_goes_below_zero() -> None:
    empty = Story(id="empty", title="Empty")
    report = lint_story(empty)
    assert report.score == 0
    assert report.errors >= 4  # three required beats, competencies


def test_bank_report() -> None:
    bank = lint_bank([strong(), weak()])
    assert [r.story_id for r in bank.stories] == ["vendor-onboarding", "weak"]
    assert bank.score == round((100 + lint_story(weak()).score) / 2)
    assert bank.has_errors
    assert bank.errors == lint_story(weak()).errors
    assert bank.story("weak") is bank.stories[1]
    assert bank.story("nope") is None
    assert not lint_bank([strong()]).has_errors


def test_empty_bank() -> None:
    report = lint_bank([])
    assert report.score == 0
    assert report.verdict == "no stories"
    assert not report.has_errors
    assert report.to_dict()["stories"] == []


def test_to_dict_is_json_ready_and_complete() -> None:
    report = lint_bank([weak()])
    data = json.loads(json.dumps(report.to_dict()))
    assert data["score"] == report.score
    assert data["scoring"]["weights"] == {"error": 25, "warning": 8, "hint": 2}
    story = data["stories"][0]
    assert story["id"] == "weak"
    assert story["counts"]["error"] == report.stories[0].errors
    assert set(story["findings"][0]) == {"rule", "severity", "field", "message", "fix"}
    assert sum(d["points"] for d in story["deductions"]) >= 100 - story["score"]
    assert story["words"] == word_count(weak())


def test_every_rule_id_is_a_stable_slug() -> None:
    for rule_id, rule in RULES.items():
        assert rule.id == rule_id
        assert rule_id == rule_id.lower() and " " not in rule_id
        assert rule.severity in SEVERITY_WEIGHTS
        assert rule.description


def test_reference_lists_every_rule_and_phrase() -> None:
    ref = lint.reference()
    json.dumps(ref)
    assert [r["id"] for r in ref["rules"]] == list(RULES)
    assert {r["points"] for r in ref["rules"]} <= set(SEVERITY_WEIGHTS.values())
    assert "helped with" in ref["vague_phrases"]
    assert "would approach it carefully" in ref["hedging_phrases"]
    assert ref["beat_words"]["context"] == {"min": 12, "max": 90}
    assert ref["spoken_seconds"] == {"min": 60, "max": 180, "words_per_minute": 150}


def test_lint_module_does_not_import_textual() -> None:
    import subprocess
    import sys

    code = "import sys, storybank.quality.lint; print('textual' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


numbers = st.one_of(st.none(), st.integers(-(10**9), 10**9), st.floats(allow_nan=True))
stories = st.builds(
    Story,
    id=st.just("any"),
    title=st.text(max_size=20),
    summary=st.text(max_size=40),
    competencies=st.lists(st.text(max_size=12), max_size=3),
    context=st.text(max_size=300),
    constraint=st.text(max_size=100),
    decision=st.text(max_size=300),
    execution=st.text(max_size=300),
    result=st.text(max_size=100),
    after=st.text(max_size=100),
    metrics=st.lists(
        st.builds(Metric, name=st.text(max_size=10), before=numbers, after=numbers),
        max_size=3,
    ),
    tradeoffs=st.lists(
        st.builds(Tradeoff, st.text(max_size=10), st.text(max_size=10), st.text(max_size=10)),
        max_size=2,
    ),
    rounds=st.dictionaries(st.sampled_from(["behavioral", "case", "panel"]), st.text(max_size=9)),
)


@settings(max_examples=60, deadline=None)
@given(stories)
def test_any_story_lints_without_crashing(story: Story) -> None:
    report = lint_story(story)
    assert 0 <= report.score <= 100
    assert all(f.rule in RULES and f.severity == RULES[f.rule].severity for f in report.findings)
    json.dumps(report.to_dict())
    lost = sum(d.points for d in report.deductions)
    assert report.score == max(0, 100 - lost)
