"""The pre-call brief: content for a company, the closest-example reminder, renderers."""

from __future__ import annotations

import datetime as dt

import pytest

from storybank.advisor import rank_for_company
from storybank.advisor.angle import LEAD_BY_KIND
from storybank.model import Bank, Company, Environment, Metric, Question, Story, Tradeoff
from storybank.quality.brief import (
    build_brief,
    days_until,
    focus_prompt,
    render_brief_markdown,
    render_brief_text,
    serves,
    when_text,
)
from storybank.quality.questions import packaged_questions
from storybank.resources import sample_file
from storybank.vocab import BEATS
from storybank.yamlio import load_bank_file

TODAY = dt.date(2026, 11, 29)


@pytest.fixture(scope="module")
def sample() -> Bank:
    stories = load_bank_file(sample_file("stories.yaml"))
    companies = load_bank_file(sample_file("companies.yaml"))
    return Bank(stories=stories.stories, companies=companies.companies)


@pytest.fixture(scope="module")
def questions() -> list[Question]:
    return packaged_questions()


def company(sample: Bank, company_id: str) -> Company:
    found = sample.company(company_id)
    assert found is not None
    return found


# -- dates -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("date", "expected", "text"),
    [
        ("2026-12-08", 9, "interview in 9 days (2026-12-08)"),
        ("2026-11-30", 1, "interview tomorrow (2026-11-30)"),
        ("2026-11-29", 0, "interview today (2026-11-29)"),
        ("2026-11-28", -1, "interview was 1 day ago (2026-11-28)"),
        ("not a date", None, ""),
        (None, None, ""),
    ],
)
def test_days_until(date: str | None, expected: int | None, text: str) -> None:
    assert days_until(date, TODAY) == expected
    assert when_text(expected, date) == text


# -- content -----------------------------------------------------------------------------------


def test_brief_for_a_company(sample: Bank, questions: list[Question]) -> None:
    ledgerline = company(sample, "ledgerline")
    brief = build_brief(sample, ledgerline, questions, today=TODAY)
    assert brief.days_until == 44
    # stories ranked by fit, as the advisor ranks them, with adaptation notes
    expected = [fit.story.id for fit in rank_for_company(sample.stories, ledgerline)]
    assert [s.id for s in brief.stories] == expected
    assert brief.stories[0].id == "request-intake-freeze"  # same stage, customer and org
    assert brief.stories[0].adapt == []
    assert all(s.adapt for s in brief.stories[1:])
    assert brief.stories[0].focus_covered == ["stakeholder-management", "prioritization"]
    # one angle per focus area, each told with a story that covers it
    assert [a.competency for a in brief.angles] == ledgerline.focus
    for angle in brief.angles:
        assert not angle.weak
        assert angle.story_id in angle.covered_by
        assert angle.lead_with in BEATS and angle.emphasis
    # numbers and tradeoff for every story
    facts = {f.id: f for f in brief.facts}
    assert set(facts) == {s.id for s in sample.stories}
    assert facts["escalation-triage"].numbers[0] == "Median time to owner: 19 -> 3.5 h (-82%)"
    assert facts["escalation-triage"].tradeoff == (
        "Chose a rotating triage engineer over a dedicated triage analyst, because no "
        "headcount was available"
    )
    # 8-10 likely questions, each mapped to a story and a lead beat
    assert 8 <= len(brief.questions) <= 10
    for q in brief.questions:
        assert sample.story(q.story_id or "") is not None
        assert q.lead_with in BEATS
        # the lead follows the question's labelled kind; a weak match leads with the decision
        expected_lead = "decision" if q.weak else LEAD_BY_KIND[q.kind][0]
        assert q.lead_with == expected_lead, q
    assert {q.kind for q in brief.questions} >= {"failure", "metrics", "case", "conflict"}
    # the sample bank covers every Ledgerline focus area: reminders only for weak questions
    weak = [q.id for q in brief.questions if q.weak and q.kind != "motivation"]
    assert [r.subject for r in brief.reminders] == weak
    assert all("no story fits well. Closest:" in r.message for r in brief.reminders)


