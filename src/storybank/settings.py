"""Every setting storybank keeps in the bank's `settings` table, declared once.

A setting is a key, the type of its value, a default and (for numbers) a clamp. The
store holds any JSON value under any key; this module is the only place that knows
which keys exist and what a good value is, so screens and commands never spell a key
or a limit themselves:

    seconds = settings.read(store, settings.PRACTICE_SECONDS)
    settings.write(store, settings.PRACTICE_SECONDS, seconds + 30)  # clamped to 30..600

A stored value of the wrong type (an old version's, or a hand edit) reads as the
default and is never an error: a setting is a preference, and a bad one must not stop
the app from opening.
"""

from __future__ import annotations

from typing import Any, Generic, Protocol, TypeVar

T = TypeVar("T")


class SettingsReader(Protocol):
    """What reading a setting needs: the store, or anything with the same method."""

    def get_setting(self, key: str, default: Any = None) -> Any: ...


class SettingsWriter(SettingsReader, Protocol):
    def set_setting(self, key: str, value: Any) -> None: ...


class Setting(Generic[T]):
    """One key: what it is for, its default, and how a stored value is checked."""

    __slots__ = ("default", "doc", "key")

    def __init__(self, key: str, default: T, doc: str) -> None:
        self.key = key
        self.default = default
        self.doc = doc

    def coerce(self, raw: object) -> T:
        """The value to use for a stored `raw` value: checked, clamped, else the default."""
        raise NotImplementedError

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.key!r})"


class IntSetting(Setting[int]):
    """A whole number kept within `minimum`..`maximum` (`90.0` counts; `95.5` does not).

    With `low_is_default`, a value below the minimum reads as the default instead of the
    minimum: `backups.keep: 0` is a mistake, not a wish to keep one backup.
    """

    __slots__ = ("low_is_default", "maximum", "minimum")

    def __init__(
        self,
        key: str,
        default: int,
        doc: str,
        *,
        minimum: int,
        maximum: int | None = None,
        low_is_default: bool = False,
    ) -> None:
        super().__init__(key, default, doc)
        self.minimum = minimum
        self.maximum = maximum
        self.low_is_default = low_is_default

    def clamp(self, value: int) -> int:
        value = max(self.minimum, value)
        return value if self.maximum is None else min(self.maximum, value)

    def coerce(self, raw: object) -> int:
        if isinstance(raw, bool) or not isinstance(raw, int | float):
            return self.default
        if isinstance(raw, float) and not raw.is_integer():  # also NaN and infinities
            return self.default
        if self.low_is_default and raw < self.minimum:
            return self.default
        return self.clamp(int(raw))


class ChoiceSetting(Setting[str]):
    """One of a fixed set of names (a sort order, say)."""

    __slots__ = ("choices",)

    def __init__(self, key: str, default: str, doc: str, *, choices: tuple[str, ...]) -> None:
        if default not in choices:
            raise ValueError(f"{key}: default {default!r} is not one of {choices}")
        super().__init__(key, default, doc)
        self.choices = choices

    def coerce(self, raw: object) -> str:
        return raw if isinstance(raw, str) and raw in self.choices else self.default

    def after(self, current: str) -> str:
        """The next choice after `current`, wrapping round (what a "cycle" key does)."""
        index = self.choices.index(current) if current in self.choices else -1
        return self.choices[(index + 1) % len(self.choices)]


class NameSetting(Setting[T]):
    """A short name (a theme, a company id), or the default when none is stored."""

    __slots__ = ()

    def coerce(self, raw: object) -> T:
        if isinstance(raw, str) and raw.strip() and len(raw) <= 200:
            return raw  # type: ignore[return-value]  # T is str or str | None here
        return self.default


THEME: NameSetting[str] = NameSetting(
    "theme", "storybank-dark", "The colour theme's name (the app checks that it exists)."
)
PRACTICE_SECONDS = IntSetting(
    "practice.seconds",
    120,
    "Seconds to answer a practice question out loud.",
    minimum=30,
    maximum=600,
)
PRACTICE_STEP = 30
"""Seconds that one press of + or - on the Practice screen adds or takes off."""
TARGET_COMPANY: NameSetting[str | None] = NameSetting(
    "target.company",
    None,
    "The id of the company being prepared for: Ask, Coverage, Practice, Brief and "
    "Companies all start on it, and choosing another in any of them changes it for all.",
)
STORY_SORT = ChoiceSetting(
    "stories.sort",
    "bank",
    "The story list's order: as in the bank, or by id, title, quality (lowest first, "
    "the story that needs work on top), last practised (longest ago first) or last "
    "edited (newest first).",
    choices=("bank", "id", "title", "quality", "practised", "edited"),
)
COMPANY_SORT = ChoiceSetting(
    "companies.sort",
    "interview",
    "The order companies are listed in wherever one is chosen: by interview date "
    "(the next one first, then undated, past last) or by name.",
    choices=("interview", "name"),
)
BACKUPS_KEEP = IntSetting(
    "backups.keep",
    20,
    "How many backups of the bank are kept (the newest).",
    minimum=1,
    low_is_default=True,
)
CREATED: NameSetting[str | None] = NameSetting(
    "created", None, "When `storybank init` created the bank (ISO 8601, UTC)."
)

ALL: tuple[Setting[Any], ...] = (
    THEME,
    PRACTICE_SECONDS,
    TARGET_COMPANY,
    STORY_SORT,
    COMPANY_SORT,
    BACKUPS_KEEP,
    CREATED,
)
"""Every setting, in the order `docs` and tests list them."""

_MISSING = object()


def read(store: SettingsReader | None, setting: Setting[T]) -> T:
    """The setting's value in `store` (checked), else its default (also with no store)."""
    if store is None:
        return setting.default
    raw = store.get_setting(setting.key, _MISSING)
    return setting.default if raw is _MISSING else setting.coerce(raw)


def is_stored(store: SettingsReader | None, setting: Setting[Any]) -> bool:
    """Whether the user (or an older version) ever stored a value for `setting`."""
    return store is not None and store.get_setting(setting.key, _MISSING) is not _MISSING


def write(store: SettingsWriter | None, setting: Setting[T], value: T) -> T:
    """Store `value` (checked and clamped, as a read would see it) and return it.

    Nothing is written when a read already gives that value (each write takes the lock
    and may take a backup). A value the setting refuses raises ValueError, never stores
    the default in its place. StoryBankError from the store (locked, disk full) passes
    through for the caller to report.
    """
    checked = setting.coerce(value)
    if checked != value and not (
        isinstance(setting, IntSetting) and isinstance(value, int) and not isinstance(value, bool)
    ):
        raise ValueError(f"{value!r} is not a valid value for the setting {setting.key}")
    if store is None:
        return checked
    if read(store, setting) != checked:
        store.set_setting(setting.key, checked)
    return checked


def raw_value(data: dict[str, Any], setting: Setting[T]) -> T:
    """The setting from raw database data (`{"settings": {...}}`), for code that reads
    the file without a Store (the backup pruning)."""
    for doc in (data.get("settings") or {}).values():
        if isinstance(doc, dict) and doc.get("key") == setting.key:
            return setting.coerce(doc.get("value")) if "value" in doc else setting.default
    return setting.default
