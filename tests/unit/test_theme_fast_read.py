"""The theme files' reader without PyYAML: the same values as `yaml.safe_load`, or none."""

from __future__ import annotations

import pytest
import yaml

from storybank import resources
from storybank.tui.themes import simple_theme_data


def test_packaged_themes_read_without_pyyaml_to_the_same_values() -> None:
    files = sorted(resources.themes_dir().glob("*.yaml"))
    assert files
    for path in files:
        text = path.read_text(encoding="utf-8")
        data = simple_theme_data(text)
        assert data is not None, path.name
        assert data == yaml.safe_load(text), path.name


@pytest.mark.parametrize(
    "text",
    [
        'name: a\nprimary: "#fff"  # a comment after a value\n',
        "name: a\nprimary: '#fff'\n",
        'name: a\nprimary: "a\\tb"\n',
        "name: a\ndark: yes\n",
        "name: a\ndark: off\n",
        "name: a\nvalue: null\n",
        "name: a\nvalue: ~\n",
        "name: a\nvalue: 0o17\n",
        "name: a\nvalue: 1e3\n",
        "name: a\nvalue: " + "9" * 5000 + "\n",
        "name: a\nvalue: 2024-01-01\n",
        "name: a\nname: b\n",
        "name: a\nvariables:\n",
        "name: a\nvariables:\n  x: 1\n  x: 2\n",
        "name: a\nvariables:\n    x: 1\n",
        "name: a\n\tprimary: x\n",
        "name: a\r\nprimary: x\r\n",
        "{name: a}\n",
        "---\nname: a\n",
        "name: &x a\n",
        "",
        "  # an indented comment\nname: a\n",
    ],
)
def test_anything_else_is_left_to_pyyaml(text: str) -> None:
    assert simple_theme_data(text) is None


@pytest.mark.parametrize(
    "text",
    [
        'name: my-theme\ndark: false\nprimary: "#7aa2f7"\n',
        "# c\nname: t\nluminosity_spread: 0.25\ntext_alpha: 1.0\nn: 3\n",
        'name: t\nvariables:\n  badge-background: "#33405e"\nprimary: "#000000"\n',
    ],
)
def test_what_it_reads_is_what_pyyaml_reads(text: str) -> None:
    assert simple_theme_data(text) == yaml.safe_load(text)
