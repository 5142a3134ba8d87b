"""Lint: is each story interview-ready?

Each rule turns one piece of the method (six beats, numbers before and after, an
explicit tradeoff, first-person ownership, a 60-180 s telling, a known
environment) into a finding the candidate can act on: a stable rule id, a
severity, the field it is about, what is wrong, and a concrete fix.

Scoring, kept simple enough to explain on one line: a story starts at 100; each
finding costs its severity's weight (error 25, warning 8, hint 2), but one rule
never costs more than two of its findings would (so five vague phrases are not
worse than a missing result). The score is floored at 0. The bank's score is the
mean of its stories' scores. No Textual import: the CLI and the TUI share this.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from storybank.model import Metric, Story
from storybank.quality.textstats import (
    WORDS_PER_MINUTE,
    count_words,
    format_seconds,
    has_number,
    seconds_for,
    spoken_seconds,
    word_count,
)
from storybank.vocab import BEAT_LABELS, BEATS, REQUIRED_BEATS, ROUNDS

__all__ = [
    "HEDGING_PHRASES",
    "MAX_RULE_FINDINGS_COST",
    "RULES",
    "SEVERITY_WEIGHTS",
    "VAGUE_PHRASES",
    "BankReport",
    "Deduction",
    "Finding",
    "Lexicon",
    "Rule",
    "Severity",
    "StoryReport",
    "lint_bank",
    "lint_story",
    "reference",
    "spoken_seconds",
    "verdict_for",
    "word_count",
]

Severity = Literal["error", "warning", "hint"]
SEVERITIES: tuple[Severity, ...] = ("error", "warning", "hint")

SEVERITY_WEIGHTS: dict[str, int] = {"error": 25, "warning": 8, "hint": 2}
"""Points one finding costs: an error makes a story unusable in the room, a
warning weakens it, a hint is polish."""

MAX_RULE_FINDINGS_COST = 2
"""A rule costs at most this many findings' worth of points per story."""

SPOKEN_MIN_SECONDS = 60
SPOKEN_MAX_SECONDS = 180

BEAT_MIN_WORDS: dict[str, int] = {
    "context": 12,
    "constraint": 8,
    "decision": 10,
    "execution": 12,
    "result": 8,
    "after": 8,
}
"""Below this a beat is a label, not something you can say."""

BEAT_MAX_WORDS: dict[str, int] = {
    "context": 90,
    "constraint": 70,
    "decision": 90,
    "execution": 120,
    "result": 80,
    "after": 80,
}
"""Above this a beat rambles for its role: context and constraint should be quick
set-up, execution may run longest."""

_BEAT_PROMPTS: dict[str, str] = {
    "context": (
        "add 2-3 sentences: where you were, your role, and the problem you inherited, "
        "with one number (e.g. '240 escalations a month waited 19 h for an owner')"
    ),
    "constraint": (
        "name what made it hard: a fixed date, no headcount, no authority over the teams "
        "(e.g. 'the campaign date was fixed and already paid for')"
    ),
    "decision": ("say the call you made and what you turned down: 'I chose X over Y because Z'"),
    "execution": (
        "say what you yourself did in 3-4 concrete steps: 'I wrote..., I piloted..., I reviewed...'"
    ),
    "result": (
        "state the outcome as before -> after: 'median time to owner fell from 19 h to "
        "3.5 h in six weeks'"
    ),
    "after": (
        "say what works differently since and the lesson you took "
        "(e.g. 'squads now own their routing rules; I pilot with the sceptics first')"
    ),
}


@dataclass(frozen=True, slots=True)
class Rule:
    """A lint rule: its stable id, default severity and what it checks."""

    id: str
    severity: Severity
    description: str


