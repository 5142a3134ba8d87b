"""Text normalisation for the advisor: folding, British -> American spelling, light stemming.

Questions are pasted from job boards, notes and chat windows, so the same idea arrives as
"prioritisation", "Prioritization" or "prioritizing". Everything the advisor compares (the
question, the stories, the cue lexicons) goes through `terms()`, so all three meet in one
normal form. The stemmer is deliberately light and predictable: it only has to make
inflections of the same word agree, never to produce dictionary words.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache


def _word_list(text: str) -> list[str]:
    """A word list written as one readable block of text."""
    return text.split()


_WORD_RE = re.compile(r"[^\W_]+(?:'[^\W_]+)?")
_SPACE_RE = re.compile(r"\s+")

_PUNCT_FOLD = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u2013": "-",
        "\u2014": "-",
        "\u2212": "-",
        "\u00a0": " ",
        "\u2026": "...",
    }
)

# Whole-word British -> American spellings that the suffix rules below cannot derive.
_BRITISH_WORDS: dict[str, str] = {
    "centre": "center",
    "centres": "centers",
    "centred": "centered",
    "programme": "program",
    "programmes": "programs",
    "judgement": "judgment",
    "judgements": "judgments",
    "whilst": "while",
    "amongst": "among",
    "fulfil": "fulfill",
    "enrol": "enroll",
    "enrolment": "enrollment",
    "licence": "license",
    "defence": "defense",
    "offence": "offense",
    "cheque": "check",
    "grey": "gray",
    "sceptical": "skeptical",
    "sceptic": "skeptic",
    "towards": "toward",
    "learnt": "learned",
    "spelt": "spelled",
    "storey": "story",
    "artefact": "artifact",
    "artefacts": "artifacts",
    "aluminium": "aluminum",
    "practise": "practice",
    "practised": "practiced",
    "practising": "practicing",
}

# Words in -our whose American form drops the u (an explicit list: "hour", "four", "tour" stay).
_OUR_WORDS = (
    "behaviour",
    "colour",
    "favour",
    "labour",
    "honour",
    "neighbour",
    "rumour",
    "humour",
    "harbour",
    "endeavour",
    "savour",
    "vigour",
    "rigour",
    "flavour",
    "armour",
    "parlour",
    "candour",
)
_OUR_RE = re.compile(r"^(" + "|".join(w[:-3] for w in _OUR_WORDS) + r")our(.*)$")

# Words ending in -ise that are spelled the same in American English.
_ISE_KEEP = frozenset(
    _word_list(
        """
        advise advised advises advising otherwise exercise exercised exercises
        enterprise enterprises expertise compromise compromised compromises promise
        promised promises premise premises surprise surprised surprises surprising raise
        raised raises raising rise rises rising arise arises arising arisen wise concise
        precise noise franchise franchises revise revised revising revision supervise
        supervised supervising devise devised devising improvise improvised improvising
        merchandise merchandising disguise televise comprise comprised comprises
        comprising despise praise praised cruise bruise poise treatise paradise excise
        incise demise reprise likewise clockwise stepwise pairwise
        """
    )
)

_DOUBLE_L = (
    "travell",
    "cancell",
    "modell",
    "labell",
    "signall",
    "channell",
    "fuell",
    "levell",
    "totall",
    "counsell",
    "tunnell",
    "marshall",
)


def fold(text: str) -> str:
    """Lower-case, Unicode-compatible, typographic punctuation folded, whitespace collapsed."""
    if not text.isascii():
        import unicodedata  # only pasted non-ASCII text needs it

        text = unicodedata.normalize("NFKC", text).translate(_PUNCT_FOLD)
    text = text.lower()
    return _SPACE_RE.sub(" ", text).strip()


_ISE_RE = re.compile(r"^(.{3,}?)([iy])s(ations?|ing|ed|es|ers?|e)$")
"""-ise/-yse endings (realise, analysed, organisations) whose American form has a z."""


@lru_cache(maxsize=65536)
def americanise(word: str) -> str:
    """The American spelling of one lower-case word (British forms are common in pastes)."""
    if word in _BRITISH_WORDS:
        return _BRITISH_WORDS[word]
    if "our" in word:
        match = _OUR_RE.match(word)
        if match:
            return f"{match.group(1)}or{match.group(2)}"
    if ("is" in word or "ys" in word) and len(word) > 5 and word not in _ISE_KEEP:
        match = _ISE_RE.match(word)
        if match:
            return f"{match.group(1)}{match.group(2)}z{match.group(3)}"
    if "ll" in word:
        for stem_ in _DOUBLE_L:
            if word.startswith(stem_) and word[len(stem_) :] in ("ed", "ing", "er", "ers"):
                return stem_[:-1] + word[len(stem_) :]
    if "logue" in word and word.endswith(("logue", "logues")):
        return word.replace("logue", "log")
    return word


_SUFFIXES: tuple[tuple[str, str], ...] = (
    ("izations", "ize"),
    ("ization", "ize"),
    ("ations", "ate"),
    ("ation", "ate"),
    ("ements", ""),
    ("ement", ""),
    ("ments", ""),
    ("ment", ""),
    ("ingly", ""),
    ("ings", ""),
    ("ing", ""),
    ("edly", ""),
    ("ies", "y"),
    ("ied", "y"),
    ("ed", ""),
    ("ly", ""),
    ("es", ""),
    ("s", ""),
)
_KEEP_DOUBLE = ("ll", "ss", "ff", "zz")


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A light, predictable stem: inflections of one word meet (launches/launched -> launch)."""
    if len(word) <= 3 or word.isdigit():
        return word
    for suffix, replacement in _SUFFIXES:
        if not word.endswith(suffix):
            continue
        base = word[: -len(suffix)]
        if len(base) < 3:
            continue
        if suffix == "s" and base.endswith(("s", "u", "i")):
            continue
        if suffix == "es" and not base.endswith(("s", "x", "z", "ch", "sh", "u", "c", "g", "v")):
            base = word[:-1]
        word = base + replacement
        break
    doubled = len(word) > 4 and word[-1] == word[-2] and word[-1] not in "aeiou"
    if doubled and word[-2:] not in _KEEP_DOUBLE:
        word = word[:-1]
    if len(word) > 3 and word.endswith("e"):
        word = word[:-1]
    return word


