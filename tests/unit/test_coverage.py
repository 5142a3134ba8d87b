"""Coverage: kinds-served rules, gap messages (each triggered and not), the 5-7 guidance."""

from __future__ import annotations

import json

import pytest

from storybank.model import Company, Environment, Metric, Story, Tradeoff
from storybank.quality.coverage import (
    KIND_RULES,
    coverage,
    kind_check,
    kinds_served,
    overlaps,
    render_coverage_text,
)
from storybank.vocab import KINDS


def story(sid: str, competencies: list[str], **fields: object) -> Story:
    """A complete, interview-ready story unless `fields` take something away."""
    base: dict[str, object] = {
        "title": f"Story {sid}",
        "context": f"Context of {sid}: the team shipped late every quarter.",
        "constraint": "No new headcount.",
        "decision": "I chose a weekly release train because it made slips visible early.",
        "execution": "I ran the first six trains myself.",
        "result": "Slipped releases fell from 9 to 2 a quarter.",
        "after": "I learned to pilot small first; teams now own their trains.",
        "metrics": [Metric("Slipped releases", 9, 2)],
        "tradeoffs": [Tradeoff("a release train", "ad-hoc releases", "it exposed slips early")],
        "environment": Environment("scaleup", "b2b-smb", "centralized"),
        "rounds": {"behavioral": "lead with the slips", "case": "reuse the train", "panel": "x"},
    }
    base.update(fields)
    return Story(id=sid, competencies=list(competencies), **base)  # type: ignore[arg-type]


CORE_TWICE = [
    story("a", ["metric-frameworks", "launch-operations", "stakeholder-management"]),
    story(
        "b",
        ["metric-frameworks", "cross-functional-execution", "prioritization"],
        after="I rolled back the first version and learned to pilot small first.",
    ),
    story(
        "c",
        ["launch-operations", "cross-functional-execution", "process-improvement"],
        constraint="Two directors disagreed on scope.",
    ),
    story(
        "d",
        ["tooling-automation", "customer-insight"],
        execution="Support pushed back on the new form, so I sat with them for a week.",
    ),
    story(
        "e",
        ["process-improvement"],
        execution="The first rollout slipped two weeks because I skipped the pilot.",
    ),
]


# -- kinds served ----------------------------------------------------------------------------


def test_complete_story_serves_every_kind() -> None:
    s = story(
        "x",
        ["stakeholder-management"],
        execution="My first train failed to ship on time; sales pushed back on the dates.",
    )
    assert kinds_served(s) == list(KINDS)


@pytest.mark.parametrize(
    ("kind", "fields", "reason"),
    [
        ("behavioral", {"decision": ""}, "missing beat: decision"),
        ("behavioral", {"context": "  ", "result": ""}, "missing beat: context, result"),
        ("tradeoff", {"tradeoffs": []}, "no tradeoff recorded"),
        ("tradeoff", {"tradeoffs": [Tradeoff("speed")]}, "neither what it was chosen over"),
        ("metrics", {"metrics": []}, "no metric recorded"),
        ("metrics", {"metrics": [Metric("NPS", None, 40)]}, "both a before and an after"),
        ("metrics", {"metrics": [Metric("NPS", 30, None)]}, "both a before and an after"),
        ("failure", {"after": ""}, "nothing in the story went wrong"),
        ("failure", {}, "a lesson, but nothing in the story went wrong"),
        ("failure", {"context": "The last launch failed and I inherited it."}, "went wrong"),
        ("conflict", {}, "no pushback"),
        ("case", {"decision": ""}, "no decision told"),
        (
            "case",
            {"decision": "I set up a weekly release train.", "tradeoffs": [Tradeoff("a", "b")]},
            "gives no reasoning",
        ),
        ("motivation", {"after": ""}, "is empty"),
    ],
)
def test_kind_not_served_says_what_is_missing(kind: str, fields: dict, reason: str) -> None:
    s = story("x", ["process-improvement"], **fields)
    ok, why = kind_check(s, kind)
    assert not ok
    assert reason in why
    assert kind not in kinds_served(s)


