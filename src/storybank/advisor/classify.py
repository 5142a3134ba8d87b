"""Read a pasted question: pick the main question, its kind and the competencies it probes.

1. The paste is split into sentences and grouped into questions: a question together with
   the scene-setting sentences before it (bullets, "Q1:", "Interviewer:", "So," removed).
   The first question with some substance is the main one; the others count at
   CONTEXT_WEIGHT for competencies and words.
2. Every kind's cues (lexicon.KIND_CUES) found in the main question add their weight; a cue
   inside a longer matched cue of the same kind is not counted twice. A scene followed by a
   question in the present ("... What do you do?") adds lexicon.SCENARIO_WEIGHT to case.
3. Topic kinds (motivation, failure, conflict, tradeoff, metrics) say what the question is
   about; the strongest wins when it reaches TOPIC_MIN, unless the hypothetical framing
   ("how would you... here") outweighs it by CASE_MARGIN, which makes it a case question.
   A main question without any topic cue takes topic cues from its follow-ups.
4. Otherwise the framing decides: case when hypothetical cues reach CASE_MIN, else behavioral.

See docs/advisor.md for the whole method."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from functools import lru_cache
from itertools import pairwise

from storybank.advisor import lexicon
from storybank.advisor.text import (
    Phrases,
    americanise,
    fold,
    ngrams,
    stem,
    stopwords,
    words,
)
from storybank.record import Record
from storybank.vocab import COMPETENCIES

CONTEXT_WEIGHT = 0.5
"""How much the rest of a paste (context sentences, follow-up questions) counts."""
TOPIC_MIN = 1.4
"""A topic kind needs at least this much cue weight to win."""
CASE_MARGIN = 1.2
"""Hypothetical framing beats a topic only when ahead by this much."""
CASE_MIN = 1.2
"""Hypothetical framing needs this much weight to make a question a case question."""
COMPETENCY_MIN = 0.7
"""A competency is reported as probed when its cue weight reaches this."""
TYPO_CUTOFF = 85.0
"""rapidfuzz ratio (0-100) at which an unknown word is read as a typo of a known one."""
MAX_TYPO_WORD = 24
"""Longer "words" (pasted URLs, keyboard mashing) are never typo-corrected."""
MAX_PASTE = 5000
"""Only the first this-many characters of a paste are read (a question, not a document)."""

_QUESTION_START = re.compile(
    r"^(tell|describe|give|walk|talk|share|how|what|why|when|which|where|who|can|could|"
    r"would|have|has|do|did|does|are|is|imagine|suppose|let's|lets|if|say|explain|pick|name|"
    r"design|sketch|lay out|outline|propose|choose|prioriti[sz]e|estimate|plan|build)\b"
)
"""Matched against `_low(text)`, as the patterns below."""
_LEAD_IN = re.compile(
    r"^(?:[a-z]{1,20}(?: [a-z]{1,20})?:\s*|(?:so|ok|okay|next|great|and|also|now|then|finally|"
    r"alright|right|well|thanks|thank you|cool|first|second|lastly)\b[,.!:]?\s*)+"
)
"""Lead-ins before the question proper: "Interviewer:", "Q:", "So,", "Next:", "OK, and"."""
_SCENE_START = re.compile(r"^(imagine|suppose|let'?s say|say|if)\b")
"""Sentences that set a scene rather than ask, unless they end with a question mark."""
_BULLET = re.compile(r"^\s*(?:[-*\u2022>]+|\(?\d{1,2}[.)]|q\d*[:.)]|question\s*\d*[:.)])\s*")
_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")
"""The patterns above are written in lower case and matched against `_low(text)`, which
keeps every position (compiling them with re.IGNORECASE costs more at start-up)."""


def _low(text: str) -> str:
    """ASCII lower case, same length as `text` (so a match's end is a position in it)."""
    return text.translate(_ASCII_LOWER)


def _strip(pattern: re.Pattern[str], text: str) -> str:
    """`text` without the match of `pattern` at its start (matched case-insensitively)."""
    match = pattern.match(_low(text))
    return text[match.end() :] if match else text


_SENTENCE_SPLIT = re.compile(r"(?<=[.?!])\s+")


class QuestionReading(Record):
    """What the advisor understood from a question, with the evidence for it.

    question: the main question, cleaned of bullets and extra whitespace.
    kind: one of vocab.KINDS.
    competencies: probed competencies, strongest first.
    cues: the cue phrases that were matched, as written in the lexicon.
    note: said when the paste held several questions (which one is answered), was cut
        short, or could not be read.
    kind_scores: summed cue weight per kind.
    competency_weights: probed competencies with strength 0..1 (strongest is 1).
    term_weights: content stems of the paste, 1.0 from the main question,
        CONTEXT_WEIGHT from the rest.
    word_forms: a readable word for each stem, for explanations.
    question_count: how many questions the paste held.
    competency_evidence: summed cue weight of the strongest competency (how sure the
        reading is of it).
    pairs: adjacent content stems of the main question ("squad lead"), for phrase matching.
    """

    __slots__ = (  # noqa: RUF023 - constructor order (repr shows it)
        "question",
        "kind",
        "competencies",
        "cues",
        "note",
        "kind_scores",
        "competency_weights",
        "term_weights",
        "word_forms",
        "question_count",
        "competency_evidence",
        "pairs",
        "probes",
        "kind_source",
        "reads_like",
    )

    def __init__(
        self,
        question: str,
        kind: str,
        competencies: list[str],
        cues: list[str],
        note: str | None = None,
        kind_scores: dict[str, float] | None = None,
        competency_weights: dict[str, float] | None = None,
        term_weights: dict[str, float] | None = None,
        word_forms: dict[str, str] | None = None,
        question_count: int = 1,
        competency_evidence: float = 0.0,
        pairs: list[tuple[str, str]] | None = None,
        probes: dict[str, float] | None = None,
        kind_source: str = "cues",
        reads_like: tuple[str, str] | None = None,
    ) -> None:
        self.question = question
        self.kind = kind
        self.competencies = competencies
        self.cues = cues
        self.note = note
        self.kind_scores = {} if kind_scores is None else kind_scores
        self.competency_weights = {} if competency_weights is None else competency_weights
        self.term_weights = {} if term_weights is None else term_weights
        self.word_forms = {} if word_forms is None else word_forms
        self.question_count = question_count
        self.competency_evidence = competency_evidence
        self.pairs = [] if pairs is None else pairs
        self.probes = {} if probes is None else probes
        """What the question probes (themes and competencies), probabilities from the
        learned model; empty without one."""
        self.kind_source = kind_source
        """"model" when the learned model decided the kind, "cues" for the lexicon rule."""
        self.reads_like = reads_like
        """The nearest labelled real question and its kind (said in `why`), if any."""


class _Segment(Record):
    __slots__ = ("text", "is_question")  # noqa: RUF023 - constructor order

    def __init__(self, text: str, is_question: bool) -> None:
        self.text = text
        self.is_question = is_question


def split_paste(text: str) -> list[_Segment]:
    """Sentences of a paste, lines re-joined where a question was merely wrapped."""
    lines = [_strip(_BULLET, line).strip() for line in text.replace("\r", "\n").split("\n")]
    blocks: list[str] = []
    current = ""
    for line in lines:
        if not line:
            if current:
                blocks.append(current)
                current = ""
            continue
        if current and (
            current[-1] in ".?!:;" or _QUESTION_START.match(_low(_strip(_LEAD_IN, line)))
        ):
            blocks.append(current)
            current = line
        else:
            current = f"{current} {line}".strip()
    if current:
        blocks.append(current)
    segments: list[_Segment] = []
    for block in blocks:
        for piece in _SENTENCE_SPLIT.split(block):
            piece = re.sub(r"\s+", " ", piece).strip(" \t\"'")
            for _ in range(3):  # "Interviewer: 'So, next: tell me..." has several lead-ins
                shorter = _strip(_LEAD_IN, piece).strip(" \t\"'")
                if shorter == piece:
                    break
                piece = shorter
            if not piece or not any(ch.isalnum() for ch in piece):
                continue
            is_question = piece.endswith("?") or (
                bool(_QUESTION_START.match(_low(piece))) and not _SCENE_START.match(_low(piece))
            )
            segments.append(_Segment(piece, is_question))
    return segments


def _substantive(segment: _Segment) -> bool:
    """At least two words that carry meaning ("Great, thanks." does not)."""
    stop = stopwords()
    return sum(1 for w in words(segment.text) if stem(w) not in stop) >= 2


_PAST_ASK = re.compile(r"\b(did you|have you|had you|were you|was it)\b", re.IGNORECASE)


def _is_scenario(unit: list[_Segment]) -> bool:
    """A scene is set, then a question asked about it in the present or future
    ("A launch is two weeks away and the docs do not exist. What do you do today?")."""
    has_scene = any(not seg.is_question for seg in unit)
    if not any(seg.is_question for seg in unit):
        return False
    asks_past = any(seg.is_question and _PAST_ASK.search(seg.text) for seg in unit)
    return has_scene and not asks_past


def question_units(segments: list[_Segment]) -> list[list[_Segment]]:
    """Group sentences into questions: each question with the scene-setting sentences
    around it ("Activation dropped last month. How do you investigate?" is one question).
    Sentences before a question belong to it; sentences after the last one, to the last."""
    units: list[list[_Segment]] = []
    pending: list[_Segment] = []
    for segment in segments:
        if segment.is_question:
            units.append([*pending, segment])
            pending = []
        elif _substantive(segment):
            pending.append(segment)
    if pending:
        if units:
            units[-1].extend(pending)
        else:
            units.append(pending)
    return units


def _keyword_units(segments: list[_Segment]) -> list[list[_Segment]]:
    """A paste of one keyword ("metrics", "Failure?") read as the question itself, when it
    holds a meaningful Latin-letter word; text in a script the advisor cannot read is not."""
    stop = stopwords()
    kept = [
        seg for seg in segments if any(w.isascii() and stem(w) not in stop for w in words(seg.text))
    ]
    return [kept] if kept else []


@lru_cache(maxsize=1)
def lexicon_stems() -> frozenset[str]:
    """Every stem the cue lexicons use (what counts as a known word in a question)."""
    out: set[str] = {stem(w) for c in COMPETENCIES for w in c.split("-")}
    for table in (
        *lexicon.compiled_kind_cues().values(),
        *lexicon.compiled_competency_cues().values(),
    ):
        for key in table:
            out.update(key)
    return frozenset(out)


@lru_cache(maxsize=1)
def lexicon_word_list() -> tuple[str, ...]:
    """Every word of the lexicons, the words typos are read as (disk-cached)."""
    from storybank.advisor import memo

    stored = memo.lexicon_part("words")
    if type(stored) is list and all(type(w) is str for w in stored):
        return tuple(stored)
    known = lexicon.lexicon_words()
    known.update(w for c in COMPETENCIES for w in c.split("-"))
    result = tuple(sorted(known))
    memo.put_lexicon_part("words", list(result))
    return result


class Corrector:
    """Reads misspelled words as the nearest known word (rapidfuzz), e.g. "functinal".

    Only words of five letters or more that are unknown in every form are corrected, only
    to a known word with the same first letter, and only at TYPO_CUTOFF similarity; so
    correct words the bank simply does not contain stay as they are.
    """

    def __init__(
        self, known_stems: Iterable[str], known_words: Callable[[], Iterable[str]]
    ) -> None:
        self.known_stems = frozenset(known_stems)
        self._known_words = known_words
        self._by_letter: dict[str, list[str]] | None = None
        self._cache: dict[str, str] = {}

    def _choices(self, letter: str) -> list[str]:
        """Known words by first letter, gathered only when a word needs correcting."""
        if self._by_letter is None:
            by_letter: dict[str, list[str]] = {}
            for word in sorted(set(self._known_words())):  # not set order: hash-seeded
                if len(word) >= 4 and word.isalpha():
                    by_letter.setdefault(word[0], []).append(word)
            self._by_letter = by_letter
        return self._by_letter.get(letter, [])

    def correct(self, word: str) -> str:
        if not 5 <= len(word) <= MAX_TYPO_WORD or not word.isalpha():
            return word
        cached = self._cache.get(word)
        if cached is not None:
            return cached
        result = word
        if stem(word) not in self.known_stems and stem(word) not in stopwords():
            from rapidfuzz import fuzz, process

            choices = self._choices(word[0])
            best = process.extractOne(word, choices, scorer=fuzz.ratio, score_cutoff=TYPO_CUTOFF)
            if best is not None:
                result = best[0]
        self._cache[word] = result
        return result


@lru_cache(maxsize=1)
def lexicon_corrector() -> Corrector:
    return Corrector(lexicon_stems(), lexicon_word_list)


def _match(grams: Phrases, table: lexicon.CompiledCues) -> dict[tuple[str, ...], float]:
    """Cues of one table present in `grams`, without cues nested in a longer matched cue."""
    hits = [key for key in table if key in grams]
    if len(hits) > 1:
        hits.sort(key=len, reverse=True)
        kept: list[tuple[str, ...]] = []
        for key in hits:
            if not any(_contains(longer, key) for longer in kept):
                kept.append(key)
        hits = kept
    return {key: table[key][0] for key in hits}


def _contains(longer: tuple[str, ...], shorter: tuple[str, ...]) -> bool:
    if len(shorter) >= len(longer):
        return False
    n = len(shorter)
    return any(longer[i : i + n] == shorter for i in range(len(longer) - n + 1))


def _custom_cues(names: Sequence[str]) -> dict[str, lexicon.CompiledCues]:
    """Cues for custom competencies: the name itself, and each meaningful word of it."""
    out: dict[str, lexicon.CompiledCues] = {}
    for name in names:
        if name in COMPETENCIES:
            continue
        phrase = name.replace("-", " ")
        table: lexicon.CompiledCues = {}
        parts = tuple(stem(americanise(w)) for w in phrase.split())
        if parts:
            table[parts] = (1.0, phrase)
        for word in phrase.split():
            key = (stem(americanise(word)),)
            if len(word) >= 4 and key[0] not in stopwords() and key not in table:
                table[key] = (0.6, word)
        out[name] = table
    return out


def stems_of(text: str, corrector: Corrector) -> tuple[list[str], list[str]]:
    """(stems, readable words) of `text`, typos corrected."""
    raw = [corrector.correct(w) for w in words(text)]
    return [stem(w) for w in raw], raw


def analyse_question(
    text: str,
    extra_competencies: Sequence[str] = (),
    corrector: Corrector | None = None,
) -> QuestionReading:
    """Classify a pasted question (kind, competencies) and pick its main question."""
    corrector = corrector or lexicon_corrector()
    long_paste = len(text) > MAX_PASTE
    if long_paste:
        text = text[:MAX_PASTE]
    segments = split_paste(text)
    units = question_units(segments) or _keyword_units(segments)
    if not units:
        shown = " ".join(text.split())
        note = None
        if shown and any(ch.isalpha() for ch in shown):
            note = "No words here the advisor can read; it understands questions in English."
        return QuestionReading(
            question=shown if note else "", kind="behavioral", competencies=[], cues=[], note=note
        )
    main_index = next(
        (i for i, unit in enumerate(units) if any(_substantive(seg) for seg in unit)), 0
    )

    kind_tables = lexicon.compiled_kind_cues()
    comp_tables = dict(lexicon.compiled_competency_cues())
    comp_tables.update(_custom_cues(extra_competencies))
    kind_scores = dict.fromkeys(kind_tables, 0.0)
    follow_up_kinds = dict.fromkeys(kind_tables, 0.0)
    comp_scores: dict[str, float] = {}
    cue_names: dict[str, None] = {}
    term_weights: dict[str, float] = {}
    forms: dict[str, str] = {}
    main_pairs: list[tuple[str, str]] = []
    stop = stopwords()
    for number, unit in enumerate(units):
        is_main = number == main_index
        weight = 1.0 if is_main else CONTEXT_WEIGHT
        if not is_main and not _is_context_of_main(unit, number, main_index):
            continue  # another question of a multi-question paste: not this answer's words
        if is_main and _is_scenario(unit):
            kind_scores["case"] += lexicon.SCENARIO_WEIGHT
        for segment in unit:
            stems, raw = stems_of(segment.text, corrector)
            grams = ngrams(stems)
            for kind, table in kind_tables.items():
                for key, cue_weight in _match(grams, table).items():
                    if is_main:
                        kind_scores[kind] += cue_weight
                        cue_names[table[key][1]] = None
                    else:
                        follow_up_kinds[kind] += cue_weight
            for name, table in comp_tables.items():
                for key, cue_weight in _match(grams, table).items():
                    comp_scores[name] = comp_scores.get(name, 0.0) + cue_weight * weight
                    cue_names[table[key][1]] = None
            content = [t for t in stems if len(t) > 1 and t not in stop]
            if is_main:
                main_pairs.extend(p for p in pairwise(content) if p not in main_pairs)
            for token, word in zip(stems, raw, strict=True):
                if len(token) > 1 and token not in stop:
                    term_weights[token] = max(term_weights.get(token, 0.0), weight)
                    forms.setdefault(token, word)

    if max(kind_scores[k] for k in lexicon.TOPIC_KINDS) < TOPIC_MIN:
        # A generic main question ("Tell me about a time you delayed a launch.") is
        # sharpened by its follow-up ("What did you weigh?"): topic cues count from there.
        for name in lexicon.TOPIC_KINDS:
            kind_scores[name] += follow_up_kinds[name]
    kind = decide_kind(kind_scores)
    top = max(comp_scores.values(), default=0.0)
    probed = sorted(
        (name for name, score in comp_scores.items() if score >= COMPETENCY_MIN),
        key=lambda name: -comp_scores[name],
    )
    strengths = {name: min(1.0, comp_scores[name] / max(top, 1.0)) for name in probed}
    main_text = " ".join(seg.text for seg in units[main_index])
    note = None
    if long_paste:
        note = f"Long paste: only the first {MAX_PASTE:,} characters were read."
    if len(units) > 1:
        which = "the first" if main_index == 0 else "the main one"
        several = f"{len(units)} questions pasted; answering {which}: {main_text}"
        note = f"{note} {several}" if note else several
    return QuestionReading(
        question=main_text,
        kind=kind,
        competencies=probed,
        cues=list(cue_names),
        note=note,
        kind_scores={k: round(v, 3) for k, v in kind_scores.items()},
        competency_weights=strengths,
        term_weights=term_weights,
        word_forms=forms,
        question_count=len(units),
        competency_evidence=top,
        pairs=main_pairs,
    )


FOLLOW_UP_WORDS = 10
"""A question right after the main one and at most this long is its follow-up ("What did
you weigh?"), read as context; a longer or later one is a separate question."""


def _is_context_of_main(unit: list[_Segment], number: int, main_index: int) -> bool:
    """Whether a unit other than the main question still speaks about it: a statement
    (scene-setting), or a short follow-up right after it that points back at it ("What did
    you weigh?", "Why that option?"). "How do you prioritise requests?" after a question
    about a launch is a separate question, and its words are not this answer's."""
    if not any(segment.is_question for segment in unit):
        return True
    words = " ".join(segment.text for segment in unit).lower().replace("?", " ").split()
    points_back = any(word.strip(",.;:") in _BACK_REFERENCES for word in words)
    return number == main_index + 1 and len(words) <= FOLLOW_UP_WORDS and points_back


_BACK_REFERENCES = frozenset(
    [
        "did",
        "was",
        "were",
        "that",
        "this",
        "it",
        "its",
        "then",
        "they",
        "them",
        "differently",
        "weigh",
        "learn",
        "learned",
    ]
)


def decide_kind(scores: dict[str, float]) -> str:
    """The kind rule of the module docstring, on summed cue weights."""
    topic = max(lexicon.TOPIC_KINDS, key=lambda k: scores.get(k, 0.0))
    topic_score = scores.get(topic, 0.0)
    case_score = scores.get("case", 0.0)
    if topic_score >= TOPIC_MIN:
        if topic != "motivation" and case_score >= topic_score + CASE_MARGIN:
            return "case"
        return topic
    if case_score >= CASE_MIN and case_score >= scores.get("behavioral", 0.0) * 0.75:
        return "case"
    return "behavioral"


__all__ = ["QuestionReading", "analyse_question", "fold"]