def test_closest_example_reminder_for_a_focus_area_without_story(
    sample: Bank, questions: list[Question]
) -> None:
    target = Company(
        "acme",
        "Acme",
        stage="enterprise",
        customer="b2b-enterprise",
        org="matrix",
        focus=["prioritization", "pricing-operations"],
    )
    brief = build_brief(sample, target, questions, today=TODAY)
    angle = brief.angles[1]
    assert angle.competency == "pricing-operations"
    assert angle.weak and angle.covered_by == []
    assert angle.story_id is not None and angle.lead_with == "decision"
    assert "Closest example" in angle.emphasis
    reminder = brief.reminders[0]
    assert reminder.subject == "pricing-operations"
    assert reminder.message.startswith("No story shows pricing-operations. Closest: ")
    assert "lead with the reasoning you would apply at Acme" in reminder.message
    assert "rather than pricing-operations" in reminder.message
    text = render_brief_text(brief, full=True)
    assert "Closest example reminders" in text
    assert "closest example: " in text
    # the one screen names the gap too
    assert "! No story shows pricing-operations. Closest: " in render_brief_text(brief)


def test_environment_gap_is_in_the_brief(questions: list[Question]) -> None:
    consumer = Story(
        id="c",
        title="Consumer launch",
        competencies=["launch-operations"],
        context="A consumer app with a million members.",
        decision="I staged the rollout because billing was new.",
        result="Tickets fell from 400 to 40.",
        metrics=[Metric("Tickets", 400, 40)],
        tradeoffs=[Tradeoff("staged rollout", "big bang", "billing was new")],
        environment=Environment("growth", "b2c", "embedded"),
    )
    target = Company("big", "BigCo", customer="b2b-enterprise", focus=["launch-operations"])
    brief = build_brief([consumer], target, questions, today=TODAY)
    assert "no story from a B2B environment for BigCo, a B2B enterprise target" in (
        brief.environment_notes
    )
    assert "no story from a B2B environment" in render_brief_text(brief, full=True)


def test_story_without_numbers_or_tradeoff(questions: list[Question]) -> None:
    bare = Story(id="bare", title="Bare", competencies=["prioritization"], context="x",
                 decision="I chose.", result="Better.")  # fmt: skip
    brief = build_brief([bare], Company("a", "A", focus=["prioritization"]), questions)
    assert brief.facts[0].numbers == [] and brief.facts[0].tradeoff is None
    text = render_brief_text(brief, full=True)
    assert "No before -> after numbers recorded" in text
    assert "bare: no tradeoff recorded" in text
    screen = render_brief_text(brief)
    assert "say: no number recorded: add one" in screen
    assert "tradeoff: no tradeoff recorded" in screen


def test_empty_bank_brief(questions: list[Question]) -> None:
    brief = build_brief(Bank(), Company("a", "A", focus=["prioritization"]), questions)
    assert brief.stories == [] and brief.facts == []
    assert brief.angles[0].story_id is None
    assert brief.reminders[0].message.startswith("No stories yet for prioritization")
    assert len(brief.questions) == 10 and all(q.story_id is None for q in brief.questions)
    assert "No stories yet" in render_brief_text(brief)


def test_focus_prompt_prefers_the_natural_kind() -> None:
    bank = [
        Question("q1", "Tell me about a metric.", "behavioral", ["metric-frameworks"]),
        Question("q2", "Measure?", "metrics", ["launch-operations", "metric-frameworks"]),
        Question("q3", "How do you define success?", "metrics", ["metric-frameworks"]),
    ]  # fmt: skip
    assert focus_prompt("metric-frameworks", bank) == ("How do you define success?", "metrics")
    assert focus_prompt("data-governance", bank) == (
        "Tell me about a time you showed data governance.",
        "behavioral",
    )


def test_brief_is_deterministic(sample: Bank, questions: list[Question]) -> None:
    harborlane = company(sample, "harborlane")
    first = build_brief(sample, harborlane, questions, today=TODAY).to_dict()
    assert first == build_brief(sample, harborlane, questions, today=TODAY).to_dict()
    assert first["company"]["id"] == "harborlane" and first["days_until"] == 16


# -- rendering ---------------------------------------------------------------------------------


