"""QA findings on the engine and CLI, each pinned by a test that failed before its fix.

The bank here is a QA engineer's own (health-tech and freight), not the sample bank."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from storybank.advisor.classify import analyse_question
from storybank.cli import main

BANK_YAML = """\
version: 1
stories:
  - id: clinic-onboarding
    title: Halving clinic onboarding time for a scheduling product
    competencies: [process-improvement, customer-insight]
    context: New clinics took 41 days to go live on our scheduling software.
    decision: I split onboarding into a self-serve track and a guided track.
    result: Median time to first booking fell from 41 days to 19 days.
    metrics:
      - {name: Median days to first booking, before: 41, after: 19, unit: days}
    environment: {stage: scaleup, customer: b2b-smb, org: centralized}
  - id: ops-metrics-tree
    title: One metrics tree for the whole fulfilment org
    competencies: [metric-frameworks, stakeholder-management]
    context: Five teams reported on-time delivery five different ways.
    decision: I proposed one metric tree with agreed definitions and input metrics.
    result: Metric disputes in the weekly review fell from 11 a month to 1.
    metrics:
      - {name: Metric disputes per month, before: 11, after: 1}
    environment: {stage: growth, customer: marketplace, org: embedded}
  - id: freight-pricing-launch
    title: A pricing launch I had to pause after two days
    competencies: [launch-operations]
    context: At a freight marketplace I owned launch readiness for dynamic pricing.
    decision: I chose to launch to all lanes at once; that was the mistake.
    result: Uncovered loads went back from 19 percent to 3 percent after the rollback.
    after: I learned to set guardrail metrics for both sides before any launch.
    environment: {stage: growth, customer: marketplace, org: embedded}
companies:
  - {id: medlink, name: MedLink Health, stage: enterprise, customer: b2b-enterprise,
     org: matrix, focus: [metric-frameworks]}
