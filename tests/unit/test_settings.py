"""The typed settings (defaults, clamps, bad stored values) and the practice record."""

from __future__ import annotations

import ast
from pathlib import Path
from typing import Any

import pytest

import storybank
from storybank import backups, settings
from storybank.practice import PracticeRecord, add_to_history, read_history
from storybank.store import Store


class Memory:
    """A settings store in memory that counts writes."""

    def __init__(self, **values: Any) -> None:
        self.values = dict(values)
        self.writes = 0

    def get_setting(self, key: str, default: Any = None) -> Any:
        return self.values.get(key, default)

    def set_setting(self, key: str, value: Any) -> None:
        self.writes += 1
        self.values[key] = value


def test_every_setting_has_a_unique_key_and_a_valid_default() -> None:
    keys = [s.key for s in settings.ALL]
    assert len(keys) == len(set(keys))
    for setting in settings.ALL:
        assert setting.coerce(setting.default) == setting.default, setting
        assert settings.read(None, setting) == setting.default
        assert settings.read(Memory(), setting) == setting.default
        assert setting.doc


def test_defaults_when_nothing_is_stored(db_path: Path) -> None:
    store = Store.open()
    assert settings.read(store, settings.THEME) == "storybank-dark"
    assert settings.read(store, settings.PRACTICE_SECONDS) == 120
    assert settings.read(store, settings.TARGET_COMPANY) is None
    assert settings.read(store, settings.STORY_SORT) == "bank"
    assert settings.read(store, settings.COMPANY_SORT) == "interview"
    assert settings.read(store, settings.BACKUPS_KEEP) == 20
    assert not db_path.exists()  # reading writes nothing


@pytest.mark.parametrize(
    ("stored", "expected"),
    [
        (90, 90),
        (5, 30),  # clamped up
        (10_000, 600),  # clamped down
        (95.0, 95),
        (95.7, 120),  # not a whole number of seconds
        (True, 120),  # a bool is not a number of seconds
        ("90", 120),
        (None, 120),
        ([90], 120),
        (float("nan"), 120),
        (float("inf"), 120),
    ],
)
def test_practice_seconds_clamps_and_ignores_bad_values(stored: object, expected: int) -> None:
    assert settings.read(Memory(**{"practice.seconds": stored}), settings.PRACTICE_SECONDS) == (
        expected
    )


def test_bad_stored_values_read_as_the_default(db_path: Path) -> None:
    store = Store.open()
    store.set_setting("theme", 7)
    store.set_setting("target.company", "")
    store.set_setting("stories.sort", "shoe size")
    store.set_setting("companies.sort", ["name"])
    store.set_setting("backups.keep", 0)
    assert settings.read(store, settings.THEME) == "storybank-dark"
    assert settings.read(store, settings.TARGET_COMPANY) is None
    assert settings.read(store, settings.STORY_SORT) == "bank"
    assert settings.read(store, settings.COMPANY_SORT) == "interview"
    assert settings.read(store, settings.BACKUPS_KEEP) == 20  # 0 is a mistake, not "one"


def test_write_clamps_and_round_trips_through_the_store(db_path: Path) -> None:
    store = Store.open()
    assert settings.write(store, settings.PRACTICE_SECONDS, 9_999) == 600
    assert store.get_setting("practice.seconds") == 600
    assert settings.write(store, settings.TARGET_COMPANY, "acme") == "acme"
    assert settings.read(Store.open(), settings.TARGET_COMPANY) == "acme"
    settings.write(store, settings.TARGET_COMPANY, None)
    assert settings.read(Store.open(), settings.TARGET_COMPANY) is None
    settings.write(store, settings.STORY_SORT, "title")
    assert settings.read(Store.open(), settings.STORY_SORT) == "title"


def test_write_refuses_a_value_of_the_wrong_kind_and_stores_nothing() -> None:
    memory = Memory()
    with pytest.raises(ValueError, match=r"stories\.sort"):
        settings.write(memory, settings.STORY_SORT, "shoe size")
    with pytest.raises(ValueError, match=r"practice\.seconds"):
        settings.write(memory, settings.PRACTICE_SECONDS, "lots")  # type: ignore[arg-type]
    assert memory.writes == 0 and memory.values == {}


