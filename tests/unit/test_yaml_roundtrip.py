"""Export is lossless and stable: import(export(bank)) == bank, and export is byte-stable."""

from __future__ import annotations

import datetime as dt
import os
import stat
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from storybank import safetext, vocab
from storybank.model import (
    RATINGS,
    AskedQuestion,
    Bank,
    Company,
    Debrief,
    Environment,
    Metric,
    Question,
    Redaction,
    Review,
    Story,
    Telling,
    Tradeoff,
)
from storybank.practice import PracticeRecord
from storybank.resources import sample_file
from storybank.yamlio import dump_bank, load_bank_file, load_bank_text, write_bank_file

# Any text a person can store: every code point except the control and invisible
# characters that validation rejects (C0 but tab/newline, DEL, C1, bidi controls,
# zero-width characters, BOM, soft hyphen, LS/PS; see `storybank.safetext`) and lone
# surrogates. Tricky pieces (": ", " #", "- ", quotes, YAML 1.1 words, leading/trailing
# spaces) are mixed in.
_safe_chars = st.characters(
    blacklist_categories=("Cs",),
    blacklist_characters=[
        *(chr(c) for c in [*range(0, 9), *range(11, 32), *range(0x7F, 0xA0)]),
        *safetext.BIDI,
        *safetext.INVISIBLE,
    ],
)
_tricky = st.sampled_from(
    [": ", " #", "- ", "#", "'", '"', "\n", "\n\n", " ", "\t", "NO", "yes", "12:30", "012345",
     "1.10", "2024-05-01", "~", "null", "&a", "*a", "!!str", "|", ">", "---", "...", "\u2027",
     "\ufffe", "\xa0", "[", "{", "%", "@", "`", "é", "日本", "🙂"]
)  # fmt: skip
text = st.lists(st.one_of(st.text(_safe_chars, max_size=8), _tricky), max_size=6).map("".join)
nonblank = text.filter(lambda s: s.strip() != "")
slug = st.from_regex(r"[a-z0-9][a-z0-9-]{0,12}", fullmatch=True)
number = st.one_of(
    st.integers(min_value=-(10**15) + 1, max_value=10**15 - 1),
    st.floats(allow_nan=False, allow_infinity=False, min_value=-1e15, max_value=1e15).filter(
        lambda x: abs(x) < 1e15
    ),
)
competency = st.one_of(
    st.sampled_from(vocab.COMPETENCIES), slug.filter(lambda s: s == vocab.normalise_competency(s))
)


@st.composite
def stories(draw: st.DrawFn, story_id: str) -> Story:
    env = Environment(
        stage=draw(st.none() | st.sampled_from(vocab.STAGES)),
        customer=draw(st.none() | st.sampled_from(vocab.CUSTOMERS)),
        org=draw(st.none() | st.sampled_from(vocab.ORGS)),
    )
    return Story(
        id=story_id,
        title=draw(nonblank),
        summary=draw(text),
        competencies=draw(st.lists(competency, min_size=1, max_size=3, unique=True)),
        context=draw(nonblank),
        constraint=draw(text),
        decision=draw(nonblank),
        execution=draw(text),
        result=draw(nonblank),
        after=draw(text),
        metrics=draw(
            st.lists(
                st.builds(
                    Metric,
                    name=nonblank,
                    before=st.none() | number,
                    after=st.none() | number,
                    unit=text,
                ),
                max_size=2,
            )
        ),
        tradeoffs=draw(
            st.lists(st.builds(Tradeoff, chose=nonblank, over=text, because=text), max_size=2)
        ),
        environment=env,
        rounds=draw(st.dictionaries(st.sampled_from(vocab.ROUNDS), nonblank, max_size=3)),
        tags=draw(st.lists(nonblank, max_size=3)),
        themes=draw(st.none() | st.lists(st.sampled_from(vocab.THEMES), max_size=3, unique=True)),
    )