RULES: dict[str, Rule] = {
    rule.id: rule
    for rule in (
        Rule("beat-missing", "error", "a required beat (context, decision, result) is empty"),
        Rule("beat-empty", "warning", "an optional beat (constraint, execution, after) is empty"),
        Rule("beat-thin", "warning", "a beat has only a few words"),
        Rule("beat-rambles", "warning", "a beat is too long for its role"),
        Rule("result-no-number", "error", "the result states no number and no metric has one"),
        Rule(
            "result-number-unspoken",
            "hint",
            "the metrics have numbers but the result beat does not say any",
        ),
        Rule("metrics-no-number", "warning", "no metric carries a number"),
        Rule("metric-incomplete", "warning", "a metric lacks its before or its after"),
        Rule("metric-unchanged", "hint", "a metric's before and after are the same"),
        Rule("no-tradeoff", "warning", "no tradeoff is recorded"),
        Rule("tradeoff-incomplete", "warning", "a tradeoff lacks what it was chosen over or why"),
        Rule("vague-phrase", "warning", "vague filler instead of a specific fact"),
        Rule("hedging", "warning", "hedging or hypothetical phrasing instead of what happened"),
        Rule("we-not-i", "warning", "decision and execution say 'we' but never 'I'"),
        Rule("spoken-too-short", "warning", "under about 60 s when spoken at 150 words/min"),
        Rule("spoken-too-long", "warning", "over about 180 s when spoken at 150 words/min"),
        Rule("environment-missing", "warning", "no stage, customer type or org design recorded"),
        Rule("environment-incomplete", "hint", "part of the environment is not recorded"),
        Rule("competencies-missing", "error", "no competency is recorded"),
        Rule("rounds-missing", "hint", "no emphasis note for one or more interview rounds"),
        Rule("summary-missing", "hint", "no one-line summary"),
    )
}
"""Every rule lint can report, by id. Ids are stable: scripts and docs rely on them."""


@dataclass(frozen=True, slots=True)
class _Phrase:
    """A lexicon entry: the phrase as written in the lexicon and how to replace it."""

    phrase: str
    fix: str


_RUN_RE = re.compile(r"[\w'’]+")
"""Runs of word characters and apostrophes: a phrase can only start where one starts."""


@dataclass(frozen=True, slots=True)
class Lexicon:
    """Phrases matched in one pass: word-boundary, case-insensitive, any spacing.

    Same result as one alternation with a group per phrase, tried at every position
    (`pattern`): where two phrases start at the same place the one listed first wins,
    so longer phrases are listed before the shorter ones they contain ("would approach
    it carefully" before "would approach"), and matches do not overlap. But trying a
    hundred case-insensitive alternatives at every character cost ~5 ms a story, so
    `scan` finds the places where a phrase's first word stands as a whole word (one
    case-sensitive alternation of the first words, `finder`, over the lower-cased text)
    and tries there only the phrases that word starts (`by_first`: one anchored
    alternation per first word, in the lexicon's order); a text with non-ASCII letters
    (a letter case folding may map onto ASCII) is scanned by `pattern` everywhere.
    """

    entries: tuple[_Phrase, ...]
    pattern_source: str
    """The one alternation (`pattern()`), compiled when a text first needs it."""
    by_first: dict[str, tuple[tuple[int, ...], str]]
    """Lower-cased first word -> (the group number of each alternative, the anchored
    alternation of the phrases it starts, in lexicon order). The alternations are kept as
    source and compiled the first time their word turns up (`_anchored`): compiling them
    all at import was most of a short `brief` run's lint time."""
    finder: re.Pattern[str]
    """Any first word, whole, in lower-cased ASCII text."""

    def pattern(self) -> re.Pattern[str]:
        return _anchored(self.pattern_source)

    def phrases(self) -> list[str]:
        return [entry.phrase for entry in self.entries]

    def scan(self, text: str) -> list[tuple[_Phrase, list[str]]]:
        """Each entry found in `text` with the text of its matches, in order of first use."""
        probe = text.translate(_ASCII_PUNCTUATION)  # same length, so positions agree
        if not probe.isascii():
            return self._scan_everywhere(text)
        found: dict[int, list[str]] = {}
        end = 0
        by_first = self.by_first
        for candidate in self.finder.finditer(probe.lower()):
            start = candidate.start()
            if start < end:
                continue  # inside the previous match
            groups, source = by_first[candidate.group()]
            match = _anchored(source).match(text, start)
            if match is not None:
                found.setdefault(groups[(match.lastindex or 1) - 1], []).append(match.group(0))
                end = match.end()
        return [(self.entries[index - 1], hits) for index, hits in found.items()]

    def _scan_everywhere(self, text: str) -> list[tuple[_Phrase, list[str]]]:
        """`scan` by the one alternation at every position (text with non-ASCII letters,
        where case folding could match in ways `str.lower` does not)."""
        found: dict[int, list[str]] = {}
        for match in self.pattern().finditer(text):
            found.setdefault(match.lastindex or 1, []).append(match.group(0))
        return [(self.entries[index - 1], hits) for index, hits in found.items()]


