"""Rank stories for a question (and optionally a company), with scores a reader can follow.

The score of a story for a question is a weighted sum of five parts, each in 0..1
(the weights live in WEIGHTS, nowhere else):

    text      how much of the question's vocabulary the story uses (TEXT_SHARES): the
              question's content stems, weighted by rarity in the bank (IDF) and by where
              they sit in the story (FIELD_WEIGHTS, plus TF_BONUS for repeated words); its
              adjacent word pairs; and a rapidfuzz token-set match of the question against
              the story's labels (title, tags, metric names)
    comp      overlap between the competencies the question probes and the story's
              (declared ones count fully, the first listed most; ones only implied by the
              story's text count a little); leans on `text` when the question's competency
              evidence is thin (COMPETENCY_CONFIDENT)
    kind      how well the story can serve this kind of question (a failure question wants
              a story where something went wrong and a lesson in `after`, a tradeoff
              question explicit tradeoffs, a metrics question before/after numbers...)
    env       environment fit with the target company (stage, customer, org)
    focus     how many of the company's focus competencies the story covers

Without a company, env and focus are left out and the sum is divided by the weights that
remain, so scores stay in 0..1 and mean the same thing across questions. When the best
relevance (the first three parts alone) is under WEAK_MATCH, no story is a real fit: the
advisor says so and gives closest-example advice.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Collection, Iterator, Sequence
from operator import attrgetter
from typing import Any

from storybank.advisor import lexicon
from storybank.advisor.classify import Corrector, QuestionReading, _match
from storybank.advisor.text import Phrases, content_terms, stem, stopwords, words
from storybank.method.kinds import BY_NAME as KIND_RECORDS
from storybank.method.kinds import NAMES as KIND_NAMES
from storybank.model import Company, Environment, Pick, Story
from storybank.record import Record
from storybank.vocab import BEATS, COMPETENCIES, CUSTOMERS, ORGS, STAGES

WEIGHTS: dict[str, float] = {
    "text": 0.40,
    "comp": 0.30,
    "kind": 0.15,
    "env": 0.08,
    "focus": 0.07,
    "probe": 0.35,
}
"""The scoring formula's weights. A score is the weighted mean of the parts present: `env`
and `focus` only with a company, `probe` only when the learned model read the question."""

WEAK_MATCH = 0.33
"""When no story's relevance (text, comp and kind, without company fit) reaches this, no story
is a good fit: the advisor says so and gives closest-example advice. A company's stage or
focus can reorder good answers but cannot turn an off-topic story into a match."""

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

COMPETENCY_CONFIDENT = 2.0
"""Cue weight at which the question's competencies are trusted fully; below it, the comp part
leans on the text part in proportion (one weak cue such as "checklist" decides little)."""

DECLARED_COMPETENCY = (1.0, 0.9, 0.8)
"""Weight of a story's declared competencies by position (the rest get the last value)."""
TF_BONUS = 0.1
"""A word the story uses n > 1 times gains TF_BONUS * log2(n) strength (capped at 1): the
story is about it, not merely mentioning it."""
IMPLIED_COMPETENCY = 0.35
"""Weight of a competency only implied by the story's text (at full cue strength)."""