def words(text: str) -> list[str]:
    """Folded, American-spelled words of `text`, apostrophes dropped ("didn't" -> "didnt")."""
    out = []
    for raw in _WORD_RE.findall(fold(text).replace("-", " ").replace("/", " ")):
        out.append(americanise(raw.replace("'", "")))
    return out


def terms(text: str) -> list[str]:
    """Stemmed words of `text` in order: the normal form every comparison uses."""
    return [stem(w) for w in words(text)]


def phrase_key(phrase: str) -> tuple[str, ...]:
    """A cue phrase as a tuple of stems, for n-gram lookup."""
    return tuple(terms(phrase))


class Phrases:
    """Token sequences that answer "does this multi-word cue occur?" in one lookup.

    Keeps a position list per token instead of every n-gram, so building it is cheap for
    long stories; sequences are kept apart, so no cue matches across two fields."""

    __slots__ = ("_at", "_tokens")

    def __init__(self, *sequences: Sequence[str]) -> None:
        tokens: list[str] = []
        for sequence in sequences:
            if tokens:
                tokens.append("")
            tokens.extend(sequence)
        at: dict[str, list[int]] = {}
        for position, token in enumerate(tokens):
            at.setdefault(token, []).append(position)
        self._tokens = tokens
        self._at = at

    def __contains__(self, key: object) -> bool:
        if not isinstance(key, tuple) or not key:
            return False
        starts = self._at.get(key[0])
        if not starts:
            return False
        size = len(key)
        if size == 1:
            return True
        tokens = self._tokens
        return any(tuple(tokens[i : i + size]) == key for i in starts)


def ngrams(tokens: Sequence[str]) -> Phrases:
    """The cue lookup for one token sequence (see Phrases)."""
    return Phrases(tokens)


_STOPWORD_TEXT = """
        a about above after again against all also am an and any are as at be because
        been before being below between both but by can could did didnt do does doing
        done dont down during each few for from further get got had has have having he
        her here hers him his how i id if im in into is it its itll ive just let lets me
        more most my myself no nor not now of off on once only or other our ours out
        over own same she should so some such than that thats the their them then there
        these they this those through to too under until up very was we were weve what
        whats when where which while who whom why will with would you youd youll your
        youre yours yourself youve one ones really well thing things something someone
        anything lot lots kind sort much many way ways us let please okay ok sure yes
        yeah tell describe describing give example examples share walk talk times time
        situation situations experience experiences question questions answer interview
        interviewer role candidate specific particular recent recently ever past
        previous current currently job work worked working
        went go goes going gone make made making take took taken use used using need needed
        want wanted keep kept happen happened able
        great thanks thank next good cool right alright finally nice perfect interesting
        """


@lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    """Stems of function words and interview boilerplate: they say nothing about which story
    fits. Built on first use, so importing the advisor stays free."""
    from storybank.advisor import memo

    stored = memo.lexicon_part("stopwords")
    if type(stored) is list and all(type(w) is str for w in stored):
        return frozenset(stored)
    built = frozenset(stem(americanise(w)) for w in _word_list(_STOPWORD_TEXT))
    memo.put_lexicon_part("stopwords", sorted(built))
    return built


def content_terms(text: str) -> list[str]:
    """Stems that carry meaning (stop words and one-letter tokens removed)."""
    stop = stopwords()
    return [t for t in terms(text) if len(t) > 1 and t not in stop]


_SENTENCE_RE = re.compile(r"(?<=[.!?])\s+(?=[\"'(\[]?[A-Z0-9])")


def first_sentence(text: str, max_words: int = 40) -> str:
    """The first sentence of a beat, trimmed to `max_words` (cue-card length, not a script)."""
    text = _SPACE_RE.sub(" ", text).strip()
    if not text:
        return ""
    sentence = _SENTENCE_RE.split(text, maxsplit=1)[0].strip()
    parts = sentence.split(" ")
    if len(parts) > max_words:
        sentence = " ".join(parts[:max_words]).rstrip(",;:") + "..."
    return sentence
