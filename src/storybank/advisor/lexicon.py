"""Readable cue lexicons: the words that signal a question's kind and the competencies it probes.

The phrase tables themselves are the method's (`storybank.method.cues`); this module
compiles them for matching.
Each cue is a plain phrase, written the way people say it; it is normalised (folded,
American-spelled, stemmed) the same way as the question before matching, so "prioritise",
"prioritizing" and "prioritization" all hit the cue "prioritize". Weights say how strongly a
cue points at its label: 1.0 is a clear signal, 0.5 a hint that needs company.

Nothing here is tied to a particular story or question: the cues describe the domain (see
docs/advisor.md), so they carry over to any bank.
"""

from __future__ import annotations

from functools import lru_cache

from storybank.advisor.text import phrase_key
from storybank.method.cues import COMPETENCY_CUES, KIND_CUES, Cues
from storybank.method.kinds import FRAME_KINDS, TOPIC_KINDS

__all__ = ["COMPETENCY_CUES", "FRAME_KINDS", "KIND_CUES", "TOPIC_KINDS", "Cues"]

CompiledCues = dict[tuple[str, ...], tuple[float, str]]
"""A cue lexicon keyed by normalised stems: (weight, the phrase as written)."""

SCENARIO_WEIGHT = 1.5
"""Case weight added when a question comes after a sentence that sets a scene
("Activation dropped 8 percent last month. How do you investigate?")."""


@lru_cache(maxsize=1)
def compiled_competency_cues() -> dict[str, CompiledCues]:
    """The competency lexicon with each phrase normalised, built once on first use."""
    return _compiled_tables("competency", COMPETENCY_CUES)


@lru_cache(maxsize=1)
def compiled_kind_cues() -> dict[str, CompiledCues]:
    return _compiled_tables("kind", KIND_CUES)


def _compiled_tables(section: str, source: dict[str, Cues]) -> dict[str, CompiledCues]:
    """Compiled tables of one lexicon section. Normalising ~650 phrases is the slow part, so
    the disk cache keeps each table's phrases as stems ("cross function", in the order of
    the source); weights and phrases always come from the tables above."""
    from storybank.advisor import memo

    stored = memo.lexicon_part(section)
    if type(stored) is dict and stored.keys() == source.keys():
        tables = {name: _compile(cues, stored[name]) for name, cues in source.items()}
        if all(table is not None for table in tables.values()):
            return tables  # type: ignore[return-value]
    keys = {name: [phrase_key(phrase) for phrase in cues] for name, cues in source.items()}
    memo.put_lexicon_part(
        section, {name: [" ".join(key) for key in table] for name, table in keys.items()}
    )
    return {name: _compile(cues, keys[name]) for name, cues in source.items()}  # type: ignore[misc]


def _compile(cues: Cues, keys: object = None) -> CompiledCues | None:
    """Phrase stems -> (weight, phrase); the strongest weight wins when two phrases normalise
    alike. `keys`: the stems of each phrase (tuples, or space-joined strings from the disk
    cache); None when cached keys are not shaped as written."""
    if keys is None:
        keys = [phrase_key(phrase) for phrase in cues]
    if type(keys) is not list or len(keys) != len(cues):
        return None
    out: CompiledCues = {}
    for (phrase, weight), key in zip(cues.items(), keys, strict=True):
        if type(key) is str:
            key = tuple(key.split())
        elif type(key) is not tuple:
            return None
        if key and weight > out.get(key, (0.0, ""))[0]:
            out[key] = (weight, phrase)
    return out


def lexicon_words() -> set[str]:
    """Every plain word used in a cue, for typo correction of the question."""
    from storybank.advisor.text import words

    out: set[str] = set()
    for table in (*COMPETENCY_CUES.values(), *KIND_CUES.values()):
        for phrase in table:
            out.update(w for w in words(phrase) if len(w) >= 4)
    return out