class StoryFeatures(Record):
    """Everything about one story the ranking needs, computed once per story version.

    term_strength: content stem -> strength 0..1 (by field, plus repeats).
    labels: title, tags and metric names as content words (for rapidfuzz).
    competencies: declared and implied competencies with their weight.
    kind_fit: how well the story serves each question kind, 0..1.
    probes: what the story can demonstrate (competencies and themes, 0..1), for the
        question model's probes (storybank.method.themes.probe_strengths).
    pairs: adjacent content stems as "a b" (phrase matching): a frozenset, or JoinedPairs
        when read from the disk cache.
    words: the story's plain words (what a typo in a question may be read as), computed
        when first needed (see story_words).
    """

    __slots__ = (  # noqa: RUF023 - constructor order (repr shows it)
        "story",
        "term_strength",
        "labels",
        "competencies",
        "kind_fit",
        "pairs",
        "words",
        "probes",
    )

    def __init__(
        self,
        story: Story,
        term_strength: dict[str, float],
        labels: list[str],
        competencies: dict[str, float],
        kind_fit: dict[str, float],
        pairs: Collection[str],
        words: set[str] | None = None,
        probes: dict[str, float] | None = None,
    ) -> None:
        self.story = story
        self.term_strength = term_strength
        self.labels = labels
        self.competencies = competencies
        self.kind_fit = kind_fit
        self.pairs = pairs
        self.words = words
        self.probes = {} if probes is None else probes


class BankIndex(Record):
    """Per-bank data: features of each story, document frequencies and the typo corrector.

    labels / label_owners: every distinct story label in one list for rapidfuzz (each
        scored once however many stories share it), and the stories each belongs to.
    probe_columns: for each probe, every story's strength in bank order (built on first
        use, `_probe_fit`).
    """

    __slots__ = (  # noqa: RUF023 - constructor order (repr shows it)
        "features",
        "idf",
        "unseen_idf",
        "corrector",
        "custom_competencies",
        "labels",
        "label_owners",
        "probe_columns",
    )

    def __init__(
        self,
        features: list[StoryFeatures],
        idf: dict[str, float],
        unseen_idf: float,
        corrector: Corrector,
        custom_competencies: list[str],
        labels: list[str],
        label_owners: list[list[int]],
    ) -> None:
        self.features = features
        self.idf = idf
        self.unseen_idf = unseen_idf
        self.corrector = corrector
        self.custom_competencies = custom_competencies
        self.labels = labels
        self.label_owners = label_owners
        self.probe_columns: dict[str, list[float]] | None = None


def story_key(story: Story) -> tuple:
    """A hashable fingerprint of a story's content (cache key for its features).

    Built on every advisor call for every story (the bank may have changed since), so it
    reads fields with C-level getters rather than a Python expression per field."""
    themes = story.themes
    return (
        _STORY_TEXT(story),
        tuple(story.competencies),
        tuple(map(_METRIC_FIELDS, story.metrics)),
        tuple(map(_TRADEOFF_FIELDS, story.tradeoffs)),
        _ENV_FIELDS(story.environment),
        tuple(sorted(story.rounds.items())) if story.rounds else (),
        tuple(story.tags),
        None if themes is None else tuple(themes),
    )


_STORY_TEXT = attrgetter("id", "title", "summary", *BEATS)
_METRIC_FIELDS = attrgetter("name", "before", "after", "unit")
_TRADEOFF_FIELDS = attrgetter("chose", "over", "because")
_ENV_FIELDS = attrgetter("stage", "customer", "org")


_FEATURE_CACHE: dict[tuple, StoryFeatures] = {}
_FEATURE_CACHE_MAX = 4096
_INDEX_CACHE: dict[tuple, BankIndex] = {}


def _story_parts(story: Story) -> list[tuple[str, str]]:
    """(field weight name, text) for every piece of a story the advisor reads."""
    env = story.environment
    parts = [
        ("title", story.title),
        ("tags", " ".join(story.tags)),
        ("environment", " ".join(v for v in (env.stage, env.customer, env.org) if v)),
        ("metrics", " ".join(m.name for m in story.metrics)),
        ("summary", story.summary),
        ("competencies", " ".join(story.competencies)),
        ("tradeoffs", " ".join(f"{t.chose} {t.over} {t.because}" for t in story.tradeoffs)),
        ("rounds", " ".join(story.rounds.values())),
    ]
    parts += [(f"beat:{name}", text) for name, text in story.beats().items()]
    return parts


