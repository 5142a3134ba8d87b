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
