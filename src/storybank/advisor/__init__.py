"""The advisor: which of your stories to tell for a question, and how to angle it.

Library API (no Textual; the CLI `storybank ask`, the TUI Ask screen and the brief use it):

- `analyse_question(text)` reads a messy paste: main question, kind, competencies, cues.
- `advise(question, stories, company=None, round=None, top=3)` ranks the stories and gives
  the angle for the best ones (`Advice.to_dict()` is the JSON contract of `storybank ask`).
- `rank_for_company(stories, company)` ranks every story by fit for a target company.
- `adaptation_notes(story_env, company)` says what to stress when environments differ.

Importing this package does no work: lexicons are compiled and story features computed on
first use, then cached (keyed on story content), so repeated calls are cheap.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from storybank.advisor.angle import (
    WEAK_EMPHASIS,
    adaptation_notes,
    describe_environment,
    emphasis_sentence,
    environment_phrase,
    lead_beat,
    opening_line,
    pick_metric,
    pick_tradeoff,
    story_text,
    tradeoff_line,
    with_article,
)
from storybank.advisor.classify import (
    QuestionReading,
    lexicon_corrector,
    lexicon_stems,
    lexicon_word_list,
)
from storybank.advisor.classify import analyse_question as _analyse
from storybank.advisor.picks import preferred_pick
from storybank.advisor.rank import (
    WEAK_MATCH,
    WEIGHTS,
    BankIndex,
    Scored,
    bank_index,
    environment_fit,
    focus_fit,
    score_stories,
)
from storybank.gcpause import paused
from storybank.method.kinds import KINDS as METHOD_KINDS
from storybank.method.reading import (
    apply_model,
    cue_features,
    pitch_note,
    pitch_part,
    pitch_text,
    probe_reasons,
)
from storybank.model import Company, Pick, Pitch, Story, format_metric
from storybank.record import Record

__all__ = [
    "WEAK_MATCH",
    "WEIGHTS",
    "Advice",
    "CompanyFit",
    "QuestionReading",
    "Suggestion",
    "adaptation_notes",
    "advise",
    "analyse_question",
    "clear_caches",
    "question_cues",
    "rank_for_company",
]


class Suggestion(Record):
    """One story to tell, with the angle for this question, company and round.

    `parts` holds the score's parts (text, comp, kind, env, focus), for the curious.
    """

    __slots__ = (  # noqa: RUF023 - constructor order (repr shows it)
        "id",
        "title",
        "score",
        "lead_with",
        "emphasis",
        "opening",
        "metric",
        "tradeoff",
        "round_note",
        "adapt",
        "why",
        "parts",
    )

    def __init__(
        self,
        id: str,
        title: str,
        score: float,
        lead_with: str,
        emphasis: str,
        opening: str,
        metric: str | None,
        tradeoff: str | None,
        round_note: str | None,
        adapt: list[str],
        why: list[str],
        parts: dict[str, float] | None = None,
    ) -> None:
        self.id = id
        self.title = title
        self.score = score
        self.lead_with = lead_with
        self.emphasis = emphasis
        self.opening = opening
        self.metric = metric
        self.tradeoff = tradeoff
        self.round_note = round_note
        self.adapt = adapt
        self.why = why
        self.parts = {} if parts is None else parts

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "score": self.score,
            "lead_with": self.lead_with,
            "emphasis": self.emphasis,
            "opening": self.opening,
            "metric": self.metric,
            "tradeoff": self.tradeoff,
            "round_note": self.round_note,
            "adapt": list(self.adapt),
            "why": list(self.why),
            "parts": dict(self.parts),
        }


class Advice(Record):
    """The advisor's answer to one question: its reading and the stories, best first."""

    __slots__ = (  # noqa: RUF023 - constructor order (repr shows it)
        "question",
        "kind",
        "competencies",
        "weak_match",
        "suggestions",
        "note",
        "cues",
        "company",
        "round",
        "pitch_part",
        "pitch_text",
    )

    def __init__(
        self,
        question: str,
        kind: str,
        competencies: list[str],
        weak_match: bool,
        suggestions: list[Suggestion],
        note: str | None = None,
        cues: list[str] | None = None,
        company: str | None = None,
        round: str | None = None,
        pitch_part: str | None = None,
        pitch_text: str = "",
    ) -> None:
        self.question = question
        self.kind = kind
        self.competencies = competencies
        self.weak_match = weak_match
        self.suggestions = suggestions
        self.note = note
        self.cues = [] if cues is None else cues
        self.company = company
        self.round = round
        self.pitch_part = pitch_part
        """For a question answered from the pitch: which part (about-me, why-company...)."""
        self.pitch_text = pitch_text
        """What the user wrote for that part ('' when not yet written)."""

    def to_dict(self) -> dict[str, Any]:
        """The JSON contract of `storybank ask --json` (plus note, cues, company, round)."""
        return {
            "question": self.question,
            "kind": self.kind,
            "competencies": list(self.competencies),
            "weak_match": self.weak_match,
            "suggestions": [s.to_dict() for s in self.suggestions],
            "note": self.note,
            "cues": list(self.cues),
            "company": self.company,
            "round": self.round,
            "pitch": (
                {"part": self.pitch_part, "text": self.pitch_text} if self.pitch_part else None
            ),
        }