@pytest.mark.parametrize("company_id", ["tracewind", "harborlane", "ledgerline"])
def test_plain_text_fits_80_columns(
    sample: Bank, questions: list[Question], company_id: str
) -> None:
    brief = build_brief(sample, company(sample, company_id), questions, today=TODAY)
    screen = render_brief_text(brief)
    assert all(len(line) <= 80 for line in screen.splitlines())
    assert len(screen.splitlines()) <= 27  # one screen, plus the line naming --full
    assert all(len(line) <= 100 for line in render_brief_text(brief, 100).splitlines())
    text = render_brief_text(brief, full=True)
    assert all(len(line) <= 80 for line in text.splitlines())
    for heading in (
        "Your stories by fit",
        "Angle for each focus area",
        "Numbers to remember",
        "Tradeoff per story",
        "Likely questions at",
    ):
        assert heading in text
    assert "19 -> 3.5 h (-82%)" in text


def test_user_text_is_neutralised_in_text_and_escaped_in_markdown(
    questions: list[Question],
) -> None:
    evil = Story(
        id="evil",
        title="[link](http://x) \x1b]0;title\x07*bold*",
        competencies=["prioritization"],
        context="# heading\x1b[2J",
        decision="I chose <script>.",
        result="From 10 to 4.",
        metrics=[Metric("Wait | time", 10, 4, "h")],
        tradeoffs=[Tradeoff("`tick` <script>", "[x]", "it *was* cheaper")],
    )
    target = Company("e", "Evil \x1b[31m Co <b>", notes="- list\n# head", focus=["prioritization"])
    brief = build_brief([evil], target, questions, today=TODAY)
    text = render_brief_text(brief)
    assert "\x1b" not in text and "\x07" not in text
    markdown = render_brief_markdown(brief)
    assert "\x1b" not in markdown
    assert "\\[link\\](http\\://x)" in markdown and "\\*bold\\*" in markdown
    assert "# Brief: Evil ␛\\[31m Co &lt;b&gt;" in markdown
    assert "Wait \\| time" in markdown
    assert "<script>" not in markdown and "&lt;script&gt;" in markdown
    assert "\n# head" not in markdown


def test_markdown_has_every_section(sample: Bank, questions: list[Question]) -> None:
    brief = build_brief(sample, company(sample, "tracewind"), questions, today=TODAY)
    markdown = render_brief_markdown(brief)
    assert markdown.startswith("# Brief: Tracewind\n")
    for heading in (
        "## Your stories by fit",
        "## Angle for each focus area",
        "## Numbers to remember",
        "## Tradeoff per story",
        "## Lead with these at Tracewind",
        "## Most likely questions",
        "## Adapt for them",
    ):
        assert heading in markdown
    # the same shape as the screen: what to lead with comes before the reference sections
    assert (
        markdown.index("## Lead with")
        < markdown.index("## Most likely")
        < markdown.index("## Your stories by fit")
    )
    assert "**Interview in 9 days (2026-12-08)**" in markdown
    assert "- Median time to owner: 19 -&gt; 3.5 h (-82%)" in markdown


def test_weak_likely_question_gets_a_closest_example_reminder() -> None:
    only = Story(
        id="intake",
        title="Roadmap intake rubric",
        competencies=["prioritization"],
        context="Sales teams sent 540 feature requests a quarter through a spreadsheet.",
        decision="I chose a published scoring rubric because private promises kept breaking.",
        result="Requests answered in ten days rose from 18% to 85%.",
        after="The rubric became the standard intake path.",
    )
    question = Question(
        "q-x", "Describe a warehouse robot outage you handled.", "failure", ["customer-insight"]
    )
    brief = build_brief([only], Company("a", "Acme", focus=["prioritization"]), [question])
    likely = brief.questions[0]
    assert likely.weak and likely.story_id == "intake" and likely.lead_with == "decision"
    reminder = next(r for r in brief.reminders if r.subject == "q-x")
    assert reminder.message.startswith(f'"{question.text}": no story fits well. Closest: ')
    assert "lead with the reasoning you would apply at Acme" in reminder.message
    assert "-> closest: intake, lead with decision" in render_brief_text(brief)
    assert "-> closest: intake, lead with decision" in render_brief_text(brief, full=True)


