"""Cue cards: each story as short facts and numbers to remember, never a script.

The method says memorise the structure and the facts (names, numbers, the
decision), not paragraphs. So a card turns each beat into at most a few short
facts: sentences split apart, trimmed to the clause that carries the point or a
number, with filler openers dropped. The numbers are stated before -> after with
the change, the tradeoffs in one line each, and the lead lines say how to open.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from storybank.method.speech import spoken_metric, tradeoff_sentence
from storybank.model import Metric, Story, Tradeoff, format_metric
from storybank.vocab import BEATS, ROUNDS

FACT_CHARS = 64
"""A fact aims to fit one line of a card beside its label. It is shortened only by leaving
out whole clauses that carry no number, never by cutting words, so a clause that alone is
longer (or a run of clauses that must stay together for their numbers) wraps instead."""
FACTS_PER_BEAT = 1
"""Facts per beat: the first sentence, and every sentence with a number: a sentence with a number is
never left out, so a beat with more numbers gets more facts."""

_ABBREVIATIONS = ("e.g.", "i.e.", "etc.", "vs.", "approx.", "incl.", "Mr.", "Ms.", "Dr.", "No.")
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"')\]]*\s+(?=[\"'(\[]?[A-Z0-9])")
_FACT_END = re.compile(r";\s+")
_CLAUSE_SEP = re.compile(
    r"(?:,|;|:| -| –| —)\s+|\s+(?=(?:but|so|which|because|while|whereas|then)\s)"
)
_SUBORDINATE = re.compile(
    r"^(?:when|where|after|before|if|once|because|although|though|since|while|whereas|as|"
    r"until|unless|so|which|and|but|then|including|such)\b",
    re.IGNORECASE,
)
_SCENE = re.compile(
    r"^(?:at|for|in|on|across|within|during|by|from|over|under|with|without|two|three|four|"
    r"five|six|seven|eight|nine|ten|\d+)\b",
    re.IGNORECASE,
)
_FIRST_PERSON = re.compile(r"\b(?:I|we)\b")
_GLUED = re.compile(r"^(?:never|not|rather than|instead|only|nor)\b", re.IGNORECASE)
"""A clause that turns the one before it ("..., never to skip the ramp"): kept with it."""
_PRONOUN = re.compile(r"^(?:it|its|this|that|they|them|these|those|he|she|there)\b", re.I)
"""A clause or sentence that leans on the one before it for its meaning."""


class _Minor:
    """A clause that sets the scene or adds detail: not the main point. A subordinate
    clause ("when the VP pushed back") always is; a prepositional one ("At a Series B
    company") unless it holds the subject ("For each wave I ran a kickoff")."""

    @staticmethod
    def match(text: str) -> bool:
        if _SUBORDINATE.match(text):
            return True
        return bool(_SCENE.match(text)) and not _FIRST_PERSON.search(text)


_MINOR = _Minor()
_FILLER = re.compile(
    r"^(?:then|so|also|and|but|finally|in the end|at that point|first|second|third|"
    r"after that|on top of that|in addition|basically|honestly|overall)\b,?\s+",
    re.IGNORECASE,
)
_NUMBER = re.compile(r"\d")
NUMBER_TOKEN = re.compile(r"\d+(?:[.,]\d+)*")
"""A number as written in a story ("4,100", "3.5", "14"): every one reaches the card."""


def split_sentences(text: str) -> list[str]:
    """Sentences of `text`; '3.5 h', 'e.g. x' and 'v2.1' do not end a sentence."""
    flat = " ".join((text or "").split())
    if not flat:
        return []
    protected = flat
    for abbreviation in _ABBREVIATIONS:
        protected = protected.replace(abbreviation, abbreviation.replace(".", "\0"))
    parts = _SENTENCE_END.split(protected)
    return [p.replace("\0", ".").strip() for p in parts if p.strip()]


def _fact_units(text: str) -> list[str]:
    """Sentences, and the two halves of a sentence joined by a semicolon (each is whole)."""
    units: list[str] = []
    for sentence in split_sentences(text):
        units += [part.strip() for part in _FACT_END.split(sentence) if part.strip()]
    return units


def _clauses(sentence: str) -> list[tuple[str, str]]:
    """(clause, the separator that followed it) pairs, in order."""
    pieces: list[tuple[str, str]] = []
    position = 0
    for match in _CLAUSE_SEP.finditer(sentence):
        pieces.append((sentence[position : match.start()].strip(), match.group(0)))
        position = match.end()
    pieces.append((sentence[position:].strip(), ""))
    merged: list[tuple[str, str]] = []
    for text, sep in pieces:
        if not text:
            continue
        if merged and len(merged[-1][0].split()) < 3:
            # "Since then ...", "So, ...": two words are no clause; they lead into the next
            head, head_sep = merged.pop()
            text = head + head_sep + text
        merged.append((text, sep))
    return merged


def to_fact(sentence: str, limit: int = FACT_CHARS) -> str:
    """One sentence as a short fact: no filler opener, no full stop, whole clauses only.

    A sentence within `limit` stays whole. A longer one keeps one unbroken run of its
    clauses: from the main clause (the first, or the next when the first only sets the
    scene: "At a Series B company, I ran...") as far as fits, always stretched to hold
    every clause with a number, and never ending on a clause that only leads into the
    next ("when the VP pushed back"). Nothing is cut inside a clause and nothing is left
    out between two kept clauses, so what stays means what the story says.
    """
    fact = _capitalise(_FILLER.sub("", sentence.strip()).rstrip(". "))
    if len(fact) <= limit:
        return fact
    pieces = _clauses(fact)
    main = next((i for i, (text, sep) in enumerate(pieces) if _is_main(text, sep, i, pieces)), 0)
    numbered = [i for i, (text, _sep) in enumerate(pieces) if _NUMBER.search(text)]
    start = 0 if numbered else main  # a number keeps its frame: which launch, which audience
    end = max([main, *numbered])
    while start > 0 and _PRONOUN.match(pieces[start][0]):
        start -= 1  # "it joined the train" needs the clause that says what "it" is
    while end + 1 < len(pieces) and (
        _GLUED.match(pieces[end + 1][0]) or len(_assemble(pieces, start, end + 1)) <= limit
    ):
        end += 1
    while end > start and end not in numbered and end != main and _MINOR.match(pieces[end][0]):
        end -= 1  # "..., so when X" without the clause it leads into says nothing
    return _capitalise(_assemble(pieces, start, end))


def _is_main(text: str, sep: str, index: int, pieces: list[tuple[str, str]]) -> bool:
    """The main clause: not scene-setting, and not a short label before a colon."""
    if _MINOR.match(text):
        return False
    is_label = sep.startswith(":") and len(text.split()) <= 4 and index + 1 < len(pieces)
    return not is_label


def _assemble(pieces: list[tuple[str, str]], start: int, end: int) -> str:
    """Clauses `start`..`end` (inclusive) joined by the separators they had."""
    out = ""
    for index in range(start, end + 1):
        out += pieces[index][0]
        if index < end:
            out += pieces[index][1]
    return out.rstrip(",;:- ")


def _capitalise(text: str) -> str:
    return text[0].upper() + text[1:] if text[:1].islower() else text


def facts(
    text: str,
    limit: int = FACTS_PER_BEAT,
    *,
    skip_first: bool = False,
    said: frozenset[str] = frozenset(),
) -> list[str]:
    """A beat as short facts, in telling order: its first sentence (the second with
    `skip_first`, when the first is already the card's opening) and every sentence with a
    number, then the earliest others while there is room for `limit` facts.

    A sentence whose every number is in `said` (the numbers the card already says aloud,
    from the metrics) is not kept for its numbers: the Numbers row says them.
    """
    units = _fact_units(text)
    if skip_first:
        units = units[1:]
    numbers = [set(number_tokens(unit)) for unit in units]
    news = [bool(found - said) for found in numbers]
    fresh = [i for i in range(len(units)) if not (numbers[i] and not news[i])]
    chosen = {i for i in fresh if news[i]}
    for index in fresh:
        if len(chosen) >= limit and index != fresh[0]:
            break
        if _PRONOUN.match(units[index]) and index - 1 not in chosen and index > 0:
            continue  # "It joined the train" without the sentence before it
        chosen.add(index)
    return [to_fact(unit) for i, unit in enumerate(units) if i in chosen]


def number_tokens(text: str) -> list[str]:
    """The numbers written in `text`, as written ("4,100", "3.5"), without a closing stop."""
    return [token.rstrip(".,") for token in NUMBER_TOKEN.findall(text)]


def metric_numbers(metrics: Sequence[Metric]) -> frozenset[str]:
    """The numbers a card's Numbers row says, as a story would write them."""
    from storybank.method.speech import spoken_number

    said: set[str] = set()
    for metric in metrics:
        for value in (metric.before, metric.after):
            if value is not None:
                said.add(spoken_number(value))
                said.add(spoken_number(value).replace(",", ""))
    return frozenset(said)


def metric_line(metric: Metric) -> str:
    """`Median time to owner: 19 h -> 3.5 h (-82%)`: the compact notation of lists."""
    return format_metric(metric, with_name=True)


def number_line(metric: Metric) -> str:
    """`Median time to owner: from 19 to 3.5 hours, cut by 82 percent`: said aloud."""
    return spoken_metric(metric, with_name=True)


def _reason(because: str, limit: int | None) -> str:
    """The first sentence of a reason, shortened (whole clauses only) to `limit`."""
    sentences = split_sentences(because)
    first = sentences[0] if sentences else ""
    if limit is None:
        return " ".join(because.split()).rstrip(".")
    if not first:
        return ""
    fact = to_fact(first, limit)
    where = first.lower().find(fact.lower())
    return first[where : where + len(fact)] if where >= 0 else fact  # the story's own case


def tradeoff_line(tradeoff: Tradeoff, limit: int | None = None, context: str = "") -> str:
    """A tradeoff in one sentence: `Chose a over b, because c` (the reason shortened to
    whole clauses within `limit`; `context`, the story's text, tells names from words)."""
    return tradeoff_sentence(tradeoff, context, because=_reason(tradeoff.because, limit))


def opening(story: Story) -> str:
    """How to open: the context's first sentence, whole (it sets the scene)."""
    for text in (story.context, story.summary):
        units = _fact_units(text)
        if units:
            return _capitalise(_FILLER.sub("", units[0]).rstrip(". "))
    return ""


def lead_lines(story: Story) -> list[tuple[str, str]]:
    """How to open, then each round's note, whole: a note is advice to oneself, and
    shortening one changed which audience a number was for."""
    lines: list[tuple[str, str]] = []
    first = opening(story)
    if first:
        lines.append(("open", first))
    for round_name in ROUNDS:
        note = " ".join(story.rounds.get(round_name, "").split()).rstrip(". ")
        if note:
            lines.append((round_name, note))
    return lines


@dataclass(slots=True)
class CueCard:
    """One story on a card: facts per beat, numbers, tradeoffs, lead lines."""

    id: str
    title: str
    competencies: list[str]
    spoken_seconds: int
    beats: dict[str, list[str]]
    numbers: list[str]
    tradeoffs: list[str]
    lead: list[tuple[str, str]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "competencies": list(self.competencies),
            "spoken_seconds": self.spoken_seconds,
            "beats": {name: list(items) for name, items in self.beats.items()},
            "numbers": list(self.numbers),
            "tradeoffs": list(self.tradeoffs),
            "lead": [{"for": who, "line": line} for who, line in self.lead],
        }


def cue_card(story: Story) -> CueCard:
    """Build the cue card of one story."""
    from storybank.advisor.angle import story_text
    from storybank.quality.textstats import spoken_seconds

    context = story_text(story)
    said = metric_numbers(story.metrics)
    beats: dict[str, list[str]] = {}
    for name in BEATS:
        items = facts(story.beat(name), skip_first=name == "context", said=said)
        if items:
            beats[name] = items
    return CueCard(
        id=story.id,
        title=story.title,
        competencies=list(story.competencies),
        spoken_seconds=spoken_seconds(story),
        beats=beats,
        numbers=[number_line(m) for m in story.metrics],
        tradeoffs=[
            tradeoff_line(t, FACT_CHARS, context) for t in story.tradeoffs if t.chose.strip()
        ],
        lead=lead_lines(story),
    )


def cue_cards(stories: Sequence[Story]) -> list[CueCard]:
    return [cue_card(s) for s in stories]


# -- renderers ---------------------------------------------------------------------------------

CARD_LABELS: dict[str, str] = {
    "open": "Open",
    "context": "Context",
    "constraint": "Constraint",
    "decision": "Decision",
    "execution": "Execution",
    "result": "Result",
    "after": "Since",
    "numbers": "Numbers",
    "tradeoff": "Tradeoff",
    "behavioral": "Behavioral",
    "case": "Case",
    "panel": "Panel",
}
"""One short label per row of a card, in a column: the rows read down like a checklist."""
LABEL_WIDTH = max(len(label) for label in CARD_LABELS.values()) + 2


def card_rows(card: CueCard) -> list[tuple[str, list[str]]]:
    """The card as (row name, its lines), in telling order: how to open, the beats, the
    numbers said aloud, the tradeoff; then each round's note (`rounds` rows come last)."""
    rows: list[tuple[str, list[str]]] = []
    lead = dict(card.lead)
    if lead.get("open"):
        rows.append(("open", [lead["open"]]))
    rows += [(name, list(items)) for name, items in card.beats.items()]
    if card.numbers:
        rows.append(("numbers", list(card.numbers)))
    if card.tradeoffs:
        rows.append(("tradeoff", list(card.tradeoffs)))
    rows += [(who, [line]) for who, line in card.lead if who != "open"]
    return rows


def render_card_text(card: CueCard, width: int = 80) -> str:
    """One card as plain text within `width` columns: a label column, then the facts, each
    on its own line and wrapped (never cut)."""
    from storybank.quality.report_text import labelled, one_line, rule, wrap
    from storybank.quality.textstats import format_seconds

    lines = rule(f"{one_line(card.title)} ({card.id})", width)
    meta = f"about {format_seconds(card.spoken_seconds)} to tell"
    if card.competencies:
        meta = ", ".join(card.competencies) + " | " + meta
    lines.extend(wrap(meta, width))
    lines.append("")
    rounds_started = False
    for name, items in card_rows(card):
        if name in ROUNDS and not rounds_started:
            rounds_started = True
            lines += ["", "In the rounds"]
        for position, item in enumerate(items):
            label = CARD_LABELS[name] if position == 0 else ""
            lines.extend(labelled(f"{label:<{LABEL_WIDTH - 1}}", item, width))
    return "\n".join(lines) + "\n"


def render_cards_text(cards: Sequence[CueCard], width: int = 80) -> str:
    """Several cards, separated by a blank line."""
    return "\n".join(render_card_text(card, width) for card in cards)


def render_cards_markdown(cards: Sequence[CueCard]) -> str:
    """Cards as a printable markdown document, one section per story."""
    from storybank.quality.report_text import md
    from storybank.quality.textstats import format_seconds

    out = ["# Cue cards", ""]
    out.append("Facts and numbers to remember, not a script. Tell each beat in your own words.")
    for card in cards:
        out += ["", f"## {md(card.title)}", ""]
        meta = f"`{card.id}` · about {format_seconds(card.spoken_seconds)} to tell"
        if card.competencies:
            meta += " · " + ", ".join(md(c) for c in card.competencies)
        out += [meta, ""]
        for name, items in card_rows(card):
            out += ["", f"**{CARD_LABELS[name]}**", ""]
            out += [f"- {md(item)}" for item in items]
    return "\n".join(out) + "\n"