class CompanyFit(Record):
    """How well one story fits a target company, and what to adapt when telling it there."""

    __slots__ = ("story", "score", "adapt", "why")  # noqa: RUF023 - constructor order

    def __init__(self, story: Story, score: float, adapt: list[str], why: list[str]) -> None:
        self.story = story
        self.score = score
        self.adapt = adapt
        self.why = why


def clear_caches() -> None:
    """Forget everything computed in this process (compiled lexicons, story features, bank
    indexes, the loaded disk cache): the next call reads the disk cache or recomputes."""
    from storybank.advisor import lexicon, rank, text

    for function in (
        lexicon.compiled_kind_cues,
        lexicon.compiled_competency_cues,
        text.stopwords,
        lexicon_stems,
        lexicon_word_list,
        lexicon_corrector,
    ):
        function.cache_clear()
    from storybank.advisor import cache_key, memo

    rank.clear_memory()
    memo.detach()  # whatever a disk-cache session attached; the next one reads the file
    cache_key.forget()


def analyse_question(text: str, extra_competencies: Sequence[str] = ()) -> QuestionReading:
    """Read a pasted question: the main question, its kind, competencies and matched cues."""
    return _analyse(text, extra_competencies)


def question_cues(text: str) -> list[str]:
    """The cue features the learned model reads beside a question's words, as `advise`
    finds them (what the question model is trained with: bench/train_question_model.py)."""
    return cue_features(_analyse(text))


def advise(
    question: str,
    stories: Sequence[Story],
    company: Company | None = None,
    round: str | None = None,
    top: int = 3,
    picks: Sequence[Pick] = (),
    pitch: Pitch | None = None,
    index: BankIndex | None = None,
) -> Advice:
    """The best `top` stories for `question`, each with its angle (see docs/advisor.md).
    `picks`: the user's own choices (`Bank.picks`); one made for a similar question puts
    its story first. `pitch`: the user's pitch (`Bank.pitch`), quoted for questions that
    want a pitch rather than a story. `index`: `bank_index(stories)`, from a caller that
    asks many questions of one unchanging snapshot of these stories (the Ask screen, per
    keystroke); without it the index is looked up by every story's content, a few ms on
    1,000 stories.

    The cyclic collector waits while it runs (it makes no cycles; on a large bank the
    collections it set off walked every story's features, a fifth of the call)."""
    with paused():
        return _advise(question, stories, company, round, top, picks, pitch, index)


