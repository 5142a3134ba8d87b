"""The learned part of reading a question: its kind and what it probes, from the model
trained on real interview questions (storybank.method.learned), layered over the advisor's
cue reading. Without a shipped model the cue reading stands alone.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from storybank import schema
from storybank.method import learned
from storybank.method.features import words

if TYPE_CHECKING:
    from storybank.model import Company, Pitch

PITCH_PREFIX = "pitch-"
"""Probes that name a part of the pitch (about-me, why-role, ...), not a story theme."""


class Reading(Protocol):
    question: str
    kind: str
    probes: dict[str, float]
    kind_source: str
    kind_scores: dict[str, float]
    competency_weights: dict[str, float]
    reads_like: tuple[str, str] | None


def cue_features(reading: Reading) -> list[str]:
    """What the cue reading found in the question, as features of the learned model: the
    competencies its cue phrases name (and which is strongest), the kinds with any cue, the
    kind the cues alone decide, and the themes named in its words. Trained with the same
    function (`advisor.question_cues`), so the model learns how far to trust each cue
    lexicon from the corpus (held-out probe accuracy 0.48 without them, 0.55 with)."""
    from storybank.method.themes import named_in

    out = [f"cue:{name}" for name in reading.competency_weights]
    out += [f"cuetop:{n}" for n, w in reading.competency_weights.items() if w >= 0.99]
    out += [f"kcue:{kind}" for kind, score in reading.kind_scores.items() if score > 0]
    out.append(f"kind:{reading.kind}")
    out += [f"theme:{name}" for name in named_in(reading.question)]
    return out


def apply_model(reading: Reading) -> None:
    """Set the reading's kind and probes from the learned model, when one is available."""
    model = learned.model()
    if model is None or not words(reading.question):
        return  # nothing the model can read (no English words): the cue reading stands
    kinds, probes = model.read(reading.question, cue_features(reading))
    # The model reads the cue reading as features and learned from the corpus how far to
    # trust each cue, so its kind stands alone (held out: 0.748 alone; adding the cue
    # weights on top again, as before the cue features, 0.737).
    reading.kind = max(kinds, key=lambda k: (kinds[k], k))
    reading.kind_source = "model"
    reading.probes = probes
    reading.reads_like = model.nearest(reading.question)


def pitch_part(reading: Reading) -> str | None:
    """The pitch part a motivation question asks for ("about-me", "why-company"...), if any."""
    if reading.kind != "motivation":
        return None
    parts = {p: w for p, w in reading.probes.items() if p.startswith(PITCH_PREFIX)}
    if not parts:
        return None
    return max(parts, key=lambda p: (parts[p], p))[len(PITCH_PREFIX) :]


PITCH_PARTS: dict[str, str] = {
    "about-me": "your 60-90 second arc (what you do now, what you did before, why this role)",
    "why-role": "why this work: what product ops means to you and why you want more of it",
    "why-company": "your 'why us' note for this company",
    "future": "where this role leads for you",
    "self": "a strength or weakness you can show with evidence",
    "questions": "the questions you prepared for them",
}
"""What each part of the pitch holds, said when a question asks for it."""


PITCH_FIELDS: dict[str, str] = {
    "about-me": "arc",
    "why-role": "why_this_work",
    "future": "future",
    "self": "strengths",
    "questions": "questions",
}
"""Where each pitch part is kept: a field of `model.Pitch` (why-company is the company's
`why_us`). The CLI names the parts by these fields, with dashes."""

PITCH_LABELS: dict[str, str] = {
    **{part: schema.field(schema.PITCH, name).label for part, name in PITCH_FIELDS.items()},
    "why-company": schema.field(schema.COMPANY, "why_us").label,
}
"""How each part is headed where the user's own text is shown (the schema's labels)."""


def pitch_text(part: str, pitch: Pitch | None, company: Company | None) -> str:
    """What the user wrote for this part of the pitch ('' when they have not)."""
    if part == "why-company":
        return company.why_us.strip() if company is not None else ""
    field = PITCH_FIELDS.get(part)
    return getattr(pitch, field).strip() if pitch is not None and field else ""


def pitch_note(
    reading: Reading,
    evidence_title: str,
    pitch: Pitch | None = None,
    company: Company | None = None,
) -> str | None:
    """For a question answered from the pitch, what to say and which story backs it."""
    if reading.kind != "motivation":
        return None
    part = pitch_part(reading) or "about-me"
    what = PITCH_PARTS.get(part, PITCH_PARTS["about-me"])
    evidence = f'then use "{evidence_title}" as the one piece of evidence.'
    if pitch_text(part, pitch, company):
        label = PITCH_LABELS.get(part, PITCH_LABELS["about-me"]).lower()
        return f"A pitch question, not a story: say {label} (below), {evidence}"
    if part == "why-company" and company is None:
        unwritten = " Choose the company to see your note for it."
    elif part == "why-company":
        unwritten = (
            f" You have no note for {company.name if company else 'them'} yet: write one "
            "in the company editor."
        )
    else:
        unwritten = (
            " You have not written it yet: `storybank pitch set "
            f"{PITCH_FIELDS.get(part, 'arc').replace('_', '-')} TEXT`, or Your pitch in "
            "the app's command palette."
        )
    return f"A pitch question, not a story: answer from {what}, {evidence}{unwritten}"


def probe_reasons(reading: Reading, strengths: dict[str, float], limit: int = 2) -> list[str]:
    """The question's likeliest probes that the story shows (for `why`), strongest first."""
    likely = sorted(reading.probes.items(), key=lambda kv: (-kv[1], kv[0]))
    shown = [
        name
        for name, p in likely[:4]
        if p >= 0.1 and strengths.get(name, 0.0) >= 0.5 and not name.startswith(PITCH_PREFIX)
    ]
    return shown[:limit]