def test_write_skips_a_value_already_in_effect() -> None:
    memory = Memory()
    settings.write(memory, settings.THEME, "storybank-dark")  # the default: nothing to store
    assert memory.writes == 0
    settings.write(memory, settings.THEME, "nord")
    settings.write(memory, settings.THEME, "nord")
    assert memory.writes == 1


def test_a_choice_cycles_through_every_option() -> None:
    seen = [settings.STORY_SORT.default]
    for _ in settings.STORY_SORT.choices:
        seen.append(settings.STORY_SORT.after(seen[-1]))
    assert seen[-1] == seen[0]
    assert sorted(set(seen)) == sorted(settings.STORY_SORT.choices)
    assert settings.STORY_SORT.after("unknown") == settings.STORY_SORT.choices[0]


def test_backups_read_keep_through_the_declared_setting() -> None:
    def data(value: object) -> dict[str, Any]:
        return {"settings": {"1": {"key": "backups.keep", "value": value}}}

    assert backups.keep_setting(data(3)) == 3
    assert backups.keep_setting(data(-1)) == 20
    assert backups.keep_setting(data("3")) == 20
    assert backups.keep_setting({}) == 20


def _setting_calls(tree: ast.AST) -> list[tuple[int, str]]:
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in ("get_setting", "set_setting")
            and node.args
            and isinstance(node.args[0], ast.Constant)
        ):
            found.append((node.lineno, str(node.args[0].value)))
    return found


def test_no_screen_or_command_spells_a_setting_key() -> None:
    """Screens and commands go through `storybank.settings`, never a string key."""
    root = Path(storybank.__file__).parent
    offenders = []
    for folder in ("tui", "cli"):
        for path in sorted((root / folder).rglob("*.py")):
            for line, key in _setting_calls(ast.parse(path.read_text(encoding="utf-8"))):
                offenders.append(f"{path.relative_to(root)}:{line}: {key}")
    assert offenders == []


def test_practice_record_round_trips_and_keeps_its_stored_form(db_path: Path) -> None:
    record = PracticeRecord(
        date="2026-03-01T09:30:00",
        question_id="q-1",
        question="Tell me about a time you failed.",
        kind="failure",
        competencies=["execution"],
        company="acme",
        chosen="s1",
        advisor="s2",
        rating=4,
        seconds=95,
        limit=120,
    )
    data = record.to_dict()
    assert list(data) == [
        "date",
        "question_id",
        "question",
        "kind",
        "competencies",
        "company",
        "chosen",
        "advisor",
        "rating",
        "seconds",
        "limit",
    ]
    assert PracticeRecord.from_dict(data) == record
    store = Store.open()
    add_to_history(store, record.replace(follow_ups=["And then?"]))
    (back,) = read_history(store)
    assert back.follow_ups == ["And then?"] and back.seconds == 95 and back.timed
    assert store.practice_history()[0]["follow_ups"] == ["And then?"]


def test_practice_record_reads_old_and_odd_entries_without_failing() -> None:
    old = {
        "date": "2025-01-02T10:00:00",
        "question_id": "q-9",
        "question": "Why ops?",
        "rating": True,  # not a rating
        "seconds": "fast",
        "chosen": None,
        "competencies": ["strategy", 3],
        "mood": "tired",  # a key from another version: kept
    }
    record = PracticeRecord.from_dict(old)
    assert record.rating is None and record.seconds is None and not record.timed
    assert record.competencies == ["strategy"] and record.limit is None
    assert record.extra == {"mood": "tired"}
    assert record.to_dict()["mood"] == "tired"
    assert PracticeRecord.from_dict({"rating": 9}).rating is None
    assert PracticeRecord.from_dict({}).question_id == ""


def test_last_edited_reads_the_kept_versions_once(db_path: Path) -> None:
    from factories import complete_story

    store = Store.open()
    first, second = complete_story("one", "One"), complete_story("two", "Two")
    store.upsert_story(first)
    store.upsert_story(second)
    assert store.last_edited() == {}  # added, never changed
    store.upsert_story(first.replace(summary="Changed once."))
    store.upsert_story(first.replace(summary="Changed twice."))
    edited = store.last_edited()
    assert list(edited) == ["one"]
    assert edited["one"] == max(v.replaced_at for v in store.story_versions("one"))
