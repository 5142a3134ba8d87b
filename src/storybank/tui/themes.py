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

TEXT_STYLE_SUFFIX = "-text-style"
"""Variables named so hold text-style words; every other variable holds a colour."""
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


def theme_from_data(data: Any, source: str, *, packaged: bool = False) -> Theme:
    """Validate one parsed theme file and build the Theme; ThemeFileError says what is wrong.

    A packaged theme skips only the last check (building Textual's whole colour system,
    about 1 ms a theme at every start): the suite builds each one's, and the rest of the
    checks still run."""
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
    if packaged:
        return theme
    try:  # what Textual does on preview: a value it cannot use fails here, not in the app
        theme.to_color_system().generate()
    except Exception as exc:  # Textual's own errors vary by version; all mean "unusable"
        raise ThemeFileError(f"{source}: Textual cannot use this theme ({exc})") from None
    return theme


def _color(value: Any, where: str) -> str:
    if not isinstance(value, str):
        raise ThemeFileError(f'{where} must be a colour written as text, e.g. "#7aa2f7"')
    try:
        Color.parse(value)
    except (ColorParseError, ValueError, TypeError):
        raise ThemeFileError(f"{where}: {_shown(value)} is not a colour") from None
    return value


def _variables(value: Any, source: str) -> dict[str, str]:
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise ThemeFileError(f"{source}: 'variables' must be a mapping of names to colours")
    out: dict[str, str] = {}
    for key, raw in value.items():
        if not isinstance(key, str) or not _VARIABLE_RE.match(key):
            raise ThemeFileError(f"{source}: variable name {_shown(key)} is not valid")
        if key.endswith(TEXT_STYLE_SUFFIX):
            # A text style, never a colour: Textual reads these as `text-style:` values.
            words = set(raw.split()) if isinstance(raw, str) else set()
            if not words or not words <= TEXT_STYLE_WORDS:
                raise ThemeFileError(
                    f"{source}: variable '{key}' must be text-style words "
                    f"({', '.join(sorted(TEXT_STYLE_WORDS))}), not {_shown(raw)}"
                )
            out[key] = raw
            continue
        # Every other variable is used where Textual expects a colour (`$primary`,
        # `$footer-key-foreground`): `underline` there breaks the whole stylesheet.
        out[key] = _color(raw, f"{source}: variable '{key}'")
    return out


def _shown(value: Any) -> str:
    """A short, control-free rendering of a value for a one-line problem."""
    from storybank.safetext import clean_line

    text = clean_line(repr(value))
    return text if len(text) <= 40 else text[:39] + "…"


_PLAIN_WORD_RE = re.compile(r"[A-Za-z][A-Za-z0-9_-]*\Z")
_FLOAT_RE = re.compile(r"(?:0|[1-9][0-9]{0,5})\.[0-9]{1,6}\Z")
_INT_RE = re.compile(r"(?:0|[1-9][0-9]{0,5})\Z")
"""Short numbers only: a long one is PyYAML's to read (and to refuse, past 4,300 digits)."""
_QUOTED_RE = re.compile(r'"([^"\\]*)"\Z')
_LINE_RE = re.compile(r"( *)([a-z][a-z0-9_-]*):(?: +(.*?))? *\Z")
_YAML_WORDS = frozenset(
    word
    for base in ("y", "yes", "n", "no", "true", "false", "on", "off", "null")
    for word in (base, base.capitalize(), base.upper())
)
"""Plain words YAML 1.1 reads as something other than text (booleans, null)."""


def _scalar(raw: str) -> tuple[bool, Any]:
    """(understood, value) of one value in the simple form; not understood -> PyYAML."""
    quoted = _QUOTED_RE.match(raw)
    if quoted:
        return True, quoted.group(1)
    if raw in ("true", "false"):
        return True, raw == "true"
    if _FLOAT_RE.match(raw):
        return True, float(raw)
    if _INT_RE.match(raw):
        return True, int(raw)
    if _PLAIN_WORD_RE.match(raw) and raw not in _YAML_WORDS and raw != "~":
        return True, raw
    return False, None


def simple_theme_data(text: str) -> dict[str, Any] | None:
    """The mapping of a theme file written the way the packaged ones are, without PyYAML
    (whose import is most of the themes' share of start-up); None for anything else.

    Understood: `key: value` lines, `variables:` followed by lines indented by two
    spaces, whole-line comments and blank lines; values double-quoted without escapes,
    true/false, short plain decimal numbers, or plain words that YAML reads as text. Anything
    else (flow style, escapes, anchors, tabs, a comment after a value, a repeated key,
    an unusual word) returns None and the file goes to `yaml.load`, which reads what
    this reads to the same values."""
    data: dict[str, Any] = {}
    nested: dict[str, Any] | None = None
    for line in text.split("\n"):
        if line.endswith("\r"):
            return None
        stripped = line.strip(" ")
        if not stripped or (stripped.startswith("#") and not line.startswith(" ")):
            continue
        match = _LINE_RE.match(line)
        if match is None:
            return None
        indent, key, raw = match.groups()
        if indent == "":
            nested = None
            if key in data:
                return None
            if raw is None:
                if key != "variables":
                    return None
                nested = data[key] = {}
                continue
            target = data
        elif indent == "  " and nested is not None and raw is not None:
            if key in nested:
                return None
            target = nested
        else:
            return None
        understood, value = _scalar(raw)
        if not understood:
            return None
        target[key] = value
    if data.get("variables") == {}:
        return None  # `variables:` with nothing under it is null in YAML
    return data or None


def load_theme_file(path: Path, *, packaged: bool = False) -> Theme:
    """Read and validate one theme file (safe YAML only, size-limited)."""
    from storybank.userfile import FileTooLargeError, read_capped

    try:
        text = read_capped(path, MAX_THEME_FILE_BYTES).decode("utf-8")
    except UnicodeDecodeError:
        raise ThemeFileError(f"{path}: not UTF-8 text") from None
    except FileTooLargeError:
        raise ThemeFileError(f"{path}: larger than {MAX_THEME_FILE_BYTES // 1024} KiB") from None
    except OSError as exc:
        raise ThemeFileError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    simple = simple_theme_data(text)
    if simple is not None:
        return theme_from_data(simple, str(path), packaged=packaged)
    import yaml  # only for a theme file written in more of YAML than the packaged ones

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
    except (ValueError, TypeError, OverflowError) as exc:
        # Parsed, but a value cannot be built: an impossible date (2024-13-45), `!!float
        # abc`, an integer over 4,300 digits. The message is Python's, cut to one line.
        reason = str(exc).splitlines()[0][:120] if str(exc) else type(exc).__name__
        raise ThemeFileError(f"{path}: a value cannot be read ({reason})") from None
    return theme_from_data(data, str(path), packaged=packaged)


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
                theme = load_theme_file(path, packaged=folder is packaged)
            except ThemeFileError as exc:
                result.problems.append(str(exc))
                continue
            if theme.name in seen:
                result.problems.append(f"{path}: a theme named {theme.name!r} already exists")
                continue
            seen.add(theme.name)
            result.themes.append(theme)
    return result
