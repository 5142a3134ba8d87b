"""Does the story bank cover the interview loop? Matrices, gaps in words, and the 5-7 rule.

A Product Ops loop probes the same few areas in several rounds and with several
kinds of question. This module answers, from the stories alone (and a target
company when one is given):

* which competencies each story shows (built-in and custom names);
* which rounds each story has an emphasis note for (behavioral, case, panel);
* which question kinds each story can serve, by the rules in `KIND_RULES`;
* the gaps, each stated as a sentence the candidate can act on;
* the 5-7 core story guidance: which areas are thin, or which stories could merge.

No Textual import: the CLI and the TUI Coverage screen render the same report.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import combinations
from typing import Any

from storybank.advisor.angle import with_article
from storybank.method.fit import story_fit
from storybank.method.kinds import KINDS as METHOD_KINDS
from storybank.model import Company, Story
from storybank.vocab import (
    COMPETENCIES,
    COMPETENCY_SHORT_NAMES,
    CORE_COMPETENCIES,
    KINDS,
    ROUNDS,
)

CORE_MINIMUM = 2
"""Each core area (metrics, launches, cross-functional execution) wants two stories."""

BANK_MIN = 5
BANK_MAX = 7
"""The method's 5 to 7 core stories: enough to cover the loop, few enough to know cold."""

KIND_RULES: dict[str, str] = {kind.name: kind.rule for kind in METHOD_KINDS}
"""What a story needs to serve each kind of question: one documented rule per kind."""


# -- kinds a story can serve ------------------------------------------------------------------


def _has_text(value: str) -> bool:
    return bool(value and value.strip())


def kind_check(story: Story, kind: str) -> tuple[bool, str]:
    """Whether `story` can serve a `kind` question, and the evidence (or what is missing):
    the method's one rule (storybank.method.fit), the same the advisor ranks by."""
    fit = story_fit(story, kind)
    return fit.serves, fit.evidence


def kinds_served(story: Story) -> list[str]:
    """The question kinds `story` can serve, in the vocabulary's order."""
    return [kind for kind in KINDS if kind_check(story, kind)[0]]


# -- text similarity for the merge advice -----------------------------------------------------

_STOPWORDS = frozenset(
    """a an the and or but if then than that this these those of to in on at by for with from
    into onto over under as is are was were be been being it its it's we our us i my me you your
    they them their he she his her not no so too very just also only all any each every some
    more most less least much many had has have do did does done can could would should will
    which who whom what when where why how there here out up down off about after before
    while during per via one two three new""".split()  # noqa: SIM905
)
_WORD_RE = re.compile(r"[a-z0-9]+(?:[-'][a-z0-9]+)*")