def _advise(
    question: str,
    stories: Sequence[Story],
    company: Company | None,
    round: str | None,
    top: int,
    picks: Sequence[Pick],
    pitch: Pitch | None,
    index: BankIndex | None,
) -> Advice:
    if index is None:
        index = bank_index(stories)
    extra = list(index.custom_competencies)
    if company is not None:
        extra += [name for name in company.focus if name not in extra]
    reading = _analyse(question, extra, corrector=index.corrector)
    apply_model(reading)
    if not reading.question or not stories:
        return Advice(
            question=reading.question,
            kind=reading.kind,
            competencies=reading.competencies,
            weak_match=bool(reading.question),
            suggestions=[],
            note=reading.note if stories else "The bank has no stories yet.",
            cues=reading.cues,
            company=company.id if company else None,
            round=round,
        )
    chosen = preferred_pick(reading.question, picks, {s.id for s in stories}) if picks else None
    scored = score_stories(reading, index, company, limit=max(1, top), chosen=chosen)
    best = scored[0].best_relevance
    part = (pitch_part(reading) or "about-me") if reading.kind == "motivation" else None
    said = pitch_text(part, pitch, company) if part else ""
    pitch_advice = pitch_note(reading, scored[0].features.story.title, pitch, company)
    weak = best < WEAK_MATCH
    note = reading.note
    if weak and pitch_advice is None:  # a pitch's story is evidence, not the answer
        closest = scored[0].features.story
        weak_note = (
            f"No story is a strong fit (best relevance {best:.2f}, below {WEAK_MATCH:.2f}). "
            f'Use the closest example, "{closest.title}": say what differs and lead with '
            "the reasoning you would apply."
        )
        note = f"{note} {weak_note}" if note else weak_note
    if pitch_advice:
        note = f"{pitch_advice} {note}" if note else pitch_advice
    question_terms = set(reading.term_weights)
    suggestions = [
        _suggest(item, reading, question_terms, company, round, weak and pitch_advice is None)
        for item in scored[: max(0, top)]
    ]
    return Advice(
        question=reading.question,
        kind=reading.kind,
        competencies=reading.competencies,
        weak_match=weak,
        suggestions=suggestions,
        note=note,
        cues=reading.cues,
        company=company.id if company else None,
        round=round,
        pitch_part=part,
        pitch_text=said,
    )


def _suggest(
    item: Scored,
    reading: QuestionReading,
    question_terms: set[str],
    company: Company | None,
    round: str | None,
    weak: bool,
) -> Suggestion:
    story = item.features.story
    lead = lead_beat(story, reading.kind, weak=weak)
    metric = pick_metric(story, question_terms)
    tradeoff = pick_tradeoff(story, question_terms)
    if weak:
        emphasis = WEAK_EMPHASIS.format(differs=_differences(item, reading, company))
    else:
        emphasis = emphasis_sentence(story, reading.kind, metric, company, tradeoff)
    adapt = adaptation_notes(story.environment, company) if company else []
    return Suggestion(
        id=story.id,
        title=story.title,
        score=item.score,
        lead_with=lead,
        emphasis=emphasis,
        opening=opening_line(story, lead, metric),
        metric=format_metric(metric, with_name=True) if metric else None,
        tradeoff=tradeoff_line(tradeoff, story_text(story)) if tradeoff else None,
        round_note=(story.rounds.get(round) or None) if round else None,
        adapt=adapt,
        why=_why(item, reading, company),
        parts=dict(item.parts),
    )


_KIND_REASONS: dict[str, tuple[str, str]] = {k.name: (k.serves, k.lacks) for k in METHOD_KINDS}
"""Why a story can or cannot serve a kind, from the method's kind records."""


def _quote(text: str, limit: int = 60) -> str:
    """A question quoted on one line, cut at a word when long."""
    line = " ".join(text.split())
    if len(line) <= limit:
        return line
    return line[: limit - 3].rsplit(" ", 1)[0] + "..."