def _features(story: Story, key: tuple) -> StoryFeatures:
    cached = _FEATURE_CACHE.get(key)
    if cached is not None:
        return cached
    stop = stopwords()
    strength: dict[str, float] = {}
    vocab: set[str] = set()
    pairs: set[str] = set()
    grams_by_part: dict[str, list[str]] = {}
    counts: dict[str, int] = {}
    for name, text in _story_parts(story):
        if not text:
            continue
        raw = words(text)
        stems = [stem(w) for w in raw]
        grams_by_part[name] = stems
        weight = FIELD_WEIGHTS["beats" if name.startswith("beat:") else name]
        tokens = [t for t in stems if len(t) > 1 and t not in stop]
        for token in tokens:
            counts[token] = counts.get(token, 0) + 1
            if strength.get(token, 0.0) < weight:
                strength[token] = weight
        pairs.update(f"{a} {b}" for a, b in itertools.pairwise(tokens))
        vocab.update(raw)
    for token, n in counts.items():
        if n > 1:
            strength[token] = min(1.0, strength[token] + TF_BONUS * math.log2(n))
    labels = [" ".join(content_terms(story.title))]
    labels += [" ".join(content_terms(tag)) for tag in story.tags]
    labels += [" ".join(content_terms(m.name)) for m in story.metrics]
    labels = [label for label in labels if label]

    competencies: dict[str, float] = {}
    for position, name in enumerate(story.competencies):
        competencies[name] = DECLARED_COMPETENCY[min(position, len(DECLARED_COMPETENCY) - 1)]
    all_grams = Phrases(*grams_by_part.values())
    for name, table in lexicon.compiled_competency_cues().items():
        if name in competencies:
            continue
        implied = min(1.0, sum(_match(all_grams, table).values()) / 4.0)
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
        probes=_probe_strengths(story),
    )
    _remember(key, features)
    return features


def _all_features(stories: Sequence[Story], keys: tuple[tuple, ...]) -> list[StoryFeatures]:
    """Features of every story: from memory, else the attached memo (what the caller read
    from the disk cache), else computed (and handed to the memo, for the caller to save)."""
    from storybank.advisor import memo

    out: list[StoryFeatures] = []
    fresh: dict[str, Any] = {}
    reuse = memo.attached() is not None
    for story, key in zip(stories, keys, strict=True):
        feat = _FEATURE_CACHE.get(key)
        if feat is None and reuse:
            digest = memo.story_digest(key)
            feat = features_from_json(story, memo.story_entry(digest))
            if feat is None:
                feat = _features(story, key)
                fresh[digest] = features_to_json(feat)
            else:
                _remember(key, feat)
        elif feat is None:
            feat = _features(story, key)
        out.append(feat)
    if fresh:
        memo.put_story_entries(fresh, current={memo.story_digest(key) for key in keys})
    return out


def features_to_json(feat: StoryFeatures) -> dict[str, Any]:
    """A story's features as plain JSON values (the story itself is not stored)."""
    return {
        "terms": feat.term_strength,
        "labels": feat.labels,
        "comp": feat.competencies,
        "kind": feat.kind_fit,
        "pairs": PAIR_SEPARATOR.join(sorted(feat.pairs)),
        "probes": feat.probes,
    }


def features_from_json(story: Story, data: Any) -> StoryFeatures | None:
    """Features read back from the disk cache, or None when the entry is missing or not
    shaped as written (it is then recomputed)."""
    if type(data) is not dict:
        return None
    try:
        terms, labels, comp = data["terms"], data["labels"], data["comp"]
        kind, pairs, probes = data["kind"], data["pairs"], data["probes"]
        if not (
            _str_floats(probes)
            and _str_floats(terms)
            and _str_floats(comp)
            and _str_floats(kind)
            and kind.keys() == _KIND_NAMES
            and _strs(labels)
            and type(pairs) is str
        ):
            return None
    except (KeyError, TypeError, AttributeError):
        return None
    return StoryFeatures(
        story=story,
        term_strength=terms,
        labels=labels,
        competencies=comp,
        kind_fit=kind,
        pairs=JoinedPairs(pairs),
        probes=probes,
    )


