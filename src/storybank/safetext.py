"""Neutralise control characters in user text before it reaches a terminal.

Story text is stored exactly as written; this is applied only on display. Terminal
escape sequences (ESC, CSI, OSC title and clipboard writes), C0 and C1 controls,
DEL and bidirectional overrides are replaced by visible placeholders, so data can
never move the cursor, retitle the window, write the clipboard or reorder text.
Tab and newline are kept.
"""

from __future__ import annotations

import re

_BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"
_UNSAFE_RE = re.compile(f"[\\x00-\\x08\\x0b-\\x1f\\x7f-\\x9f{_BIDI}]")


def _placeholder(match: re.Match[str]) -> str:
    char = match.group()
    code = ord(char)
    if code < 0x20:
        return chr(0x2400 + code)  # the Unicode "control picture" for C0 (e.g. ␛ for ESC)
    if code == 0x7F:
        return "\u2421"  # ␡
    return "\ufffd"


def clean(text: str) -> str:
    """Return `text` with every unsafe control character replaced by a visible stand-in."""
    return _UNSAFE_RE.sub(_placeholder, text)


def has_unsafe(text: str) -> bool:
    return _UNSAFE_RE.search(text) is not None


def clean_line(text: str) -> str:
    """Like `clean`, and folds newlines and tabs to spaces, for one-line contexts."""
    return clean(text).replace("\r", " ").replace("\n", " ").replace("\t", " ")