@pytest.mark.parametrize(
    ("kind", "fields", "evidence"),
    [
        ("tradeoff", {"tradeoffs": [Tradeoff("speed", because="the date was fixed")]}, "speed"),
        ("metrics", {"metrics": [Metric("NPS", 0, 40)]}, "NPS"),
        ("failure", {"result": "The pilot failed in week two."}, "pilot failed"),
        ("failure", {"execution": "I rolled it back the same day."}, "rolled it back"),
        ("failure", {"after": "In hindsight I should have staged it."}, "in hindsight"),
        ("conflict", {"execution": "Sales pushed back hard on the cut."}, "pushed back"),
        ("conflict", {"constraint": "Two directors disagreed on scope."}, "disagreed"),
        (
            "case",
            {"decision": "I cut scope rather than move the date.", "tradeoffs": []},
            "rather than",
        ),
        ("case", {"tradeoffs": [Tradeoff("a", "b", "cheaper")]}, "reason"),
        ("motivation", {"after": "Teams plan in weeks now."}, "told"),
    ],
)
def test_kind_served_gives_evidence(kind: str, fields: dict, evidence: str) -> None:
    s = story("x", ["process-improvement"], **fields)
    ok, why = kind_check(s, kind)
    assert ok, why
    assert evidence in why


def test_conflict_needs_a_disagreement_not_a_claimed_competency() -> None:
    assert not kind_check(story("x", ["stakeholder-management"]), "conflict")[0]
    disputed = story("x", ["prioritization"], constraint="Two directors disagreed on scope.")
    assert kind_check(disputed, "conflict")[0]


def test_every_kind_has_a_documented_rule() -> None:
    assert set(KIND_RULES) == set(KINDS)


# -- gaps --------------------------------------------------------------------------------------


def messages(report) -> list[str]:
    return [gap.message for gap in report.gaps]


def test_core_area_with_one_story_is_called_out() -> None:
    stories = [*CORE_TWICE[:2], story("c", ["cross-functional-execution"])]
    report = coverage(stories)
    assert "launch-operations is covered by only one story" in " ".join(messages(report))
    gap = next(g for g in report.gaps if g.subject == "launch-operations")
    assert gap.code == "core-thin" and gap.severity == "gap" and gap.stories == ["a"]


def test_core_area_with_no_story_is_called_out() -> None:
    report = coverage([story("a", ["prioritization"])])
    codes = {(g.code, g.subject) for g in report.gaps}
    assert ("core-uncovered", "metric-frameworks") in codes
    assert any("metric-frameworks is covered by no story" in m for m in messages(report))


def test_core_areas_covered_twice_give_no_core_gap() -> None:
    report = coverage(CORE_TWICE)
    assert not [g for g in report.gaps if g.code.startswith("core-")]
    assert report.gaps == []
    assert report.competency_counts()["launch-operations"] == 2


def test_kind_no_story_can_serve_is_called_out() -> None:
    # an after beat in every story, but no lesson in any
    # lessons in every story, but nothing went wrong in any
    stories = [story(s.id, s.competencies) for s in CORE_TWICE]
    report = coverage(stories)
    assert any(m.startswith("no story can serve a failure question") for m in messages(report))
    assert "kind-uncovered" in report.gap_codes()
    assert coverage(CORE_TWICE).stories_for_kind("failure") == ["b", "e"]


def test_kind_served_by_one_story_is_a_note() -> None:
    stories = [story(s.id, s.competencies, metrics=[]) for s in CORE_TWICE]
    stories[2].metrics = [Metric("Cycle time", 10, 4, "d")]
    report = coverage(stories)
    gap = next(g for g in report.gaps if g.code == "kind-thin")
    assert gap.subject == "metrics" and gap.severity == "note"
    assert "only one story can serve a metrics question (c)" in gap.message


def test_round_without_notes_is_a_note() -> None:
    stories = [story(s.id, s.competencies, rounds={"behavioral": "x"}) for s in CORE_TWICE]
    report = coverage(stories)
    subjects = {g.subject for g in report.gaps if g.code == "round-no-notes"}
    assert subjects == {"case", "panel"}
    assert report.round_counts() == {"behavioral": 5, "case": 0, "panel": 0}