PAIR_SEPARATOR = "|"
"""Joins a story's word pairs into one string in the disk cache (a word never holds it):
one long JSON string decodes several times faster than hundreds of short ones, and the
pairs were most of the file."""


class JoinedPairs:
    """A story's word pairs as read from the disk cache: the joined string itself, asked
    by substring. `ask` checks a handful of the question's pairs against each story once;
    splitting every story's hundreds of pairs into a set cost more than all the checks."""

    __slots__ = ("_text",)

    def __init__(self, joined: str) -> None:
        self._text = f"{PAIR_SEPARATOR}{joined}{PAIR_SEPARATOR}"

    def __contains__(self, pair: object) -> bool:
        if not isinstance(pair, str) or not pair or PAIR_SEPARATOR in pair:
            return False
        return f"{PAIR_SEPARATOR}{pair}{PAIR_SEPARATOR}" in self._text

    def __iter__(self) -> Iterator[str]:
        inner = self._text[1:-1]
        return iter(inner.split(PAIR_SEPARATOR) if inner else ())

    def __len__(self) -> int:
        return self._text.count(PAIR_SEPARATOR) - 1 if len(self._text) > 2 else 0


_KIND_NAMES = frozenset(KIND_NAMES)
"""A cached entry must hold a fit for every kind of the method (else it is recomputed)."""


def _str_floats(value: Any) -> bool:
    """A dict of str -> number (checked at C speed: the types seen, not each item)."""
    return (
        type(value) is dict
        and set(map(type, value)) <= _STR
        and set(map(type, value.values())) <= _NUMBER
    )


def _strs(value: Any) -> bool:
    return type(value) is list and set(map(type, value)) <= _STR


_STR = frozenset((str,))
_NUMBER = frozenset((float, int))


def story_words(feat: StoryFeatures) -> set[str]:
    """The story's plain words, computed the first time a typo needs them."""
    if feat.words is None:
        feat.words = {w for _, text in _story_parts(feat.story) if text for w in words(text)}
    return feat.words


def clear_memory() -> None:
    """Forget the in-memory features and indexes (see advisor.clear_caches)."""
    _FEATURE_CACHE.clear()
    _INDEX_CACHE.clear()


def _remember(key: tuple, feat: StoryFeatures) -> None:
    if len(_FEATURE_CACHE) >= _FEATURE_CACHE_MAX:
        _FEATURE_CACHE.clear()
    _FEATURE_CACHE[key] = feat


def _kind_fit(story: Story) -> dict[str, float]:
    """How well a story can serve each kind of question, 0..1: the method's one rule
    (storybank.method.fit), which Coverage reads too."""
    from storybank.method.fit import fits

    return {name: fit.score for name, fit in fits(story).items()}


def bank_index(stories: Sequence[Story]) -> BankIndex:
    """The cached index for this exact bank content (rebuilt only when a story changes)."""
    keys = tuple(story_key(s) for s in stories)
    cached = _INDEX_CACHE.get(keys)
    if cached is not None:
        return cached
    features = _all_features(stories, keys)
    count = max(1, len(features))
    df: dict[str, int] = {}
    for feat in features:
        for token in feat.term_strength:
            df[token] = df.get(token, 0) + 1
    idf = {token: math.log(1.0 + count / n) for token, n in df.items()}
    from storybank.advisor.classify import lexicon_stems, lexicon_word_list

    def known_words() -> set[str]:
        known = set(lexicon_word_list())
        for feat in features:
            known.update(story_words(feat))
        return known

    corrector = Corrector(lexicon_stems() | set(df), known_words)
    owners_of: dict[str, list[int]] = {}
    for position, feat in enumerate(features):
        for label in feat.labels:
            owners = owners_of.setdefault(label, [])
            if not owners or owners[-1] != position:
                owners.append(position)
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
        labels=list(owners_of),
        label_owners=list(owners_of.values()),
    )
    if len(_INDEX_CACHE) > 16:
        _INDEX_CACHE.clear()
    _INDEX_CACHE[keys] = index
    return index


