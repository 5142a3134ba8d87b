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

from storybank.model import Metric, Story, Tradeoff, format_metric
from storybank.vocab import BEAT_LABELS, BEATS, ROUNDS

FACT_CHARS = 90
"""A fact longer than this is cut to its key clauses: it must be glanceable."""
FACTS_PER_BEAT = 3

_ABBREVIATIONS = ("e.g.", "i.e.", "etc.", "vs.", "approx.", "incl.", "Mr.", "Ms.", "Dr.", "No.")
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"')\]]*\s+(?=[\"'(\[]?[A-Z0-9])")
_CLAUSE_SEP = re.compile(
    r"(?:,|;|:| -| –| —)\s+|\s+(?=(?:but|so|which|because|while|whereas|then)\s)"
)
_MINOR = re.compile(
    r"^(?:at|for|when|where|after|before|with|without|if|once|because|although|though|in|on|"
    r"across|within|during|since|while|whereas|as|by|from|over|under|until|unless|so|which|"
    r"and|but|then|including|such|two|three|four|five|six|seven|eight|nine|ten|\d+)\b",
    re.IGNORECASE,
)
"""A clause starting with one of these sets the scene or adds detail: not the main point."""
_FILLER = re.compile(
    r"^(?:then|so|also|and|but|finally|in the end|at that point|first|second|third|"
    r"after that|on top of that|in addition|basically|honestly|overall)\b,?\s+",
    re.IGNORECASE,
)
_NUMBER = re.compile(r"\d")


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


def _clauses(sentence: str) -> list[tuple[str, str]]:
    """(clause, the separator that followed it) pairs, in order."""
    pieces: list[tuple[str, str]] = []
    position = 0
    for match in _CLAUSE_SEP.finditer(sentence):
        pieces.append((sentence[position : match.start()].strip(), match.group(0)))
        position = match.end()
    pieces.append((sentence[position:].strip(), ""))
    return [(text, sep) for text, sep in pieces if text]