_COMPILED: dict[str, re.Pattern[str]] = {}


def _anchored(source: str) -> re.Pattern[str]:
    """A lexicon alternation, compiled once per process (re's own cache is shared with
    every other pattern and may evict these)."""
    compiled = _COMPILED.get(source)
    if compiled is None:
        compiled = _COMPILED[source] = re.compile(source, re.IGNORECASE)
    return compiled


_ASCII_PUNCTUATION = str.maketrans("’‘“”—–…", "''\"\"--.")
"""Common non-ASCII punctuation, one character for one, so most text takes the fast path."""


def _word_pattern(word: str) -> str:
    """One lexicon word as a pattern; a straight apostrophe also matches a curly one."""
    return "['’]".join(re.escape(part) for part in word.split("'"))


_BEFORE, _AFTER = r"(?<![\w'’])", r"(?![\w'’])"


def _lexicon(groups: Iterable[tuple[str, Iterable[str]]]) -> Lexicon:
    entries = tuple(_Phrase(phrase, fix) for fix, phrases in groups for phrase in phrases)
    bodies = [r"\s+".join(_word_pattern(word) for word in e.phrase.split()) for e in entries]
    pattern = _BEFORE + "(?:" + "|".join(f"({body})" for body in bodies) + ")" + _AFTER
    by_first: dict[str, list[tuple[int, str]]] = {}
    for group, (entry, body) in enumerate(zip(entries, bodies, strict=True), start=1):
        first = _RUN_RE.match(entry.phrase)
        if first is None or not first.group().isascii():
            raise ValueError(f"lexicon phrase {entry.phrase!r} must start with an ASCII word")
        by_first.setdefault(first.group().lower(), []).append((group, body))
    # An alternation tries its branches in order and backtracks into the next one when
    # the closing boundary fails, which is trying each phrase in lexicon order.
    table = {
        word: (
            tuple(group for group, _ in phrases),
            _BEFORE + "(?:" + "|".join(f"({body})" for _, body in phrases) + ")" + _AFTER,
        )
        for word, phrases in by_first.items()
    }
    # On ASCII text a first word stands whole where no word character or apostrophe
    # touches it: the runs `_RUN_RE` finds, which is where a phrase can start.
    words = "|".join(re.escape(w) for w in sorted(by_first, key=lambda w: (-len(w), w)))
    finder = re.compile(rf"(?<![\w'])(?:{words})(?![\w'])")
    return Lexicon(entries, pattern, table, finder)


