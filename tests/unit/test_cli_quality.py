"""`storybank lint | coverage | brief | cards`: output, exit codes, files written."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest

from storybank.cli import main
from storybank.model import Bank, Company, Story
from storybank.resources import sample_file
from storybank.store import Store
from storybank.yamlio import load_bank_file

NOT_READY = Story(
    id="not-ready",
    title="Helped with various launches",
    competencies=["launch-operations"],
    context="I have experience with launches.",
    decision="We would approach it carefully.",
    result="It went well.",
)
HOSTILE = Story(
    id="hostile",
    title="\x1b]0;owned\x07[bold]Title[/] \x1b[2J",
    competencies=["prioritization"],
    context="Context \x1b[31mred\x1b[0m with a \x9b31m C1 escape and \u202ebidi.",
    decision="I chose \x1b]52;c;ZXZpbA==\x07 the clipboard.",
    result="From 10 to 4.",
)


@pytest.fixture
def sample_db(db_path: Path) -> Path:
    """The sample stories and companies in a fresh database."""
    stories = load_bank_file(sample_file("stories.yaml"))
    companies = load_bank_file(sample_file("companies.yaml"))
    Store.open(str(db_path)).apply_import(
        Bank(stories=stories.stories, companies=companies.companies)
    )
    return db_path


def add(db: Path, *stories: Story, companies: tuple[Company, ...] = ()) -> None:
    Store.open(str(db)).apply_import(Bank(stories=list(stories), companies=list(companies)))


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def strings(data: object) -> set[str]:
    """Every string anywhere in parsed JSON."""
    if isinstance(data, str):
        return {data}
    if isinstance(data, dict):
        return set().union(*(strings(v) for v in data.values()), set())
    if isinstance(data, list):
        return set().union(*(strings(v) for v in data), set())
    return set()


def assert_fits(text: str) -> None:
    too_wide = [line for line in text.splitlines() if len(line) > 80]
    assert not too_wide, too_wide


# -- lint ---------------------------------------------------------------------------------------


def test_lint_sample_bank_strict_passes(
    sample_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "lint", "--strict")
    assert code == 0 and err == ""
    assert "escalation-triage" in out and "/100" in out
    assert out.splitlines()[-1].startswith("Bank: 6 stories, score ")
    assert_fits(out)


def test_lint_strict_fails_on_an_error(sample_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    add(sample_db, NOT_READY)
    code, out, _ = run(capsys, "lint", "--strict")
    assert code == 1
    assert "error   result-no-number [result]" in out
    assert "fix: add the before and after" in out
    # without --strict the same findings are a report, not a failure
    assert run(capsys, "lint")[0] == 0
    # --strict on a clean story alone passes
    assert run(capsys, "lint", "--strict", "escalation-triage")[0] == 0


def test_lint_selected_ids_in_order(sample_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "lint", "--json", "sdk-release-train", "escalation-triage")
    data = json.loads(out)
    assert code == 0
    assert [s["id"] for s in data["stories"]] == ["sdk-release-train", "escalation-triage"]
    assert {"score", "verdict", "counts", "stories"} <= set(data)


def test_lint_unknown_id_is_an_error(sample_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "lint", "escalation-triag", "nope")
    assert code == 1 and out == ""
    assert err.splitlines() == [
        "storybank: no story with id 'escalation-triag' (did you mean escalation-triage?)",
        "storybank: no story with id 'nope'",
    ]


def test_lint_empty_bank(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "lint", "--strict")
    assert code == 0 and "no stories yet" in out


# -- coverage -----------------------------------------------------------------------------------


def test_coverage_text_and_json(sample_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "coverage")
    assert code == 0
    assert out.startswith("Coverage: 6 stories\n")
    assert "Core stories (5-7)" in out
    assert_fits(out)
    code, out, _ = run(capsys, "coverage", "--json", "--company", "Ledgerline")
    data = json.loads(out)
    assert data["company"] == {"id": "ledgerline", "name": "Ledgerline"}
    assert data["guidance"]["status"] == "ok"


def test_coverage_unknown_company(sample_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "coverage", "--company", "tracewnd")
    assert code == 1 and out == ""
    assert "no company 'tracewnd' (known: tracewind, harborlane, ledgerline)" in err
    assert "did you mean tracewind?" in err


# -- brief --------------------------------------------------------------------------------------


def test_brief_by_name_any_case(sample_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "brief", "LEDGERLINE")
    assert code == 0 and err == ""
    assert out.startswith("Brief: Ledgerline (enterprise, B2B enterprise, matrix) · ")
    assert "Most likely questions" in out and len(out.splitlines()) <= 30
    assert_fits(out)
    code, out, err = run(capsys, "brief", "LEDGERLINE", "--full")
    assert code == 0 and err == ""
    assert out.startswith("Brief: Ledgerline\n")
    assert "Likely questions at Ledgerline" in out
    assert_fits(out)


def test_brief_unknown_company_exits_1(sample_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "brief", "Nowhere Inc")
    assert code == 1 and out == ""
    assert err.startswith("storybank: no company 'Nowhere Inc'")


def test_brief_without_companies(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "brief", "acme")
    assert code == 1 and "the bank has no companies yet" in err


def test_brief_ambiguous_name(db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    add(db_path, companies=(Company("acme-uk", "Acme"), Company("acme-us", "acme")))
    code, _, err = run(capsys, "brief", "ACME")
    assert code == 1 and "names several companies (acme-uk, acme-us): use the id" in err
    assert run(capsys, "brief", "acme-us")[0] == 0


def test_brief_markdown_written_private_and_atomic(
    sample_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "brief.md"
    code, out, _ = run(capsys, "brief", "tracewind", "--markdown", str(target))
    assert code == 0
    assert out == f"Wrote the brief for tracewind to {target}\n"
    text = target.read_text(encoding="utf-8")
    assert text.startswith("# Brief: Tracewind\n")
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert [p.name for p in tmp_path.iterdir()] == ["brief.md"]  # no temp file left behind
    # an existing file is not replaced without --force (it may be notes of the user's own)
    target.write_text("old", encoding="utf-8")
    target.chmod(0o644)
    code, out, err = run(capsys, "brief", "tracewind", "--markdown", str(target))
    assert code == 1 and out == ""
    assert err == (
        f"storybank: {target} already exists: pass --force to replace it, or choose another file\n"
    )
    assert target.read_text(encoding="utf-8") == "old"
    # with --force it keeps the mode and replaces the content
    assert run(capsys, "brief", "tracewind", "--markdown", str(target), "--force")[0] == 0
    assert target.read_text(encoding="utf-8") == text
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


def test_markdown_reports_the_whole_path(
    sample_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch
) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, _ = run(capsys, "cards", "--markdown", "cards.md")
    assert code == 0 and out.endswith(f" to {tmp_path / 'cards.md'}\n")


def test_brief_markdown_to_stdout(sample_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "brief", "harborlane", "--markdown", "-")
    assert code == 0 and out.startswith("# Brief: Harborlane\n")


def test_brief_markdown_unwritable(
    sample_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(capsys, "brief", "tracewind", "--markdown", str(tmp_path / "no" / "x.md"))
    assert code == 1
    assert err.startswith("storybank: cannot write ") and "Traceback" not in err
    code, _, err = run(capsys, "brief", "tracewind", "--markdown", str(tmp_path))
    assert code == 1 and "it is a folder" in err


def test_brief_json(sample_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "brief", "tracewind", "--json")
    data = json.loads(out)
    assert code == 0 and data["company"]["id"] == "tracewind"
    assert 8 <= len(data["questions"]) <= 10


# -- cards --------------------------------------------------------------------------------------


def test_cards_for_selected_stories(sample_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "cards", "escalation-triage")
    assert code == 0
    assert out.startswith("Cutting escalation routing from 19 hours to 3.5 (escalation-triage)")
    lines = out.splitlines()
    assert "Numbers     Median time to owner: from 19 to 3.5 hours, cut by 82 percent" in lines
    assert "            Reopened escalations: from 27 to 9 percent, down 18 points" in lines
    assert "->" not in out and "…" not in out  # said aloud, never cut
    # the opening is the whole first sentence, the company named once
    assert (
        "Open        At a Series B invoicing company selling to small accountancy firms," in lines
    )
    assert out.count("Series B") == 1
    # a round note is whole: the audience of each point stays with it
    assert (
        "Panel       For engineering panellists, stress that no headcount was added; for" in lines
    )
    assert "annual-plan-rollback" not in out
    assert_fits(out)
    head = out.split("\nIn the rounds\n", 1)[0]
    assert len(head.splitlines()) <= 24  # the card itself is one screen, not fifty lines
    assert run(capsys, "cards", "missing")[0] == 1


def test_cards_json_says_numbers_aloud(sample_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "cards", "request-intake-freeze", "--json")
    card = json.loads(out)[0]
    assert code == 0
    assert card["numbers"][0] == (
        "Requests answered within 10 business days: from 18 to 85 percent, up 67 points"
    )
    assert card["lead"][0]["for"] == "open"


def test_cards_markdown_file(
    sample_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "cards.md"
    code, out, _ = run(capsys, "cards", "--markdown", str(target))
    assert code == 0 and out == f"Wrote 6 cards to {target}\n"
    text = target.read_text(encoding="utf-8")
    assert text.startswith("# Cue cards\n") and text.count("\n## ") == 6
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


# -- safety -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "argv",
    [
        ("lint",),
        ("coverage",),
        ("cards",),
        ("brief", "evil"),
        ("brief", "evil", "--markdown", "-"),
        ("cards", "--markdown", "-"),
        ("lint", "--json"),
        ("coverage", "--json", "--company", "evil"),
        ("brief", "evil", "--json"),
        ("cards", "--json"),
    ],
)
def test_no_escape_byte_reaches_the_terminal(
    db_path: Path, capsys: pytest.CaptureFixture[str], argv: tuple[str, ...]
) -> None:
    evil = Company("evil", "Evil \x1b[31mCo\x07", notes="\x1b]0;x\x07", focus=["prioritization"])
    add(db_path, HOSTILE, companies=(evil,))
    code, out, err = run(capsys, *argv)
    assert code == 0, err
    for bad in ("\x1b", "\x07", "\x9b"):
        assert bad not in out and bad not in err
    assert "\u202e" not in out
    if "--json" in argv:  # escaped in the text, exact once parsed
        assert HOSTILE.title in strings(json.loads(out))
    else:
        assert "[bold]Title[/]" in out or "\\[bold\\]Title\\[/\\]" in out


def test_quality_commands_never_import_textual(sample_db: Path) -> None:
    """The engine and these commands stay free of the TUI (fast start, usable over ssh)."""
    import subprocess
    import sys

    script = (
        "import sys\n"
        "from storybank.cli import main\n"
        "for argv in (['lint'], ['coverage'], ['brief', 'tracewind'], ['cards']):\n"
        "    assert main(argv) == 0, argv\n"
        "bad = sorted(m for m in sys.modules if m == 'textual' or m.startswith('textual.'))\n"
        "assert not bad, bad\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60, check=False
    )
    assert result.returncode == 0, result.stderr[-2000:]


def test_markdown_through_a_symlink_updates_the_target(
    sample_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    real = tmp_path / "real.md"
    real.write_text("old", encoding="utf-8")
    link = tmp_path / "link.md"
    link.symlink_to(real)
    assert run(capsys, "cards", "escalation-triage", "--markdown", str(link))[0] == 1  # exists
    assert real.read_text(encoding="utf-8") == "old"
    assert run(capsys, "cards", "escalation-triage", "--markdown", str(link), "--force")[0] == 0
    assert link.is_symlink()
    assert real.read_text(encoding="utf-8").startswith("# Cue cards\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link.md", "real.md"]
