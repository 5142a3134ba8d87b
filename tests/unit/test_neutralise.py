"""One rule for invisible and bidi characters: refused at import, neutralised on every output.

Plain text shows a visible stand-in, JSON escapes them as \\uXXXX (the same data once
parsed), Markdown escapes `&`, `<`, `>` and its own punctuation and breaks bare URLs,
so nothing renders as anything but the text.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from storybank import safetext
from storybank.cli import main
from storybank.model import Company, Story
from storybank.quality.brief import build_brief, render_brief_markdown
from storybank.quality.cards import cue_card, render_cards_markdown
from storybank.store import Store

HOSTILE_CHARS = [*safetext.BIDI, *safetext.INVISIBLE, "\x1b", "\x9b", "\x85", "\x07"]
_RAW = re.compile(f"[{re.escape(''.join(HOSTILE_CHARS))}]")


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("char", HOSTILE_CHARS)
def test_clean_replaces_every_hostile_character_visibly(char: str) -> None:
    shown = safetext.clean(f"a{char}b")
    assert char not in shown and len(shown) == 3 and shown[1] != ""


@given(st.text())
def test_json_text_is_the_same_data_and_never_raw(text: str) -> None:
    encoded = safetext.json_text({"t": text, "l": [text]})
    assert _RAW.search(encoded) is None
    assert json.loads(encoded) == {"t": text, "l": [text]}


def test_locate_and_backups_json_escape_hostile_paths(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A folder named with RLO and a C1 CSI was printed raw by `locate --json`."""
    folder = tmp_path / "evil\u202etxt.\x9b31m\u200b"
    folder.mkdir()
    db = folder / "bank.json"
    Store(db).upsert_story(
        Story(id="a", title="T", competencies=["metrics"], context="c", decision="d", result="r")
    )
    Store(db).upsert_story(
        Story(id="a", title="U", competencies=["metrics"], context="c", decision="d", result="r")
    )
    for argv in (["locate", "--json"], ["backups", "--json"], ["locate"], ["backups"]):
        code, out, err = run(capsys, "--db", str(db), *argv)
        assert code == 0, err
        assert _RAW.search(out) is None, argv
    located = json.loads(run(capsys, "--db", str(db), "locate", "--json")[1])
    assert located["database"] == str(db)  # escaped, not altered
    listed = json.loads(run(capsys, "--db", str(db), "backups", "--json")[1])
    assert listed and listed[0]["path"].startswith(str(folder))


def _legacy_story() -> Story:
    """Text as a bank made before import refused these characters may hold it."""
    return Story(
        id="lookalike",
        title="Deploy\u200b\u202e <b>bold</b> &#x202e; see https://evil.example/x",
        competencies=["metrics"],
        context="Visit www.evil.example or mail a@evil.example \u2066now\u2069",
        decision="[click](javascript:alert(1)) *emphasis* `code` | table",
        result="# heading\n1. list\n- item\n> quote",
    )


def _markdown_pages() -> list[str]:
    story = _legacy_story()
    company = Company(id="acme", name="Acme & <Co>", notes="https://acme.example &amp;")
    brief = build_brief([story], company, [])
    return [render_brief_markdown(brief), render_cards_markdown([cue_card(story)])]


def test_markdown_has_no_raw_hostile_character_or_html() -> None:
    for page in _markdown_pages():
        assert _RAW.search(page) is None
        assert "<b>" not in page and "<Co>" not in page
        assert "&#x202e;" not in page.replace("&amp;#x202e;", "")  # never a live entity
        assert "https://" not in page  # the `:` of every scheme is escaped


def test_markdown_renders_exactly_the_text_with_no_links_or_markup() -> None:
    pytest.importorskip("linkify_it")
    from markdown_it import MarkdownIt

    renderer = MarkdownIt("commonmark", {"linkify": True, "html": True}).enable("linkify")
    for page in _markdown_pages():
        html = renderer.render(page)
        assert "<a " not in html and "<script" not in html and "<b>" not in html
        assert "\u202e" not in html and "&#x202e;" not in html.replace("&amp;#x202e;", "")
        assert "<em>emphasis" not in html and "<code>code" not in html
    html = renderer.render(_markdown_pages()[1])
    assert "https://evil.example/x" in html  # shown as written, not a link
    assert "www.evil.example" in html and "a@evil.example" in html


def test_control_unescaped_markdown_would_link_and_decode() -> None:
    """What the escaping prevents: the same text raw becomes a link and a real RLO."""
    pytest.importorskip("linkify_it")
    from markdown_it import MarkdownIt

    renderer = MarkdownIt("commonmark", {"linkify": True, "html": True}).enable("linkify")
    html = renderer.render("see https://evil.example/x and &#x202e;")
    assert "<a href" in html and "\u202e" in html


@pytest.mark.parametrize(
    ("text", "escaped"),
    [("a & b", "a &amp; b"), ("x < y > z", "x &lt; y &gt; z"), ("1. a", "1\\. a"),
     ("http://h", "http\\://h"), ("notion.so", "notion\\.so"), ("3.5 h", "3.5 h"),
     ("- item", "\\- item"), ("# h", "\\# h"), ("a\u200bb", "a\ufffdb")],
)  # fmt: skip
def test_markdown_inline_examples(text: str, escaped: str) -> None:
    assert safetext.markdown_inline(text) == escaped
