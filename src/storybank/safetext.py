"""The one rule for characters in user text that a reader cannot see or a terminal obeys.

Two groups, one home (every output and the import check read these sets):

- *Controls*: C0 (except tab and newline), DEL and C1. A terminal acts on them (ESC
  starts an escape sequence that can move the cursor, retitle the window or write
  the clipboard).
- *Invisibles*: bidirectional embeddings, overrides and isolates (U+202A-202E,
  U+2066-2069), the direction marks (LRM, RLM, ALM), zero-width space, joiner and
  non-joiner, word joiner and the other invisible operators, the byte-order mark,
  the soft hyphen, the Mongolian vowel separator and the line and paragraph
  separators (U+2028, U+2029). They can reorder text on screen ("Trojan source") or
  make two different stories look identical.

The rule: **import refuses them** (with file, line, column and the character's name,
see `storybank.validate`), so no new bank holds one; **every output neutralises
them**, so text that reached the database before the rule (or by hand) is still
harmless: plain text and Markdown show a visible stand-in (`clean`), JSON escapes
them as `\\uXXXX` (`json_text`, still the same data once parsed), and the TUI goes
through `tui/literal.py`, which calls `clean`. Tab and newline are kept.
"""

from __future__ import annotations

import re
from typing import Any

BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"
"""Embeddings, overrides, isolates and the direction marks."""
INVISIBLE = "\u200b\u200c\u200d\u2060\u2061\u2062\u2063\u2064\ufeff\u00ad\u180e\u2028\u2029"
"""Zero-width space, non-joiner, joiner, word joiner, invisible operators, BOM, soft
hyphen, Mongolian vowel separator, line separator, paragraph separator."""

_CONTROLS = "\\x00-\\x08\\x0b-\\x1f\\x7f-\\x9f"
_UNSAFE_RE = re.compile(f"[{_CONTROLS}{BIDI}{INVISIBLE}]")
_UNSAFE_OR_LAYOUT_RE = re.compile(f"[{_CONTROLS}{BIDI}{INVISIBLE}\\t\\n]")

NAMES: dict[int, str] = {
    0x00: "NUL",
    0x07: "BEL",
    0x08: "BACKSPACE",
    0x0B: "VERTICAL TAB",
    0x0C: "FORM FEED",
    0x0D: "CARRIAGE RETURN",
    0x1B: "ESC",
    0x7F: "DEL",
    0x9B: "CSI",
    0x202A: "LEFT-TO-RIGHT EMBEDDING",
    0x202B: "RIGHT-TO-LEFT EMBEDDING",
    0x202C: "POP DIRECTIONAL FORMATTING",
    0x202D: "LEFT-TO-RIGHT OVERRIDE",
    0x202E: "RIGHT-TO-LEFT OVERRIDE",
    0x2066: "LEFT-TO-RIGHT ISOLATE",
    0x2067: "RIGHT-TO-LEFT ISOLATE",
    0x2068: "FIRST STRONG ISOLATE",
    0x2069: "POP DIRECTIONAL ISOLATE",
    0x200E: "LEFT-TO-RIGHT MARK",
    0x200F: "RIGHT-TO-LEFT MARK",
    0x061C: "ARABIC LETTER MARK",
    0x200B: "ZERO WIDTH SPACE",
    0x200C: "ZERO WIDTH NON-JOINER",
    0x200D: "ZERO WIDTH JOINER",
    0x2060: "WORD JOINER",
    0xFEFF: "BYTE ORDER MARK (ZERO WIDTH NO-BREAK SPACE)",
    0x00AD: "SOFT HYPHEN",
    0x180E: "MONGOLIAN VOWEL SEPARATOR",
    0x2028: "LINE SEPARATOR",
    0x2029: "PARAGRAPH SEPARATOR",
}


def _placeholder(match: re.Match[str]) -> str:
    char = match.group()
    code = ord(char)
    if code < 0x20:
        return chr(0x2400 + code)  # the Unicode "control picture" for C0 (e.g. ␛ for ESC)
    if code == 0x7F:
        return "\u2421"  # ␡
    return "\ufffd"  # C1, bidi and invisibles: a visible replacement character


def clean(text: str) -> str:
    """Return `text` with every unsafe or invisible character replaced by a visible stand-in."""
    return _UNSAFE_RE.sub(_placeholder, text)


def has_unsafe(text: str) -> bool:
    return _UNSAFE_RE.search(text) is not None


def first_unsafe(text: str) -> re.Match[str] | None:
    """The first character the rule refuses at import, or None."""
    return _UNSAFE_RE.search(text)


def describe(char: str) -> str:
    """'ZERO WIDTH SPACE (U+200B)': how a refused character is named in a message."""
    code = ord(char)
    name = NAMES.get(code)
    if name is None:
        name = "control character" if code < 0xA0 else "invisible character"
    return f"{name} (U+{code:04X})"


def is_control(char: str) -> bool:
    code = ord(char)
    return code < 0x20 or 0x7F <= code <= 0x9F


def clean_line(text: str) -> str:
    """Like `clean`, and folds newlines and tabs to spaces, for one-line contexts."""
    return clean(text).replace("\r", " ").replace("\n", " ").replace("\t", " ")


def escape_json(text: str) -> str:
    """JSON text with every unsafe or invisible character written as `\\uXXXX`.

    `json.dumps(..., ensure_ascii=False)` escapes C0 itself but prints C1, bidi and
    invisible characters raw. Outside strings JSON text is ASCII, so every such
    character is inside a string and the escape decodes to the same data.
    """
    return _UNSAFE_RE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def json_text(value: Any, *, indent: int | None = None) -> str:
    """`value` as JSON for a terminal or a pipe: unicode readable, nothing a terminal obeys."""
    import json

    return escape_json(json.dumps(value, ensure_ascii=False, indent=indent))


# -- Markdown -------------------------------------------------------------------------------

_MD_PUNCT = re.compile(r"([\\`*_{}\[\]|~!#])")
_MD_LINE_START = re.compile(r"^(\s*)([+\-=])")
_MD_ORDERED = re.compile(r"^(\s*\d+)([.)])(?=\s|$)")
_URL_SCHEME = re.compile(r"(?<=[A-Za-z0-9])(:)(?=//)")
_DOTTED = re.compile(r"(?<=[A-Za-z0-9])(\.(?=[A-Za-z])|@(?=[A-Za-z0-9]))")


def markdown_inline(text: str) -> str:
    """User text as inert inline Markdown: renders as exactly the text, never as markup.

    One line (newlines fold to spaces); unsafe and invisible characters become a
    visible stand-in; `&`, `<` and `>` become entities, so `&#x202e;` is shown as
    written rather than decoded into a real RLO, and no HTML gets through; Markdown
    punctuation is backslash-escaped so nothing turns into emphasis, a link, a table,
    a heading or a list. Bare URLs and domains must not become links under linkify or
    GitHub's autolinks, which only look at unbroken runs of text: the `:` of `://` and
    each `.` or `@` between letters or digits is backslash-escaped. CommonMark drops a
    backslash before ASCII punctuation when rendering, so the reader sees the exact
    text (`https://example.com`), unlike a code span, which would change its look.
    """
    text = " ".join(clean_line(text).split())
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _MD_PUNCT.sub(r"\\\1", text)
    text = _URL_SCHEME.sub(r"\\\1", text)
    text = _DOTTED.sub(r"\\\1", text)
    text = _MD_ORDERED.sub(r"\1\\\2", text)
    return _MD_LINE_START.sub(r"\1\\\2", text)
