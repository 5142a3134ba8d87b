"""Rank stories for a question (and optionally a company), with scores a reader can follow.

The score of a story for a question is a weighted sum of five parts, each in 0..1
(the weights live in WEIGHTS, nowhere else):

    text      how much of the question's vocabulary the story uses: the question's
              content stems, weighted by rarity in the bank (IDF) and by where they sit in
              the story (title, tags and metric names count more than beats), plus a
              rapidfuzz token-set match of the question against the story's labels
    comp      overlap between the competencies the question probes and the story's
              (declared ones count fully, the first listed most; ones only implied by the
              story's text count a little)
    kind      how well the story can serve this kind of question (a failure question wants
              a story where something went wrong and a lesson in `after`, a tradeoff
              question explicit tradeoffs, a metrics question before/after numbers...)
    env       environment fit with the target company (stage, customer, org)
    focus     how many of the company's focus competencies the story covers

Without a company, env and focus are left out and the sum is divided by the weights that
remain, so scores stay in 0..1 and mean the same thing across questions. A best score under
WEAK_MATCH means no story is a real fit: the advisor then says so and gives closest-example
advice.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass, field

from storybank.advisor import lexicon
from storybank.advisor.classify import Corrector, QuestionReading, _match
from storybank.advisor.text import content_terms, ngrams, stem, terms, words
from storybank.model import Company, Environment, Story
from storybank.vocab import COMPETENCIES, CUSTOMERS, ORGS, STAGES

WEIGHTS: dict[str, float] = {
    "text": 0.40,
    "comp": 0.30,
    "kind": 0.15,
    "env": 0.08,
    "focus": 0.07,
}
"""The scoring formula's weights; they sum to 1."""

WEAK_MATCH = 0.33
"""Below this best score, no story is a good fit: give closest-example advice."""

TEXT_SHARES: dict[str, float] = {"terms": 0.6, "pairs": 0.2, "labels": 0.2}
"""How the text part is made: IDF-weighted term coverage, coverage of the question's adjacent
word pairs ("squad leads", "first ops hire"), and the rapidfuzz match against the story's labels."""

FIELD_WEIGHTS: dict[str, float] = {
    "title": 1.0,
    "tags": 0.9,
    "metrics": 0.85,
    "summary": 0.8,
    "competencies": 0.7,
    "environment": 0.6,
    "tradeoffs": 0.7,
    "beats": 0.55,
    "rounds": 0.3,
}
"""How strongly a word counts for a story depending on the field it appears in."""

DECLARED_COMPETENCY = (1.0, 0.9, 0.8)
"""Weight of a story's declared competencies by position (the rest get the last value)."""
IMPLIED_COMPETENCY = 0.35
"""Weight of a competency only implied by the story's text (at full cue strength)."""


@dataclass(slots=True)
class StoryFeatures:
    """Everything about one story the ranking needs, computed once per story version."""

    story: Story
    term_strength: dict[str, float]
    labels: list[str]
    competencies: dict[str, float]
    kind_fit: dict[str, float]
    words: set[str]
    pairs: frozenset[tuple[str, str]]


@dataclass(slots=True)
class BankIndex:
    """Per-bank data: features of each story, document frequencies and the typo corrector."""

    features: list[StoryFeatures]
    idf: dict[str, float]
    unseen_idf: float
    corrector: Corrector
    custom_competencies: list[str] = field(default_factory=list)


def story_key(story: Story) -> tuple:
    """A hashable fingerprint of a story's content (cache key for its features)."""
    return (
        story.id,
        story.title,
        story.summary,
        tuple(story.competencies),
        story.context,
        story.constraint,
        story.decision,
        story.execution,
        story.result,
        story.after,
        tuple((m.name, m.before, m.after, m.unit) for m in story.metrics),
        tuple((t.chose, t.over, t.because) for t in story.tradeoffs),
        (story.environment.stage, story.environment.customer, story.environment.org),
        tuple(sorted(story.rounds.items())),
        tuple(story.tags),
    )


_FEATURE_CACHE: dict[tuple, StoryFeatures] = {}
_FEATURE_CACHE_MAX = 4096
_INDEX_CACHE: dict[tuple, BankIndex] = {}


def _cue_strength(text: str, table: lexicon.CompiledCues, full: float = 1.0) -> float:
    """0..1: summed weight of the cues found in `text`, where `full` counts as certain."""
    grams = ngrams(terms(text))
    return min(1.0, sum(_match(grams, table).values()) / full)