class Scored(Record):
    """One story's score for a question, with its parts and the evidence.

    relevance: the score from text, comp and kind alone (what the company cannot change).
    best_relevance: the highest relevance any story in the bank reached for this question.
    """

    __slots__ = (  # noqa: RUF023 - constructor order (repr shows it)
        "features",
        "score",
        "parts",
        "matched_terms",
        "matched_competencies",
        "missing_competencies",
        "relevance",
        "best_relevance",
        "close_call",
        "chosen_for",
    )

    def __init__(
        self,
        features: StoryFeatures,
        score: float,
        parts: dict[str, float],
        matched_terms: list[str],
        matched_competencies: list[str],
        missing_competencies: list[str],
        relevance: float = 0.0,
        best_relevance: float = 0.0,
    ) -> None:
        self.features = features
        self.score = score
        self.parts = parts
        self.matched_terms = matched_terms
        self.matched_competencies = matched_competencies
        self.missing_competencies = missing_competencies
        self.relevance = relevance
        self.best_relevance = best_relevance
        self.close_call: Story | None = None
        """The story this one was put ahead of because its environment fits the company
        better, in a close call (said in `why`)."""
        self.chosen_for: str | None = None
        """The question the user chose this story for, when that choice put it first."""


def score_stories(
    reading: QuestionReading,
    index: BankIndex,
    company: Company | None = None,
    limit: int | None = None,
    chosen: Pick | None = None,
) -> list[Scored]:
    """Stories scored for the reading, best first (ties keep bank order); `limit` caps how
    many are returned with their evidence (all are scored). The story of `chosen` (the
    user's own choice for a similar question, `advisor.picks`) comes first."""
    count = len(index.features)
    q_weights = {t: w * index.idf.get(t, index.unseen_idf) for t, w in reading.term_weights.items()}
    q_total = sum(q_weights.values())
    overlap = [
        sum(w * strength[t] for t, w in q_weights.items() if t in strength)
        for strength in (feat.term_strength for feat in index.features)
    ]
    q_pairs = [f"{a} {b}" for a, b in reading.pairs]
    pair_hits = [sum(p in feat.pairs for p in q_pairs) if q_pairs else 0 for feat in index.features]
    fuzzy = [0.0] * count
    q_label = " ".join(t for t, w in reading.term_weights.items() if w >= 1.0)
    if q_label and index.labels:
        from rapidfuzz import fuzz, process

        for _, ratio, j in process.extract(
            q_label, index.labels, scorer=fuzz.token_set_ratio, limit=None, score_cutoff=50
        ):
            value = (ratio / 100.0 - 0.5) * 2.0
            for owner in index.label_owners[j]:
                if value > fuzzy[owner]:
                    fuzzy[owner] = value

    comp_total = sum(reading.competency_weights.values())
    confidence = min(1.0, reading.competency_evidence / COMPETENCY_CONFIDENT)
    comp_items = list(reading.competency_weights.items())
    kind = reading.kind
    probe_fit = _probe_fit(reading.probes, index) if reading.probes else [0.0] * count
    record = KIND_RECORDS.get(kind)
    kind_weight = record.fit_weight if record else 1.0  # failure: a must, not a nudge
    w_text, w_comp, w_probe = WEIGHTS["text"], WEIGHTS["comp"], WEIGHTS["probe"]
    w_kind = WEIGHTS["kind"] * kind_weight
    w_env, w_focus = WEIGHTS["env"], WEIGHTS["focus"]
    base_weight = w_text + w_comp + w_kind + (w_probe if reading.probes else 0.0)
    total_weight = w_text + w_comp + w_kind  # summed in the parts' order, as before
    if company is not None:
        total_weight = total_weight + w_env + w_focus
    if reading.probes:
        total_weight += w_probe
    share_terms, share_pairs, share_labels = (TEXT_SHARES[n] for n in ("terms", "pairs", "labels"))
    n_pairs = len(reading.pairs)
    # Every story is scored with plain arithmetic (this loop runs for each story on every
    # keystroke in Ask); the parts are kept as dicts only for the stories shown.
    texts: list[float] = []
    comps: list[float] = []
    kinds: list[float] = []
    envs: list[float] = []
    focuses: list[float] = []
    scores: list[float] = []
    bases: list[float] = []
    best_relevance = 0.0
    for position, feat in enumerate(index.features):
        coverage = overlap[position] / q_total if q_total else 0.0
        pair_cover = pair_hits[position] / n_pairs if n_pairs else coverage
        text = share_terms * coverage + share_pairs * pair_cover + share_labels * fuzzy[position]
        if comp_total:
            have = feat.competencies
            overlap_c = sum(w * have.get(n, 0.0) for n, w in comp_items)
            comp = confidence * overlap_c / comp_total + (1.0 - confidence) * text
        else:
            comp = text
        kind_fit = feat.kind_fit.get(kind, 0.5)
        base = w_text * text + w_comp * comp + w_kind * kind_fit
        if reading.probes:
            base += w_probe * probe_fit[position]
        score = base
        if company is not None:
            env = environment_fit(feat.story.environment, company.environment)
            focus = focus_fit(feat.story, company)
            score = score + w_env * env + w_focus * focus
            envs.append(env)
            focuses.append(focus)
        scores.append(round(min(1.0, max(0.0, score / total_weight)), 4))
        bases.append(base / base_weight)
        best_relevance = max(best_relevance, _relevance(text, comp, kind_fit, kind_weight))
        texts.append(text)
        comps.append(comp)
        kinds.append(kind_fit)
    order = sorted(range(count), key=lambda i: (-scores[i], i))
    moved: dict[int, int] = {}
    if company is not None:
        moved = _settle_close_calls(order, bases, envs, (limit or count) + 1)
    chosen_at = next(
        (i for i, feat in enumerate(index.features) if chosen and feat.story.id == chosen.story),
        None,
    )
    if chosen_at is not None:
        order.remove(chosen_at)
        order.insert(0, chosen_at)
        moved.pop(chosen_at, None)
    if limit is not None:
        order = order[: max(0, limit)]

    def parts_of(i: int) -> dict[str, float]:
        parts = {"text": texts[i], "comp": comps[i], "kind": kinds[i]}
        if reading.probes:
            parts["probe"] = probe_fit[i]
        if company is not None:
            parts["env"] = envs[i]
            parts["focus"] = focuses[i]
        return parts

    out = [_evidence(index.features[i], scores[i], parts_of(i), reading, q_weights) for i in order]
    for i, item in zip(order, out, strict=True):
        item.best_relevance = best_relevance
        if i in moved:
            item.close_call = index.features[moved[i]].story
        if i == chosen_at and chosen is not None:
            item.chosen_for = chosen.question
    return out


