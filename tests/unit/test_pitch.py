"""The pitch: kept in the bank and the YAML, quoted by `ask` for questions that want a
pitch (the part asked for, or the company's 'why us'), never overwriting a change unseen."""

from __future__ import annotations

import io
from contextlib import redirect_stdout
from pathlib import Path

import pytest

from storybank.advisor import advise, clear_caches
from storybank.cli import main
from storybank.errors import StoryBankError
from storybank.model import Bank, Pitch
from storybank.resources import sample_bank
from storybank.store import Store
from storybank.yamlio import dump_bank, load_bank_text

ARC = "I run product ops at a payments company; before that I led support."


def test_the_pitch_round_trips_through_the_file_and_old_files_have_none() -> None:
    bank = sample_bank()
    bank.pitch = Pitch(arc=ARC, questions="How do you decide what ops owns?")
    bank.companies[0] = bank.companies[0].replace(why_us="Their ops team is three people.")
    again = load_bank_text(dump_bank(bank), "bank.yaml")
    assert again.pitch == bank.pitch and again.companies[0].why_us == bank.companies[0].why_us
    assert load_bank_text("version: 1\n", "old.yaml").pitch.is_empty()


def test_a_bad_pitch_is_refused_with_its_place() -> None:
    with pytest.raises(StoryBankError) as caught:
        load_bank_text("version: 1\npitch:\n  arcc: x\n  future: [1]\n", "p.yaml")
    text = str(caught.value)
    assert "p.yaml:3:3: unknown key 'arcc' in the pitch (did you mean 'arc'?)" in text
    assert "p.yaml:4:11:" in text


def test_ask_quotes_the_part_asked_for_or_says_how_to_write_it() -> None:
    clear_caches()
    bank = sample_bank()
    blank = advise("Tell me about yourself.", bank.stories)
    assert blank.pitch_part == "about-me" and blank.pitch_text == ""
    assert "storybank pitch set arc" in (blank.note or "")
    said = advise("Tell me about yourself.", bank.stories, pitch=Pitch(arc=ARC))
    assert said.pitch_text == ARC and "say your arc (below)" in (said.note or "")
    assert said.to_dict()["pitch"] == {"part": "about-me", "text": ARC}
    company = bank.companies[0].replace(why_us="Their ops team is three people.")
    why = advise("Why do you want to work here?", bank.stories, company=company)
    assert why.pitch_part == "why-company" and why.pitch_text == company.why_us
    story = advise("Tell me about a launch that went wrong.", bank.stories, pitch=Pitch(arc=ARC))
    assert story.pitch_part is None and story.pitch_text == ""


def test_import_merges_parts_and_replace_replaces(db_path: Path) -> None:
    store = Store.open(db_path)
    store.apply_import(Bank(pitch=Pitch(arc=ARC, future="Lead an ops team.")))
    plan = store.apply_import(Bank(pitch=Pitch(future="Build the function.")))
    assert plan.pitch_changed
    assert store.pitch() == Pitch(arc=ARC, future="Build the function.")
    assert not store.apply_import(Bank(pitch=Pitch(arc=ARC))).pitch_changed
    store.apply_import(Bank(pitch=Pitch(strengths="Calm under load.")), replace=True)
    assert store.pitch() == Pitch(strengths="Calm under load.")


def test_a_pitch_changed_elsewhere_is_never_overwritten(db_path: Path) -> None:
    store = Store.open(db_path)
    seen = store.pitch()
    Store.open(db_path).set_pitch(Pitch(arc="Written in another window."))
    with pytest.raises(StoryBankError, match="changed elsewhere"):
        store.set_pitch(Pitch(arc=ARC), expect=seen)
    assert store.pitch().arc == "Written in another window."


def _cli(*args: str) -> tuple[int, str]:
    out = io.StringIO()
    with redirect_stdout(out):
        code = main(list(args))
    return code, out.getvalue()


def test_the_cli_sets_shows_and_clears_and_ask_prints_the_text(db_path: Path) -> None:
    Store.open(db_path).apply_import(sample_bank())
    company = sample_bank().companies[0]
    assert _cli("pitch", "set", "arc", ARC)[0] == 0
    note = "Their ops team is three people."
    assert _cli("pitch", "set", "why-us", note, "--company", company.id)[0] == 0
    code, shown = _cli("pitch")
    assert code == 0 and ARC in shown and f"{company.id}: {note}" in shown
    code, answer = _cli("ask", "Tell me about yourself")
    assert code == 0 and "Your arc:" in answer and "payments company" in answer
    code, answer = _cli("ask", "Why do you want to work here?", "--company", company.id)
    assert "Why us:" in answer and note in answer
    assert _cli("pitch", "clear", "arc")[0] == 0
    assert "(not written)" in _cli("pitch")[1].split("why-this-work")[0]


@pytest.mark.parametrize(
    "args",
    [
        ("pitch", "set", "arc"),
        ("pitch", "set", "arc", "  "),
        ("pitch", "set", "why-us", "text"),
        ("pitch", "set", "why-us", "text", "--company", "nope"),
        ("pitch", "set", "arc", "bell\x07"),
        ("pitch", "clear"),
    ],
)
def test_cli_mistakes_are_one_line_and_exit_1(
    args: tuple[str, ...], db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    Store.open(db_path).apply_import(sample_bank())
    before = Store.open(db_path).bank()
    assert main(list(args)) == 1
    err = capsys.readouterr().err.strip()
    assert err.startswith("storybank:") and len(err.splitlines()) == 1
    assert Store.open(db_path).bank() == before