def _why(item: Scored, reading: QuestionReading, company: Company | None) -> list[str]:
    from storybank.method.fit import SERVES  # the line Coverage draws its dots at

    why: list[str] = []
    if item.chosen_for is not None:
        why.append(f"you chose it for '{_quote(item.chosen_for)}'")
    if reading.reads_like:
        text, kind = reading.reads_like
        why.append(f"reads like: '{text}' ({kind})")
    if reading.probes:
        shown = probe_reasons(reading, item.features.probes)
        if shown:
            why.append("shows what it probes: " + ", ".join(shown))
    if item.matched_competencies:
        why.append("covers " + ", ".join(item.matched_competencies))
    if item.missing_competencies:
        why.append("does not cover " + ", ".join(item.missing_competencies))
    if item.matched_terms:
        why.append("matched terms: " + ", ".join(item.matched_terms))
    good, bad = _KIND_REASONS.get(reading.kind, ("", ""))
    fit = item.parts.get("kind", 0.0)
    why.append(f"{reading.kind} question: {good if fit >= SERVES else bad}")
    if company is not None:
        env = item.parts.get("env", 0.0)
        story_env = item.features.story.environment
        same = [
            name
            for name in ("stage", "customer", "org")
            if getattr(story_env, name) and getattr(story_env, name) == getattr(company, name)
        ]
        detail = f"same {', '.join(same)}" if same else "different environment"
        why.append(f"environment fit {env:.0%} with {company.name} ({detail})")
        if item.close_call is not None:
            why.append(
                f'as relevant as "{item.close_call.title}", and nearer {company.name}\'s '
                "environment: a close call company fit decides"
            )
        focus = [name for name in company.focus if name in item.features.story.competencies]
        if focus:
            why.append(f"{company.name} focus covered: {', '.join(focus)}")
    return why


def _differences(item: Scored, reading: QuestionReading, company: Company | None) -> str:
    from storybank.method.fit import SERVES

    story = item.features.story
    diffs: list[str] = []
    if item.missing_competencies:
        shown = ", ".join(story.competencies[:2]) or "other areas"
        diffs.append(f"it shows {shown} rather than {', '.join(item.missing_competencies)}")
    if item.parts.get("kind", 1.0) < SERVES:
        diffs.append(_KIND_REASONS.get(reading.kind, ("", "a different kind of story"))[1])
    unmatched = [
        reading.word_forms.get(t, t)
        for t, w in sorted(reading.term_weights.items(), key=lambda kv: -kv[1])
        if w >= 1.0 and t not in item.features.term_strength
    ]
    # Name things, not actions: "warehouse, forklift" rather than "managed".
    unmatched = [word for word in unmatched if not word.endswith(("ed", "ing"))]
    if unmatched:
        diffs.append("it does not involve " + ", ".join(unmatched[:3]))
    if company is not None and item.parts.get("env", 1.0) < 0.5:
        diffs.append(
            f"it happened in {environment_phrase(story.environment)}, not "
            f"{with_article(describe_environment(company.environment))} one"
        )
    return "; ".join(diffs) if diffs else "the setting and the details"


def rank_for_company(stories: Sequence[Story], company: Company) -> list[CompanyFit]:
    """Every story ranked by fit for `company`: focus covered, environment, readiness."""
    fits: list[tuple[float, int, CompanyFit]] = []
    for position, story in enumerate(stories):
        focus = focus_fit(story, company)
        env = environment_fit(story.environment, company.environment)
        full = any(m.before is not None and m.after is not None for m in story.metrics)
        ready = (full + bool(story.tradeoffs) + bool(story.constraint.strip())) / 3.0
        score = round(0.5 * focus + 0.35 * env + 0.15 * ready, 4)
        covered = [name for name in company.focus if name in story.competencies]
        why = [
            f"covers {company.name} focus: {', '.join(covered)}"
            if covered
            else f"covers none of {company.name}'s focus"
        ]
        why.append(
            f"environment fit {env:.0%}: story {describe_environment(story.environment)}, "
            f"company {describe_environment(company.environment)}"
        )
        if not full:
            why.append("no before -> after metric to quote")
        if not story.tradeoffs:
            why.append("no tradeoff recorded")
        fit = CompanyFit(
            story=story,
            score=score,
            adapt=adaptation_notes(story.environment, company),
            why=why,
        )
        fits.append((-score, position, fit))
    fits.sort(key=lambda item: (item[0], item[1]))
    return [fit for _, _, fit in fits]