VAGUE_PHRASES: Lexicon = _lexicon(
    (
        (
            "replace the claim with the one time you did it: the situation, your decision, "
            "the number",
            (
                "I have experience with",
                "I have experience in",
                "I have a lot of experience",
                "I have years of experience",
                "I have a background in",
                "I'm familiar with",
                "I am familiar with",
                "I'm comfortable with",
                "I have exposure to",
                "I had exposure to",
            ),
        ),
        (
            "say what you did yourself, with a verb: 'I wrote', 'I ran', 'I decided'",
            (
                "helped with",
                "helped to",
                "helped out",
                "assisted with",
                "assisted in",
                "I contributed to",
                "I was involved in",
                "I was involved with",
                "I was part of",
                "I participated in",
                "I was responsible for",
                "I am responsible for",
                "I'm responsible for",
            ),
        ),
        (
            "name them or count them: 'the VP of Sales and two regional leads', '31 categories'",
            (
                "various",
                "a variety of",
                "a lot of",
                "lots of",
                "a bunch of",
                "numerous",
                "some stakeholders",
                "many stakeholders",
                "several stakeholders",
                "multiple stakeholders",
                "key stakeholders",
                "some teams",
                "many teams",
                "some people",
            ),
        ),
        (
            "finish the list or cut it: name the two items that mattered",
            ("etc", "and so on", "and so forth", "stuff", "things like"),
        ),
        (
            "replace the adjective with the number, e.g. 'from 27% to 9%'",
            (
                "significantly",
                "significant improvement",
                "dramatically",
                "drastically",
                "greatly",
                "massively",
                "hugely",
                "substantially",
                "big impact",
                "huge impact",
                "improved things",
                "went well",
                "went very well",
                "went really well",
                "very successful",
                "highly successful",
            ),
        ),
        (
            "swap the buzzword for what actually happened",
            (
                "best practices",
                "synergy",
                "synergies",
                "drove alignment",
                "drive alignment",
                "move the needle",
                "moved the needle",
            ),
        ),
    )
)
"""Vague filler, word-boundary matched. Each group shares its fix."""

HEDGING_PHRASES: Lexicon = _lexicon(
    (
        (
            "say what you did and how it went, in the past tense: 'I chose..., it cut...'",
            (
                "would approach it carefully",
                "would approach",
                "would be careful",
                "would try",
                "would probably",
                "would likely",
                "tried to",
                "try to",
            ),
        ),
        (
            "drop the qualifier and state it plainly; if unsure of a figure, give a range",
            (
                "I think",
                "I guess",
                "I believe",
                "I feel like",
                "maybe",
                "perhaps",
                "probably",
                "possibly",
                "was kind of",
                "was sort of",
                "is kind of",
                "is sort of",
                "kind of like",
                "sort of like",
                "kinda",
                "sorta",
                "somewhat",
                "more or less",
                "hopefully",
                "to some extent",
                "basically",
            ),
        ),
    )
)
"""Hedges and hypotheticals: they make a real story sound invented."""

_I_RE = re.compile(r"(?<![\w'’])(?:I|I'm|I'd|I've|I'll|I’m|I’d|I’ve|I’ll)(?![\w'’])")
_MY_RE = re.compile(r"(?<![\w'’])(?:my|me|myself|mine)(?![\w'’])", re.IGNORECASE)
_WE_RE = re.compile(
    r"(?<![\w'’])(?:we|we're|we've|we'd|we'll|we’re|we’ve|we’d|we’ll|our|ours|ourselves)"
    r"(?![\w'’])",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Finding:
    """One thing to fix in a story, with the field it is about and how to fix it."""

    rule: str
    severity: Severity
    field: str
    message: str
    fix: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "severity": self.severity,
            "field": self.field,
            "message": self.message,
            "fix": self.fix,
        }


@dataclass(frozen=True, slots=True)
class Deduction:
    """What one rule cost a story's score: shown so the score can be explained."""

    rule: str
    severity: Severity
    count: int
    points: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "severity": self.severity,
            "count": self.count,
            "points": self.points,
        }


def verdict_for(score: int) -> str:
    """A word for a score: ready (90+), nearly ready (75+), needs work (50+), not ready."""
    if score >= 90:
        return "ready"
    if score >= 75:
        return "nearly ready"
    if score >= 50:
        return "needs work"
    return "not ready"