def test_serves_needs_the_kind_and_a_shared_competency() -> None:
    story = Story(
        id="s",
        title="The launch that went wrong",
        competencies=["launch-operations"],
        context="c",
        decision="d",
        result="The launch slipped two weeks.",
        after="I learned to stage every launch.",
    )
    assert serves(story, Question("q", "?", "failure", ["launch-operations"]))
    # a success story with a lesson is not an answer to "tell me about a time you failed"
    success = story.replace(title="The launch that went well", result="It shipped on time.")
    assert not serves(success, Question("q", "?", "failure", ["launch-operations"]))
    lesson_only = story.replace(
        title="t", result="r"
    )  # a lesson alone is not a failure (method.fit)
    assert not serves(lesson_only, Question("q", "?", "failure", ["launch-operations"]))
    assert not serves(story, Question("q", "?", "failure", ["prioritization"]))
    assert not serves(story, Question("q", "?", "tradeoff", ["launch-operations"]))


# -- the brief's choices (issue 11) ------------------------------------------------------------

VAGUE = Story(
    id="vague-ops",
    title="General operations work",
    competencies=["launch-operations", "cross-functional-execution"],
    context="I have experience with many launches and worked with teams.",
    decision="I would be careful and work closely with everyone.",
    result="Things got better overall.",
    environment=Environment("enterprise", "b2b-enterprise", "matrix"),
)
BETA = Story(
    id="beta-overload",
    title="The beta launch that overwhelmed support",
    competencies=["launch-operations", "cross-functional-execution"],
    context="I ran the beta of our billing product for every enterprise account at once.",
    constraint="The date was fixed by a partner announcement; support had two weekend agents.",
    decision="I chose to open the beta to all accounts over a staged rollout because sales "
    "had promised access.",
    execution="I wrote the launch plan, briefed support and ran the war room on Saturday.",
    result="Weekend tickets went from 300 to 900 and two accounts escalated.",
    after="I learned to gate every launch on support readiness; since then I check staffing.",
    metrics=[Metric("Weekend support tickets", 300, 900)],
    tradeoffs=[Tradeoff("opening to all accounts", "a staged rollout", "sales promised it")],
    environment=Environment("enterprise", "b2b-enterprise", "matrix"),
)
BIGCO = Company(
    "bigco",
    "BigCo",
    stage="enterprise",
    customer="b2b-enterprise",
    org="matrix",
    focus=["launch-operations", "cross-functional-execution"],
)


def loop_bank(sample: Bank) -> Bank:
    return Bank(stories=[VAGUE, BETA, *sample.stories], companies=[BIGCO])


def offered(brief) -> list[tuple[str, list[str]]]:  # type: ignore[no-untyped-def]
    """Every story the brief offers, with the codes of the flags it carries there."""
    out = [(lead.id, [f.code for f in lead.flags]) for lead in brief.leads]
    out += [(a.story_id, [f.code for f in a.flags]) for a in brief.angles if a.story_id]
    out += [(q.story_id, [f.code for f in q.flags]) for q in brief.questions if q.story_id]
    return out


def test_a_vague_story_is_never_recommended_unflagged(
    sample: Bank, questions: list[Question]
) -> None:
    bank = loop_bank(sample)
    fit = {f.story.id: f.score for f in rank_for_company(bank.stories, BIGCO)}
    assert max(fit, key=fit.__getitem__) in ("vague-ops", "beta-overload")  # best fit on paper
    brief = build_brief(bank, BIGCO, questions, today=TODAY)
    assert "vague-ops" not in [lead.id for lead in brief.leads]
    for story_id, codes in offered(brief):
        if story_id == "vague-ops":
            assert "lint" in codes
    # alone in the bank, it is still offered, and flagged every time
    only = build_brief([VAGUE], BIGCO, questions, today=TODAY)
    assert [lead.id for lead in only.leads] == ["vague-ops"]
    assert all("lint" in codes for _, codes in offered(only))
    assert "! needs work before you tell it (lint 0/100, not ready)" in render_brief_text(only)


