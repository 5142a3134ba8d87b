"""Themes as data: packaged files load, broken user files are reported, the choice persists."""

from __future__ import annotations

from pathlib import Path

import pytest
from core_support import app_with, two_stories
from textual.widgets import OptionList

from storybank import resources
from storybank.locations import user_themes_dir
from storybank.store import Store
from storybank.tui.factory import make_app
from storybank.tui.screens.theme_picker import ThemePickerScreen
from storybank.tui.themes import (
    COLOR_KEYS,
    ThemeFileError,
    load_all_themes,
    load_theme_file,
    theme_from_data,
)

PACKAGED = {"storybank-dark", "storybank-light", "storybank-high-contrast"}


def test_packaged_themes_load_cleanly(tmp_path: Path) -> None:
    result = load_all_themes(user_dir=tmp_path / "none")
    assert set(result.names()) == PACKAGED
    assert result.problems == []
    light = next(t for t in result.themes if t.name == "storybank-light")
    assert light.dark is False
    assert "badge-background" in light.variables


def test_every_packaged_theme_builds_textuals_colour_system() -> None:
    """The check a packaged theme skips at start-up (see `theme_from_data`), made here."""
    files = sorted(resources.themes_dir().glob("*.yaml"))
    assert len(files) == len(PACKAGED)
    for path in files:
        load_theme_file(path)  # as a user's file: builds the colour system, raises if unusable


def test_every_key_a_theme_file_may_set_reaches_the_theme() -> None:
    colours = {
        key: f"#{index + 1:02x}{index + 1:02x}{index + 1:02x}"
        for index, key in enumerate(COLOR_KEYS)
    }
    data = {"name": "full", "dark": False, "luminosity_spread": 0.5, "text_alpha": 0.25, **colours}
    theme = theme_from_data(data, "full.yaml")
    assert {key: getattr(theme, key) for key in COLOR_KEYS} == colours
    assert (theme.dark, theme.luminosity_spread, theme.text_alpha) == (False, 0.5, 0.25)
    plain = theme_from_data({"name": "plain", "primary": "#ffffff"}, "plain.yaml")
    assert plain.secondary is None and plain.luminosity_spread == 0.15  # Textual's default


@pytest.mark.parametrize(
    ("data", "fragment"),
    [
        (["not", "a", "mapping"], "must be a mapping"),
        ({"name": "x", "primary": "#fff", "shiny": True}, "unknown key(s): shiny"),
        ({"name": "Bad Name", "primary": "#fff"}, "'name' must be"),
        ({"name": "ok"}, "'primary' colour is required"),
        ({"name": "ok", "primary": "not-a-colour"}, "is not a colour"),
        ({"name": "ok", "primary": 12}, "must be a colour written as text"),
        ({"name": "ok", "primary": "#fff", "dark": "yes"}, "'dark' must be true or false"),
        ({"name": "ok", "primary": "#fff", "text_alpha": 3}, "between"),
        ({"name": "ok", "primary": "#fff", "variables": {"Bad Var": "#fff"}}, "not valid"),
        ({"name": "ok", "primary": "#fff", "variables": {"v": "url(x)"}}, "is not a colour"),
    ],
)
def test_theme_validation_names_the_problem(data: object, fragment: str) -> None:
    with pytest.raises(ThemeFileError) as info:
        theme_from_data(data, "my.yaml")
    assert str(info.value).startswith("my.yaml")
    assert fragment in str(info.value)


def write_user_themes(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "good.yaml").write_text('name: my-forest\nprimary: "#2e7d32"\ndark: true\n')
    (folder / "syntax.yaml").write_text("name: [unclosed\n")
    (folder / "evil.yaml").write_text("!!python/object/apply:os.system ['echo pwned']\n")
    (folder / "clash.yaml").write_text('name: storybank-dark\nprimary: "#000000"\n')
    (folder / "binary.yaml").write_bytes(b"\xff\xfe\x00garbage")
    (folder / "notes.txt").write_text("ignored: not a theme file")


def test_broken_user_files_are_collected_not_fatal(tmp_path: Path) -> None:
    write_user_themes(tmp_path)
    result = load_all_themes(user_dir=tmp_path)
    assert "my-forest" in result.names()
    assert len(result.problems) == 4
    by_file = {Path(p.split(":", 1)[0]).name: p for p in result.problems}
    assert by_file["syntax.yaml"].startswith(f"{tmp_path / 'syntax.yaml'}:2:1: ")
    assert "could not determine a constructor" in by_file["evil.yaml"]  # refused, not run
    assert "already exists" in by_file["clash.yaml"]
    assert by_file["binary.yaml"].endswith("not UTF-8 text")