@lru_cache(maxsize=1 << 16)
def _stem(word: str) -> str:
    for suffix in ("ing", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def content_words(story: Story) -> set[str]:
    """The story's distinctive words (title, summary, beats, tags, metrics), lightly stemmed."""
    parts = [story.title, story.summary, *story.beats().values(), *story.tags]
    parts.extend(metric.name for metric in story.metrics)
    words = set(_WORD_RE.findall(" ".join(parts).lower()))  # each distinct word once
    return {_stem(w) for w in words if len(w) > 2 and w not in _STOPWORDS and not w.isdigit()}


def _jaccard(a: set[str], b: set[str]) -> float:
    if not a and not b:
        return 0.0
    return len(a & b) / len(a | b)


@dataclass(slots=True)
class Overlap:
    """Two stories that tell much the same thing: candidates to merge into one."""

    first: str
    second: str
    shared_competencies: list[str]
    competency_similarity: float
    text_similarity: float

    @property
    def score(self) -> float:
        """Half competency overlap, half text overlap (both Jaccard, 0..1)."""
        return 0.5 * self.competency_similarity + 0.5 * self.text_similarity

    def to_dict(self) -> dict[str, Any]:
        return {
            "stories": [self.first, self.second],
            "shared_competencies": list(self.shared_competencies),
            "competency_similarity": round(self.competency_similarity, 3),
            "text_similarity": round(self.text_similarity, 3),
            "score": round(self.score, 3),
        }


EXACT_PAIRS_UP_TO = 300
"""Banks up to this many stories score every pair; bigger ones only indexed candidates."""
RARE_TERMS_PER_STORY = 6
"""How many of a story's rarest words it is paired through, in a bank above the limit."""
MAX_TERM_STORIES = 40
"""A word in more stories than this says little about a pair and is not indexed."""


def _overlap(first: Story, second: Story, words: dict[str, set[str]]) -> Overlap:
    first_set, second_set = set(first.competencies), set(second.competencies)
    return Overlap(
        first=first.id,
        second=second.id,
        shared_competencies=[c for c in first.competencies if c in second_set],
        competency_similarity=_jaccard(first_set, second_set),
        text_similarity=_jaccard(words[first.id], words[second.id]),
    )


def _candidate_pairs(stories: Sequence[Story], words: dict[str, set[str]]) -> set[tuple[int, int]]:
    """Pairs (i < j) that share one of either story's rarest words (an inverted index).

    Two stories that tell the same thing share their distinctive words (names, tools,
    numbers); pairs sharing none of them have too little text in common to be the ones
    to merge. Linear in the bank for a bounded number of pairs per story."""
    from collections import Counter

    frequency: Counter[str] = Counter()
    for story in stories:
        frequency.update(words[story.id])
    postings: dict[str, list[int]] = {}
    rare: list[list[str]] = []
    for index, story in enumerate(stories):
        shared = [w for w in words[story.id] if 2 <= frequency[w] <= MAX_TERM_STORIES]
        shared.sort(key=lambda w: (frequency[w], w))
        chosen = shared[:RARE_TERMS_PER_STORY]
        rare.append(chosen)
        for word in words[story.id]:
            if 2 <= frequency[word] <= MAX_TERM_STORIES:
                postings.setdefault(word, []).append(index)
    pairs: set[tuple[int, int]] = set()
    for index, chosen in enumerate(rare):
        for word in chosen:
            for other in postings[word]:
                if other != index:
                    pairs.add((index, other) if index < other else (other, index))
    return pairs


def overlaps(stories: Sequence[Story], limit: int | None = None) -> list[Overlap]:
    """The most overlapping pairs of stories, best first (ties keep bank order).

    Up to EXACT_PAIRS_UP_TO stories every pair is scored (all of them are returned
    when `limit` is None). Above it, scoring all n^2/2 pairs takes minutes, so only
    the pairs an index of rare words proposes are scored (see `_candidate_pairs`)."""
    words = {story.id: content_words(story) for story in stories}
    if len(stories) <= EXACT_PAIRS_UP_TO:
        pairs = [_overlap(a, b, words) for a, b in combinations(stories, 2)]
    else:
        pairs = [
            _overlap(stories[i], stories[j], words)
            for i, j in sorted(_candidate_pairs(stories, words))
        ]
    pairs.sort(key=lambda pair: -pair.score)
    return pairs if limit is None else pairs[:limit]


# -- the report -------------------------------------------------------------------------------

CUSTOMER_LABELS = {
    "b2b-enterprise": "B2B enterprise",
    "b2b-smb": "B2B SMB",
    "b2c": "consumer (B2C)",
    "developer": "developer",
    "marketplace": "marketplace",
    "internal": "internal-tools",
}
_B2B = ("b2b-enterprise", "b2b-smb")


@dataclass(slots=True)
class Gap:
    """One hole in the bank, said in words.

    `code` is stable for tests and the TUI (e.g. "core-thin", "kind-uncovered");
    `subject` is the competency, kind, round or environment value it is about;
    `severity` is "gap" (fix before the loop) or "note" (worth knowing).
    """

    code: str
    subject: str
    message: str
    severity: str = "gap"
    stories: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "subject": self.subject,
            "severity": self.severity,
            "message": self.message,
            "stories": list(self.stories),
        }


@dataclass(slots=True)
class Guidance:
    """The 5-7 core story advice: status "ok", "few" or "many", a sentence, and details."""

    count: int
    status: str
    message: str
    thin_areas: list[str] = field(default_factory=list)
    merge_candidates: list[Overlap] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "count": self.count,
            "status": self.status,
            "message": self.message,
            "thin_areas": list(self.thin_areas),
            "merge_candidates": [pair.to_dict() for pair in self.merge_candidates],
        }