def _count(findings: Iterable[Finding], severity: str) -> int:
    return sum(1 for f in findings if f.severity == severity)


@dataclass(slots=True)
class StoryReport:
    """Lint result for one story: findings (errors first), score and speaking length."""

    story_id: str
    title: str
    findings: list[Finding]
    score: int
    deductions: list[Deduction]
    words: int
    seconds: int

    @property
    def verdict(self) -> str:
        return verdict_for(self.score)

    @property
    def errors(self) -> int:
        return _count(self.findings, "error")

    @property
    def warnings(self) -> int:
        return _count(self.findings, "warning")

    @property
    def hints(self) -> int:
        return _count(self.findings, "hint")

    @property
    def has_errors(self) -> bool:
        return self.errors > 0

    def rules(self) -> set[str]:
        """The ids of the rules this story triggers."""
        return {f.rule for f in self.findings}

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.story_id,
            "title": self.title,
            "score": self.score,
            "verdict": self.verdict,
            "words": self.words,
            "spoken_seconds": self.seconds,
            "counts": {"error": self.errors, "warning": self.warnings, "hint": self.hints},
            "deductions": [d.to_dict() for d in self.deductions],
            "findings": [f.to_dict() for f in self.findings],
        }


@dataclass(slots=True)
class BankReport:
    """Lint result for a set of stories; the bank score is the mean story score."""

    stories: list[StoryReport] = field(default_factory=list)

    @property
    def score(self) -> int:
        if not self.stories:
            return 0
        return round(sum(r.score for r in self.stories) / len(self.stories))

    @property
    def verdict(self) -> str:
        return verdict_for(self.score) if self.stories else "no stories"

    @property
    def errors(self) -> int:
        return sum(r.errors for r in self.stories)

    @property
    def warnings(self) -> int:
        return sum(r.warnings for r in self.stories)

    @property
    def hints(self) -> int:
        return sum(r.hints for r in self.stories)

    @property
    def has_errors(self) -> bool:
        """What `lint --strict` fails on."""
        return self.errors > 0

    def story(self, story_id: str) -> StoryReport | None:
        return next((r for r in self.stories if r.story_id == story_id), None)

    def to_dict(self) -> dict[str, Any]:
        return {
            "score": self.score,
            "verdict": self.verdict,
            "counts": {"error": self.errors, "warning": self.warnings, "hint": self.hints},
            "scoring": reference()["scoring"],
            "stories": [r.to_dict() for r in self.stories],
        }


# --- the rules ---------------------------------------------------------------------------


def _finding(rule: str, field_name: str, message: str, fix: str) -> Finding:
    return Finding(rule, RULES[rule].severity, field_name, message, fix)


def _beat_rules(story: Story) -> list[Finding]:
    out: list[Finding] = []
    for name in BEATS:
        text = story.beat(name).strip()
        label = BEAT_LABELS[name].lower()
        n = count_words(text)
        if n == 0:
            rule = "beat-missing" if name in REQUIRED_BEATS else "beat-empty"
            kind = "required" if name in REQUIRED_BEATS else "one of the six beats"
            out.append(_finding(rule, name, f"{label} is empty ({kind})", _BEAT_PROMPTS[name]))
        elif n < BEAT_MIN_WORDS[name]:
            out.append(
                _finding(
                    "beat-thin",
                    name,
                    f"{label} has only {n} word{'s' if n != 1 else ''} "
                    f"(at least {BEAT_MIN_WORDS[name]} to say anything)",
                    _BEAT_PROMPTS[name],
                )
            )
        elif n > BEAT_MAX_WORDS[name]:
            out.append(
                _finding(
                    "beat-rambles",
                    name,
                    f"{label} runs to {n} words (about {seconds_for(n)} s; "
                    f"keep it under {BEAT_MAX_WORDS[name]})",
                    f"cut {label} to its {_keep_hint(name)}; move detail to the cue card "
                    f"or drop it",
                )
            )
    return out


