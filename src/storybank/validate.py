"""Turn untrusted plain data (a YAML file, an editor form) into model records.

Every problem is collected, not just the first, so a person fixes a file in one
pass. Problems carry the data path (`("stories", 2, "title")`) and, when the
data came from YAML, the 1-based line and column of the offending node, looked
up in a `Positions` table that `storybank.yamlio` fills while walking the nodes.

Scalars from YAML arrive as text: plain scalars that YAML 1.1 would have typed
(`NO`, `12:30`, `012345`, `2024-05-01`) come as `RawScalar`, a `str` holding
exactly what was written plus the value YAML would have made of it. Text fields
keep the text; number fields use the typed value. Data from elsewhere (the TUI
editor, tests) may hold real ints and floats, which number fields accept too.
"""

from __future__ import annotations

import datetime as _dt
import math
import re
from collections.abc import Callable, Mapping
from typing import Any

from storybank import safetext, schema, vocab
from storybank.errors import Problem
from storybank.model import (
    FILE_FORMAT_VERSION,
    PICK_SOURCES,
    RATINGS,
    AskedQuestion,
    Bank,
    Company,
    Debrief,
    Environment,
    Metric,
    Number,
    Pick,
    Pitch,
    Question,
    Redaction,
    Review,
    Story,
    Telling,
    Tradeoff,
)
from storybank.recordcheck import (
    _DATE_RE,
    _NUMBER_LIMIT,
    COMPANY_KEYS,
    ENVIRONMENT_KEYS,
    MAX_NUMBER_DIGITS,
    MAX_TEXT_CHARS,
    METRIC_KEYS,
    QUESTION_KEYS,
    STORY_KEYS,
    TRADEOFF_KEYS,
)
from storybank.safetext import clean_line

Path = tuple[str | int, ...]

EMPTY_FILE_MESSAGE = "the file is empty: expected a mapping with 'version: 1' and a 'stories:' list"

TELLING_KEYS: tuple[str, ...] = (
    "id",
    "company",
    "story",
    "date",
    "round",
    "interviewer",
    "numbers",
)
DEBRIEF_KEYS: tuple[str, ...] = (
    "id",
    "company",
    "date",
    "round",
    "interviewer",
    "asked",
    "predicted",
)
ASKED_KEYS: tuple[str, ...] = ("text", "kind", "predicted")
REVIEW_KEYS: tuple[str, ...] = ("card", "rating", "at")
REDACTION_KEYS: tuple[str, ...] = ("name", "as")
TOP_KEYS: tuple[str, ...] = (
    "version",
    "redacted",
    "stories",
    "companies",
    "questions",
    "ledger",
    "debriefs",
    "redactions",
    "reviews",
    "picks",
    "pitch",
)

_ROUND_ALIASES = {"behavioural": "behavioral", "behavior": "behavioral", "behaviour": "behavioral"}

_LONG_DIGITS_RE = re.compile(rf"\s*[+-]?[0-9_]{{{MAX_NUMBER_DIGITS + 1},}}(\.[0-9_]*)?\s*")
_NUMBER_RE = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?\Z")
_LEADING_ZERO_RE = re.compile(r"[+-]?0[0-9_]+\Z")


class RawScalar(str):
    """A plain YAML scalar exactly as written, with the tag and value YAML 1.1 gives it.

    A text field keeps the text (so `NO` stays `NO`, `012345` keeps its zero);
    a number field reads `typed`.
    """

    tag: str
    typed: Any

    def __new__(cls, text: str, tag: str, typed: Any) -> RawScalar:
        obj = super().__new__(cls, text)
        obj.tag = tag
        obj.typed = typed
        return obj


class _Refused:
    """Stands in for a value already reported by the YAML walk (a refused tag, a huge scalar)."""

    def __repr__(self) -> str:
        return "<refused>"


REFUSED: Any = _Refused()

_NULL_TAG = "tag:yaml.org,2002:null"


class Positions:
    """1-based (line, column) of values and keys by data path, filled by the YAML walk.

    A plain class, not a dataclass: the database read (on `storybank ask`'s path)
    validates with this module, and `dataclasses` costs more to import than it saves.
    """

    __slots__ = ("keys", "values")

    def __init__(self) -> None:
        self.values: dict[Path, tuple[int, int]] = {}
        self.keys: dict[Path, tuple[int, int]] = {}

    def locate(self, path: Path, *, key: bool = False) -> tuple[int | None, int | None]:
        """The position of `path` (its key when `key`), else of its nearest located parent."""
        if key and path in self.keys:
            return self.keys[path]
        probe = path
        while True:
            if probe in self.values:
                return self.values[probe]
            if not probe:
                return None, None
            probe = probe[:-1]


class _Collector:
    """Gathers problems with their positions while validation walks the data."""

    def __init__(
        self, positions: Positions | None, base: Path = (), *, stored: bool = False
    ) -> None:
        self.problems: list[Problem] = []
        self.positions = positions
        self.base = base
        self.stored = stored
        """Reading the database back: the same types and shapes, but content rules are
        the writer's (a story saved without a competency is still readable), and
        invisible characters are tolerated: outputs neutralise them, and banks made
        before import refused them may hold some."""

    def add(self, path: Path, message: str, *, key: bool = False) -> None:
        full = self.base + path
        line, column = (None, None)
        if self.positions is not None:
            line, column = self.positions.locate(full, key=key)
        self.problems.append(Problem(message, line, column, full))

    def where(self, path: Path) -> str:
        """'line N' of a path, for messages that point back at an earlier place."""
        if self.positions is None:
            return ""
        line, _ = self.positions.locate(self.base + path)
        return f" (first at line {line})" if line is not None else ""