def _cut_words(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:- ")
    return cut + "…"


def to_fact(sentence: str, limit: int = FACT_CHARS) -> str:
    """One sentence as a short fact: no filler opener, no full stop, key clauses only.

    Short sentences stay whole. A long one keeps its main clause (the first, or the
    second when the first only sets the scene: "At a Series B company, I ran..."),
    then the clauses that carry a number, then the others in order, as long as the
    whole fits in `limit`; skipped clauses show as '…'. A main clause that alone
    is too long is cut at a word boundary.
    """
    fact = _capitalise(_FILLER.sub("", sentence.strip()).rstrip(". "))
    if len(fact) <= limit:
        return fact
    pieces = _clauses(fact)
    main = next((i for i, (text, sep) in enumerate(pieces) if _is_main(text, sep, i, pieces)), 0)
    others = [i for i in range(len(pieces)) if i != main]
    order = [main]
    order += [i for i in others if _NUMBER.search(pieces[i][0])]
    order += [i for i in others if i not in order and not _MINOR.match(pieces[i][0])]
    order += [i for i in others if i not in order]
    chosen: list[int] = []
    for index in order:
        if index in chosen:
            continue
        adding = [index]
        if _MINOR.match(pieces[index][0]) and index + 1 < len(pieces):
            adding.append(index + 1)  # a dangling "so when X" needs the clause it leads into
        trial = sorted({*chosen, *adding}) if chosen else [index]
        if not chosen or len(_assemble(pieces, trial)) <= limit:
            chosen = trial
    return _cut_words(_capitalise(_assemble(pieces, chosen)), limit)


def _is_main(text: str, sep: str, index: int, pieces: list[tuple[str, str]]) -> bool:
    """The main clause: not scene-setting, and not a short label before a colon."""
    if _MINOR.match(text):
        return False
    is_label = sep.startswith(":") and len(text.split()) <= 4 and index + 1 < len(pieces)
    return not is_label


def _assemble(pieces: list[tuple[str, str]], chosen: list[int]) -> str:
    out = ""
    for position, index in enumerate(chosen):
        out += pieces[index][0]
        if position + 1 < len(chosen):
            following = chosen[position + 1]
            out += pieces[index][1] if following == index + 1 else " … "
    return out


def _capitalise(text: str) -> str:
    return text[0].upper() + text[1:] if text[:1].islower() else text


def facts(text: str, limit: int = FACTS_PER_BEAT) -> list[str]:
    """A beat as at most `limit` short facts, in telling order.

    When a beat has more sentences than `limit`, the first one is kept (it sets
    the scene) and then the sentences with numbers, then the earliest others.
    """
    sentences = split_sentences(text)
    if len(sentences) > limit:
        chosen = {0}
        for index, sentence in enumerate(sentences):
            if len(chosen) < limit and _NUMBER.search(sentence):
                chosen.add(index)
        for index in range(len(sentences)):
            if len(chosen) < limit:
                chosen.add(index)
        sentences = [s for i, s in enumerate(sentences) if i in chosen]
    return [to_fact(s) for s in sentences]


def metric_line(metric: Metric) -> str:
    """`Median time to owner: 19 h -> 3.5 h (-82%)`."""
    return format_metric(metric, with_name=True)


_LOWER_FIRST = re.compile(r"^(?:A|An|The|One|Our|My|Each|Every|No|Two|Three|[A-Z][a-z-]+ing)\b")


def _phrase(text: str) -> str:
    """A chose/over phrase for mid-sentence: 'A rotating rota' -> 'a rotating rota'.

    Only articles, determiners and -ing words are lowered, so names (Zendesk,
    Jira) and acronyms keep their capitals.
    """
    text = " ".join(text.split()).rstrip(".")
    if _LOWER_FIRST.match(text):
        return text[0].lower() + text[1:]
    return text


def _lower_start(text: str) -> str:
    """Lower a sentence's first letter to continue a sentence; keep 'I' and acronyms."""
    first = text.split(" ", 1)[0]
    if first in ("I", "I'm", "I'd", "I've") or first[1:2].isupper():
        return text
    return text[:1].lower() + text[1:]


def tradeoff_line(tradeoff: Tradeoff, limit: int | None = None) -> str:
    """A tradeoff in one line: `Chose a over b, because c` (the reason cut to `limit`)."""
    text = f"Chose {_phrase(tradeoff.chose)}"
    if tradeoff.over.strip():
        text += f" over {_phrase(tradeoff.over)}"
    because = " ".join(tradeoff.because.split()).rstrip(".")
    if because:
        if limit is not None:
            because = to_fact(because, limit)
        text += f", because {_lower_start(because)}"
    return text


def lead_lines(story: Story) -> list[tuple[str, str]]:
    """How to open: the first fact of the context, then each round's note in a line."""
    lines: list[tuple[str, str]] = []
    opening = facts(story.context, 1)
    if opening:
        lines.append(("open", opening[0]))
    for round_name in ROUNDS:
        note = split_sentences(story.rounds.get(round_name, ""))
        if note:
            lines.append((round_name, to_fact(note[0])))
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
    from storybank.quality.textstats import spoken_seconds

    return CueCard(
        id=story.id,
        title=story.title,
        competencies=list(story.competencies),
        spoken_seconds=spoken_seconds(story),
        beats={name: facts(story.beat(name)) for name in BEATS if story.beat(name).strip()},
        numbers=[metric_line(m) for m in story.metrics],
        tradeoffs=[tradeoff_line(t, FACT_CHARS) for t in story.tradeoffs if t.chose.strip()],
        lead=lead_lines(story),
    )


def cue_cards(stories: Sequence[Story]) -> list[CueCard]:
    return [cue_card(s) for s in stories]


# -- renderers ---------------------------------------------------------------------------------

_LEAD_LABELS = {"open": "Open", "behavioral": "Behavioral", "case": "Case", "panel": "Panel"}


def render_card_text(card: CueCard, width: int = 80) -> str:
    """One card as plain text within `width` columns."""
    from storybank.quality.report_text import labelled, one_line, rule, wrap
    from storybank.quality.textstats import format_seconds

    lines = rule(f"{one_line(card.title)} ({card.id})", width)
    meta = f"about {format_seconds(card.spoken_seconds)} to tell"
    if card.competencies:
        meta = ", ".join(card.competencies) + " | " + meta
    lines.extend(wrap(meta, width))
    if card.lead:
        lines.append("")
        label_width = max(len(_LEAD_LABELS[who]) for who, _ in card.lead) + 1
        for who, line in card.lead:
            lines.extend(labelled(f"{_LEAD_LABELS[who] + ':':<{label_width}}", line, width))
    for name, items in card.beats.items():
        lines.append("")
        lines.append(BEAT_LABELS[name].upper())
        for item in items:
            lines.extend(labelled("  -", item, width))
    if card.numbers:
        lines.append("")
        lines.append("NUMBERS")
        for number in card.numbers:
            lines.extend(labelled("  -", number, width))
    if card.tradeoffs:
        lines.append("")
        lines.append("TRADEOFF")
        for tradeoff in card.tradeoffs:
            lines.extend(labelled("  -", tradeoff, width))
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
        for who, line in card.lead:
            out.append(f"- **{_LEAD_LABELS[who]}:** {md(line)}")
        for name, items in card.beats.items():
            out += ["", f"**{BEAT_LABELS[name]}**", ""]
            out += [f"- {md(item)}" for item in items]
        if card.numbers:
            out += ["", "**Numbers**", ""]
            out += [f"- {md(number)}" for number in card.numbers]
        if card.tradeoffs:
            out += ["", "**Tradeoff**", ""]
            out += [f"- {md(tradeoff)}" for tradeoff in card.tradeoffs]
    return "\n".join(out) + "\n"