def _keep_hint(beat: str) -> str:
    return {
        "context": "two facts an interviewer needs: where you were and the problem, with a number",
        "constraint": "single hardest limit",
        "decision": "call and the option you turned down",
        "execution": "3-4 steps you took yourself",
        "result": "before -> after numbers and who noticed",
        "after": "one change that stuck and one lesson",
    }[beat]


def _number_rules(story: Story) -> list[Finding]:
    out: list[Finding] = []
    has_metric_number = any(m.before is not None or m.after is not None for m in story.metrics)
    result = story.result.strip()
    if result and not has_number(result):
        if has_metric_number:
            first = next(m for m in story.metrics if m.before is not None or m.after is not None)
            out.append(
                _finding(
                    "result-number-unspoken",
                    "result",
                    "result says no number, though the metrics have them",
                    f"say the number out loud in the result, e.g. '{_spoken_metric(first)}'",
                )
            )
        else:
            out.append(
                _finding(
                    "result-no-number",
                    "result",
                    "result has no number and no metric carries one",
                    "add the before and after, e.g. 'from 10 h to 4 h', and record it as a metric",
                )
            )
    if not has_metric_number:
        message = (
            "no metrics recorded"
            if not story.metrics
            else "no metric has a before or an after value"
        )
        out.append(
            _finding(
                "metrics-no-number",
                "metrics",
                message,
                "add a metric with name, before, after and unit, e.g. 'time to owner: 19 -> 3.5 h'",
            )
        )
    else:
        for index, metric in enumerate(story.metrics):
            missing = [side for side in ("before", "after") if getattr(metric, side) is None]
            name = metric.name.strip() or f"metric {index + 1}"
            if not missing:
                if metric.before == metric.after:
                    out.append(
                        _finding(
                            "metric-unchanged",
                            f"metrics[{index}]",
                            f"metric '{name}' did not move: "
                            f"{_metric_side(metric, metric.before)} before and after",
                            "if it is a guardrail that held, say so in the result ('churn held at "
                            "4% while price rose'); otherwise record the number that moved",
                        )
                    )
                continue
            out.append(
                _finding(
                    "metric-incomplete",
                    f"metrics[{index}]",
                    f"metric '{name}' has no {' and no '.join(missing)} value",
                    f"give '{name}' its {' and '.join(missing)} so it reads as a change "
                    f"(e.g. before 27, after 9, unit %); an estimate you can defend beats none",
                )
            )
    return out


def _metric_side(metric: Metric, value: float | None) -> str:
    """One side of a metric as said out loud: '19 h', '27%', '4100'."""
    if value is None:
        return "?"
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    unit = metric.unit if metric.unit == "%" else (f" {metric.unit}" if metric.unit else "")
    return f"{value}{unit}"


def _spoken_metric(metric: Metric) -> str:
    name = metric.name.strip() or "the metric"
    before, after = _metric_side(metric, metric.before), _metric_side(metric, metric.after)
    return f"{name} went from {before} to {after}"


def _tradeoff_rules(story: Story) -> list[Finding]:
    chosen = [t for t in story.tradeoffs if t.chose.strip()]
    if not chosen:
        return [
            _finding(
                "no-tradeoff",
                "tradeoffs",
                "no tradeoff recorded; interviewers ask which options you weighed",
                "add one: chose 'a rotating triage engineer', over 'a dedicated analyst', "
                "because 'no headcount, and the rota fixed its own gaps'",
            )
        ]
    out: list[Finding] = []
    for index, tradeoff in enumerate(story.tradeoffs):
        if not tradeoff.chose.strip():
            continue
        missing = [part for part in ("over", "because") if not getattr(tradeoff, part).strip()]
        if missing:
            out.append(
                _finding(
                    "tradeoff-incomplete",
                    f"tradeoffs[{index}]",
                    f"tradeoff '{tradeoff.chose.strip()}' has no '{' and no '.join(missing)}'",
                    "say what you turned down and why, given the constraint: "
                    "'over <the other option>, because <the reason>'",
                )
            )
    return out