# ---------------------------------------------------------------- small helpers


def _is_null(value: Any) -> bool:
    """No value, where a number, list or mapping is expected (`~`, `null`, or nothing)."""
    return value is None or (isinstance(value, RawScalar) and value.tag == _NULL_TAG)


def _no_text(value: Any) -> bool:
    """No value where text is expected: only an empty one (`~` or `null` are kept as text)."""
    return value is None


def _kind(value: Any) -> str:
    """How a wrong value is described to the person who wrote it."""
    if isinstance(value, RawScalar):
        return f"text '{_short(value)}'"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return f"the number {value}"
    if isinstance(value, str):
        return f"text '{_short(value)}'"
    if isinstance(value, Mapping):
        return "a mapping"
    if isinstance(value, list | tuple):
        return "a list"
    if value is None:
        return "nothing"
    return f"a {type(value).__name__}"


def _short(text: str, limit: int = 40) -> str:
    """A one-line, control-free excerpt of user text for a message."""
    text = clean_line(text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _suggest(word: str, choices: tuple[str, ...] | list[str]) -> str:
    import difflib  # only when there is something to suggest

    match = difflib.get_close_matches(str(word), list(choices), n=1, cutoff=0.6)
    return f" (did you mean '{match[0]}'?)" if match else ""


def _check_text(c: _Collector, path: Path, value: Any, label: str) -> str | None:
    """Text as written, or None with a problem: wrong type, control character, too long."""
    if value is REFUSED:
        return None
    if not isinstance(value, str):
        c.add(path, f"{label} must be text, not {_kind(value)}")
        return None
    text = str(value)
    if len(text) > MAX_TEXT_CHARS:
        c.add(
            path, f"{label} is too long ({len(text):,} characters; the limit is {MAX_TEXT_CHARS:,})"
        )
        return None
    bad = None if c.stored else safetext.first_unsafe(text)
    if bad is not None:
        char = bad.group()
        if safetext.is_control(char):
            why = "the control character"
            fix = "remove it (only tab and newline are allowed)"
        else:
            why = "the invisible character"
            fix = (
                "remove it: invisible and text-direction characters can make text read "
                "differently from what it holds"
            )
        c.add(
            path,
            f"{label} contains {why} {safetext.describe(char)} at character "
            f"{bad.start() + 1}; {fix}",
        )
        return None
    return text


def _optional_text(c: _Collector, data: Mapping[str, Any], key: str, label: str) -> str:
    value = data.get(key)
    if _no_text(value):
        return ""
    return _check_text(c, (key,), value, label) or ""


def _text_of(
    c: _Collector,
    data: Mapping[str, Any],
    fields: tuple[schema.Field, ...],
    key: str,
    label: str,
    owner: str,
) -> str:
    """A text field, required or optional as the schema declares it."""
    if schema.field(fields, key).required:
        return _required_text(c, data, key, label, owner)
    return _optional_text(c, data, key, label)


def _required_text(
    c: _Collector, data: Mapping[str, Any], key: str, label: str, owner: str, hint: str = ""
) -> str:
    if key not in data or _no_text(data[key]):
        c.add((), f"{owner} is missing required key '{key}'{hint}")
        return ""
    text = _check_text(c, (key,), data[key], label)
    if text is not None and not text.strip() and not c.stored:
        c.add((key,), f"{label} is empty; it is required{hint}")
    return text or ""


def _check_keys(
    c: _Collector, data: Mapping[str, Any], allowed: tuple[str, ...], owner: str
) -> None:
    for key in data:
        if key not in allowed:
            c.add(
                (key,),
                f"unknown key '{_short(str(key))}' in {owner}{_suggest(str(key), allowed)}",
                key=True,
            )


def _check_number(c: _Collector, path: Path, value: Any, label: str) -> Number | None:
    if _is_null(value) or value is REFUSED:
        return None
    if isinstance(value, str) and not isinstance(value, RawScalar) and not value.strip():
        return None  # an empty form field or `''`: no number given
    number: Any = None
    if isinstance(value, str) and _LONG_DIGITS_RE.fullmatch(value):
        c.add(path, _too_large(label, value))  # before int(): over 4,300 digits it raises
        return None
    if isinstance(value, RawScalar):
        if ":" in value:
            number = None  # YAML 1.1 base 60 (12:30 is 750, while 08:30 is text): refused
        elif _LEADING_ZERO_RE.match(value):
            number = int(value.replace("_", ""))  # YAML 1.1 octal (017 is 15): read as written
        elif value.tag in ("tag:yaml.org,2002:int", "tag:yaml.org,2002:float"):
            number = value.typed
    elif isinstance(value, bool):
        number = None
    elif isinstance(value, int | float):
        number = value
    elif isinstance(value, str) and len(value) <= 60 and _NUMBER_RE.match(value.strip()):
        text = value.strip()
        number = int(text) if re.fullmatch(r"[+-]?\d+", text) else float(text)
    if not isinstance(number, int | float) or isinstance(number, bool):
        hint = ""
        if isinstance(value, str) and re.match(r"\s*[+-]?\.?\d", value):
            hint = " (write the unit in 'unit', e.g. before: 10, unit: h)"
        c.add(path, f"{label} must be a number, not {_kind(value)}{hint}")
        return None
    if isinstance(number, float) and not math.isfinite(number):
        c.add(path, f"{label} must be a finite number, not {_short(str(value))}")
        return None
    if not -_NUMBER_LIMIT < number < _NUMBER_LIMIT:
        c.add(path, _too_large(label, value))
        return None
    return number


def _too_large(label: str, value: Any) -> str:
    if isinstance(value, int) and not isinstance(value, bool):
        # str() of an int over 4,300 digits raises; the bit length bounds it first
        size = f"{len(str(abs(value))):,} digits" if value.bit_length() < 14_000 else "huge"
    elif isinstance(value, str) and re.fullmatch(r"\s*[+-]?[0-9_]+(\.[0-9_]*)?\s*", value):
        whole = value.strip().lstrip("+-").split(".")[0].replace("_", "")
        size = f"{len(whole):,} digits"
    else:
        size = _short(str(value), 24)
    return (
        f"{label} is too large ({size}; a number has at most {MAX_NUMBER_DIGITS} digits "
        "before the point)"
    )


def _check_list(c: _Collector, path: Path, value: Any, label: str, example: str) -> list[Any]:
    if _is_null(value) or value is REFUSED:
        return []
    if not isinstance(value, list | tuple):
        c.add(path, f"{label} must be a list (e.g. {example}), not {_kind(value)}")
        return []
    return list(value)


def _check_mapping(c: _Collector, path: Path, value: Any, label: str) -> Mapping[str, Any] | None:
    if _is_null(value) or value is REFUSED:
        return None
    if not isinstance(value, Mapping):
        c.add(path, f"{label} must be a mapping of keys, not {_kind(value)}")
        return None
    return value


def _competencies(
    c: _Collector, path: Path, value: Any, owner: str, *, required: bool, key: str
) -> list[str]:
    if (
        required
        and not c.stored
        and (_is_null(value) or (isinstance(value, list | tuple) and not value))
    ):
        c.add(
            path if not _is_null(value) else path[:-1],
            f"{owner} needs at least one competency in '{key}' "
            f"(e.g. {', '.join(vocab.CORE_COMPETENCIES)})",
        )
        return []
    items = _check_list(c, path, value, f"'{key}' in {owner}", "[metric-frameworks]")
    out: list[str] = []
    for index, item in enumerate(items):
        label = f"competency #{index + 1} in {owner}"
        text = _check_text(c, (*path, index), item, label)
        if text is None:
            continue
        if c.stored:  # the name as saved (a type check; naming rules are the writer's)
            out.append(text)
            continue
        name = vocab.normalise_competency(text)
        if not vocab.is_slug(name):
            c.add(
                (*path, index),
                f"{label} '{_short(text)}' is not a usable name: use letters, digits and dashes "
                f"(built-in: {', '.join(vocab.COMPETENCIES)})",
            )
            continue
        if name not in out:
            out.append(name)
    return out


def _environment_value(
    c: _Collector, path: Path, value: Any, field_name: str, owner: str
) -> str | None:
    if _is_null(value):
        return None
    text = _check_text(c, path, value, f"'{field_name}' in {owner}")
    if text is None:
        return None
    choices = vocab.ambiguous_environment(field_name, text)
    if choices:
        c.add(path, f"{field_name} '{_short(text)}' in {owner} is ambiguous: write {choices}")
        return None
    normal = vocab.normalise_environment(field_name, text)
    if normal is None:
        allowed = vocab.ENVIRONMENT_FIELDS[field_name]
        c.add(
            path,
            f"unknown {field_name} '{_short(text)}' in {owner}: allowed values are "
            f"{', '.join(allowed)}{_suggest(vocab.slugify(text), allowed)}",
        )
    return normal


def _check_id(c: _Collector, data: Mapping[str, Any], kind: str) -> str | None:
    value = data.get("id")
    if "id" not in data or _is_null(value):
        return None
    text = _check_text(c, ("id",), value, f"the id of this {kind}")
    if text is None:
        return None
    if not vocab.is_slug(text):
        suggestion = vocab.slugify(text)
        hint = f" (e.g. '{suggestion}')" if vocab.is_slug(suggestion) else ""
        c.add(
            ("id",),
            f"{kind} id '{_short(text)}' is not valid: use lower-case letters, digits and dashes, "
            f"starting with a letter or digit{hint}",
        )
        return None
    return text


def _owner(kind: str, data: Mapping[str, Any], index: int | None) -> str:
    """'story 'x'' when the id is usable, else 'story #3' by position."""
    value = data.get("id")
    if isinstance(value, str) and not _is_null(value) and vocab.is_slug(str(value)):
        return f"{kind} '{value}'"
    return f"{kind} #{index + 1}" if index is not None else f"this {kind}"


def _not_a_mapping(
    c: _Collector, kind: str, index: int | None, value: Any, keys: tuple[str, ...]
) -> None:
    where = f"{kind} #{index + 1}" if index is not None else f"the {kind}"
    c.add((), f"{where} must be a mapping of keys ({', '.join(keys[:4])}, ...), not {_kind(value)}")


# ---------------------------------------------------------------- records


def _story(c: _Collector, data: Any, index: int | None) -> Story | None:
    if data is REFUSED:
        return None
    if not isinstance(data, Mapping):
        _not_a_mapping(c, "story", index, data, STORY_KEYS)
        return None
    before = len(c.problems)
    owner = _owner("story", data, index)
    _check_keys(c, data, STORY_KEYS, owner)
    if "id" not in data or _is_null(data.get("id")):
        c.add(
            (),
            f"{owner} is missing required key 'id' (a short slug such as "
            f"'{schema.field(schema.STORY, 'id').example}')",
        )
    story_id = _check_id(c, data, "story")
    title = _text_of(c, data, schema.STORY, "title", f"the title of {owner}", owner)
    summary = _text_of(c, data, schema.STORY, "summary", f"the summary of {owner}", owner)
    competencies = _competencies(
        c, ("competencies",), data.get("competencies"), owner, required=True, key="competencies"
    )
    beats: dict[str, str] = {}
    for beat in vocab.BEATS:
        beats[beat] = _text_of(c, data, schema.STORY, beat, f"the {beat} beat of {owner}", owner)
    metrics: list[Metric] = []
    for i, item in enumerate(
        _check_list(
            c,
            ("metrics",),
            data.get("metrics"),
            f"'metrics' in {owner}",
            schema.field(schema.STORY, "metrics").example,
        )
    ):
        metric = _metric(c, ("metrics", i), item, f"metric #{i + 1} in {owner}")
        if metric is not None:
            metrics.append(metric)
    tradeoffs: list[Tradeoff] = []
    for i, item in enumerate(
        _check_list(
            c,
            ("tradeoffs",),
            data.get("tradeoffs"),
            f"'tradeoffs' in {owner}",
            schema.field(schema.STORY, "tradeoffs").example,
        )
    ):
        tradeoff = _tradeoff(c, ("tradeoffs", i), item, f"tradeoff #{i + 1} in {owner}")
        if tradeoff is not None:
            tradeoffs.append(tradeoff)
    environment = _environment(c, data.get("environment"), owner)
    rounds = _rounds(c, data.get("rounds"), owner)
    tags: list[str] = []
    for i, item in enumerate(
        _check_list(
            c,
            ("tags",),
            data.get("tags"),
            f"'tags' in {owner}",
            schema.field(schema.STORY, "tags").example,
        )
    ):
        text = _check_text(c, ("tags", i), item, f"tag #{i + 1} in {owner}")
        if text is not None and not text.strip():
            c.add(("tags", i), f"tag #{i + 1} in {owner} is empty")
        elif text is not None:
            tags.append(text)
    themes = _themes(c, data.get("themes"), owner)
    if len(c.problems) > before or story_id is None:
        return None
    return Story(
        id=story_id,
        title=title,
        summary=summary,
        competencies=competencies,
        metrics=metrics,
        tradeoffs=tradeoffs,
        environment=environment,
        rounds=rounds,
        tags=tags,
        themes=themes,
        **beats,
    )


def _themes(c: _Collector, value: Any, owner: str) -> list[str] | None:
    """The themes the user declared; None when the key is absent or empty (not said)."""
    if _is_null(value):
        return None
    example = schema.field(schema.STORY, "themes").example
    items = _check_list(c, ("themes",), value, f"'themes' in {owner}", example)
    out: list[str] = []
    for index, item in enumerate(items):
        label = f"theme #{index + 1} in {owner}"
        text = _check_text(c, ("themes", index), item, label)
        if text is None:
            continue
        name = vocab.slugify(text)
        if name not in vocab.THEMES:
            c.add(
                ("themes", index),
                f"unknown {label} '{_short(text)}': themes are "
                f"{', '.join(vocab.THEMES)}{_suggest(name, vocab.THEMES)}",
            )
        elif name not in out:
            out.append(name)
    return out


def _sub(c: _Collector, path: Path) -> _Collector:
    """A collector for a nested record, sharing the problem list."""
    sub = _Collector(c.positions, c.base + path, stored=c.stored)
    sub.problems = c.problems
    return sub


def _metric(c: _Collector, path: Path, data: Any, owner: str) -> Metric | None:
    mapping = _check_mapping(c, path, data, owner)
    if mapping is None:
        if _is_null(data):
            c.add(path, f"{owner} is empty; give it a name, before and after")
        return None
    s = _sub(c, path)
    before = len(c.problems)
    _check_keys(s, mapping, METRIC_KEYS, owner)
    name = _text_of(s, mapping, schema.METRIC, "name", f"the name of {owner}", owner)
    start = _check_number(s, ("before",), mapping.get("before"), f"'before' of {owner}")
    end = _check_number(s, ("after",), mapping.get("after"), f"'after' of {owner}")
    unit = _text_of(s, mapping, schema.METRIC, "unit", f"the unit of {owner}", owner)
    if len(c.problems) > before:
        return None
    return Metric(name=name, before=start, after=end, unit=unit)


def _tradeoff(c: _Collector, path: Path, data: Any, owner: str) -> Tradeoff | None:
    mapping = _check_mapping(c, path, data, owner)
    if mapping is None:
        if _is_null(data):
            c.add(path, f"{owner} is empty; say what you chose, over what, and why")
        return None
    s = _sub(c, path)
    before = len(c.problems)
    _check_keys(s, mapping, TRADEOFF_KEYS, owner)
    chose = _text_of(s, mapping, schema.TRADEOFF, "chose", f"'chose' of {owner}", owner)
    over = _text_of(s, mapping, schema.TRADEOFF, "over", f"'over' of {owner}", owner)
    because = _text_of(s, mapping, schema.TRADEOFF, "because", f"'because' of {owner}", owner)
    if len(c.problems) > before:
        return None
    return Tradeoff(chose=chose, over=over, because=because)


def _environment(c: _Collector, data: Any, owner: str) -> Environment:
    mapping = _check_mapping(c, ("environment",), data, f"'environment' in {owner}")
    if mapping is None:
        return Environment()
    s = _sub(c, ("environment",))
    _check_keys(s, mapping, ENVIRONMENT_KEYS, f"the environment of {owner}")
    values = {
        name: _environment_value(s, (name,), mapping.get(name), name, owner)
        for name in ENVIRONMENT_KEYS
    }
    return Environment(**values)


def _rounds(c: _Collector, data: Any, owner: str) -> dict[str, str]:
    mapping = _check_mapping(c, ("rounds",), data, f"'rounds' in {owner}")
    if mapping is None:
        return {}
    s = _sub(c, ("rounds",))
    out: dict[str, str] = {}
    for key, value in mapping.items():
        name = _ROUND_ALIASES.get(str(key).lower(), str(key).lower())
        if name not in vocab.ROUNDS:
            s.add(
                (key,),
                f"unknown round '{_short(str(key))}' in {owner}: rounds are "
                f"{', '.join(vocab.ROUNDS)}{_suggest(str(key).lower(), vocab.ROUNDS)}",
                key=True,
            )
            continue
        if _is_null(value):
            continue
        text = _check_text(s, (key,), value, f"the {name} round note of {owner}")
        if text is not None and name in out:
            s.add((key,), f"round '{name}' is given twice in {owner}", key=True)
        elif text is not None and text.strip():
            out[name] = text
    return {k: out[k] for k in vocab.ROUNDS if k in out}


def _company(c: _Collector, data: Any, index: int | None) -> Company | None:
    if data is REFUSED:
        return None
    if not isinstance(data, Mapping):
        _not_a_mapping(c, "company", index, data, COMPANY_KEYS)
        return None
    before = len(c.problems)
    owner = _owner("company", data, index)
    _check_keys(c, data, COMPANY_KEYS, owner)
    if "id" not in data or _is_null(data.get("id")):
        c.add(
            (),
            f"{owner} is missing required key 'id' (a short slug such as "
            f"'{schema.field(schema.COMPANY, 'id').example}')",
        )
    company_id = _check_id(c, data, "company")
    name = _text_of(c, data, schema.COMPANY, "name", f"the name of {owner}", owner)
    env = {
        key: _environment_value(c, (key,), data.get(key), key, owner) for key in ENVIRONMENT_KEYS
    }
    focus = _competencies(c, ("focus",), data.get("focus"), owner, required=False, key="focus")
    notes = _text_of(c, data, schema.COMPANY, "notes", f"the notes of {owner}", owner)
    why_us = _text_of(c, data, schema.COMPANY, "why_us", f"the 'why us' note of {owner}", owner)
    interview_date = _date(c, data.get("interview_date"), owner)
    if len(c.problems) > before or company_id is None:
        return None
    return Company(
        id=company_id,
        name=name,
        focus=focus,
        notes=notes,
        interview_date=interview_date,
        why_us=why_us,
        **env,
    )


def _date(c: _Collector, value: Any, owner: str) -> str | None:
    if _is_null(value):
        return None
    label = f"'interview_date' of {owner}"
    if isinstance(value, _dt.date) and not isinstance(value, _dt.datetime):
        return value.isoformat()
    if not isinstance(value, str):
        c.add(("interview_date",), f"{label} must be a date written YYYY-MM-DD, not {_kind(value)}")
        return None
    text = str(value).strip()
    try:
        if not _DATE_RE.match(text):
            raise ValueError
        _dt.date.fromisoformat(text)
    except ValueError:
        c.add(
            ("interview_date",),
            f"{label} must be a real date written YYYY-MM-DD (e.g. 2025-03-14), "
            f"not '{_short(text)}'",
        )
        return None
    return text


def _question(c: _Collector, data: Any, index: int | None) -> Question | None:
    if data is REFUSED:
        return None
    if not isinstance(data, Mapping):
        _not_a_mapping(c, "question", index, data, QUESTION_KEYS)
        return None
    before = len(c.problems)
    owner = _owner("question", data, index)
    _check_keys(c, data, QUESTION_KEYS, owner)
    if "id" not in data or _is_null(data.get("id")):
        c.add((), f"{owner} is missing required key 'id'")
    question_id = _check_id(c, data, "question")
    text = _text_of(c, data, schema.QUESTION, "text", f"the text of {owner}", owner)
    kind_text = _text_of(c, data, schema.QUESTION, "kind", f"the kind of {owner}", owner)
    kind = kind_text.strip().lower()
    if kind_text and kind not in vocab.KINDS:
        c.add(
            ("kind",),
            f"unknown kind '{_short(kind_text)}' in {owner}: kinds are "
            f"{', '.join(vocab.KINDS)}{_suggest(kind, vocab.KINDS)}",
        )
    competencies = _competencies(
        c, ("competencies",), data.get("competencies"), owner, required=False, key="competencies"
    )
    if len(c.problems) > before or question_id is None:
        return None
    return Question(id=question_id, text=text, kind=kind, competencies=competencies)


# ---------------------------------------------------------------- the loop ledger


def _iso_date(c: _Collector, data: Mapping[str, Any], key: str, owner: str) -> str | None:
    """A required YYYY-MM-DD date under `key` (YAML may have typed it as a date)."""
    value = data.get(key)
    label = f"'{key}' of {owner}"
    if key not in data or _is_null(value):
        c.add((), f"{owner} is missing required key '{key}' (a date written YYYY-MM-DD)")
        return None
    if isinstance(value, _dt.date) and not isinstance(value, _dt.datetime):
        return value.isoformat()
    if not isinstance(value, str):
        c.add((key,), f"{label} must be a date written YYYY-MM-DD, not {_kind(value)}")
        return None
    text = str(value).strip()
    try:
        if not _DATE_RE.match(text):
            raise ValueError
        _dt.date.fromisoformat(text)
    except ValueError:
        c.add((key,), f"{label} must be a real date written YYYY-MM-DD, not '{_short(text)}'")
        return None
    return text


def _slug_ref(c: _Collector, data: Mapping[str, Any], key: str, owner: str) -> str | None:
    """A required reference to another record's id (a company, a story)."""
    value = data.get(key)
    if key not in data or _is_null(value):
        c.add((), f"{owner} is missing required key '{key}' (the {key}'s id)")
        return None
    text = _check_text(c, (key,), value, f"'{key}' of {owner}")
    if text is None:
        return None
    if not vocab.is_slug(text):
        c.add((key,), f"'{key}' of {owner} must be a {key} id, not '{_short(text)}'")
        return None
    return text


def _optional_line(c: _Collector, data: Mapping[str, Any], key: str, owner: str) -> str | None:
    """Optional one-line free text (a round name, an interviewer); None when absent or blank."""
    value = data.get(key)
    if _is_null(value):
        return None
    text = _check_text(c, (key,), value, f"'{key}' of {owner}")
    if text is None or not text.strip():
        return None
    if "\n" in text:
        c.add((key,), f"'{key}' of {owner} must be one line")
        return None
    return text.strip()


def _telling(c: _Collector, data: Any, index: int | None) -> Telling | None:
    if data is REFUSED:
        return None
    if not isinstance(data, Mapping):
        _not_a_mapping(c, "ledger entry", index, data, TELLING_KEYS)
        return None
    before = len(c.problems)
    owner = _owner("ledger entry", data, index)
    _check_keys(c, data, TELLING_KEYS, owner)
    if "id" not in data or _is_null(data.get("id")):
        c.add((), f"{owner} is missing required key 'id'")
    entry_id = _check_id(c, data, "ledger entry")
    company = _slug_ref(c, data, "company", owner)
    story = _slug_ref(c, data, "story", owner)
    date = _iso_date(c, data, "date", owner)
    round_name = _optional_line(c, data, "round", owner)
    if round_name is not None:
        round_name = _ROUND_ALIASES.get(round_name.lower(), round_name)
    interviewer = _optional_line(c, data, "interviewer", owner)
    numbers: list[Metric] = []
    for i, item in enumerate(
        _check_list(c, ("numbers",), data.get("numbers"), f"'numbers' in {owner}", "[{name: ...}]")
    ):
        metric = _metric(c, ("numbers", i), item, f"number #{i + 1} in {owner}")
        if metric is not None:
            numbers.append(metric)
    if len(c.problems) > before or None in (entry_id, company, story, date):
        return None
    return Telling(
        id=str(entry_id),
        company=str(company),
        story=str(story),
        date=str(date),
        round=round_name,
        interviewer=interviewer,
        numbers=numbers,
    )


def _asked(c: _Collector, path: Path, data: Any, owner: str) -> AskedQuestion | None:
    mapping = _check_mapping(c, path, data, owner)
    if mapping is None:
        if _is_null(data):
            c.add(path, f"{owner} is empty; give the question's text and kind")
        return None
    s = _sub(c, path)
    before = len(c.problems)
    _check_keys(s, mapping, ASKED_KEYS, owner)
    text = _required_text(s, mapping, "text", f"the text of {owner}", owner)
    kind_text = _required_text(s, mapping, "kind", f"the kind of {owner}", owner)
    kind = kind_text.strip().lower()
    if kind_text and kind not in vocab.KINDS:
        s.add(("kind",), f"unknown kind '{_short(kind_text)}' in {owner}: kinds are "
              f"{', '.join(vocab.KINDS)}")  # fmt: skip
    predicted = _optional_line(s, mapping, "predicted", owner)
    if len(c.problems) > before:
        return None
    return AskedQuestion(text=text, kind=kind, predicted=predicted)


def _debrief(c: _Collector, data: Any, index: int | None) -> Debrief | None:
    if data is REFUSED:
        return None
    if not isinstance(data, Mapping):
        _not_a_mapping(c, "debrief", index, data, DEBRIEF_KEYS)
        return None
    before = len(c.problems)
    owner = _owner("debrief", data, index)
    _check_keys(c, data, DEBRIEF_KEYS, owner)
    if "id" not in data or _is_null(data.get("id")):
        c.add((), f"{owner} is missing required key 'id'")
    debrief_id = _check_id(c, data, "debrief")
    company = _slug_ref(c, data, "company", owner)
    date = _iso_date(c, data, "date", owner)
    round_name = _optional_line(c, data, "round", owner)
    if round_name is not None:
        round_name = _ROUND_ALIASES.get(round_name.lower(), round_name)
    interviewer = _optional_line(c, data, "interviewer", owner)
    asked: list[AskedQuestion] = []
    for i, item in enumerate(
        _check_list(c, ("asked",), data.get("asked"), f"'asked' in {owner}", "[{text: ...}]")
    ):
        question = _asked(c, ("asked", i), item, f"asked question #{i + 1} in {owner}")
        if question is not None:
            asked.append(question)
    predicted: list[str] = []
    for i, item in enumerate(
        _check_list(c, ("predicted",), data.get("predicted"), f"'predicted' in {owner}", "[q-1]")
    ):
        text = _check_text(c, ("predicted", i), item, f"predicted question #{i + 1} in {owner}")
        if text is not None:
            predicted.append(text)
    if len(c.problems) > before or None in (debrief_id, company, date):
        return None
    return Debrief(
        id=str(debrief_id),
        company=str(company),
        date=str(date),
        round=round_name,
        interviewer=interviewer,
        asked=asked,
        predicted=predicted,
    )


def _pick(c: _Collector, data: Any, index: int | None) -> Pick | None:
    """One story the user chose for a question: the question, the story id, a UTC time."""
    if data is REFUSED:
        return None
    owner = f"pick #{(index or 0) + 1}"
    keys = schema.keys(schema.PICK)
    if not isinstance(data, Mapping):
        _not_a_mapping(c, "pick", index, data, keys)
        return None
    before = len(c.problems)
    _check_keys(c, data, keys, owner)
    question = _text_of(c, data, schema.PICK, "question", f"the question of {owner}", owner)
    if question and not question.strip():
        c.add(("question",), f"the question of {owner} is empty")
    story = _slug_ref(c, data, "story", owner)
    at = _text_of(c, data, schema.PICK, "at", f"the time of {owner}", owner)
    if at and not _is_utc_time(at):
        c.add(
            ("at",),
            f"the time of {owner} must be an ISO 8601 time with a time zone "
            f"(e.g. {schema.field(schema.PICK, 'at').example}), not '{_short(at)}'",
        )
    source = _optional_text(c, data, "source", f"where {owner} was made").strip().lower()
    if source and source not in PICK_SOURCES:
        c.add(
            ("source",),
            f"unknown source '{_short(source)}' in {owner}: sources are "
            f"{', '.join(PICK_SOURCES)}{_suggest(source, PICK_SOURCES)}",
        )
    if len(c.problems) > before or story is None:
        return None
    return Pick(question=question, story=story, at=str(at), source=source or "ask")


def _pitch(c: _Collector, data: Mapping[str, Any]) -> Pitch:
    """The optional `pitch:` mapping: each part one text (files without it still import)."""
    mapping = _check_mapping(c, ("pitch",), data.get("pitch"), "'pitch'")
    if mapping is None:
        return Pitch()
    s = _sub(c, ("pitch",))
    _check_keys(s, mapping, schema.keys(schema.PITCH), "the pitch")
    parts = {
        field.name: _text_of(
            s, mapping, schema.PITCH, field.name, f"'{field.name}' of the pitch", "the pitch"
        )
        for field in schema.PITCH
    }
    return Pitch(**parts)


def _picks(c: _Collector, data: Mapping[str, Any]) -> list[Pick]:
    """The optional `picks:` list (files without it still import)."""
    picks: list[Pick] = []
    items = _check_list(c, ("picks",), data.get("picks"), "'picks'", "[{question: ..., ...}]")
    for index, item in enumerate(items):
        pick = _pick(_sub(c, ("picks", index)), item, index)
        if pick is not None:
            picks.append(pick)
    return picks


def _review(c: _Collector, data: Any, index: int | None) -> Review | None:
    """One recall-drill grade: a card id, again/hard/good/easy, and a UTC time."""
    if data is REFUSED:
        return None
    owner = f"review #{(index or 0) + 1}"
    if not isinstance(data, Mapping):
        _not_a_mapping(c, "review", index, data, REVIEW_KEYS)
        return None
    before = len(c.problems)
    _check_keys(c, data, REVIEW_KEYS, owner)
    card = _required_text(c, data, "card", f"the card of {owner}", owner)
    rating_text = _required_text(c, data, "rating", f"the rating of {owner}", owner)
    rating = rating_text.strip().lower()
    if rating_text and rating not in RATINGS:
        c.add(
            ("rating",),
            f"unknown rating '{_short(rating_text)}' in {owner}: ratings are "
            f"{', '.join(RATINGS)}{_suggest(rating, RATINGS)}",
        )
    at = _required_text(c, data, "at", f"the time of {owner}", owner)
    if at and not _is_utc_time(at):
        c.add(
            ("at",),
            f"the time of {owner} must be an ISO 8601 time with a time zone "
            f"(e.g. 2026-03-14T09:30:00Z), not '{_short(at)}'",
        )
    if len(c.problems) > before:
        return None
    return Review(card=card, rating=rating, at=str(at))


def _is_utc_time(text: str) -> bool:
    try:
        moment = _dt.datetime.fromisoformat(text.strip())
    except ValueError:
        return False
    return moment.tzinfo is not None


def _redaction(c: _Collector, data: Any, index: int | None) -> Redaction | None:
    """A name to hide in redacted exports and its stand-in (`{name: ..., as: ...}`)."""
    if data is REFUSED:
        return None
    owner = f"redaction #{(index or 0) + 1}"
    if not isinstance(data, Mapping):
        _not_a_mapping(c, "redaction", index, data, REDACTION_KEYS)
        return None
    before = len(c.problems)
    _check_keys(c, data, REDACTION_KEYS, owner)
    name = _required_text(c, data, "name", f"the name of {owner}", owner)
    stand_in = _required_text(
        c, data, "as", f"the stand-in of {owner}", owner, " (e.g. as: a Series C analytics company)"
    )
    if "\n" in name or "\n" in stand_in:
        c.add((), f"{owner} must fit on one line")
    if len(c.problems) > before:
        return None
    return Redaction(name=name, stand_in=stand_in)


def _redacted_flag(c: _Collector, data: Mapping[str, Any]) -> bool:
    value = data.get("redacted")
    if _is_null(value):
        return False
    flag = value.typed if isinstance(value, RawScalar) else value
    if not isinstance(flag, bool):
        c.add(("redacted",), f"'redacted' must be true or false, not {_kind(value)}")
        return False
    return flag


def _recall_sections(
    c: _Collector, data: Mapping[str, Any]
) -> tuple[list[Review], list[Redaction]]:
    """The optional `reviews:` and `redactions:` lists (files without them still import)."""
    reviews: list[Review] = []
    for index, item in enumerate(
        _check_list(c, ("reviews",), data.get("reviews"), "'reviews'", "[{card: ..., ...}]")
    ):
        review = _review(_sub(c, ("reviews", index)), item, index)
        if review is not None:
            reviews.append(review)
    redactions: list[Redaction] = []
    seen: dict[str, int] = {}
    for index, item in enumerate(
        _check_list(
            c, ("redactions",), data.get("redactions"), "'redactions'", "[{name: ..., as: ...}]"
        )
    ):
        redaction = _redaction(_sub(c, ("redactions", index)), item, index)
        if redaction is None:
            continue
        key = " ".join(redaction.name.split()).casefold()
        if key in seen:
            c.add(
                ("redactions", index, "name"),
                f"the name '{_short(redaction.name)}' is listed twice in 'redactions' "
                f"(redaction #{seen[key] + 1}{c.where(('redactions', seen[key]))})",
            )
            continue
        seen[key] = index
        redactions.append(redaction)
    return reviews, redactions


# ---------------------------------------------------------------- public API


def validate_story_data(
    data: Mapping[str, Any], positions: Positions | None = None
) -> tuple[Story | None, list[Problem]]:
    """A Story from plain data (e.g. the editor's fields), or None and every problem found."""
    c = _Collector(positions)
    story = _story(c, data, None)
    return (story if not c.problems else None), c.problems


def validate_company_data(
    data: Mapping[str, Any], positions: Positions | None = None
) -> tuple[Company | None, list[Problem]]:
    """A Company from plain data, or None and every problem found."""
    c = _Collector(positions)
    company = _company(c, data, None)
    return (company if not c.problems else None), c.problems


def validate_question_data(
    data: Mapping[str, Any], positions: Positions | None = None
) -> tuple[Question | None, list[Problem]]:
    c = _Collector(positions)
    question = _question(c, data, None)
    return (question if not c.problems else None), c.problems


def validate_telling_data(
    data: Mapping[str, Any], positions: Positions | None = None
) -> tuple[Telling | None, list[Problem]]:
    """A ledger entry from plain data (the `told` command, a TUI key), or every problem."""
    c = _Collector(positions)
    telling = _telling(c, data, None)
    return (telling if not c.problems else None), c.problems


def validate_debrief_data(
    data: Mapping[str, Any], positions: Positions | None = None
) -> tuple[Debrief | None, list[Problem]]:
    c = _Collector(positions)
    debrief = _debrief(c, data, None)
    return (debrief if not c.problems else None), c.problems


_SECTIONS: dict[str, tuple[str, Callable[[_Collector, Any, int | None], Any]]] = {
    "stories": ("story", _story),
    "companies": ("company", _company),
    "questions": ("question", _question),
    "ledger": ("ledger entry", _telling),
    "debriefs": ("debrief", _debrief),
}


def validate_stored_records(
    tables: Mapping[str, list[Any]],
) -> tuple[Bank | None, list[Problem]]:
    """A Bank from the database's own records, checked with the import schema.

    `tables` maps "stories", "companies" and "questions" to their records in order.
    The same checks as an import (types, required keys, bounded numbers, ids,
    vocabulary), except the writer's content rules (a story saved without a
    competency yet is readable) and the invisible-character rule: outputs neutralise
    those characters, and a bank made before import refused them must stay readable.
    """
    data = {"version": FILE_FORMAT_VERSION, **{k: list(v) for k, v in tables.items()}}
    return validate_bank_data(data, stored=True)


def validate_bank_data(
    data: Any, positions: Positions | None = None, *, stored: bool = False
) -> tuple[Bank | None, list[Problem]]:
    """A Bank from a whole file's data, or None and every problem found in it."""
    c = _Collector(positions, stored=stored)
    if data is REFUSED:
        return None, c.problems
    if _is_null(data) or (isinstance(data, str) and not data.strip()):
        c.add((), EMPTY_FILE_MESSAGE)
        return None, c.problems
    if not isinstance(data, Mapping):
        c.add(
            (),
            "the file must be a mapping with 'version: 1' and 'stories:', 'companies:' or "
            f"'questions:' lists at the top, not {_kind(data)}",
        )
        return None, c.problems
    _check_keys(c, data, TOP_KEYS, "the file (top level)")
    if "version" in data:
        version = data["version"]
        number = version.typed if isinstance(version, RawScalar) else version
        if (
            isinstance(version, str)
            and not isinstance(version, RawScalar)
            and version.strip().isdigit()
        ):
            number = int(version.strip())
        if isinstance(number, bool) or not isinstance(number, int):
            c.add(
                ("version",),
                f"'version' must be the number {FILE_FORMAT_VERSION}, not {_kind(version)}",
            )
        elif number != FILE_FORMAT_VERSION:
            c.add(
                ("version",),
                f"this file is format version {number}; this storybank reads version "
                f"{FILE_FORMAT_VERSION} (a newer storybank may read it)",
            )
    redacted = _redacted_flag(c, data)
    reviews, redactions = _recall_sections(c, data)
    picks = _picks(c, data)
    pitch = _pitch(c, data)
    results: dict[str, list[Any]] = {}
    for section, (kind, check) in _SECTIONS.items():
        items = _check_list(c, (section,), data.get(section), f"'{section}'", "[{id: ..., ...}]")
        records: list[Any] = []
        first_seen: dict[str, int] = {}
        for index, item in enumerate(items):
            record = check(_sub(c, (section, index)), item, index)
            item_id = item.get("id") if isinstance(item, Mapping) else None
            if isinstance(item_id, str) and vocab.is_slug(str(item_id)):
                if item_id in first_seen:
                    earlier = first_seen[item_id]
                    c.add(
                        (section, index, "id"),
                        f"duplicate {kind} id '{item_id}': {kind} #{earlier + 1} has it too"
                        f"{c.where((section, earlier, 'id'))}",
                    )
                    continue
                first_seen[str(item_id)] = index
            if record is not None:
                records.append(record)
        results[section] = records
    if c.problems:
        return None, c.problems
    return Bank(
        stories=results["stories"],
        companies=results["companies"],
        questions=results["questions"],
        ledger=results["ledger"],
        debriefs=results["debriefs"],
        reviews=reviews,
        redactions=redactions,
        redacted=redacted,
        picks=picks,
        pitch=pitch,
    ), []
