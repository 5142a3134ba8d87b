"""The fixed vocabularies of the story bank and the aliases people type for them.

Kept in one place so that import, the editor, the advisor and lint all agree on
what a valid value is and how a typed alias is normalised.
"""

from __future__ import annotations

import re

from storybank import schema
from storybank.method import competencies as _competencies
from storybank.method.kinds import NAMES as KIND_NAMES
from storybank.method.themes import NAMES as THEME_NAMES

BEATS: tuple[str, ...] = schema.BEATS
"""The six beats of every story, in the order they are told."""

REQUIRED_BEATS: tuple[str, ...] = tuple(b for b in schema.required(schema.STORY) if b in BEATS)

STORY_KEYS: tuple[str, ...] = schema.keys(schema.STORY)
"""A story's keys in the file format, in the order files are written (storybank.schema)."""

BEAT_LABELS: dict[str, str] = {
    name: label for name, label in schema.labels(schema.STORY).items() if name in BEATS
}

COMPETENCIES: tuple[str, ...] = _competencies.NAMES
"""Built-in competencies (their one home: storybank.method.competencies); users may add
their own names (kept, listed as custom)."""

COMPETENCY_SHORT_NAMES: dict[str, str] = _competencies.SHORT_NAMES
"""Fixed three-letter names for badges and matrix columns (custom names derive their own)."""

CORE_COMPETENCIES: tuple[str, ...] = _competencies.CORE
"""The three areas Product Ops loops probe hardest: each wants two stories."""

ROUNDS: tuple[str, ...] = ("behavioral", "case", "panel")

KINDS: tuple[str, ...] = KIND_NAMES

THEMES: tuple[str, ...] = THEME_NAMES
"""The behavioral themes a story can say it answers (storybank.method.themes)."""
"""The question kinds, from their one home (storybank.method.kinds)."""

STAGES: tuple[str, ...] = ("startup", "scaleup", "growth", "late-stage", "enterprise")
CUSTOMERS: tuple[str, ...] = (
    "b2b-enterprise",
    "b2b-smb",
    "b2c",
    "developer",
    "marketplace",
    "internal",
)
ORGS: tuple[str, ...] = ("centralized", "embedded", "hub-and-spoke", "matrix")

ENVIRONMENT_FIELDS: dict[str, tuple[str, ...]] = {
    "stage": STAGES,
    "customer": CUSTOMERS,
    "org": ORGS,
}

_STAGE_ALIASES = {
    "start-up": "startup",
    "early-stage": "startup",
    "early": "startup",
    "seed": "startup",
    "pre-seed": "startup",
    "series-a": "startup",
    "scale-up": "scaleup",
    "scaling": "scaleup",
    "series-b": "scaleup",
    "series-c": "scaleup",
    "mid-stage": "growth",
    "growth-stage": "growth",
    "series-d": "growth",
    "series-e": "growth",
    "pre-ipo": "late-stage",
    "late": "late-stage",
    "latestage": "late-stage",
    "public": "enterprise",
    "ipo": "enterprise",
    "corporate": "enterprise",
    "large": "enterprise",
    "big-tech": "enterprise",
    "bigtech": "enterprise",
}
_CUSTOMER_ALIASES = {
    "enterprise": "b2b-enterprise",
    "b2b-ent": "b2b-enterprise",
    "smb": "b2b-smb",
    "sme": "b2b-smb",
    "small-business": "b2b-smb",
    "mid-market": "b2b-smb",
    "midmarket": "b2b-smb",
    "consumer": "b2c",
    "consumers": "b2c",
    "d2c": "b2c",
    "dtc": "b2c",
    "developers": "developer",
    "devtools": "developer",
    "dev-tools": "developer",
    "api": "developer",
    "platform": "developer",
    "two-sided": "marketplace",
    "two-sided-marketplace": "marketplace",
    "internal-tools": "internal",
    "employees": "internal",
}
_ORG_ALIASES = {
    "centralised": "centralized",
    "central": "centralized",
    "centralized-team": "centralized",
    "centralised-team": "centralized",
    "embedded-in-product": "embedded",
    "embedded-teams": "embedded",
    "decentralized": "embedded",
    "decentralised": "embedded",
    "hub-spoke": "hub-and-spoke",
    "hub-&-spoke": "hub-and-spoke",
    "hub-n-spoke": "hub-and-spoke",
    "hubandspoke": "hub-and-spoke",
    "hub": "hub-and-spoke",
    "matrixed": "matrix",
    "matrix-org": "matrix",
}
AMBIGUOUS: dict[str, dict[str, tuple[tuple[str, str], ...]]] = {
    "customer": {
        "b2b": (
            ("b2b-enterprise", "selling to large organisations"),
            ("b2b-smb", "selling to small and mid-size businesses"),
        ),
    },
}
"""Values that could mean more than one canonical value, each choice with what it means:
refused with the choices (plain `b2b` once became b2b-enterprise without a word, wrong for
a small-business seller, and the advisor's company fit then favoured the wrong stories)."""

ALIASES: dict[str, dict[str, str]] = {
    "stage": _STAGE_ALIASES,
    "customer": _CUSTOMER_ALIASES,
    "org": _ORG_ALIASES,
}

_COMPETENCY_ALIASES = _competencies.ALIASES

_SLUG_RE = re.compile(r"[a-z0-9][a-z0-9-]*\Z")


def slugify(text: str) -> str:
    """Fold free text to the dashed lower-case form the vocabularies use."""
    text = text.strip().lower().replace("_", "-").replace("&", "-&-")
    text = re.sub(r"[\s/]+", "-", text)
    text = re.sub(r"-{2,}", "-", text)
    return text.strip("-")


def is_slug(text: str) -> bool:
    """True for a valid id or competency name: `[a-z0-9][a-z0-9-]*`."""
    return bool(_SLUG_RE.match(text))


def ambiguous_environment(field: str, value: str) -> str | None:
    """The choices `value` could mean for `field`, said as a sentence, or None if it is not
    ambiguous: "b2b-enterprise (selling to large organisations) or b2b-smb (...)"."""
    choices = AMBIGUOUS.get(field, {}).get(slugify(value))
    if not choices:
        return None
    return " or ".join(f"{value} ({meaning})" for value, meaning in choices)


def normalise_environment(field: str, value: str) -> str | None:
    """The canonical value for `field` (stage, customer or org), or None if unknown."""
    allowed = ENVIRONMENT_FIELDS[field]
    key = slugify(value)
    if key in allowed:
        return key
    if key in ALIASES[field]:
        return ALIASES[field][key]
    compact = key.replace("-", "")
    for candidate in allowed:
        if candidate.replace("-", "") == compact:
            return candidate
    return None


def normalise_competency(value: str) -> str:
    """Fold a typed competency to its built-in name where it is one, else its slug."""
    key = slugify(value)
    key = _COMPETENCY_ALIASES.get(key, key)
    return key


def is_custom_competency(name: str) -> bool:
    return name not in COMPETENCIES