def _text_fields(story: Story) -> list[tuple[str, str]]:
    """Every field the candidate says or reads out, with its field name."""
    fields = [("summary", story.summary)]
    fields += [(name, story.beat(name)) for name in BEATS]
    for index, tradeoff in enumerate(story.tradeoffs):
        for part in ("chose", "over", "because"):
            fields.append((f"tradeoffs[{index}].{part}", getattr(tradeoff, part)))
    return fields


def _phrase_rules(story: Story) -> list[Finding]:
    out: list[Finding] = []
    for rule, lexicon, what in (
        ("vague-phrase", VAGUE_PHRASES, "is vague"),
        ("hedging", HEDGING_PHRASES, "hedges"),
    ):
        for field_name, text in _text_fields(story):
            if not text:
                continue
            for entry, hits in lexicon.scan(text):
                times = f" ({len(hits)} times)" if len(hits) > 1 else ""
                out.append(_finding(rule, field_name, f'"{hits[0]}"{times} {what}', entry.fix))
    return out


def _times(n: int) -> str:
    return {1: "once", 2: "twice"}.get(n, f"{n} times")


def _ownership_rules(story: Story) -> list[Finding]:
    text = f"{story.decision}\n{story.execution}"
    we = len(_WE_RE.findall(text))
    if we and not _I_RE.search(text) and not _MY_RE.search(text):
        return [
            _finding(
                "we-not-i",
                "decision",
                f"decision and execution say 'we'/'our' {_times(we)} and never 'I'",
                "say what you did: 'I proposed...', 'I wrote...', and keep 'we' for the "
                "team's shared result",
            )
        ]
    return []


def _length_rules(story: Story) -> list[Finding]:
    total = word_count(story)
    seconds = seconds_for(total)
    said = f"{total} words, about {format_seconds(seconds)} at {WORDS_PER_MINUTE} words/min"
    if seconds < SPOKEN_MIN_SECONDS:
        need = SPOKEN_MIN_SECONDS * WORDS_PER_MINUTE // 60 - total
        return [
            _finding(
                "spoken-too-short",
                "story",
                f"too short to tell: {said} (aim for 60-180 s)",
                f"add about {need} words where the story is thinnest: the constraint that "
                f"made it hard and the steps you took",
            )
        ]
    if seconds > SPOKEN_MAX_SECONDS:
        cut = total - SPOKEN_MAX_SECONDS * WORDS_PER_MINUTE // 60
        return [
            _finding(
                "spoken-too-long",
                "story",
                f"too long to tell: {said} (aim for 60-180 s)",
                f"cut about {cut} words: keep the context to two sentences and move detail "
                f"to the cue card",
            )
        ]
    return []


def _setting_rules(story: Story) -> list[Finding]:
    out: list[Finding] = []
    env = story.environment
    missing = [key for key in ("stage", "customer", "org") if getattr(env, key) is None]
    if len(missing) == 3:
        out.append(
            _finding(
                "environment-missing",
                "environment",
                "environment not recorded (stage, customer type, org design)",
                "set where it happened, e.g. stage 'scaleup', customer 'b2b-smb', "
                "org 'centralized', so the advisor can match it to a company",
            )
        )
    elif missing:
        out.append(
            _finding(
                "environment-incomplete",
                "environment",
                f"environment has no {' or '.join(missing)}",
                f"set {' and '.join(missing)} so stories can be matched to a company's environment",
            )
        )
    if not [c for c in story.competencies if c.strip()]:
        out.append(
            _finding(
                "competencies-missing",
                "competencies",
                "no competency recorded",
                "add the 1-3 areas this story proves, e.g. 'launch-operations', "
                "'cross-functional-execution'",
            )
        )
    missing_rounds = [r for r in ROUNDS if not (story.rounds.get(r) or "").strip()]
    if missing_rounds:
        out.append(
            _finding(
                "rounds-missing",
                "rounds",
                f"no emphasis note for the {', '.join(missing_rounds)} "
                f"round{'s' if len(missing_rounds) > 1 else ''}",
                "add a line per round on what to lead with, e.g. case: 'reuse the reasoning: "
                "route on ownership data that already exists'",
            )
        )
    if not story.summary.strip():
        out.append(
            _finding(
                "summary-missing",
                "summary",
                "no one-line summary",
                "add one sentence with the problem, your call and the headline number",
            )
        )
    return out


