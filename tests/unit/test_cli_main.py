"""The CLI's command table matches what each module registers, and the fast path works."""

from __future__ import annotations

import argparse
import importlib

import pytest

from storybank.cli import COMMAND_MODULES, _module_for, build_parser, main


@pytest.mark.parametrize("module_name", list(COMMAND_MODULES))
def test_command_table_matches_registered_commands(module_name: str) -> None:
    parser = argparse.ArgumentParser()
    sub = parser.add_subparsers(dest="command")
    importlib.import_module(module_name).register(sub, argparse.ArgumentParser(add_help=False))
    assert tuple(sub.choices) == COMMAND_MODULES[module_name]


@pytest.mark.parametrize(
    ("argv", "module"),
    [
        (["ask", "why?"], "storybank.cli.ask_cmd"),
        (["--db", "list", "ask", "x"], "storybank.cli.ask_cmd"),
        (["--db=x.json", "lint"], "storybank.cli.quality_cmds"),
        (["--help"], None),
        (["nonsense"], None),
        ([], None),
    ],
)
def test_module_for_finds_the_command(argv: list[str], module: str | None) -> None:
    assert _module_for(argv) == module


def test_full_parser_lists_every_command() -> None:
    parser = build_parser()
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    expected = [name for names in COMMAND_MODULES.values() for name in names]
    assert list(sub.choices) == expected


def test_unknown_command_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["nonsense"])
    assert exc.value.code == 2
    assert "invalid choice" in capsys.readouterr().err


def test_error_lines_keep_positions_clean_controls_and_cap_floods() -> None:
    from storybank.errors import MAX_ERROR_LINES, InputError, Problem, StoryBankError, error_lines

    assert error_lines(StoryBankError("no such story 'x'")) == ["storybank: no such story 'x'"]
    one = InputError([Problem("bad \x1b[31mkey", 3, 5)], "bank.yaml")
    assert error_lines(one) == ["bank.yaml:3:5: bad \u241b[31mkey"]
    flood = InputError([Problem(f"problem {n}", n, 1) for n in range(1, 501)], "big.yaml")
    lines = error_lines(flood)
    assert len(lines) == MAX_ERROR_LINES + 1
    assert lines[0] == "big.yaml:1:1: problem 1"
    assert lines[-1].startswith("storybank: ... and 450 more problems")