async def test_app_starts_with_broken_user_themes_and_says_so(db_path: Path) -> None:
    write_user_themes(user_themes_dir())
    Store.open(str(db_path)).apply_import(two_stories())
    app = make_app(str(db_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.theme == "storybank-dark"
        assert "my-forest" in app.available_themes
        messages = [n.message for n in app._notifications]
        assert any("syntax.yaml" in m and "evil.yaml" in m for m in messages)


async def test_theme_switch_is_remembered(db_path: Path) -> None:
    app = app_with(db_path, two_stories())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+t")
        await pilot.pause()
        assert isinstance(app.screen, ThemePickerScreen)
        options = app.screen.query_one("#theme-list", OptionList)
        names = [options.get_option_at_index(i).id for i in range(options.option_count)]
        assert names[:3] == sorted(PACKAGED)  # storybank's own themes first
        options.highlighted = names.index("storybank-light")
        await pilot.pause()
        assert app.theme == "storybank-light"  # previewed
        assert Store.open(str(db_path)).get_setting("theme") is None  # not yet chosen
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, ThemePickerScreen)
    assert Store.open(str(db_path)).get_setting("theme") == "storybank-light"
    again = make_app(str(db_path))
    async with again.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert again.theme == "storybank-light"


async def test_escape_in_the_picker_restores_the_theme(db_path: Path) -> None:
    app = app_with(db_path, two_stories())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+t")
        await pilot.pause()
        await pilot.press("down", "down")
        await pilot.pause()
        assert app.theme != "storybank-dark"
        await pilot.press("escape")
        await pilot.pause()
        assert app.theme == "storybank-dark"
    assert Store.open(str(db_path)).get_setting("theme") is None


async def test_a_remembered_theme_that_is_gone_falls_back(db_path: Path) -> None:
    store = Store.open(str(db_path))
    store.apply_import(two_stories())
    store.set_setting("theme", "deleted-theme")
    app = make_app(str(db_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.theme == "storybank-dark"
        assert any("deleted-theme" in n.message for n in app._notifications)


async def test_theme_problems_reach_the_screen_without_escapes(db_path: Path) -> None:
    folder = user_themes_dir()
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "[i]odd\x1b[2J.yaml").write_text("name: [unclosed\n")
    Store.open(str(db_path)).apply_import(two_stories())
    app = make_app(str(db_path))
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        messages = [n.message for n in app._notifications]
        assert any("[i]odd␛[2J.yaml" in m for m in messages)
        assert not any("\x1b" in m for m in messages)


HOSTILE_THEMES = {
    "colour-var-style.yaml": ('name: h1\nprimary: "#123456"\nvariables:\n  primary: underline\n',
                              "variable 'primary': 'underline' is not a colour"),
    "cursor-style.yaml": ('name: h2\nprimary: "#123456"\nvariables:\n'
                          "  block-cursor-background: underline\n", "is not a colour"),
    "style-colour.yaml": ('name: h3\nprimary: "#123456"\nvariables:\n'
                          '  footer-key-text-style: "#ff0000"\n', "must be text-style words"),
    "bad-date.yaml": ('name: h4\nprimary: "#123456"\nwhen: 2024-13-45\n',
                      "a value cannot be read (month must be in 1..12)"),
    "bad-float.yaml": ("name: h5\nprimary: !!float abc\n", "a value cannot be read"),
    "huge-int.yaml": ('name: h6\nprimary: "#123456"\ntext_alpha: ' + "9" * 5000 + "\n",
                      "a value cannot be read (Exceeds the limit"),
}  # fmt: skip
"""Theme files that YAML cannot construct, or whose variables have the wrong kind."""


@pytest.mark.parametrize("name", sorted(HOSTILE_THEMES))
def test_hostile_theme_files_become_one_line_problems(tmp_path: Path, name: str) -> None:
    body, fragment = HOSTILE_THEMES[name]
    (tmp_path / name).write_text(body)
    result = load_all_themes(user_dir=tmp_path)
    assert set(result.names()) == PACKAGED
    assert len(result.problems) == 1
    problem = result.problems[0]
    assert problem.startswith(str(tmp_path / name)) and fragment in problem
    assert "\n" not in problem


def test_special_and_oversized_theme_files_are_refused_without_reading(tmp_path: Path) -> None:
    import os

    os.mkfifo(tmp_path / "pipe.yaml")  # a plain open() would block forever
    (tmp_path / "big.yaml").write_text("name: big\nprimary: '#fff'\n" + "#" * 70_000)
    result = load_all_themes(user_dir=tmp_path)
    assert set(result.names()) == PACKAGED
    assert any("big.yaml: larger than 64 KiB" in p for p in result.problems)


async def test_app_with_hostile_themes_starts_previews_and_remembers(db_path: Path) -> None:
    folder = user_themes_dir()
    folder.mkdir(parents=True, exist_ok=True)
    for name, (body, _) in HOSTILE_THEMES.items():
        (folder / name).write_text(body)
    Store.open(str(db_path)).apply_import(two_stories())
    app = make_app(str(db_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        messages = [n.message for n in app._notifications]
        assert all(any(name in m for m in messages) for name in HOSTILE_THEMES)
        await pilot.press("ctrl+t")
        await pilot.pause()
        options = app.screen.query_one("#theme-list", OptionList)
        for index in range(options.option_count):  # preview every theme on offer
            options.highlighted = index
            await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
    assert app.return_code in (None, 0)