# A round or an interviewer: one line, trimmed (validation folds the rest), and not a
# spelling of "behavioral" that validation normalises.
one_line = nonblank.filter(
    lambda s: (
        s == s.strip()
        and "\n" not in s
        and s.lower() not in ("behavioural", "behavior", "behaviour")
    )
)
iso_date = st.dates().map(lambda d: d.isoformat()).filter(lambda s: len(s) == 10)
metric = st.builds(
    Metric, name=nonblank, before=st.none() | number, after=st.none() | number, unit=text
)


@st.composite
def tellings(draw: st.DrawFn, entry_id: str) -> Telling:
    return Telling(
        id=entry_id,
        company=draw(slug),
        story=draw(slug),
        date=draw(iso_date),
        round=draw(st.none() | one_line),
        interviewer=draw(st.none() | one_line),
        numbers=draw(st.lists(metric, max_size=2)),
    )


@st.composite
def debriefs(draw: st.DrawFn, debrief_id: str) -> Debrief:
    asked = st.builds(
        AskedQuestion,
        text=nonblank,
        kind=st.sampled_from(vocab.KINDS),
        predicted=st.none() | slug,
    )
    return Debrief(
        id=debrief_id,
        company=draw(slug),
        date=draw(iso_date),
        round=draw(st.none() | one_line),
        interviewer=draw(st.none() | one_line),
        asked=draw(st.lists(asked, max_size=3)),
        predicted=draw(st.lists(slug, max_size=3)),
    )


@st.composite
def banks(draw: st.DrawFn) -> Bank:
    story_ids = draw(st.lists(slug, max_size=3, unique=True))
    company_ids = draw(st.lists(slug, max_size=2, unique=True))
    question_ids = draw(st.lists(slug, max_size=2, unique=True))
    companies = [
        Company(
            id=cid,
            name=draw(nonblank),
            stage=draw(st.none() | st.sampled_from(vocab.STAGES)),
            customer=draw(st.none() | st.sampled_from(vocab.CUSTOMERS)),
            org=draw(st.none() | st.sampled_from(vocab.ORGS)),
            focus=draw(st.lists(competency, max_size=3, unique=True)),
            notes=draw(text),
            interview_date=draw(st.none() | st.dates().map(lambda d: d.isoformat()).filter(
                lambda s: len(s) == 10)),
        )
        for cid in company_ids
    ]  # fmt: skip
    questions = [
        Question(
            id=qid,
            text=draw(nonblank),
            kind=draw(st.sampled_from(vocab.KINDS)),
            competencies=draw(st.lists(competency, max_size=2, unique=True)),
        )
        for qid in question_ids
    ]
    ledger_ids = draw(st.lists(slug, max_size=3, unique=True))
    debrief_ids = draw(st.lists(slug, max_size=2, unique=True))
    reviews = draw(
        st.lists(
            st.builds(
                Review,
                card=nonblank,
                rating=st.sampled_from(RATINGS),
                at=st.datetimes(min_value=dt.datetime(2000, 1, 1), timezones=st.just(dt.UTC)).map(
                    lambda d: d.isoformat()
                ),
            ),
            max_size=3,
        )
    )
    one_line = nonblank.filter(lambda s: "\n" not in s)
    names = draw(st.lists(one_line, max_size=3, unique_by=lambda s: " ".join(s.split()).casefold()))
    redactions = [Redaction(name, draw(one_line)) for name in names]
    practice = draw(
        st.lists(
            st.builds(
                PracticeRecord,
                date=st.datetimes(min_value=dt.datetime(2000, 1, 1)).map(
                    lambda d: d.replace(microsecond=0).isoformat()
                ),
                question_id=st.just("") | slug,
                question=nonblank,
                kind=st.just("") | st.sampled_from(vocab.KINDS),
                competencies=st.lists(competency, max_size=2, unique=True),
                company=st.none() | slug,
                chosen=st.none() | slug,
                advisor=st.none() | slug,
                rating=st.none() | st.integers(1, 5),
                seconds=st.none() | st.integers(0, 3600),
                limit=st.none() | st.integers(30, 600),
                follow_ups=st.lists(nonblank, max_size=2),
            ),
            max_size=3,
        )
    )
    return Bank(
        stories=[draw(stories(sid)) for sid in story_ids],
        companies=companies,
        questions=questions,
        ledger=[draw(tellings(tid)) for tid in ledger_ids],
        debriefs=[draw(debriefs(did)) for did in debrief_ids],
        reviews=reviews,
        redactions=redactions,
        redacted=draw(st.booleans()),
        practice=practice,
    )