def _features(story: Story, key: tuple) -> StoryFeatures:
    cached = _FEATURE_CACHE.get(key)
    if cached is not None:
        return cached
    fields: dict[str, str] = {
        "title": story.title,
        "tags": " ".join(story.tags),
        "environment": " ".join(
            v
            for v in (story.environment.stage, story.environment.customer, story.environment.org)
            if v
        ),
        "metrics": " ".join(m.name for m in story.metrics),
        "summary": story.summary,
        "competencies": " ".join(story.competencies),
        "tradeoffs": " ".join(f"{t.chose} {t.over} {t.because}" for t in story.tradeoffs),
        "beats": " ".join(story.beats().values()),
        "rounds": " ".join(story.rounds.values()),
    }
    strength: dict[str, float] = {}
    vocab: set[str] = set()
    pairs: set[tuple[str, str]] = set()
    for name, text in fields.items():
        weight = FIELD_WEIGHTS[name]
        tokens = content_terms(text)
        for token in tokens:
            if strength.get(token, 0.0) < weight:
                strength[token] = weight
        pairs.update(itertools.pairwise(tokens))
        vocab.update(words(text))
    labels = [" ".join(content_terms(story.title))]
    labels += [" ".join(content_terms(tag)) for tag in story.tags]
    labels += [" ".join(content_terms(m.name)) for m in story.metrics]
    labels = [label for label in labels if label]

    competencies: dict[str, float] = {}
    for position, name in enumerate(story.competencies):
        competencies[name] = DECLARED_COMPETENCY[min(position, len(DECLARED_COMPETENCY) - 1)]
    story_grams = ngrams(terms(" ".join(fields.values())))
    for name, table in lexicon.compiled_competency_cues().items():
        if name in competencies:
            continue
        implied = min(1.0, sum(_match(story_grams, table).values()) / 4.0)
        if implied > 0:
            competencies[name] = IMPLIED_COMPETENCY * implied

    features = StoryFeatures(
        story=story,
        term_strength=strength,
        labels=labels,
        competencies=competencies,
        kind_fit=_kind_fit(story),
        words=vocab,
        pairs=frozenset(pairs),
    )
    if len(_FEATURE_CACHE) >= _FEATURE_CACHE_MAX:
        _FEATURE_CACHE.clear()
    _FEATURE_CACHE[key] = features
    return features


def _kind_fit(story: Story) -> dict[str, float]:
    """How well a story can serve each kind of question, 0..1 (see module docstring)."""
    filled = sum(1 for text in story.beats().values() if text.strip()) / 6.0
    full_metrics = [m for m in story.metrics if m.before is not None and m.after is not None]
    body = " ".join((story.title, story.summary, story.decision, story.execution, story.result))
    went_wrong = _cue_strength(body, lexicon.compiled("FAILURE_STORY_CUES"), full=2.0)
    lesson = _cue_strength(story.after, lexicon.compiled("LESSON_CUES"))
    friction = _cue_strength(
        " ".join((story.summary, story.constraint, story.execution, story.after)),
        lexicon.compiled("CONFLICT_STORY_CUES"),
        full=2.0,
    )
    has_tradeoff = bool(story.tradeoffs)
    has_constraint = bool(story.constraint.strip())
    return {
        "behavioral": 0.5 + 0.5 * filled,
        "tradeoff": 0.2 + 0.5 * has_tradeoff + 0.3 * has_constraint,
        "metrics": 1.0 if full_metrics else (0.5 if story.metrics else 0.2),
        "failure": 0.1 + 0.65 * went_wrong + 0.25 * lesson,
        "conflict": 0.2 + 0.8 * friction,
        "case": 0.4
        + 0.3 * bool(story.decision.strip())
        + 0.15 * ("case" in story.rounds)
        + 0.15 * (not story.environment.is_empty()),
        "motivation": 0.5 + 0.5 * lesson,
    }


def bank_index(stories: Sequence[Story]) -> BankIndex:
    """The cached index for this exact bank content (rebuilt only when a story changes)."""
    keys = tuple(story_key(s) for s in stories)
    cached = _INDEX_CACHE.get(keys)
    if cached is not None:
        return cached
    features = [_features(s, k) for s, k in zip(stories, keys, strict=True)]
    count = max(1, len(features))
    df: dict[str, int] = {}
    known_words: set[str] = set()
    for feat in features:
        for token in feat.term_strength:
            df[token] = df.get(token, 0) + 1
        known_words.update(feat.words)
    idf = {token: math.log(1.0 + count / n) for token, n in df.items()}
    from storybank.advisor.classify import _lexicon_vocabulary

    lex_stems, lex_words = _lexicon_vocabulary()
    corrector = Corrector(
        set(lex_stems) | set(df) | {stem(w) for w in known_words}, set(lex_words) | known_words
    )
    custom: dict[str, None] = {}
    for s in stories:
        for name in s.competencies:
            if name not in COMPETENCIES:
                custom.setdefault(name, None)
    index = BankIndex(
        features=features,
        idf=idf,
        unseen_idf=math.log(1.0 + count),
        corrector=corrector,
        custom_competencies=list(custom),
    )
    if len(_INDEX_CACHE) > 16:
        _INDEX_CACHE.clear()
    _INDEX_CACHE[keys] = index
    return index


@dataclass(slots=True)
class Scored:
    """One story's score for a question, with its parts and the evidence."""

    features: StoryFeatures
    score: float
    parts: dict[str, float]
    matched_terms: list[str]
    matched_competencies: list[str]
    missing_competencies: list[str]


