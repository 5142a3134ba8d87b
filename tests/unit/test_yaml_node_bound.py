"""`node_bound` never undercounts: reading skips the event precheck on its word.

A file whose bound is within the limit is composed straight away, so an undercount
would let a file past MAX_NODES be composed whole. The bound is checked against the
parser's own count of values for hand-picked shapes that put the most values on one
indicator, for YAML dumped from random data in every style, and for random text made
of YAML's indicators (whatever of it parses).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from storybank import yamlio
from storybank.yamlio import load_bank_file, load_bank_text, node_bound

SAMPLE_BANK = Path(__file__).resolve().parents[2] / "sample_data" / "stories.yaml"
_VALUE_EVENTS = (yaml.ScalarEvent, yaml.SequenceStartEvent, yaml.MappingStartEvent, yaml.AliasEvent)


def _values(text: str) -> int | None:
    """The parser's count of values in `text`, or None when it does not parse."""
    try:
        return sum(isinstance(e, _VALUE_EVENTS) for e in yaml.parse(text, Loader=yamlio._Loader))
    except yaml.YAMLError:
        return None


TIGHT = [
    "a",
    "",
    "? a",
    "? a\n? b\n? c",
    "{a, b, c}",
    "[a: b, c: d]",
    "[a: , b: ]",
    "[? a, ? b]",
    "{? a, ? b}",
    "- - - - a",
    "- ? - a\n  : b",
    "a: &x [1, 2]\nb: *x\nc: [*x, *x]",
    "--- a\n--- b\n---\n...",
    "[[[[a]]]]: b",
    "? [a, b]\n: {c: d}",
    "- a:\n  - b\n- ? c",
    "!!str\n",
    "- !!null\n- !!str\n-",
    "a:\r\n  b:\r\n    - c\r\n",
    "a:\u2028b: c",
    "[a, [b, {c: d, e}], f]",
]


@pytest.mark.parametrize("text", TIGHT)
def test_hand_picked_shapes_stay_within_the_bound(text: str) -> None:
    count = _values(text)
    assert count is not None, f"not YAML: {text!r}"
    assert count <= node_bound(text)


_key = st.text(alphabet="ab-:?,[]{} #", min_size=1, max_size=4)
_scalar = st.one_of(st.none(), st.booleans(), st.integers(), st.text(max_size=6))
_data = st.recursive(
    _scalar,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(_key, inner, max_size=4),
    max_leaves=25,
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=_data, flow=st.sampled_from([False, True, None]), width=st.sampled_from([8, 80]))
def test_dumped_yaml_stays_within_the_bound(data: Any, flow: bool | None, width: int) -> None:
    text = yaml.safe_dump(data, default_flow_style=flow, width=width, allow_unicode=True)
    count = _values(text)
    assert count is not None
    assert count <= node_bound(text)


@settings(max_examples=1500, deadline=None)
@given(st.text(alphabet="ab-:?,[]{}&*!|>'\" \n\t#", max_size=30))
@example("?\n?\n?")
@example("{,}")
@example("[? ]")
def test_random_indicator_text_stays_within_the_bound(text: str) -> None:
    count = _values(text)
    if count is not None:
        assert count <= node_bound(text)


def test_a_bank_file_within_the_bound_is_composed_without_the_event_pass(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def refuse(text: str, filename: str) -> None:
        raise AssertionError("the event precheck ran for a file within the bound")

    monkeypatch.setattr(yamlio, "_precheck", refuse)
    assert load_bank_file(SAMPLE_BANK).stories


def test_a_broken_file_within_the_bound_still_gets_the_limit_message() -> None:
    text = "version: 1\nstories:\n  - " + "[" * 40 + "]" * 40 + "\n  - {a: [1, }\n"
    assert node_bound(text) <= yamlio.MAX_NODES
    with pytest.raises(yamlio.InputError, match="nests deeper than 32 levels"):
        load_bank_text(text, "deep.yaml")