@dataclass(slots=True)
class CoverageReport:
    """Everything the coverage command and screen show, computed once."""

    stories: list[tuple[str, str]]
    """(id, title) in bank order."""
    competencies: list[str]
    """Built-in competencies in vocabulary order, then custom names in first-seen order."""
    custom_competencies: list[str]
    competency_matrix: dict[str, dict[str, bool]]
    round_matrix: dict[str, dict[str, bool]]
    kind_matrix: dict[str, dict[str, bool]]
    kind_reasons: dict[str, dict[str, str]]
    """story id -> kind -> the evidence, or what is missing."""
    gaps: list[Gap]
    guidance: Guidance
    company: Company | None = None

    def stories_for(self, competency: str) -> list[str]:
        return [sid for sid, row in self.competency_matrix.items() if row.get(competency)]

    def stories_for_kind(self, kind: str) -> list[str]:
        return [sid for sid, row in self.kind_matrix.items() if row.get(kind)]

    def stories_for_round(self, round_name: str) -> list[str]:
        return [sid for sid, row in self.round_matrix.items() if row.get(round_name)]

    def competency_counts(self) -> dict[str, int]:
        return {name: len(self.stories_for(name)) for name in self.competencies}

    def kind_counts(self) -> dict[str, int]:
        return {kind: len(self.stories_for_kind(kind)) for kind in KINDS}

    def round_counts(self) -> dict[str, int]:
        return {name: len(self.stories_for_round(name)) for name in ROUNDS}

    def gap_codes(self) -> list[str]:
        return [gap.code for gap in self.gaps]

    def to_dict(self) -> dict[str, Any]:
        return {
            "company": None
            if self.company is None
            else {"id": self.company.id, "name": self.company.name},
            "stories": [{"id": sid, "title": title} for sid, title in self.stories],
            "competencies": list(self.competencies),
            "custom_competencies": list(self.custom_competencies),
            "rounds": list(ROUNDS),
            "kinds": list(KINDS),
            "kind_rules": dict(KIND_RULES),
            "matrix": {
                sid: {
                    "competencies": [c for c, on in self.competency_matrix[sid].items() if on],
                    "rounds": [r for r, on in self.round_matrix[sid].items() if on],
                    "kinds": [k for k, on in self.kind_matrix[sid].items() if on],
                    "kind_reasons": dict(self.kind_reasons[sid]),
                }
                for sid, _title in self.stories
            },
            "counts": {
                "competencies": self.competency_counts(),
                "rounds": self.round_counts(),
                "kinds": self.kind_counts(),
            },
            "gaps": [gap.to_dict() for gap in self.gaps],
            "guidance": self.guidance.to_dict(),
        }


def _competency_list(stories: Sequence[Story], company: Company | None) -> list[str]:
    custom: dict[str, None] = {}
    for story in stories:
        for name in story.competencies:
            if name not in COMPETENCIES:
                custom.setdefault(name, None)
    if company is not None:
        for name in company.focus:
            if name not in COMPETENCIES:
                custom.setdefault(name, None)
    return [*COMPETENCIES, *custom]


def _count_phrase(count: int) -> str:
    return {0: "no story", 1: "only one story"}.get(count, f"{count} stories")


def coverage(stories: Sequence[Story], company: Company | None = None) -> CoverageReport:
    """Build the coverage report for `stories`, optionally against a target `company`."""
    stories = list(stories)
    competencies = _competency_list(stories, company)
    competency_matrix = {
        s.id: {name: name in s.competencies for name in competencies} for s in stories
    }
    round_matrix = {s.id: {r: _has_text(s.rounds.get(r, "")) for r in ROUNDS} for s in stories}
    kind_matrix: dict[str, dict[str, bool]] = {}
    kind_reasons: dict[str, dict[str, str]] = {}
    for story in stories:
        checks = {kind: kind_check(story, kind) for kind in KINDS}
        kind_matrix[story.id] = {kind: ok for kind, (ok, _why) in checks.items()}
        kind_reasons[story.id] = {kind: why for kind, (_ok, why) in checks.items()}

    report = CoverageReport(
        stories=[(s.id, s.title) for s in stories],
        competencies=competencies,
        custom_competencies=[c for c in competencies if c not in COMPETENCIES],
        competency_matrix=competency_matrix,
        round_matrix=round_matrix,
        kind_matrix=kind_matrix,
        kind_reasons=kind_reasons,
        gaps=[],
        guidance=Guidance(count=len(stories), status="ok", message=""),
        company=company,
    )
    if stories:
        report.gaps = _gaps(report, stories, company)
    report.guidance = _guidance(report, stories)
    return report


