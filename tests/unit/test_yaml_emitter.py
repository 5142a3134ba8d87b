"""The fast export path writes exactly the bytes PyYAML alone writes, for any text."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from storybank.model import Bank, Company, Environment, Metric, Story, Tradeoff
from storybank.resources import sample_bank
from storybank.yamlio import dump_bank, dump_bank_pyyaml, load_bank_text

# Characters that change how YAML must write a string, plus ordinary letters.
TRICKY = list("ab Z09 .:#-?'\"%,[]{}&*!|>@`~=+eE_\t\n\r\x85\u2028\u00a0é…\ufeff\U0001f600")
text = st.text(alphabet=st.sampled_from(TRICKY) | st.characters(), max_size=40)
words = st.text(alphabet=st.sampled_from(TRICKY), max_size=12)
numbers = st.none() | st.integers(-(10**20), 10**20) | st.floats(allow_nan=False)


@st.composite
def stories(draw: st.DrawFn) -> Story:
    return Story(
        id=draw(st.text(alphabet="abc-1", min_size=1, max_size=6)),
        title=draw(text),
        summary=draw(words | text),
        competencies=draw(st.lists(words, max_size=3)),
        context=draw(text),
        result=draw(words),
        metrics=draw(
            st.lists(
                st.builds(Metric, name=words, before=numbers, after=numbers, unit=words),
                max_size=2,
            )
        ),
        tradeoffs=draw(st.lists(st.builds(Tradeoff, chose=words, over=text), max_size=2)),
        environment=Environment(stage=draw(st.none() | words)),
        rounds=draw(st.dictionaries(st.sampled_from(["behavioral", "case"]), words, max_size=2)),
        tags=draw(st.lists(words, max_size=3)),
    )


@settings(max_examples=300, deadline=None)
@given(st.lists(stories(), max_size=3), st.lists(st.builds(Company, id=words, name=text)))
def test_fast_export_matches_pyyaml(story_list: list[Story], companies: list[Company]) -> None:
    bank = Bank(stories=story_list, companies=companies)
    assert dump_bank(bank) == dump_bank_pyyaml(bank)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(TRICKY), min_size=1, max_size=30))
def test_fast_export_matches_pyyaml_for_single_strings(value: str) -> None:
    bank = Bank(stories=[Story(id="s", title=value, summary=value, tags=[value])])
    assert dump_bank(bank) == dump_bank_pyyaml(bank)


def test_long_lines_are_left_to_pyyaml() -> None:
    long = "word " * 1000 + "end"
    bank = Bank(stories=[Story(id="s", title="t", context=long.strip(), tags=["a" * 5000])])
    assert dump_bank(bank) == dump_bank_pyyaml(bank)


def test_sample_bank_export_is_unchanged_and_reads_back() -> None:
    bank = sample_bank()
    text_out = dump_bank(bank)
    assert text_out == dump_bank_pyyaml(bank)
    assert load_bank_text(text_out) == bank
