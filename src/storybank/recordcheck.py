"""A fast check of the database's own records, and the limits the schema shares.

Every command reads the bank, so the common case (each record as storybank wrote it)
is checked here with plain type tests, without importing the thorough validator
(`storybank.validate`, which explains a refusal with every problem and its place).
The limits live here so both read them from one home; the key lists come from
`storybank.schema`.
"""

from __future__ import annotations

import datetime as _dt
import math
import re
from collections.abc import Mapping
from typing import Any

from storybank import schema, vocab

MAX_TEXT_CHARS = 100_000
"""The longest single text value accepted (a story beat is a few hundred characters)."""
MAX_NUMBER_DIGITS = 15
"""A metric's number has at most this many digits before the point (below 10**15): a
bigger one is a typo or hostile, and would overflow float maths in the reports."""
_NUMBER_LIMIT = 10**MAX_NUMBER_DIGITS

STORY_KEYS = schema.keys(schema.STORY)
COMPANY_KEYS = schema.keys(schema.COMPANY)
QUESTION_KEYS = schema.keys(schema.QUESTION)
METRIC_KEYS = schema.keys(schema.METRIC)
TRADEOFF_KEYS = schema.keys(schema.TRADEOFF)
ENVIRONMENT_KEYS = schema.keys(schema.ENVIRONMENT)

_DATE_RE = re.compile(r"\d{4}-\d{2}-\d{2}\Z")


def _is_text(value: Any) -> bool:
    return type(value) is str and len(value) <= MAX_TEXT_CHARS


def _is_number(value: Any) -> bool:
    if value is None:
        return True
    kind = type(value)
    if kind is int:
        return -_NUMBER_LIMIT < value < _NUMBER_LIMIT
    if kind is float:
        return math.isfinite(value) and -_NUMBER_LIMIT < value < _NUMBER_LIMIT
    return False


def _are_names(value: Any) -> bool:
    """Competency names as saved: text (the naming rule is the writer's, see `_competencies`)."""
    return type(value) is list and all(_is_text(x) for x in value)


def _are_texts(value: Any) -> bool:
    return type(value) is list and all(_is_text(x) for x in value)


def _vocab_ok(data: Mapping[str, Any]) -> bool:
    for name in ENVIRONMENT_KEYS:
        value = data.get(name)
        if value is not None and value not in vocab.ENVIRONMENT_FIELDS[name]:
            return False
    return True


_STORY_KEY_SET = frozenset(STORY_KEYS)
_STORY_TEXTS = ("summary", *vocab.BEATS)


def _stored_story_ok(d: Any) -> bool:
    if type(d) is not dict or not d.keys() <= _STORY_KEY_SET:
        return False
    if not (type(d.get("id")) is str and vocab.is_slug(d["id"]) and _is_text(d.get("title"))):
        return False
    if not all(d.get(k) is None or _is_text(d[k]) for k in _STORY_TEXTS):
        return False
    if not _are_names(d.get("competencies") or []) or not _are_texts(d.get("tags") or []):
        return False
    themes = d.get("themes")
    if themes is not None and not (_are_names(themes) and set(themes) <= _THEME_SET):
        return False
    for metric in d.get("metrics") or []:
        if type(metric) is not dict or not metric.keys() <= _METRIC_KEY_SET:
            return False
        if not _is_text(metric.get("name")) or not (
            metric.get("unit") is None or _is_text(metric["unit"])
        ):
            return False
        if not (_is_number(metric.get("before")) and _is_number(metric.get("after"))):
            return False
    if type(d.get("metrics") or []) is not list or type(d.get("tradeoffs") or []) is not list:
        return False
    for tradeoff in d.get("tradeoffs") or []:
        if type(tradeoff) is not dict or not tradeoff.keys() <= _TRADEOFF_KEY_SET:
            return False
        if not _is_text(tradeoff.get("chose")) or not all(
            tradeoff.get(k) is None or _is_text(tradeoff[k]) for k in ("over", "because")
        ):
            return False
    environment = d.get("environment") or {}
    if type(environment) is not dict or not environment.keys() <= _ENVIRONMENT_KEY_SET:
        return False
    if not _vocab_ok(environment):
        return False
    rounds = d.get("rounds") or {}
    return type(rounds) is dict and all(
        k in vocab.ROUNDS and _is_text(v) for k, v in rounds.items()
    )


_METRIC_KEY_SET = frozenset(METRIC_KEYS)
_THEME_SET = frozenset(vocab.THEMES)
_TRADEOFF_KEY_SET = frozenset(TRADEOFF_KEYS)
_ENVIRONMENT_KEY_SET = frozenset(ENVIRONMENT_KEYS)
_COMPANY_KEY_SET = frozenset(COMPANY_KEYS)
_QUESTION_KEY_SET = frozenset(QUESTION_KEYS)


def _stored_company_ok(d: Any) -> bool:
    if type(d) is not dict or not d.keys() <= _COMPANY_KEY_SET:
        return False
    if not (type(d.get("id")) is str and vocab.is_slug(d["id"]) and _is_text(d.get("name"))):
        return False
    if not (_vocab_ok(d) and _are_names(d.get("focus") or [])):
        return False
    if any(d.get(k) is not None and not _is_text(d[k]) for k in ("notes", "why_us")):
        return False
    date = d.get("interview_date")
    if date is None:
        return True
    if type(date) is not str or not _DATE_RE.match(date):
        return False
    try:
        _dt.date.fromisoformat(date)
    except ValueError:
        return False
    return True


def _stored_question_ok(d: Any) -> bool:
    if type(d) is not dict or not d.keys() <= _QUESTION_KEY_SET:
        return False
    return (
        type(d.get("id")) is str
        and vocab.is_slug(d["id"])
        and _is_text(d.get("text"))
        and d.get("kind") in vocab.KINDS
        and _are_names(d.get("competencies") or [])
    )


_STORED_CHECKS = {
    "stories": _stored_story_ok,
    "companies": _stored_company_ok,
    "questions": _stored_question_ok,
}


def stored_records_look_valid(tables: Mapping[str, list[Any]]) -> bool:
    """A fast yes for the database's own records: types, shapes, bounds, ids, vocabulary.

    Reading the bank happens on every command, so the common case (every record as
    storybank wrote it) is checked with plain type tests. A no is then explained by
    `validate_stored_records`, which is thorough and slow.
    """
    for kind, check in _STORED_CHECKS.items():
        records = tables.get(kind) or []
        if not all(check(record) for record in records):
            return False
        ids = [record["id"] for record in records]
        if len(set(ids)) != len(ids):
            return False
    return True
