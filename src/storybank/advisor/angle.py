"""The angle on a story: which beat to lead with, what to stress, the line to open with.

Everything here is assembled from the story's own fields (beats, metrics, tradeoffs, round
notes), so the advice stays in the candidate's words; only the short framing sentences are
the advisor's. Adaptation notes compare where the story happened with the target company.
"""

from __future__ import annotations

import re

from storybank.advisor.text import content_terms, first_sentence
from storybank.method.kinds import KINDS
from storybank.method.speech import mid_sentence, spoken_metric, tradeoff_sentence
from storybank.model import Company, Environment, Metric, Story, Tradeoff
from storybank.vocab import BEATS, STAGES

LEAD_BY_KIND: dict[str, tuple[str, ...]] = {kind.name: kind.lead for kind in KINDS}
"""Beats to lead with per question kind, in order of preference (first non-empty wins)."""

EMPHASIS: dict[str, str] = {kind.name: kind.emphasis for kind in KINDS}
"""One sentence of emphasis per kind; {choice}, {metric} and {where} come from the story."""

WEAK_EMPHASIS = (
    "Closest example, not a perfect one: say plainly what differs ({differs}) and lead with "
    "the reasoning you would apply, then use this story as evidence."
)


def lead_beat(story: Story, kind: str, weak: bool = False) -> str:
    """The beat to open with for this kind (the decision when the match is weak)."""
    prefs = ("decision", "context") if weak else LEAD_BY_KIND.get(kind, ("context",))
    for beat in (*prefs, *BEATS):
        if story.beat(beat).strip():
            return beat
    return prefs[0]


def pick_metric(story: Story, question_terms: set[str]) -> Metric | None:
    """The metric to quote: the one the question talks about, else the biggest change."""
    if not story.metrics:
        return None

    def rank(metric: Metric) -> tuple[int, int, float]:
        overlap = len(question_terms & set(content_terms(metric.name)))
        complete = int(metric.before is not None and metric.after is not None)
        change = 0.0
        if complete and metric.before:
            change = abs((metric.after - metric.before) / metric.before)  # type: ignore[operator]
        return (overlap, complete, change)

    return max(story.metrics, key=rank)


def pick_tradeoff(story: Story, question_terms: set[str]) -> Tradeoff | None:
    if not story.tradeoffs:
        return None

    def rank(item: tuple[int, Tradeoff]) -> tuple[int, int]:
        position, tradeoff = item
        text = f"{tradeoff.chose} {tradeoff.over} {tradeoff.because}"
        return (len(question_terms & set(content_terms(text))), -position)

    return max(enumerate(story.tradeoffs), key=rank)[1]


def _lower_first(text: str, context: str = "") -> str:
    """A field spliced into a sentence: the rule lives in `method.speech.mid_sentence`."""
    return mid_sentence(text, context)


def with_article(phrase: str) -> str:
    """`phrase` with "a" or "an" by how its first word sounds: an enterprise, a startup,
    a user-facing, an SDK, a B2B, an 8-week, an hour."""
    phrase = phrase.strip()
    return f"{'an' if _starts_with_vowel_sound(phrase) else 'a'} {phrase}"


def _starts_with_vowel_sound(phrase: str) -> bool:
    word = phrase.split(" ", 1)[0].split("-", 1)[0].strip("\"'(")
    if not word:
        return False
    if word[0].isdigit():  # an 8-week, an 11,000, an 18%; a 12-clinic, a 110
        number = re.match(r"\d*", word.split(",")[0]).group()  # type: ignore[union-attr]
        return number.startswith("8") or number in ("11", "18")
    if len(word) > 1 and word.isupper():  # read letter by letter: an SDK, a KPI
        return word[0] in "AEFHILMNORSX"
    low = word.lower()
    if low.startswith(("uni", "use", "usu", "uti", "ure", "eu", "ewe", "one", "once", "ubi")):
        return False
    if low.startswith(("hour", "honest", "honor", "honour", "heir")):
        return True
    return low[0] in "aeiou"


def _clause(text: str) -> str:
    return first_sentence(text, max_words=30).rstrip(" .")


def tradeoff_line(tradeoff: Tradeoff, context: str = "") -> str:
    """The tradeoff in the method's one wording, "Chose X over Y, because Z" (`context`: the
    story's text, to tell names from ordinary words at the start of each part)."""
    return tradeoff_sentence(tradeoff, context)


def story_text(story: Story) -> str:
    """All of a story's prose in one string (context for _lower_first)."""
    parts = [story.title, story.summary, *story.beats().values()]
    parts += [f"{t.chose}. {t.over}. {t.because}" for t in story.tradeoffs]
    return ". ".join(part for part in parts if part)  # each part starts a sentence


def metric_sentence(metric: Metric) -> str:
    """A metric as a sentence to say: "Reopened escalations went from 27 to 9 percent,
    down 18 points." (never "27% -> 9% (-67%)")."""
    said = spoken_metric(metric)
    if not said[:1].isdigit() and not said.startswith(("from ", "now ", "was ")):
        return f"{metric.name.strip()}: {said}."
    verb = "went " if said.startswith("from ") else "is " if said.startswith("now ") else ""
    return f"{metric.name.strip()} {verb}{said}."


def opening_line(story: Story, lead: str, metric: Metric | None) -> str:
    """One or two sentences in the story's own words, starting from the lead beat."""
    first = first_sentence(story.beat(lead)) or first_sentence(story.summary)
    if lead == "result" and metric is not None:
        return f"{metric_sentence(metric)} {first_sentence(story.decision)}".strip()
    if lead == "constraint":
        return f"{first} {first_sentence(story.decision)}".strip()
    if lead == "context":
        second = first_sentence(story.summary) or first_sentence(story.constraint)
        return f"{first} {_named_once(first, second)}".strip()
    if lead == "after":
        lesson = _lesson_sentence(story.after) or first
        return lesson
    return first