def test_a_failure_story_does_not_lead_a_launch_focus(
    sample: Bank, questions: list[Question]
) -> None:
    brief = build_brief(loop_bank(sample), BIGCO, questions, today=TODAY)
    launch = next(a for a in brief.angles if a.competency == "launch-operations")
    assert launch.story_id not in ("beta-overload", "annual-plan-rollback")
    assert not any(lead.id in ("beta-overload", "annual-plan-rollback") for lead in brief.leads)
    assert "300 -> 900" not in "".join(lead.number or "" for lead in brief.leads)
    # it is offered for failure questions, unflagged there
    failure = [q for q in brief.questions if q.kind == "failure"]
    assert failure and all(q.story_id in ("beta-overload", "annual-plan-rollback") for q in failure)
    assert all("failure-story" not in [f.code for f in q.flags] for q in failure)
    # with nothing else covering launches it may lead, and says what it is
    alone = build_brief([BETA], BIGCO, questions, today=TODAY)
    assert [f.code for f in alone.leads[0].flags] == ["failure-story"]


def test_each_adaptation_note_once(sample: Bank, questions: list[Question]) -> None:
    brief = build_brief(sample, company(sample, "ledgerline"), questions, today=TODAY)
    texts = [note.text for note in brief.adapt_all]
    assert len(texts) == len(set(texts))
    full = render_brief_text(brief, full=True)
    assert full.count("stakeholder alignment, governance and how the approach would") == 1
    merged = next(n for n in brief.adapt_all if n.text.startswith("Stress stakeholder"))
    assert len(merged.stories) >= 2  # said once, naming the stories it is for
    screen = render_brief_text(brief)
    assert screen.count("sells to large businesses") <= 1


def test_the_brief_shows_the_loop_and_flags_changed_numbers(
    sample: Bank, questions: list[Question]
) -> None:
    from storybank.loop.ledger import make_telling

    told = sample.story("request-intake-freeze")
    assert told is not None
    entry = make_telling(told, "ledgerline", "2026-12-03", "panel", "J. Park")
    entry = entry.replace(id="told-1")
    edited = told.replace(metrics=[told.metrics[0].replace(after=80), *told.metrics[1:]])
    stories = [edited if s.id == told.id else s for s in sample.stories]
    bank = Bank(stories=stories, companies=sample.companies, ledger=[entry])
    brief = build_brief(bank, company(sample, "ledgerline"), questions, today=TODAY)
    assert [t.id for t in brief.ledger] == ["told-1"]
    assert [f.code for f in brief.ledger_flags] == ["numbers-changed"]
    lead = next(lead for lead in brief.leads if lead.id == "request-intake-freeze")
    assert lead.told == ["told to J. Park in the panel on 3 Dec"]
    screen = render_brief_text(brief, 100)
    assert "The loop so far (1 told)" in screen
    assert "why: told to J. Park in the panel on 3 Dec | " in screen
    assert "! request-intake-freeze was told to J. Park in the panel on 3 Dec with other" in screen
    full = render_brief_text(brief, full=True)
    assert "- request-intake-freeze told to J. Park in the panel on 3 Dec" in full
    assert "the bank now says 18% -> 80% (+62 pts)" in full
    assert len(screen.splitlines()) <= 27
    assert "with other numbers" in render_brief_markdown(brief)


def test_the_brief_never_compares_all_pairs_or_ranks_the_whole_bank(
    sample: Bank, questions: list[Question], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The structure that keeps a 1,000-story brief under a second (bench/brief_speed.py)."""
    import storybank.advisor as advisor
    import storybank.quality.coverage as coverage_module
    from storybank.quality.brief import KIND_POOL, POOL

    many = [
        s.replace(id=f"{s.id}-{n}", title=f"{s.title} {n}")
        for n in range(12)
        for s in sample.stories
    ]
    sizes: list[int] = []
    real_advise, real_overlaps = advisor.advise, coverage_module.overlaps

    def advise(question, stories, *args, **kwargs):  # type: ignore[no-untyped-def]
        sizes.append(len(stories))
        return real_advise(question, stories, *args, **kwargs)

    def overlaps(stories):  # type: ignore[no-untyped-def]
        sizes.append(-len(stories))
        return real_overlaps(stories)

    monkeypatch.setattr(advisor, "advise", advise)
    monkeypatch.setattr(coverage_module, "overlaps", overlaps)
    brief = build_brief(many, company(sample, "harborlane"), questions, today=TODAY)
    assert len(brief.leads) == 3 and sizes
    assert max(sizes) <= POOL + KIND_POOL < len(many)
    assert min(sizes) >= -15