_FIELD_ORDER = ("summary", "competencies", *BEATS, "story", "metrics", "tradeoffs")


def _sort_key(finding: Finding) -> tuple[int, int, str]:
    root = finding.field.split("[", 1)[0].split(".", 1)[0]
    position = _FIELD_ORDER.index(root) if root in _FIELD_ORDER else len(_FIELD_ORDER)
    return (SEVERITIES.index(finding.severity), position, finding.field)


def _score(findings: Sequence[Finding]) -> tuple[int, list[Deduction]]:
    counts: dict[str, int] = {}
    for finding in findings:
        counts[finding.rule] = counts.get(finding.rule, 0) + 1
    deductions = []
    for rule, count in counts.items():
        severity = RULES[rule].severity
        points = SEVERITY_WEIGHTS[severity] * min(count, MAX_RULE_FINDINGS_COST)
        deductions.append(Deduction(rule, severity, count, points))
    deductions.sort(key=lambda d: (-d.points, d.rule))
    return max(0, 100 - sum(d.points for d in deductions)), deductions


def lint_story(story: Story) -> StoryReport:
    """Check one story against every rule and score it 0-100."""
    findings = [
        *_beat_rules(story),
        *_number_rules(story),
        *_tradeoff_rules(story),
        *_phrase_rules(story),
        *_ownership_rules(story),
        *_length_rules(story),
        *_setting_rules(story),
    ]
    findings.sort(key=_sort_key)
    score, deductions = _score(findings)
    return StoryReport(
        story_id=story.id,
        title=story.title,
        findings=findings,
        score=score,
        deductions=deductions,
        words=word_count(story),
        seconds=spoken_seconds(story),
    )


def reference() -> dict[str, Any]:
    """Every rule, weight, limit and lexicon phrase: what `lint` checks, as plain data.

    For a `--rules` listing or the docs, so the explanation can never drift from
    the code that applies it.
    """
    return {
        "rules": [
            {
                "id": rule.id,
                "severity": rule.severity,
                "points": SEVERITY_WEIGHTS[rule.severity],
                "description": rule.description,
            }
            for rule in RULES.values()
        ],
        "scoring": {
            "start": 100,
            "weights": dict(SEVERITY_WEIGHTS),
            "max_findings_counted_per_rule": MAX_RULE_FINDINGS_COST,
            "bank": "mean of story scores",
        },
        "beat_words": {
            name: {"min": BEAT_MIN_WORDS[name], "max": BEAT_MAX_WORDS[name]} for name in BEATS
        },
        "spoken_seconds": {
            "min": SPOKEN_MIN_SECONDS,
            "max": SPOKEN_MAX_SECONDS,
            "words_per_minute": WORDS_PER_MINUTE,
        },
        "vague_phrases": VAGUE_PHRASES.phrases(),
        "hedging_phrases": HEDGING_PHRASES.phrases(),
    }


def lint_bank(stories: Iterable[Story]) -> BankReport:
    """Lint every story, in the order given."""
    return BankReport(stories=[lint_story(story) for story in stories])
