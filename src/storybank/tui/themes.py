"""Themes as data: YAML files turned into Textual themes, never a crash on a bad file.

The packaged themes live in the top-level `themes/` folder (force-included in the
wheel); users add their own `*.yaml` files to `locations.user_themes_dir()`. Files
are read with `yaml.safe_load` and validated; every broken file is reported in one
list (shown once in a notification) and skipped, so the app always starts.

A theme file looks like this (only `name` and `primary` are required)::

    name: storybank-dark
    dark: true
    primary: "#7aa2f7"
    background: "#1a1b26"
    variables:
      badge-background: "#2f3549"
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from textual.color import Color, ColorParseError
from textual.theme import Theme

COLOR_KEYS: tuple[str, ...] = (
    "primary",
    "secondary",
    "warning",
    "error",
    "success",
    "accent",
    "foreground",
    "background",
    "surface",
    "panel",
    "boost",
)
ALLOWED_KEYS: frozenset[str] = frozenset(
    {"name", "dark", "luminosity_spread", "text_alpha", "variables", *COLOR_KEYS}
)

VARIABLE_DEFAULTS: dict[str, str] = {
    "badge-background": "#3a3f58",
    "badge-foreground": "#e6e9f2",
}
"""storybank's own theme variables (competency badges), overridable per theme."""

TEXT_STYLE_WORDS = frozenset(
    {"bold", "italic", "underline", "reverse", "strike", "dim", "none", "not", "b", "i", "u"}
)
"""Values a Textual `*-text-style` variable may hold besides colours."""

MAX_THEME_FILE_BYTES = 64 * 1024
_NAME_RE = re.compile(r"[a-z0-9][a-z0-9-]{0,47}\Z")
_VARIABLE_RE = re.compile(r"[a-z][a-z0-9-]{0,63}\Z")


class ThemeFileError(ValueError):
    """A theme file that cannot be used; the message names the file."""


@dataclass
class ThemeLoadResult:
    """What loading found: usable themes (packaged first) and one line per broken file."""

    themes: list[Theme] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    def names(self) -> list[str]:
        return [theme.name for theme in self.themes]


def theme_from_data(data: Any, source: str) -> Theme:
    """Validate one parsed theme file and build the Theme; ThemeFileError says what is wrong."""
    if not isinstance(data, dict):
        raise ThemeFileError(f"{source}: a theme file must be a mapping of keys to values")
    unknown = sorted(str(key) for key in data if key not in ALLOWED_KEYS)
    if unknown:
        raise ThemeFileError(f"{source}: unknown key(s): {', '.join(unknown)}")
    name = data.get("name")
    if not isinstance(name, str) or not _NAME_RE.match(name):
        raise ThemeFileError(
            f"{source}: 'name' must be lower-case letters, digits and dashes (e.g. my-theme)"
        )
    if "primary" not in data:
        raise ThemeFileError(f"{source}: 'primary' colour is required")
    colors: dict[str, str] = {}
    for key in COLOR_KEYS:
        if key in data and data[key] is not None:
            colors[key] = _color(data[key], f"{source}: '{key}'")
    dark = data.get("dark", True)
    if not isinstance(dark, bool):
        raise ThemeFileError(f"{source}: 'dark' must be true or false")
    variables = _variables(data.get("variables"), source)
    theme = Theme(
        name=name,
        primary=colors["primary"],
        secondary=colors.get("secondary"),
        warning=colors.get("warning"),
        error=colors.get("error"),
        success=colors.get("success"),
        accent=colors.get("accent"),
        foreground=colors.get("foreground"),
        background=colors.get("background"),
        surface=colors.get("surface"),
        panel=colors.get("panel"),
        boost=colors.get("boost"),
        dark=dark,
        variables=variables,
    )
    for key, low, high in (("luminosity_spread", 0.0, 1.0), ("text_alpha", 0.0, 1.0)):
        if key in data:  # otherwise Textual's default stays
            value = data[key]
            if isinstance(value, bool) or not isinstance(value, int | float):
                raise ThemeFileError(f"{source}: '{key}' must be a number")
            if not low <= value <= high:
                raise ThemeFileError(f"{source}: '{key}' must be between {low} and {high}")
            setattr(theme, key, float(value))
    return theme


def _color(value: Any, where: str) -> str:
    if not isinstance(value, str):
        raise ThemeFileError(f'{where} must be a colour written as text, e.g. "#7aa2f7"')
    try:
        Color.parse(value)
    except ColorParseError:
        raise ThemeFileError(f"{where}: {value!r} is not a colour") from None
    return value


def _variables(value: Any, source: str) -> dict[str, str]:
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise ThemeFileError(f"{source}: 'variables' must be a mapping of names to colours")
    out: dict[str, str] = {}
    for key, raw in value.items():
        if not isinstance(key, str) or not _VARIABLE_RE.match(key):
            raise ThemeFileError(f"{source}: variable name {key!r} is not valid")
        if isinstance(raw, str) and set(raw.split()) <= TEXT_STYLE_WORDS and raw.strip():
            out[key] = raw
            continue
        out[key] = _color(raw, f"{source}: variable '{key}'")
    return out


def load_theme_file(path: Path) -> Theme:
    """Read and validate one theme file (safe YAML only, size-limited)."""
    import yaml  # only needed at start-up and when a user theme is added

    try:
        size = path.stat().st_size
        if size > MAX_THEME_FILE_BYTES:
            raise ThemeFileError(f"{path}: larger than {MAX_THEME_FILE_BYTES // 1024} KiB")
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise ThemeFileError(f"{path}: not UTF-8 text") from None
    except OSError as exc:
        raise ThemeFileError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    try:
        # The C safe loader when present: same safe-load rules, a fraction of the start-up.
        data = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{path}:{mark.line + 1}:{mark.column + 1}" if mark is not None else str(path)
        problem = getattr(exc, "problem", None) or "not valid YAML"
        raise ThemeFileError(f"{where}: {problem}") from None
    except RecursionError:
        raise ThemeFileError(f"{path}: nested too deeply") from None
    return theme_from_data(data, str(path))


def theme_files(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.suffix in (".yaml", ".yml") and p.is_file())


def load_all_themes(
    packaged_dir: Path | None = None, user_dir: Path | None = None
) -> ThemeLoadResult:
    """Packaged themes, then the user's; a user theme may not replace a packaged one."""
    from storybank import locations, resources

    result = ThemeLoadResult()
    try:
        packaged = packaged_dir or resources.themes_dir()
    except FileNotFoundError as exc:
        result.problems.append(str(exc))
        packaged = None
    user = user_dir or locations.user_themes_dir()
    seen: set[str] = set()
    for folder in (packaged, user):
        if folder is None:
            continue
        for path in theme_files(folder):
            try:
                theme = load_theme_file(path)
            except ThemeFileError as exc:
                result.problems.append(str(exc))
                continue
            if theme.name in seen:
                result.problems.append(f"{path}: a theme named {theme.name!r} already exists")
                continue
            seen.add(theme.name)
            result.themes.append(theme)
    return result