@pytest.mark.slow
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(banks())
def test_import_of_export_is_the_same_bank_and_export_is_byte_stable(bank: Bank) -> None:
    exported = dump_bank(bank)
    again = load_bank_text(exported, "export.yaml")
    assert again == bank
    assert dump_bank(again) == exported


def test_yaml_11_words_survive_a_round_trip() -> None:
    story = Story(
        id="words",
        title="NO",
        summary="012345",
        competencies=["metric-frameworks"],
        context="yes",
        decision="12:30",
        result="1.10",
        after="2024-05-01",
        tags=["on", "null", "~", "0x1F"],
    )
    exported = dump_bank(Bank(stories=[story]))
    assert load_bank_text(exported).stories[0] == story
    # Another YAML reader sees the same strings too: the exporter quotes them.
    import yaml

    raw = yaml.safe_load(exported)["stories"][0]
    assert raw["title"] == "NO" and raw["decision"] == "12:30" and raw["after"] == "2024-05-01"


def test_export_layout_is_readable() -> None:
    story = Story(
        id="layout",
        title="Plain title",
        competencies=["launch-operations"],
        context="Line one.\nLine two.\n",
        decision="d",
        result="r",
        metrics=[Metric(name="Time to owner", before=19, after=3.5, unit="h")],
    )
    out = dump_bank(Bank(stories=[story]))
    assert out.startswith("# storybank")
    assert "version: 1\nstories:\n  - id: layout\n    title: Plain title\n" in out
    assert "    context: |\n      Line one.\n      Line two.\n" in out
    keys = [
        line.split(":")[0].strip()
        for line in out.splitlines()
        if line[:5] == "    " + line[4:5].strip()
    ]
    order = [k for k in keys if k in ("id", "title", "summary", "competencies", "context", "after")]
    assert order == ["title", "summary", "competencies", "context", "after"]


def test_older_files_without_the_recall_lists_still_import() -> None:
    bank = load_bank_text("version: 1\nstories: []\n")
    assert bank.reviews == [] and bank.redactions == [] and not bank.redacted


def test_sample_bank_round_trips_byte_for_byte() -> None:
    for name in ("stories.yaml", "companies.yaml", "questions.yaml"):
        bank = load_bank_file(sample_file(name))
        exported = dump_bank(bank)
        assert load_bank_text(exported) == bank
        assert dump_bank(load_bank_text(exported)) == exported


def test_export_file_is_atomic_private_and_keeps_a_symlink(tmp_path: Path) -> None:
    bank = load_bank_file(sample_file("stories.yaml"))
    target = tmp_path / "real.yaml"
    target.write_text("old", encoding="utf-8")
    os.chmod(target, 0o644)
    link = tmp_path / "link.yaml"
    link.symlink_to(target)
    write_bank_file(bank, link)
    assert link.is_symlink()
    assert load_bank_file(target) == bank
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link.yaml", "real.yaml"]


def test_failed_export_leaves_the_old_file_and_no_temp_file(tmp_path: Path, monkeypatch) -> None:
    target = tmp_path / "out.yaml"
    target.write_text("previous export\n", encoding="utf-8")

    def broken_replace(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    try:
        write_bank_file(Bank(), target)
    except OSError:
        pass
    else:  # pragma: no cover - the failure must surface
        raise AssertionError("the failed write was not reported")
    assert target.read_text(encoding="utf-8") == "previous export\n"
    assert [p.name for p in tmp_path.iterdir()] == ["out.yaml"]