def score_stories(
    reading: QuestionReading, index: BankIndex, company: Company | None = None
) -> list[Scored]:
    """Every story scored for the reading, best first (ties keep bank order)."""
    q_weights = {t: w * index.idf.get(t, index.unseen_idf) for t, w in reading.term_weights.items()}
    q_total = sum(q_weights.values())
    q_label = " ".join(t for t, w in reading.term_weights.items() if w >= 1.0)
    q_pairs = reading.pairs
    comp_total = sum(reading.competency_weights.values())
    from rapidfuzz import fuzz

    results: list[Scored] = []
    for feat in index.features:
        overlap = 0.0
        matched: list[tuple[float, str]] = []
        for token, weight in q_weights.items():
            strength = feat.term_strength.get(token)
            if strength:
                overlap += weight * strength
                matched.append((weight * strength, token))
        coverage = overlap / q_total if q_total else 0.0
        fuzzy = 0.0
        if q_label:
            for label in feat.labels:
                ratio = fuzz.token_set_ratio(label, q_label) / 100.0
                if ratio > fuzzy:
                    fuzzy = ratio
        fuzzy = max(0.0, (fuzzy - 0.5) * 2.0)
        pair_hits = [p for p in q_pairs if p in feat.pairs]
        pair_cover = len(pair_hits) / len(q_pairs) if q_pairs else coverage
        text = (
            TEXT_SHARES["terms"] * coverage
            + TEXT_SHARES["pairs"] * pair_cover
            + TEXT_SHARES["labels"] * fuzzy
        )

        got: list[str] = []
        missing: list[str] = []
        if comp_total:
            comp = 0.0
            for name, weight in reading.competency_weights.items():
                have = feat.competencies.get(name, 0.0)
                comp += weight * have
                (got if have >= DECLARED_COMPETENCY[-1] else missing).append(name)
            comp /= comp_total
        else:
            comp = text
        parts = {"text": text, "comp": comp, "kind": feat.kind_fit.get(reading.kind, 0.5)}
        if company is not None:
            parts["env"] = environment_fit(feat.story.environment, company.environment)
            parts["focus"] = focus_fit(feat.story, company)
        total_weight = sum(WEIGHTS[name] for name in parts)
        score = sum(WEIGHTS[name] * value for name, value in parts.items()) / total_weight
        matched.sort(reverse=True)
        results.append(
            Scored(
                features=feat,
                score=round(min(1.0, max(0.0, score)), 4),
                parts={k: round(v, 3) for k, v in parts.items()},
                matched_terms=[reading.word_forms.get(t, t) for _, t in matched[:6]],
                matched_competencies=got,
                missing_competencies=missing,
            )
        )
    order = sorted(range(len(results)), key=lambda i: (-results[i].score, i))
    return [results[i] for i in order]


_CUSTOMER_NEAR: dict[frozenset[str], float] = {
    frozenset({"b2b-enterprise", "b2b-smb"}): 0.6,
    frozenset({"b2b-enterprise", "internal"}): 0.4,
    frozenset({"b2c", "marketplace"}): 0.5,
    frozenset({"b2b-smb", "marketplace"}): 0.3,
    frozenset({"developer", "b2b-smb"}): 0.4,
    frozenset({"developer", "b2b-enterprise"}): 0.3,
    frozenset({"developer", "internal"}): 0.3,
}
_ORG_NEAR: dict[frozenset[str], float] = {
    frozenset({"centralized", "hub-and-spoke"}): 0.6,
    frozenset({"embedded", "hub-and-spoke"}): 0.5,
    frozenset({"matrix", "hub-and-spoke"}): 0.4,
    frozenset({"matrix", "embedded"}): 0.3,
    frozenset({"matrix", "centralized"}): 0.3,
}


def _field_fit(field_name: str, ours: str | None, theirs: str | None) -> float:
    if ours is None or theirs is None:
        return 0.5
    if ours == theirs:
        return 1.0
    if field_name == "stage" and ours in STAGES and theirs in STAGES:
        return 1.0 - abs(STAGES.index(ours) - STAGES.index(theirs)) / (len(STAGES) - 1)
    table = _CUSTOMER_NEAR if field_name == "customer" else _ORG_NEAR
    return table.get(frozenset({ours, theirs}), 0.0)


def environment_fit(story_env: Environment, target: Environment) -> float:
    """0..1: mean closeness of stage (by distance), customer and org (same, near, far)."""
    return (
        _field_fit("stage", story_env.stage, target.stage)
        + _field_fit("customer", story_env.customer, target.customer)
        + _field_fit("org", story_env.org, target.org)
    ) / 3.0


def focus_fit(story: Story, company: Company) -> float:
    """0..1: share of the company's focus the story covers (0.5 when there is no focus)."""
    if not company.focus:
        return 0.5
    covered = sum(1 for name in company.focus if name in story.competencies)
    return min(1.0, covered / min(len(company.focus), max(1, len(story.competencies)), 3))


assert abs(sum(WEIGHTS.values()) - 1.0) < 1e-9
assert set(CUSTOMERS) >= {c for pair in _CUSTOMER_NEAR for c in pair}
assert set(ORGS) >= {o for pair in _ORG_NEAR for o in pair}