_PLACE_CLAUSE = re.compile(r"^(?:At|In|For|With|Inside|Within|While at)\s+([^,]{1,80}),\s+(?=\S)")


def _named_once(first: str, second: str) -> str:
    """`second` without a leading "At Acme," when `first` already named Acme: an opening
    names the company once."""
    match = _PLACE_CLAUSE.match(second)
    if not match:
        return second
    names = {word.strip("'s") for word in re.findall(r"\b[A-Z][\w'-]+", match.group(1))}
    if names and all(name in first for name in names):
        rest = second[match.end() :]
        return rest[:1].upper() + rest[1:]
    return second


def _lesson_sentence(text: str) -> str:
    sentences = re.split(r"(?<=[.!?])\s+", " ".join(text.split()))
    for sentence in sentences:
        low = sentence.lower()
        if "learn" in low or "lesson" in low or low.startswith("i now") or " now " in low:
            return first_sentence(sentence)
    return ""


def emphasis_sentence(
    story: Story,
    kind: str,
    metric: Metric | None,
    company: Company | None,
    tradeoff: Tradeoff | None = None,
) -> str:
    """One sentence on what to stress for this kind, filled with the story's own choice,
    number and the company's name."""
    tradeoff = tradeoff or (story.tradeoffs[0] if story.tradeoffs else None)
    choice = (
        _lower_first(_clause(tradeoff.chose), story_text(story))
        if tradeoff
        else "the option you took"
    )
    where = f"{company.name}'s environment" if company else "the interviewer's environment"
    metric_text = spoken_metric(metric, with_name=True) if metric else "your clearest number"
    template = EMPHASIS.get(kind, EMPHASIS["behavioral"])
    if kind == "metrics" and metric is None:
        return (
            "This story has no recorded numbers: state the before -> after you can stand "
            "behind, then how it was measured."
        )
    return template.format(choice=choice, where=where, metric=metric_text)


# Adaptation: what to stress when the story's environment differs from the company's.
STAGE_NOTES: dict[str, str] = {
    "small_to_large": (
        "Your story comes from {ours} company and {name} is {theirs} one: stress stakeholder "
        "alignment, governance and how the approach would scale across many teams."
    ),
    "large_to_small": (
        "Your story comes from {ours} company and {name} is {theirs} one: stress speed, doing it "
        "with few people and light process, and what you would drop."
    ),
}
CUSTOMER_NOTES: dict[str, str] = {
    "b2b-enterprise": (
        "{name} sells to large businesses: tie the result to accounts, renewals and sales "
        "or customer-success partners, not just volumes."
    ),
    "b2b-smb": ("{name} serves small businesses: stress self-serve, volume and low-touch support."),
    "b2c": "{name} is consumer-facing: talk in funnels, cohorts and experiments at scale.",
    "developer": (
        "{name} sells to developers: stress docs, changelogs, API stability and how "
        "developers experience a change."
    ),
    "marketplace": (
        "{name} is a marketplace: say how the change worked for both sides of the market."
    ),
    "internal": (
        "{name}'s customers are internal teams: stress adoption, enablement and influence "
        "without authority."
    ),
}
ORG_NOTES: dict[str, str] = {
    "centralized": (
        "{name} runs a central ops team: stress shared standards, intake and one operating "
        "rhythm across product teams."
    ),
    "embedded": (
        "{name} embeds ops in product teams: stress working inside one team's roadmap and "
        "earning trust day to day."
    ),
    "hub-and-spoke": (
        "{name} is hub-and-spoke: show what the hub standardised and what each spoke was "
        "free to adapt."
    ),
    "matrix": (
        "{name} is a matrix org: stress aligning dual reporting lines, governance and "
        "getting decisions to stick without formal authority."
    ),
}

_STAGE_WORDS = {
    "startup": "startup",
    "scaleup": "scale-up",
    "growth": "growth-stage",
    "late-stage": "late-stage",
    "enterprise": "enterprise",
}


def adaptation_notes(story_env: Environment, company: Company) -> list[str]:
    """What to stress when telling a story from `story_env` to `company` (empty if same)."""
    notes: list[str] = []
    name = company.name or company.id
    ours, theirs = story_env.stage, company.stage
    if ours in STAGES and theirs in STAGES and ours != theirs:
        gap = STAGES.index(theirs) - STAGES.index(ours)
        if abs(gap) >= 2 or {ours, theirs} & {"startup", "enterprise"}:
            key = "small_to_large" if gap > 0 else "large_to_small"
            notes.append(
                STAGE_NOTES[key].format(
                    ours=with_article(_STAGE_WORDS[ours]),
                    theirs=with_article(_STAGE_WORDS[theirs]),
                    name=name,
                )
            )
    if company.customer and story_env.customer and company.customer != story_env.customer:
        template = CUSTOMER_NOTES.get(company.customer)
        if template:
            notes.append(template.format(name=name))
    if company.org and story_env.org and company.org != story_env.org:
        template = ORG_NOTES.get(company.org)
        if template:
            notes.append(template.format(name=name))
    return notes


def environment_phrase(env: Environment) -> str:
    """The environment as a phrase after an article: "an enterprise, b2b-enterprise, matrix
    setting", "an unknown setting"."""
    parts = [p for p in (env.stage, env.customer, env.org) if p]
    return with_article(f"{', '.join(parts)} setting" if parts else "unknown setting")


def describe_environment(env: Environment) -> str:
    parts = [p for p in (env.stage, env.customer, env.org) if p]
    return ", ".join(parts) if parts else "unknown environment"