def _gaps(report: CoverageReport, stories: list[Story], company: Company | None) -> list[Gap]:
    gaps: list[Gap] = []
    for name in CORE_COMPETENCIES:
        have = report.stories_for(name)
        if len(have) < CORE_MINIMUM:
            code = "core-uncovered" if not have else "core-thin"
            gaps.append(
                Gap(
                    code,
                    name,
                    f"{name} is covered by {_count_phrase(len(have))}; "
                    f"loops probe it hard, so aim for at least {CORE_MINIMUM}",
                    stories=have,
                )
            )
    for kind in KINDS:
        have = report.stories_for_kind(kind)
        if not have:
            gaps.append(
                Gap(
                    "kind-uncovered",
                    kind,
                    f"no story can serve {with_article(kind)} question; "
                    f"it needs {KIND_RULES[kind]}",
                )
            )
    if company is not None:
        gaps.extend(_company_gaps(report, stories, company))
    for name in COMPETENCIES:
        if name in CORE_COMPETENCIES:
            continue
        if company is not None and name in company.focus:
            continue  # already reported as a focus gap, with the company's name
        if not report.stories_for(name):
            gaps.append(
                Gap("competency-uncovered", name, f"no story shows {name}", severity="note")
            )
    for kind in KINDS:
        have = report.stories_for_kind(kind)
        if len(have) == 1:
            gaps.append(
                Gap(
                    "kind-thin",
                    kind,
                    f"only one story can serve {with_article(kind)} question ({have[0]})",
                    severity="note",
                    stories=have,
                )
            )
    for round_name in ROUNDS:
        if not report.stories_for_round(round_name):
            gaps.append(
                Gap(
                    "round-no-notes",
                    round_name,
                    f"no story has a note for the {round_name} round: "
                    f"write down what to stress there",
                    severity="note",
                )
            )
    gaps.sort(key=lambda gap: gap.severity != "gap")  # stable: gaps first, then notes
    return gaps


def _company_gaps(report: CoverageReport, stories: list[Story], company: Company) -> list[Gap]:
    gaps: list[Gap] = []
    name = company.name
    for area in company.focus:
        have = report.stories_for(area)
        if not have:
            gaps.append(
                Gap(
                    "focus-uncovered",
                    area,
                    f"{name} focuses on {area} and no story covers it: "
                    f"prepare the closest example and say what differs",
                )
            )
        elif len(have) == 1 and area not in CORE_COMPETENCIES:
            gaps.append(
                Gap(
                    "focus-thin",
                    area,
                    f"{name} focuses on {area}, covered by only one story ({have[0]})",
                    severity="note",
                    stories=have,
                )
            )
    customers = [s.environment.customer for s in stories]
    if company.customer and company.customer not in customers:
        label = CUSTOMER_LABELS.get(company.customer, company.customer)
        if company.customer in _B2B and not any(c in _B2B for c in customers):
            gaps.append(
                Gap(
                    "environment-customer",
                    company.customer,
                    f"no story from a B2B environment for {name}, {with_article(label)} target",
                )
            )
        else:
            closest = [
                s.id for s in stories if s.environment.customer in _B2B and company.customer in _B2B
            ]
            hint = f"; closest: {', '.join(closest)}" if closest else ""
            gaps.append(
                Gap(
                    "environment-customer",
                    company.customer,
                    f"no story from {with_article(label)} environment for {name}{hint}",
                    severity="gap" if not closest else "note",
                    stories=closest,
                )
            )
    stages = [s.environment.stage for s in stories]
    if company.stage and company.stage not in stages:
        gaps.append(
            Gap(
                "environment-stage",
                company.stage,
                f"no story from {with_article(company.stage)} company for {name}: "
                f"say how you would run it at that scale",
                severity="note",
            )
        )
    orgs = [s.environment.org for s in stories]
    if company.org and company.org not in orgs:
        gaps.append(
            Gap(
                "environment-org",
                company.org,
                f"no story from {with_article(company.org)} org for {name}: "
                f"name who owned what and how you would work in their setup",
                severity="note",
            )
        )
    return gaps


