"""Every kind of bad YAML is answered: exit 1, FILE:LINE:COL lines, no traceback,
bounded time and memory, and the database byte-for-byte unchanged."""

from __future__ import annotations

import re
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from storybank.cli import main
from storybank.errors import InputError
from storybank.model import Bank
from storybank.yamlio import (
    MAX_FILE_BYTES,
    MAX_SCALAR_CHARS,
    load_bank_bytes,
    load_bank_file,
    load_bank_text,
)

DATA = Path(__file__).resolve().parent.parent / "data"
HOSTILE = DATA / "hostile"
TIME_LIMIT = 5.0
"""Seconds; every case takes well under a second on a slow machine."""

_STORY = (
    "  - id: s{n}\n    title: T\n    competencies: [metrics]\n    context: c\n"
    "    decision: d\n    result: r\n"
)


def _deep(_: Path) -> bytes:
    return b"version: 1\nstories:\n" + b"  - " + b"[" * 200 + b"]" * 200 + b"\n"


def _deep_block(_: Path) -> bytes:
    lines = [" " * (2 * i) + f"k{i}:" for i in range(60)]
    return ("\n".join(lines) + " end\n").encode()


def _huge_file(_: Path) -> bytes:
    body = "".join(_STORY.format(n=i) for i in range(MAX_FILE_BYTES // len(_STORY) + 10))
    return ("version: 1\nstories:\n" + body).encode()


def _huge_scalar(_: Path) -> bytes:
    return (
        "version: 1\nstories:\n  - id: big\n    title: T\n    competencies: [metrics]\n"
        f"    context: {'word ' * (MAX_SCALAR_CHARS // 4)}\n    decision: d\n    result: r\n"
    ).encode()


def _latin1(_: Path) -> bytes:
    return "version: 1\nstories:\n  - id: caf\n    title: Café\n".encode("latin-1")


def _binary(_: Path) -> bytes:
    return b"\x7fELF\x02\x01\x01\x00\x00\x00" + bytes(range(256)) * 4


def _utf16(_: Path) -> bytes:
    return "version: 1\nstories: []\n".encode("utf-16")


def _raw_escape(_: Path) -> bytes:
    return b"version: 1\nstories:\n  - id: raw\n    title: \x1b]0;pwned\x07\n"


def _loop(_: Path) -> bytes:
    return b"version: 1\nstories: &s [*s]\n"


def _wide_alias(_: Path) -> bytes:
    """A few aliases of a big list: cheap to parse, a million values once expanded."""
    items = ", ".join(["x"] * 20000)
    refs = ", ".join(["*a"] * 900)
    return f"version: 1\na: &a [{items}]\nstories: [{refs}]\n".encode()


def _tiny_values(_: Path) -> bytes:
    """Millions of one-character values: within the size limit, huge once composed."""
    return b"version: 1\nstories: [" + b"x," * (MAX_FILE_BYTES // 2 - 100) + b"]\n"


def _two_documents(_: Path) -> bytes:
    return b"version: 1\n---\nversion: 1\n"


def _tabs(_: Path) -> bytes:
    return b"version: 1\nstories:\n\t- id: tabbed\n"


GENERATED: dict[str, Callable[[Path], bytes]] = {
    "deep_flow.yaml": _deep,
    "deep_block.yaml": _deep_block,
    "huge_file.yaml": _huge_file,
    "huge_scalar.yaml": _huge_scalar,
    "latin1.yaml": _latin1,
    "binary.yaml": _binary,
    "utf16.yaml": _utf16,
    "raw_escape.yaml": _raw_escape,
    "alias_loop.yaml": _loop,
    "wide_alias.yaml": _wide_alias,
    "two_documents.yaml": _two_documents,
    "tiny_values.yaml": _tiny_values,
    "tabs.yaml": _tabs,
}

# What each case must say (a fragment of its first line), and whether it has a position.
EXPECTED: dict[str, tuple[str, bool]] = {
    "syntax_error.yaml": ("YAML syntax error", True),
    "wrong_types.yaml": ("must be text, not a list", True),
    "unknown_keys.yaml": ("did you mean 'tradeoffs'?", True),
    "duplicate_ids.yaml": ("duplicate story id 'same'", True),
    "duplicate_keys.yaml": ("duplicate key 'title' (first at line 4, column 5)", True),
    "bad_vocab.yaml": ("allowed values are", True),
    "python_tag.yaml": ("'!!python/object/apply:os.system' is not allowed", True),
    "custom_tag.yaml": ("'!secret' is not allowed", True),
    "billion_laughs.yaml": ("alias bomb", True),
    "top_list.yaml": ("must be a mapping", True),
    "top_string.yaml": ("must be a mapping", True),
    "empty.yaml": ("the file is empty", False),
    "escape_sequence.yaml": ("control character ESC (U+001B)", True),
    "version_2.yaml": ("format version 2", True),
    "deep_flow.yaml": ("nests deeper than", True),
    "deep_block.yaml": ("nests deeper than", True),
    "huge_file.yaml": ("the file is too big", False),
    "huge_scalar.yaml": ("too long", True),
    "latin1.yaml": ("not UTF-8", True),
    "binary.yaml": ("NUL byte", True),
    "utf16.yaml": ("UTF-16", False),
    "raw_escape.yaml": ("control character U+001B", True),
    "alias_loop.yaml": ("a loop", True),
    "wide_alias.yaml": ("alias bomb", True),
    "two_documents.yaml": ("YAML syntax error", True),
    "tiny_values.yaml": ("more than 250,000 values", True),
    "tabs.yaml": ("YAML syntax error", True),
}

_POSITIONED = re.compile(r"^(?P<file>.+):(?P<line>\d+):(?P<col>\d+): \S")


@pytest.fixture
def bank_db(db_path: Path) -> Path:
    """A database holding the sample bank, so 'unchanged' means something."""
    assert main(["init", "--sample"]) == 0
    assert db_path.stat().st_size > 0
    return db_path


def _case_file(name: str, tmp_path: Path) -> Path:
    if name in GENERATED:
        path = tmp_path / name
        path.write_bytes(GENERATED[name](tmp_path))
        return path
    return HOSTILE / name


def _snapshot(db: Path) -> dict[str, bytes]:
    folder = db.parent
    return {
        p.name: p.read_bytes() for p in folder.rglob("*") if p.is_file() and ".lock" not in p.name
    }


def test_every_fixture_has_an_expectation() -> None:
    assert {p.name for p in HOSTILE.iterdir()} | set(GENERATED) == set(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_hostile_import_is_refused_cleanly(
    name: str, bank_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = _case_file(name, tmp_path)
    before = _snapshot(bank_db)
    capsys.readouterr()
    started = time.perf_counter()
    code = main(["import", str(source)])
    elapsed = time.perf_counter() - started
    out, err = capsys.readouterr()
    assert code == 1
    assert out == ""
    assert "Traceback" not in err
    lines = err.splitlines()
    assert lines, "an error must be printed"
    fragment, positioned = EXPECTED[name]
    assert fragment in err
    for line in lines:
        match = _POSITIONED.match(line)
        if positioned:
            assert match, line
            assert match["file"] == str(source)
            assert int(match["line"]) >= 1 and int(match["col"]) >= 1
        else:
            assert line.startswith(f"storybank: {source}: "), line
    assert "\x1b" not in err and "\x07" not in err
    assert elapsed < TIME_LIMIT
    assert _snapshot(bank_db) == before


def test_python_tags_run_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    with pytest.raises(InputError):
        load_bank_file(HOSTILE / "python_tag.yaml")
    assert not (tmp_path / "PWNED").exists()


@pytest.mark.slow
def test_memory_stays_bounded(tmp_path: Path) -> None:
    """Peak memory of a fresh process reading each expensive case stays small."""
    names = ["billion_laughs.yaml", "wide_alias.yaml", "huge_file.yaml", "tiny_values.yaml"]
    paths = [str(_case_file(name, tmp_path)) for name in names]
    code = (
        "import resource, sys\n"
        "from storybank.errors import InputError\n"
        "from storybank.yamlio import load_bank_file\n"
        "for path in sys.argv[1:]:\n"
        "    try:\n"
        "        load_bank_file(path)\n"
        "    except InputError:\n"
        "        pass\n"
        "    else:\n"
        "        raise SystemExit(f'{path} was accepted')\n"
        # VmHWM is this process's own peak; ru_maxrss can carry over the (large) pytest
        # parent's peak across fork and exec on Linux, which made the figure meaningless.
        "status = open('/proc/self/status').read() if sys.platform == 'linux' else ''\n"
        "hwm = [l.split()[1] for l in status.splitlines() if l.startswith('VmHWM:')]\n"
        "print(hwm[0] if hwm else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, *paths], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    peak_kb = int(result.stdout.strip())
    assert peak_kb < 150 * 1024, f"peak resident memory {peak_kb} KB"


def test_messages_are_one_per_problem_and_in_file_order() -> None:
    with pytest.raises(InputError) as caught:
        load_bank_file(HOSTILE / "wrong_types.yaml")
    lines = [p.line for p in caught.value.problems]
    assert len(lines) == 11
    assert lines == sorted(lines)


def test_tags_and_duplicates_are_reported_together_with_other_problems() -> None:
    text = (
        "version: 1\nstories:\n  - id: x\n    title: !!binary aGk=\n    title: again\n"
        "    competencies: [metrics]\n    context: c\n    decision: d\n    result: r\n"
        "    tradeof: []\n"
    )
    with pytest.raises(InputError) as caught:
        load_bank_text(text, "f.yaml")
    found = str(caught.value).splitlines()
    assert found[0].startswith("f.yaml:4:12: the tag '!!binary' is not allowed")
    assert found[1].startswith("f.yaml:5:5: duplicate key 'title' (first at line 4, column 5)")
    assert found[2].startswith("f.yaml:10:5: unknown key 'tradeof'")


def test_yaml_11_scalars_keep_the_text_as_written() -> None:
    bank = load_bank_file(DATA / "valid_bank.yaml")
    words = bank.story("yaml-words")
    assert words is not None
    assert (words.title, words.summary, words.context) == ("NO", "012345", "yes")
    assert (words.decision, words.result, words.after) == ("12:30", "1.10", "2024-05-01")
    assert words.tags == ["on", "off", "~"]
    company = bank.company("northwind")
    assert company is not None and company.interview_date == "2025-03-14"
    checklist = bank.story("onboarding-checklist")
    assert checklist is not None
    assert [(m.before, m.after) for m in checklist.metrics] == [(48, 71), (6.5, 2)]
    assert isinstance(checklist.metrics[0].before, int)


def test_numbers_are_read_only_where_numbers_belong() -> None:
    text = (
        "version: 1\nstories:\n  - id: n\n    title: 0x1F\n    competencies: [metrics]\n"
        "    context: 1_000\n    decision: .inf\n    result: 0o17\n    metrics:\n"
        "      - {name: 0b11, before: 1_000, after: 0x10}\n"
    )
    story = load_bank_text(text).stories[0]
    assert (story.title, story.context, story.decision, story.result) == (
        "0x1F",
        "1_000",
        ".inf",
        "0o17",
    )
    assert story.metrics[0].name == "0b11"
    assert (story.metrics[0].before, story.metrics[0].after) == (1000, 16)


def test_quoted_escape_in_double_quotes_is_a_control_character() -> None:
    text = 'version: 1\nstories:\n  - id: e\n    title: "\\e[31m"\n'
    with pytest.raises(InputError) as caught:
        load_bank_text(text, "x.yaml")
    assert "x.yaml:4:12: the title of story 'e' contains the control character ESC" in str(
        caught.value
    )


def test_a_file_of_only_comments_is_empty() -> None:
    with pytest.raises(InputError) as caught:
        load_bank_text("# nothing here yet\n", "c.yaml")
    assert str(caught.value) == (
        "c.yaml: the file is empty: expected a mapping with 'version: 1' and a 'stories:' list"
    )


def test_a_missing_file_or_folder_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        load_bank_file(tmp_path / "absent.yaml")
    with pytest.raises(InputError, match="is a folder"):
        load_bank_file(tmp_path)


def test_utf8_bom_and_crlf_line_ends_are_fine() -> None:
    raw = (b"\xef\xbb\xbfversion: 1\r\nstories:\r\n  - id: w\r\n    title: Windows\r\n"
           b"    competencies: [metrics]\r\n    context: |\r\n      one\r\n      two\r\n"
           b"    decision: d\r\n    result: r\r\n")  # fmt: skip
    story = load_bank_bytes(raw, "w.yaml").stories[0]
    assert story.context == "one\ntwo\n"


# ---------------------------------------------------------------- fuzzing

_VALID = (DATA / "valid_bank.yaml").read_text(encoding="utf-8")


def _assert_only_input_error(text: str) -> None:
    try:
        result = load_bank_text(text, "fuzz.yaml")
    except InputError as exc:
        assert exc.problems
        assert all(p.message for p in exc.problems)
        return
    assert isinstance(result, Bank)


@st.composite
def mutated(draw: st.DrawFn) -> str:
    text = _VALID
    for _ in range(draw(st.integers(1, 6))):
        pos = draw(st.integers(0, len(text)))
        action = draw(st.sampled_from(["drop", "dup", "insert"]))
        size = draw(st.integers(1, 12))
        if action == "drop":
            text = text[:pos] + text[pos + size :]
        elif action == "dup":
            text = text[:pos] + text[pos : pos + size] * 2 + text[pos + size :]
        else:
            piece = draw(
                st.one_of(
                    st.sampled_from(
                        [":", "- ", "&a ", "*a", "!!python/object:os.system ", "!x ", "[", "]",
                         "{", "}", "\n", "  ", "\t", "'", '"', "|", ">", "#", "---\n", "<<: ",
                         "? ", "%YAML 1.1\n", "\\e", "\x00", "\x1b", "\ufeff", "~", "null"]
                    ),
                    st.text(max_size=4),
                )
            )  # fmt: skip
            text = text[:pos] + piece + text[pos:]
    return text


@pytest.mark.slow
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated())
def test_fuzz_mutated_valid_file(text: str) -> None:
    _assert_only_input_error(text)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_fuzz_random_text(text: str) -> None:
    _assert_only_input_error(text)


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=200))
def test_fuzz_random_bytes(raw: bytes) -> None:
    try:
        result = load_bank_bytes(raw, "fuzz.bin")
    except InputError:
        return
    assert isinstance(result, Bank)


_yaml_atoms = st.sampled_from(
    ["version", "stories", "id", "title", "metrics", "before", ":", " ", "\n", "- ", "  ", "[",
     "]", "{", "}", ",", "&a", "*a", "!!str", "!!int", "!!float", "!!map", "'x'", '"y"', "1",
     "1.5", "yes", "~", "|", ">-", "#c"]
)  # fmt: skip


@pytest.mark.slow
@settings(max_examples=300, deadline=None)
@given(st.lists(_yaml_atoms, max_size=40).map("".join))
def test_fuzz_yaml_shaped_text(text: str) -> None:
    _assert_only_input_error(text)


# ---------------------------------------------------------------- loader fallbacks


@pytest.mark.parametrize("name", ["billion_laughs.yaml", "python_tag.yaml", "duplicate_keys.yaml"])
def test_the_pure_python_loader_gives_the_same_answers(
    name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without libyaml the same checks hold (they live in the walk, not in the loader)."""
    import yaml

    from storybank import yamlio

    with pytest.raises(InputError) as with_c:
        load_bank_file(HOSTILE / name)
    monkeypatch.setattr(yamlio, "_Loader", yaml.SafeLoader)
    with pytest.raises(InputError) as pure:
        load_bank_file(HOSTILE / name)
    assert [p.message for p in pure.value.problems] == [p.message for p in with_c.value.problems]
    assert load_bank_file(DATA / "valid_bank.yaml").story("yaml-words") is not None


@pytest.mark.parametrize(
    ("error", "message"),
    [(RecursionError, "nests too deeply"), (MemoryError, "too much memory")],
)
def test_recursion_and_memory_errors_become_input_errors(
    error: type[BaseException], message: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    import yaml

    def explode(*args: object, **kwargs: object) -> None:
        raise error()

    monkeypatch.setattr(yaml, "compose", explode)
    with pytest.raises(InputError, match=message):
        load_bank_text("version: 1\n", "r.yaml")