CLOSE_CALL = 0.03
"""Two stories whose relevance (without company fit) is this close are equally good
answers: the one from the company's kind of environment comes first."""
ENV_MARGIN = 0.1
"""How much nearer the company's environment a story must be to win a close call."""


def _settle_close_calls(
    order: list[int], bases: list[float], envs: list[float], depth: int
) -> dict[int, int]:
    """Reorder `order` in place so that, between neighbours of equal relevance, the story
    whose environment fits the company better comes first; returns winner -> story passed."""
    moved: dict[int, int] = {}
    depth = min(depth, len(order))
    for _ in range(depth):
        changed = False
        for pos in range(depth - 1):
            a, b = order[pos], order[pos + 1]
            close = abs(bases[a] - bases[b]) <= CLOSE_CALL
            if close and envs[b] > envs[a] + ENV_MARGIN:
                order[pos], order[pos + 1] = b, a
                moved[b] = a
                changed = True
        if not changed:
            break
    return moved


def _probe_fit(probes: dict[str, float], index: BankIndex) -> list[float]:
    """0..1 per story: what the question probes (model probabilities) against what each
    story can demonstrate (its cached `probes`), as a share of the best a story could do
    (a story showing all of the question's three likeliest probes at full strength).

    Summed a probe at a time over the bank's probe columns: a few list passes per
    question instead of a Python loop over every probe of every story."""
    ceiling = sum(sorted(probes.values(), reverse=True)[:3]) or 1.0
    columns = index.probe_columns
    if columns is None:
        columns = index.probe_columns = _probe_columns(index.features)
    totals: list[float] = [0.0] * len(index.features)
    for name, p in probes.items():
        column = columns.get(name)
        if p >= 0.005 and column is not None:  # smaller probabilities add nothing
            totals = [total + p * strength for total, strength in zip(totals, column, strict=True)]
    return [min(1.0, total / ceiling) for total in totals]