def _thin_areas(report: CoverageReport) -> list[str]:
    """Core areas below two stories, then kinds no story serves, then uncovered built-ins."""
    thin = [c for c in CORE_COMPETENCIES if len(report.stories_for(c)) < CORE_MINIMUM]
    thin += [f"{k} questions" for k in KINDS if not report.stories_for_kind(k)]
    thin += [c for c in COMPETENCIES if c not in CORE_COMPETENCIES and not report.stories_for(c)]
    return thin


def _guidance(report: CoverageReport, stories: list[Story]) -> Guidance:
    count = len(stories)
    if count == 0:
        return Guidance(
            count,
            "few",
            f"the bank is empty: write {BANK_MIN}-{BANK_MAX} core stories "
            f"from your highest-leverage work",
            thin_areas=list(CORE_COMPETENCIES),
        )
    if count < BANK_MIN:
        thin = _thin_areas(report)
        need = BANK_MIN - count
        message = (
            f"{count} {'story' if count == 1 else 'stories'}: add {need} more to reach "
            f"{BANK_MIN}-{BANK_MAX} core stories"
        )
        if thin:
            message += "; thin: " + ", ".join(thin)
        return Guidance(count, "few", message, thin_areas=thin)
    if count > BANK_MAX:
        excess = count - BANK_MAX
        candidates = overlaps(stories, limit=max(excess, 1) + 2)
        best = candidates[0]
        message = (
            f"{count} stories: more than {BANK_MAX} is hard to know cold; "
            f"merge or retire {excess}. Most overlap: {best.first} and {best.second}"
        )
        return Guidance(count, "many", message, merge_candidates=candidates)
    return Guidance(
        count,
        "ok",
        f"{count} stories: within the {BANK_MIN}-{BANK_MAX} core stories you can know cold",
        thin_areas=_thin_areas(report),
    )


# -- what the report says in words (CLI and TUI) ---------------------------------------------


def gap_summary(report: CoverageReport) -> str:
    """One line on the gaps that says only what the tables show: how many gaps and notes,
    or, with none at all, exactly what holds. An empty bank is never called gap-free."""
    if not report.stories:
        return "no stories: every area is a gap"
    gaps = sum(1 for gap in report.gaps if gap.severity == "gap")
    notes = len(report.gaps) - gaps
    if gaps:
        said = f"{gaps} gap{'s' * (gaps != 1)} to fix"
        return said + (f"; {notes} note{'s' * (notes != 1)}" if notes else "")
    if notes:
        return f"no gap to fix; {notes} note{'s' * (notes != 1)}"
    return "no gaps and no notes"


def no_gap_sentence(report: CoverageReport) -> str:
    """What holds when there is no gap of either severity (every claim checked by a gap rule):
    said only then, with the core areas named, so it never contradicts a count shown."""
    core = ", ".join(CORE_COMPETENCIES)
    sentence = (
        f"No gaps: each core area ({core}) has at least {CORE_MINIMUM} stories, every other "
        "competency at least one, every question kind at least two stories that can serve "
        "it, and every round a note"
    )
    if report.company is not None:
        from storybank.quality.report_text import one_line

        sentence += f"; {one_line(report.company.name)}'s focus and environment are covered"
    return sentence + "."


def notes_only_sentence() -> str:
    return (
        f"No gap to fix: each core area has at least {CORE_MINIMUM} stories and every "
        "question kind at least one. Worth knowing:"
    )


# -- plain text -------------------------------------------------------------------------------

COMPETENCY_ABBREVIATIONS = COMPETENCY_SHORT_NAMES
KIND_ABBREVIATIONS: dict[str, str] = {kind.name: kind.abbreviation for kind in METHOD_KINDS}
ROUND_ABBREVIATIONS: dict[str, str] = {"behavioral": "BEH", "case": "CAS", "panel": "PAN"}
_CELL = 4


def abbreviations(names: Sequence[str]) -> dict[str, str]:
    """Three-letter column heads: fixed for built-in competencies, derived for custom ones."""
    out: dict[str, str] = {}
    used = set(COMPETENCY_ABBREVIATIONS.values())
    for name in names:
        if name in COMPETENCY_ABBREVIATIONS:
            out[name] = COMPETENCY_ABBREVIATIONS[name]
            continue
        letters = re.sub(r"[^a-z0-9]", "", name.lower()).upper() or "C"
        candidate = letters[:3].ljust(3, "X")
        number = 2
        while candidate in used:
            candidate = f"{letters[:2]}{number}" if number < 10 else f"{letters[:1]}{number}"
            number += 1
        used.add(candidate)
        out[name] = candidate
    return out