def test_builtin_competency_without_story_is_a_note() -> None:
    stories = [
        story(s.id, [c for c in s.competencies if c != "customer-insight"]) for s in CORE_TWICE
    ]
    report = coverage(stories)
    gap = next(g for g in report.gaps if g.code == "competency-uncovered")
    assert gap.message == "no story shows customer-insight" and gap.severity == "note"


def test_b2b_target_without_b2b_story() -> None:
    stories = [
        story(s.id, s.competencies, environment=Environment("growth", "b2c", "embedded"))
        for s in CORE_TWICE
    ]
    company = Company("acme", "Acme", stage="enterprise", customer="b2b-enterprise", org="matrix")
    report = coverage(stories, company)
    assert "no story from a B2B environment for Acme, a B2B enterprise target" in messages(report)
    codes = report.gap_codes()
    assert "environment-stage" in codes and "environment-org" in codes


def test_b2b_target_with_a_b2b_smb_story_names_the_closest() -> None:
    company = Company("acme", "Acme", customer="b2b-enterprise")
    report = coverage(CORE_TWICE, company)
    gap = next(g for g in report.gaps if g.code == "environment-customer")
    assert gap.severity == "note"
    assert "closest: a, b, c, d, e" in gap.message


def test_matching_environment_gives_no_environment_gap() -> None:
    company = Company("acme", "Acme", stage="scaleup", customer="b2b-smb", org="centralized")
    report = coverage(CORE_TWICE, company)
    assert not [g for g in report.gaps if g.code.startswith("environment-")]


def test_focus_area_without_story() -> None:
    company = Company("acme", "Acme", focus=["prioritization", "data-governance"])
    report = coverage(CORE_TWICE, company)
    gap = next(g for g in report.gaps if g.code == "focus-uncovered")
    assert gap.subject == "data-governance"
    assert gap.message.startswith("Acme focuses on data-governance and no story covers it")
    assert "data-governance" in report.competencies  # a custom focus gets its own column
    assert report.custom_competencies == ["data-governance"]
    thin = next(g for g in report.gaps if g.code == "focus-thin")
    assert thin.subject == "prioritization" and thin.stories == ["b"]


def test_focus_area_covered_gives_no_focus_gap() -> None:
    company = Company("acme", "Acme", focus=["process-improvement", "metric-frameworks"])
    report = coverage(CORE_TWICE, company)
    assert not [g for g in report.gaps if g.code.startswith("focus-")]


def test_gaps_come_before_notes_for_the_core() -> None:
    report = coverage([story("a", ["prioritization"])])
    severities = [g.severity for g in report.gaps]
    assert severities.index("note") > severities.index("gap")


# -- 5-7 guidance ------------------------------------------------------------------------------


def test_guidance_few_names_the_thin_areas() -> None:
    stories = [story("a", ["metric-frameworks"]), story("b", ["metric-frameworks"])]
    guidance = coverage(stories).guidance
    assert guidance.status == "few"
    assert guidance.message.startswith("2 stories: add 3 more to reach 5-7 core stories")
    assert guidance.thin_areas[:2] == ["launch-operations", "cross-functional-execution"]
    assert "metric-frameworks" not in guidance.thin_areas


def test_guidance_ok_within_five_to_seven() -> None:
    guidance = coverage(CORE_TWICE).guidance
    assert guidance.status == "ok" and guidance.merge_candidates == []
    assert "5 stories: within the 5-7" in guidance.message


def test_guidance_many_names_the_most_overlapping_pair() -> None:
    stories = [*CORE_TWICE]
    stories += [
        story(
            "extra1",
            ["customer-insight"],
            title="Interviewing churned accounts",
            context="Renewals dipped in the northern region.",
            decision="I called twelve churned customers myself.",
            execution="Coded every call into themes.",
            result="Two themes explained most churn.",
            after="Churn calls are now a monthly habit.",
        ),
        story(
            "extra2",
            ["tooling-automation"],
            title="Automating invoice checks",
            context="Finance checked invoices by hand.",
            decision="I scripted the reconciliation because errors kept slipping.",
            execution="Wrote the script and a review queue.",
            result="Manual checks dropped sharply.",
            after="Finance maintains the script since then.",
        ),
    ]
    twin = story(
        "twin",
        ["launch-operations", "metric-frameworks", "stakeholder-management"],
        title="Story a",
        context="Context of a: the team shipped late every quarter.",
    )
    stories.append(twin)
    guidance = coverage(stories).guidance
    assert guidance.status == "many"
    assert "8 stories" in guidance.message and "merge or retire 1" in guidance.message
    best = guidance.merge_candidates[0]
    assert {best.first, best.second} == {"a", "twin"}
    assert "Most overlap: a and twin" in guidance.message
    assert best.shared_competencies == [
        "metric-frameworks",
        "launch-operations",
        "stakeholder-management",
    ]