"""


@pytest.fixture
def bank_db(tmp_path: Path, db_path: Path) -> Path:
    source = tmp_path / "mine.yaml"
    source.write_text(BANK_YAML, encoding="utf-8")
    assert main(["--db", str(db_path), "import", str(source)]) == 0
    return db_path


def _ask_json(db: Path, capsys: pytest.CaptureFixture[str], *args: str) -> dict:
    capsys.readouterr()
    assert main(["--db", str(db), "ask", *args, "--json"]) == 0
    return json.loads(capsys.readouterr().out)


@pytest.mark.parametrize(("word", "kind"), [("metrics", "metrics"), ("Failure", "failure")])
def test_a_one_word_question_is_read_not_called_unreadable(word: str, kind: str) -> None:
    reading = analyse_question(word)
    assert reading.note is None
    assert reading.question == word
    assert reading.kind == kind


def test_ask_with_one_keyword_picks_the_story_about_it(
    bank_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    answer = _ask_json(bank_db, capsys, "metrics")
    assert answer["suggestions"][0]["id"] == "ops-metrics-tree"
    assert "metric-frameworks" in answer["competencies"]


def test_text_in_a_script_it_cannot_read_still_gets_the_english_note() -> None:
    reading = analyse_question("失败")
    assert reading.note is not None and "English" in reading.note


@pytest.mark.parametrize("key", ["MEDLINK", "MedLink Health", "medlink health"])
def test_ask_company_accepts_a_name_or_any_case_like_brief_and_coverage(
    bank_db: Path, capsys: pytest.CaptureFixture[str], key: str
) -> None:
    capsys.readouterr()
    code = main(["--db", str(bank_db), "ask", "How do you measure success?", "--company", key])
    captured = capsys.readouterr()
    assert code == 0, captured.err
    assert "For: MedLink Health (medlink)" in captured.out


def test_ask_unknown_company_is_still_a_clear_error(
    bank_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    assert main(["--db", str(bank_db), "ask", "Why us?", "--company", "nowhere"]) == 1
    err = capsys.readouterr().err
    assert "unknown company 'nowhere'" in err and "Traceback" not in err


def test_restore_of_a_file_that_is_not_json_reads_as_one_sentence(
    bank_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    junk = tmp_path / "passwd"
    junk.write_text("root:x:0:0:root:/root:/bin/bash\n", encoding="utf-8")
    before = bank_db.read_bytes()
    capsys.readouterr()
    assert main(["--db", str(bank_db), "restore", str(junk)]) == 1
    err = capsys.readouterr().err
    assert ".;" not in err
    assert "was not changed" in err
    assert bank_db.read_bytes() == before


@pytest.mark.parametrize(
    "question",
    [
        "Describe a launch that didn't go to plan and what you learnt from it.",
        "Tell me about a project that did not go according to plan.",
    ],
)
def test_the_british_didnt_go_to_plan_is_a_failure_question(question: str) -> None:
    assert analyse_question(question).kind == "failure"


def _metric_yaml(before: str, after: str) -> str:
    return (
        "version: 1\nstories:\n  - id: m\n    title: T\n    competencies: [metric-frameworks]\n"
        "    context: c\n    decision: d\n    result: r\n    metrics:\n"
        f"      - {{name: Wait, before: {before}, after: {after}}}\n"
    )


def test_a_clock_time_in_a_metric_is_refused_not_read_as_base_60() -> None:
    from storybank.errors import InputError
    from storybank.yamlio import load_bank_text

    # YAML 1.1 reads 12:30 as 750 (base 60) but 08:30 as text: neither is what was meant.
    with pytest.raises(InputError) as caught:
        load_bank_text(_metric_yaml("12:30", "08:30"), "m.yaml")
    message = str(caught.value)
    assert "m.yaml:10:30: 'before' of metric #1 in story 'm' must be a number" in message
    assert "'12:30'" in message and "'08:30'" in message


def test_a_metric_with_a_leading_zero_is_decimal_not_octal() -> None:
    from storybank.yamlio import load_bank_text

    story = load_bank_text(_metric_yaml("017", "09")).stories[0]
    assert (story.metrics[0].before, story.metrics[0].after) == (17, 9)


def _read_fifo_after(fifo: Path, run: object) -> tuple[int, bytes]:
    """Run `run()` (which writes to `fifo`) with a reader already attached; return its
    exit code and what came through the pipe."""
    import os

    reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)
    try:
        code = run()  # type: ignore[operator]
        chunks = []
        while True:
            try:
                chunk = os.read(reader, 65536)
            except BlockingIOError:
                break
            if not chunk:
                break
            chunks.append(chunk)
        return code, b"".join(chunks)
    finally:
        os.close(reader)


@pytest.mark.parametrize(
    "command",
    [["export"], ["brief", "medlink", "--markdown"], ["cards", "--markdown"]],
    ids=["export", "brief", "cards"],
)
def test_writing_to_a_pipe_or_device_writes_into_it_instead_of_replacing_it(
    bank_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], command: list[str]
) -> None:
    # `storybank export /dev/null` (as root) used to swap the device for a regular file.
    import os
    import stat

    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    code, data = _read_fifo_after(fifo, lambda: main(["--db", str(bank_db), *command, str(fifo)]))
    assert code == 0, capsys.readouterr().err
    assert stat.S_ISFIFO(os.stat(fifo).st_mode), "the pipe was replaced by a file"
    assert b"ops-metrics-tree" in data or b"One metrics tree" in data
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".pipe.")]


def _storybank(*args: str, timeout: float = 30) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "storybank", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


@pytest.mark.parametrize("command", [["list"], ["import", "BANK"], ["restore", "BACKUP"]])
def test_a_database_path_that_is_a_pipe_is_refused_not_read_forever_or_replaced(
    bank_db: Path, tmp_path: Path, command: list[str]
) -> None:
    # `--db /dev/null restore X` (as root) replaced the device with a regular file, and a
    # pipe as the database made every command wait forever.
    import os
    import stat

    source = tmp_path / "mine.yaml"
    fifo = tmp_path / "pipe.json"
    os.mkfifo(fifo)
    args = [str(source) if a == "BANK" else str(bank_db) if a == "BACKUP" else a for a in command]
    result = _storybank("--db", str(fifo), *args, timeout=20)
    assert result.returncode == 1, result.stderr
    assert "not a regular file" in result.stderr and "Traceback" not in result.stderr
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)


@pytest.mark.parametrize("question", ["???", "🚀🎉", "...", "   "])
def test_a_question_with_no_words_is_bad_input_like_an_empty_one(
    bank_db: Path, capsys: pytest.CaptureFixture[str], question: str
) -> None:
    capsys.readouterr()
    assert main(["--db", str(bank_db), "ask", question]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith("storybank: the question ")


def test_backups_lists_around_a_pipe_in_the_backups_folder(bank_db: Path) -> None:
    # A pipe named like a backup made `storybank backups` wait forever.
    import os

    folder = bank_db.parent / f".{bank_db.name}.backups"
    folder.mkdir(exist_ok=True)
    os.mkfifo(folder / "20990101-000000-000001-rolling.json")
    result = _storybank("--db", str(bank_db), "backups", timeout=20)
    assert result.returncode == 0, result.stderr
    assert "20990101-000000-000001-rolling" not in result.stdout


def test_no_escape_byte_from_a_database_or_export_path_reaches_the_terminal(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # `backups`, `restore` and `locate` already show paths through safetext; these did not.
    source = tmp_path / "mine.yaml"
    source.write_text(BANK_YAML, encoding="utf-8")
    db = str(tmp_path / "bank\x1b[31m.json")
    out = tmp_path / "out\x1b]0;title\x07.yaml"
    runs = [
        ["init"],
        ["import", str(source), "--dry-run"],
        ["import", str(source)],
        ["init"],
        ["init", "--sample"],
        ["export", str(out)],
    ]
    for args in runs:
        capsys.readouterr()
        assert main(["--db", db, *args]) == 0, args
        captured = capsys.readouterr()
        assert "\x1b" not in captured.out + captured.err, args
        assert "\x07" not in captured.out + captured.err, args


@pytest.mark.parametrize("section", ["stories", "companies", "questions"])
def test_an_id_written_null_is_missing_and_the_record_is_named_by_position(section: str) -> None:
    from storybank.errors import InputError
    from storybank.yamlio import load_bank_text

    with pytest.raises(InputError) as caught:
        load_bank_text(f"version: 1\n{section}:\n  - id: null\n    title: T\n", "n.yaml")
    message = str(caught.value)
    assert "missing required key 'id'" in message
    assert "'null'" not in message  # was: "story 'null' is missing required key 'id'"