def _matrix(
    title: str,
    columns: list[tuple[str, str]],
    report: CoverageReport,
    matrix: dict[str, dict[str, bool]],
    width: int,
) -> list[str]:
    """One matrix: a row per story, a column per name, `x` where the story covers it."""
    from storybank.quality.report_text import display_width, pad, truncate

    lines: list[str] = []
    per_chunk = max(1, (width - 20) // _CELL)
    for start in range(0, len(columns), per_chunk):
        chunk = columns[start : start + per_chunk]
        label_width = width - _CELL * len(chunk)
        head = pad(title if start == 0 else f"{title} (cont.)", label_width)
        lines.append(head + "".join(abbr.rjust(_CELL) for _name, abbr in chunk))
        for story_id, story_title in report.stories:
            sid = truncate(story_id, max(4, label_width // 2))
            rest = label_width - 5 - display_width(sid)
            label = f"  {sid}  {pad(story_title, rest)} "
            cells = [("x" if matrix[story_id].get(name) else ".").rjust(_CELL) for name, _ in chunk]
            lines.append(label + "".join(cells))
        counts = (
            str(sum(1 for row in matrix.values() if row.get(name))).rjust(_CELL)
            for name, _abbr in chunk
        )
        lines.append(pad("stories", label_width, "  ") + "".join(counts))
        lines.append("")
    return lines


def render_coverage_text(report: CoverageReport, width: int = 80) -> str:
    """The coverage report as plain text that fits `width` columns."""
    from storybank.quality.report_text import labelled, one_line, rule, wrap

    count = len(report.stories)
    heading = f"Coverage: {count} {'story' if count == 1 else 'stories'}"
    if report.company is not None:
        heading += f" for {one_line(report.company.name)}"
    lines = rule(heading, width)
    lines.append("")
    if not report.stories:
        lines.extend(wrap(report.guidance.message, width))
        return "\n".join(lines) + "\n"

    comp_abbr = abbreviations(report.competencies)
    lines += _matrix(
        "Competencies it shows",
        [(name, comp_abbr[name]) for name in report.competencies],
        report,
        report.competency_matrix,
        width,
    )
    lines += _matrix(
        "Rounds with notes",
        [(name, ROUND_ABBREVIATIONS[name]) for name in ROUNDS],
        report,
        report.round_matrix,
        width,
    )
    lines += _matrix(
        "Question kinds it can serve",
        [(kind, KIND_ABBREVIATIONS[kind]) for kind in KINDS],
        report,
        report.kind_matrix,
        width,
    )
    lines.extend(
        wrap(
            "x: the story shows it, has a note for the round, or can serve that kind of "
            "question (the rule Ask uses). The stories row counts them. Core areas ("
            + ", ".join(comp_abbr[c] for c in CORE_COMPETENCIES)
            + f") want at least {CORE_MINIMUM} stories, every other column at least one.",
            width,
            subsequent="  ",
        )
    )
    legend = [f"{comp_abbr[name]} {name}" for name in report.competencies]
    lines.extend(wrap("Competencies: " + ", ".join(legend) + ".", width, subsequent="  "))
    kinds = [f"{KIND_ABBREVIATIONS[k]} {k}" for k in KINDS]
    lines.extend(wrap("Kinds: " + ", ".join(kinds) + ".", width, subsequent="  "))
    lines.append("")

    lines += rule("Gaps", width, "-")
    if not report.gaps:
        lines.extend(wrap(no_gap_sentence(report), width))
    elif all(gap.severity != "gap" for gap in report.gaps):
        lines.extend(wrap(notes_only_sentence(), width))
    for gap in report.gaps:
        marker = "!" if gap.severity == "gap" else "-"
        lines.extend(labelled(marker, gap.message, width))
    lines.append("")
    lines += rule("Core stories (5-7)", width, "-")
    lines.extend(wrap(report.guidance.message, width))
    for pair in report.guidance.merge_candidates:
        shared = ", ".join(pair.shared_competencies) or "no competencies"
        lines.extend(
            labelled(
                "-",
                f"{pair.first} + {pair.second}: share {shared}; "
                f"{pair.text_similarity:.0%} word overlap",
                width,
            )
        )
    return "\n".join(lines) + "\n"