def _probe_columns(features: Sequence[StoryFeatures]) -> dict[str, list[float]]:
    count = len(features)
    columns: dict[str, list[float]] = {}
    for position, feat in enumerate(features):
        for name, strength in feat.probes.items():
            column = columns.get(name)
            if column is None:
                column = columns[name] = [0.0] * count
            column[position] = strength
    return columns


def _probe_strengths(story: Story) -> dict[str, float]:
    from storybank.method.themes import probe_strengths

    return {name: round(value, 4) for name, value in probe_strengths(story).items()}


def relevance(parts: dict[str, float], kind_weight: float = 1.0) -> float:
    """The weighted text, comp and kind parts alone, in 0..1, the kind weighed as the kind
    asks (a story of a real disagreement is relevant to any conflict question). Company fit
    and the probe part (a share of what the question probes, which every bank has some of)
    are left out, so neither can turn an off-topic story into a match."""
    return _relevance(parts["text"], parts["comp"], parts["kind"], kind_weight)


def _relevance(text: float, comp: float, kind_fit: float, kind_weight: float) -> float:
    """`relevance` from the three parts themselves (`score_stories` asks it for every story
    before any parts dict exists)."""
    w_text, w_comp, w_kind = WEIGHTS["text"], WEIGHTS["comp"], WEIGHTS["kind"] * kind_weight
    value = (w_text * text + w_comp * comp + w_kind * kind_fit) / (w_text + w_comp + w_kind)
    return round(min(1.0, max(0.0, value)), 4)


def _evidence(
    feat: StoryFeatures,
    score: float,
    parts: dict[str, float],
    reading: QuestionReading,
    q_weights: dict[str, float],
) -> Scored:
    """The score with what explains it: matched words, covered and missing competencies."""
    matched = sorted(
        ((w * feat.term_strength[t], t) for t, w in q_weights.items() if t in feat.term_strength),
        reverse=True,
    )
    got = [
        n
        for n in reading.competency_weights
        if feat.competencies.get(n, 0.0) >= DECLARED_COMPETENCY[-1]
    ]
    missing = [n for n in reading.competency_weights if n not in got]
    return Scored(
        features=feat,
        score=score,
        parts={k: round(v, 3) for k, v in parts.items()},
        matched_terms=[reading.word_forms.get(t, t) for _, t in matched[:6]],
        matched_competencies=got,
        missing_competencies=missing,
        relevance=relevance(parts),
    )


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


assert abs(sum(v for k, v in WEIGHTS.items() if k != "probe") - 1.0) < 1e-9
assert set(CUSTOMERS) >= {c for pair in _CUSTOMER_NEAR for c in pair}
assert set(ORGS) >= {o for pair in _ORG_NEAR for o in pair}
