"""Control characters and terminal escapes in user text are neutralised for display."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from storybank.safetext import clean, clean_line, has_unsafe


def test_escape_sequences_become_visible_placeholders() -> None:
    hostile = "\x1b]0;pwned\x07\x1b[2J\x1b]52;c;SGVsbG8=\x07title\x9b31m"
    shown = clean(hostile)
    assert "\x1b" not in shown and "\x07" not in shown and "\x9b" not in shown
    assert shown.startswith("\u241b]0;pwned\u2407")
    assert "title" in shown


def test_bidi_overrides_and_del_are_replaced() -> None:
    shown = clean("abc\u202edef\x7f")
    assert "\u202e" not in shown and "\x7f" not in shown


def test_tabs_newlines_markup_and_unicode_survive() -> None:
    text = "[b]bold?[/b]\tnext\nline — café 10 h -> 4 h"
    assert clean(text) == text
    assert not has_unsafe(text)
    assert clean_line("a\nb\tc") == "a b c"


@given(st.text())
def test_no_control_character_survives(text: str) -> None:
    shown = clean(text)
    assert not has_unsafe(shown)
    assert all(ch in "\t\n" or ord(ch) >= 0x20 for ch in shown)
    assert not any(0x7F <= ord(ch) <= 0x9F for ch in shown)