def test_overlap_prefers_text_similarity_when_competencies_tie() -> None:
    a = story("a", ["prioritization"], context="Roadmap intake for forty enterprise accounts.")
    b = story("b", ["prioritization"], context="Roadmap intake for forty enterprise accounts.")
    c = story(
        "c",
        ["prioritization"],
        title="Warehouse",
        context="Pallet scanners in a cold warehouse.",
        decision="Barcode gun vendor swap.",
        execution="Trained pickers.",
        result="Mis-picks fell.",
        after="Handhelds everywhere.",
    )
    pairs = overlaps([a, c, b])
    assert {pairs[0].first, pairs[0].second} == {"a", "b"}
    assert pairs[0].text_similarity > pairs[-1].text_similarity


def test_empty_bank() -> None:
    report = coverage([])
    assert report.gaps == []
    assert report.guidance.status == "few" and "empty" in report.guidance.message
    assert "bank is empty" in render_coverage_text(report)


# -- output ------------------------------------------------------------------------------------


def test_to_dict_is_json_and_complete() -> None:
    company = Company("acme", "Acme", focus=["data-governance"])
    data = json.loads(json.dumps(coverage(CORE_TWICE, company).to_dict()))
    assert data["company"] == {"id": "acme", "name": "Acme"}
    assert data["matrix"]["a"]["competencies"] == [
        "metric-frameworks",
        "launch-operations",
        "stakeholder-management",
    ]
    assert data["matrix"]["a"]["kinds"] == [
        k for k in KINDS if k not in ("failure", "conflict")  # nothing went wrong, no dispute
    ]
    assert data["matrix"]["e"]["kinds"] == [k for k in KINDS if k != "conflict"]
    assert data["counts"]["competencies"]["launch-operations"] == 2
    assert data["gaps"][0]["code"] == "focus-uncovered"
    assert data["guidance"]["status"] == "ok"


def test_text_fits_80_columns_and_neutralises_control_characters() -> None:
    noisy = story(
        "noisy",
        ["metric-frameworks", "a-very-long-custom-competency-name"] + [f"c{i}" for i in range(12)],
        title="\x1b]0;pwned\x07 A very long title " + "word " * 30,
    )
    report = coverage([*CORE_TWICE, noisy], Company("acme", "Acme \x1b[31mRed"))
    text = render_coverage_text(report)
    assert "\x1b" not in text and "\x07" not in text
    assert all(len(line) <= 80 for line in text.splitlines())
    assert "(cont.)" in text  # many custom columns continue in a second block
    assert "x" in text.splitlines()[4]


def test_every_gap_precedes_every_note() -> None:
    company = Company("acme", "Acme", customer="b2b-enterprise", focus=["prioritization"])
    stories = [story("a", ["prioritization"], environment=Environment(customer="b2c"))]
    severities = [g.severity for g in coverage(stories, company).gaps]
    assert "note" in severities and "gap" in severities
    assert severities == sorted(severities, key=lambda s: s != "gap")


def test_environment_gaps_use_the_right_article() -> None:
    story = Story(
        id="s",
        title="t",
        competencies=["launch-operations"],
        context="c",
        decision="d",
        result="r",
        environment=Environment("startup", "b2c", "centralized"),
    )
    target = Company("acme", "Acme", stage="enterprise", customer="internal", org="embedded")
    messages = [gap.message for gap in coverage([story], target).gaps]
    joined = "\n".join(messages)
    assert "an enterprise company" in joined
    assert "an embedded org" in joined
    assert "an internal-tools environment" in joined
    assert " a enterprise" not in joined and " a embedded" not in joined
