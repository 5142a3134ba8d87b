"""Read and write story bank YAML files, safely and losslessly.

Reading never constructs Python objects from the file. The text is composed into
a node tree with a SafeLoader-class loader (the C one when available), then one
walk over the nodes turns them into plain data while it

- records the 1-based line and column of every key and value (for messages),
- keeps every plain scalar's own text (`NO`, `12:30`, `012345` stay as written),
- refuses every tag that is not a standard one (`!!python/object`, `!foo`),
- reports duplicate mapping keys with both positions (PyYAML would keep the last),
- counts alias expansions and nodes and limits nesting depth, so an alias bomb
  or a deeply nested file is stopped early. These checks live in the walk, not
  in a `compose_node` override, because the C loader never calls such overrides.

Size limits (whole file and single scalar), byte checks (NUL, non-UTF-8) and the
catching of `RecursionError`/`MemoryError` keep time and memory bounded for any
input. Every problem becomes `InputError` lines `FILE:LINE:COLUMN: message`.

Writing uses the contract's key order, `|` block style for multi-line text and
quotes any string that would read back as another type, so export -> import ->
export is byte-identical.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from contextlib import suppress
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from storybank.errors import InputError, Problem
from storybank.gcpause import paused
from storybank.model import Bank, Story
from storybank.safetext import escape_json, has_unsafe
from storybank.validate import (
    EMPTY_FILE_MESSAGE,
    REFUSED,
    Positions,
    RawScalar,
    validate_bank_data,
    validate_story_data,
)
from storybank.yamlemitter import BlockWriter, FastScalarEmitter

try:  # libyaml's loader is much faster; fall back to the pure-Python one
    from yaml import CSafeLoader as _Loader

    _LIBYAML = True
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

    _LIBYAML = False

MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_SCALAR_CHARS = 100_000
MAX_DEPTH = 32
"""The file format nests five levels deep; anything far deeper is hostile or a mistake."""
MAX_ALIAS_EXPANSIONS = 1_000
"""Values reached again through an alias; a handful of reused notes stays far below."""
MAX_NODES = 250_000
"""Values in one file, counted before composing and again with aliases expanded. A real
bank has a few thousand; a 5 MB file of `x,` would otherwise cost seconds and ~800 MB."""

_TAG = "tag:yaml.org,2002:"
_SCALAR_TAGS = {f"{_TAG}{name}" for name in ("str", "int", "float", "bool", "null", "timestamp")}
_STR = f"{_TAG}str"
_NULL = f"{_TAG}null"
_MERGE = f"{_TAG}merge"

HEADER = "# storybank bank file. Edit freely, then load it with: storybank import FILE\n"


class _Stop(Exception):
    """A problem that makes walking further pointless (a bomb, a too-deep file)."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.message)
        self.problem = problem


def _pos(node: Node) -> tuple[int, int]:
    mark = node.start_mark
    return mark.line + 1, mark.column + 1


def _short_tag(tag: str) -> str:
    return "!!" + tag[len(_TAG) :] if tag.startswith(_TAG) else tag


class _Walker:
    """Turns a composed node tree into plain data, checking it on the way."""

    def __init__(self) -> None:
        self.positions = Positions()
        self.problems: list[Problem] = []
        self.seen: set[int] = set()
        self.stack: set[int] = set()
        self.expansions = 0
        self.nodes = 0
        self._constructor = yaml.constructor.SafeConstructor()

    def problem(self, node: Node, message: str, path: tuple[str | int, ...]) -> None:
        line, column = _pos(node)
        self.problems.append(Problem(message, line, column, path))

    def walk(self, node: Node, path: tuple[str | int, ...] = (), depth: int = 0) -> Any:
        self.nodes += 1
        if self.nodes > MAX_NODES:
            line, column = _pos(node)
            raise _Stop(Problem(_too_many_values(), line, column))
        if id(node) in self.seen:
            self.expansions += 1
            if self.expansions > MAX_ALIAS_EXPANSIONS:
                line, column = _pos(node)
                raise _Stop(
                    Problem(
                        f"aliases expand to more than {MAX_ALIAS_EXPANSIONS:,} values: this "
                        "looks like an alias bomb (billion laughs); write the values out instead",
                        line,
                        column,
                    )
                )
        else:
            self.seen.add(id(node))
        if depth > MAX_DEPTH:
            line, column = _pos(node)
            raise _Stop(Problem(_too_deep(), line, column))
        self.positions.values.setdefault(path, _pos(node))
        if isinstance(node, ScalarNode):
            return self.scalar(node, path)
        if node.tag not in (f"{_TAG}seq", f"{_TAG}map"):
            self.refuse(node, path)
            return REFUSED
        if id(node) in self.stack:
            line, column = _pos(node)
            raise _Stop(
                Problem("an alias refers to a value that contains it (a loop)", line, column)
            )
        self.stack.add(id(node))
        try:
            if isinstance(node, SequenceNode):
                return [self.walk(item, (*path, i), depth + 1) for i, item in enumerate(node.value)]
            assert isinstance(node, MappingNode)  # the composer makes no other kind of node
            return self.mapping(node, path, depth)
        finally:
            self.stack.discard(id(node))

    def refuse(self, node: Node, path: tuple[str | int, ...]) -> None:
        self.problem(
            node,
            f"the tag '{_short_tag(node.tag)}' is not allowed: storybank reads plain YAML "
            "values only (nothing was constructed or run)",
            path,
        )

    def mapping(self, node: MappingNode, path: tuple[str | int, ...], depth: int) -> Any:
        out: dict[str, Any] = {}
        first: dict[str, Node] = {}
        for key_node, value_node in node.value:
            if key_node.tag == _MERGE:
                self.problem(
                    key_node, "merge keys ('<<') are not supported: write the keys out", path
                )
                continue
            if not isinstance(key_node, ScalarNode):
                self.problem(key_node, "a key must be plain text, not a list or mapping", path)
                continue
            if key_node.tag not in _SCALAR_TAGS:
                self.refuse(key_node, path)
                continue
            key = key_node.value
            if key in first:
                line, column = _pos(first[key])
                self.problem(
                    key_node,
                    f"duplicate key '{key[:40]}' (first at line {line}, column {column}); "
                    "only one is allowed",
                    (*path, key),
                )
                self.walk(value_node, (*path, key, "<duplicate>"), depth + 1)
                continue
            first[key] = key_node
            self.positions.keys[(*path, key)] = _pos(key_node)
            out[key] = self.walk(value_node, (*path, key), depth + 1)
        return out

    def scalar(self, node: ScalarNode, path: tuple[str | int, ...]) -> Any:
        if node.tag not in _SCALAR_TAGS:
            self.refuse(node, path)
            return REFUSED
        text = node.value
        if len(text) > MAX_SCALAR_CHARS:
            self.problem(
                node,
                f"this value is too long ({len(text):,} characters; the limit is "
                f"{MAX_SCALAR_CHARS:,})",
                path,
            )
            return REFUSED
        if node.tag == _STR:
            return text
        if node.tag == _NULL and text == "" and node.style in (None, ""):
            return None
        try:
            typed = self._constructor.construct_object(node, deep=True)
        except Exception:  # a malformed explicit `!!int ""` etc.: simply not a number
            typed = None
        return RawScalar(text, node.tag, typed)


def _offset_to_position(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line, column


def _decode(raw: bytes, filename: str) -> str:
    """UTF-8 text, or InputError saying where the first bad byte is."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError(
            [Problem("the file is UTF-16 text; save it as UTF-8 and import again")], filename
        )
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    nul = raw.find(b"\x00")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        if nul < 0 or nul > exc.start:
            good = raw[: exc.start].decode("utf-8", errors="replace")
            line, column = _offset_to_position(good, len(good))
            raise InputError(
                [
                    Problem(
                        f"the file is not UTF-8 text (byte 0x{raw[exc.start]:02x} cannot be "
                        "decoded); save it as UTF-8 and import again",
                        line,
                        column,
                    )
                ],
                filename,
            ) from None
        text = raw[:nul].decode("utf-8", errors="replace") + "\x00"
    if nul >= 0:
        line, column = _offset_to_position(text, text.index("\x00"))
        raise InputError([Problem(_NUL_MESSAGE, line, column)], filename)
    return text


_NUL_MESSAGE = "the file contains a NUL byte: it looks like a binary file, not YAML text"


def _yaml_error(exc: yaml.YAMLError, text: str) -> Problem:
    """One line from a PyYAML error, positioned at its problem mark."""
    if isinstance(exc, yaml.reader.ReaderError):
        line, column = _offset_to_position(text, exc.position)
        char = exc.character
        code = char if isinstance(char, int) else ord(char)
        return Problem(
            f"the file contains the control character U+{code:04X}, which YAML does not allow "
            "(write it as an escape in double quotes, or remove it)",
            line,
            column,
        )
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    parts = [getattr(exc, "context", None), getattr(exc, "problem", None)]
    message = ", ".join(p.strip() for p in parts if p) or str(exc).splitlines()[0]
    if "nesting depth" in message:
        message += " (the file nests too deeply)"
    message = f"YAML syntax error: {message}"
    if mark is None:
        return Problem(message)
    return Problem(message, mark.line + 1, mark.column + 1)


_NODE_EVENTS = (yaml.ScalarEvent, yaml.SequenceStartEvent, yaml.MappingStartEvent, yaml.AliasEvent)


def _event_pos(event: yaml.Event) -> tuple[int | None, int | None]:
    """1-based line and column where a parser event starts, when the parser knows it."""
    mark = event.start_mark
    return (None, None) if mark is None else (mark.line + 1, mark.column + 1)


def _precheck(text: str, filename: str) -> None:
    """Stream the parser's events and stop early on too many values or too deep nesting.

    Composing builds every node (with two marks each) before anything can be
    checked, so a file of millions of tiny values would cost seconds and hundreds of
    MB. The event stream is produced incrementally, so this pass stops at the limit
    with little memory; the walk over the composed tree checks aliases and depth again.
    """
    count = 0
    depth = 0
    for event in yaml.parse(text, Loader=_Loader):
        if isinstance(event, _NODE_EVENTS):
            count += 1
            if count > MAX_NODES:
                raise InputError([Problem(_too_many_values(), *_event_pos(event))], filename)
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH + 1:
                raise InputError([Problem(_too_deep(), *_event_pos(event))], filename)
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1


_INTRODUCERS = ("\n", "\r", "\x85", "\u2028", "\u2029", "-", ":", "?", ",", "[", "{")
"""What every YAML value but the first of a document follows: a line break or an
indicator (`- `, `: `, `? `, `,`, `[`, `{`), with only spaces, comments, tags and
anchors between. One introducer starts at most two values (a mapping and its first key,
or an explicit key and its empty value), so twice their count, plus the text's start,
bounds the values any file can hold."""


def node_bound(text: str) -> int:
    """An upper bound on the values (parser node events) of `text`, from a few C scans."""
    return 2 * (1 + sum(text.count(mark) for mark in _INTRODUCERS))


def _compose(text: str, filename: str) -> Node | None:
    """The node tree, the limits checked first when the text could exceed them.

    Streaming the events (`_precheck`) costs a quarter of reading a large bank file, and
    nearly every file is far below the limits: when `node_bound` says so, composing
    cannot build more than MAX_NODES nodes, and libyaml refuses nesting past 1,000
    levels by itself, so the tree is composed straight away and the walk checks depth.
    If composing fails, the precheck runs after all, so a file over a limit gets the
    limit's message, exactly as when it runs first.
    """
    checked = not _LIBYAML or node_bound(text) > MAX_NODES
    if checked:
        _precheck(text, filename)
    try:
        return yaml.compose(text, Loader=_Loader)
    except yaml.YAMLError:
        if not checked:
            with suppress(yaml.YAMLError):  # the same error again: report the first
                _precheck(text, filename)
        raise


def _too_many_values() -> str:
    return f"the file has more than {MAX_NODES:,} values; refusing to read it"


def _too_deep() -> str:
    return f"the file nests deeper than {MAX_DEPTH} levels; refusing to read it"


def parse_yaml(
    text: str,
    filename: str = "<text>",
    *,
    check: Callable[[Any, Positions], tuple[Any, list[Problem]]] = validate_bank_data,
) -> tuple[Any, Positions]:
    """Plain data and positions from YAML text, or InputError; nothing is constructed.

    `check` validates what could be read when the walk found problems too, so one run
    lists every problem: a bank file's validator, or one story's (`load_story_text`)."""
    if len(text.encode("utf-8", errors="surrogatepass")) > MAX_FILE_BYTES:
        raise InputError(
            [Problem(_too_big(len(text.encode("utf-8", errors="surrogatepass"))))], filename
        )
    if "\x00" in text:
        line, column = _offset_to_position(text, text.index("\x00"))
        raise InputError([Problem(_NUL_MESSAGE, line, column)], filename)
    try:
        node = _compose(text, filename)
    except yaml.YAMLError as exc:
        raise InputError([_yaml_error(exc, text)], filename) from None
    except RecursionError:
        raise InputError([Problem("the file nests too deeply to read")], filename) from None
    except MemoryError:
        raise InputError([Problem("the file needs too much memory to read")], filename) from None
    if node is None:
        raise InputError([Problem(EMPTY_FILE_MESSAGE)], filename)
    walker = _Walker()
    try:
        data = walker.walk(node)
    except _Stop as stop:
        raise InputError([*walker.problems, stop.problem], filename) from None
    except RecursionError:
        raise InputError([Problem("the file nests too deeply to read")], filename) from None
    except MemoryError:
        raise InputError([Problem("the file needs too much memory to read")], filename) from None
    if walker.problems:
        # Validate what could be read too, so one run lists every problem.
        _, more = check(data, walker.positions)
        raise InputError(_sorted([*walker.problems, *more]), filename)
    return data, walker.positions


def _sorted(problems: list[Problem]) -> list[Problem]:
    """File order, so the list reads top to bottom; position-less problems first."""
    return sorted(problems, key=lambda p: (p.line or 0, p.column or 0))


def _too_big(size: int) -> str:
    return (
        f"the file is too big ({size / 1024 / 1024:.1f} MB; the limit is "
        f"{MAX_FILE_BYTES // 1024 // 1024} MB): a story bank is a few hundred KB at most"
    )


def load_bank_text(text: str, filename: str = "<text>") -> Bank:
    """A validated Bank from YAML text; InputError lists every problem with its position."""
    with paused():
        data, positions = parse_yaml(text, filename)
        bank, problems = validate_bank_data(data, positions)
    if problems or bank is None:
        raise InputError(_sorted(problems), filename)
    return bank


def load_bank_bytes(raw: bytes, filename: str = "<bytes>") -> Bank:
    if len(raw) > MAX_FILE_BYTES:
        raise InputError([Problem(_too_big(len(raw)))], filename)
    return load_bank_text(_decode(raw, filename), filename)


def load_bank_file(path: Path | str) -> Bank:
    """A validated Bank from a YAML file; reads at most the size limit, never more."""
    path = Path(path)
    return load_bank_bytes(_read_file(path), str(path))


def _read_file(path: Path) -> bytes:
    """A YAML file's bytes, or InputError saying in one line why it cannot be read."""
    from storybank.userfile import FileTooLargeError, NotRegularFileError, read_capped

    filename = str(path)
    try:  # regular files only, never more than the limit (a FIFO or /dev/zero is refused)
        raw = read_capped(path, MAX_FILE_BYTES)
    except FileNotFoundError:
        raise InputError([Problem("no such file")], filename) from None
    except IsADirectoryError:
        raise InputError([Problem("is a folder, not a YAML file")], filename) from None
    except NotRegularFileError:
        raise InputError(
            [
                Problem(
                    "is not a regular file (a device or a pipe); give a YAML file, or - for stdin"
                )
            ],
            filename,
        ) from None
    except FileTooLargeError as exc:
        raise InputError([Problem(_too_big(exc.size))], filename) from None
    except PermissionError:
        raise InputError([Problem("permission denied: cannot read the file")], filename) from None
    except OSError as exc:
        raise InputError(
            [Problem(f"cannot read the file: {exc.strerror or exc}")], filename
        ) from None
    return raw


# ---------------------------------------------------------------- one story

Where = tuple[int | None, int | None]


def _bank_shaped(data: Any) -> bool:
    """A bank file (`version:`, `stories:` ...) rather than one story's mapping."""
    return isinstance(data, Mapping) and any(key in data for key in ("version", "stories"))


def _check_story(data: Any, positions: Positions) -> tuple[Any, list[Problem]]:
    if _bank_shaped(data):
        return validate_bank_data(data, positions)
    if not isinstance(data, Mapping):
        return None, []  # `_one_story` says what the file should hold
    return validate_story_data(data, positions)


def _one_story(data: Any, positions: Positions) -> tuple[Story | None, Where, list[Problem]]:
    """The file's one story, where its id is, and every problem (see `load_story_text`)."""
    if not _bank_shaped(data):
        if not isinstance(data, Mapping):
            return None, (None, None), [Problem(_NOT_A_STORY.format(kind=_kind_of(data)))]
        story, problems = validate_story_data(data, positions)
        return story, positions.locate(("id",)), problems
    bank, problems = validate_bank_data(data, positions)
    if bank is None or problems:
        return None, (None, None), problems
    others = [
        f"{len(getattr(bank, name))} {label}"
        for name, label in (
            ("companies", "companies"),
            ("questions", "questions"),
            ("ledger", "ledger entries"),
            ("debriefs", "debriefs"),
            ("reviews", "recall reviews"),
            ("picks", "story choices"),
            ("redactions", "redactions"),
        )
        if getattr(bank, name)
    ]
    if not bank.pitch.is_empty():
        others.append("a pitch")
    if len(bank.stories) != 1 or others:
        held = ", ".join([f"{len(bank.stories)} stories", *others])
        line, column = positions.locate(("stories",), key=True)
        message = (
            f"the file holds {held}; `storybank new` adds one story "
            "(`storybank import FILE` takes a whole bank file)"
        )
        return None, (None, None), [Problem(message, line, column)]
    return bank.stories[0], positions.locate(("stories", 0, "id")), []


_NOT_A_STORY = (
    "the file must hold one story (a mapping with id:, title:, competencies: and the "
    "beats) or a bank file with one story under 'stories:', not {kind}"
)


def _kind_of(data: Any) -> str:
    if isinstance(data, list):
        return "a list"
    return "a single value"


def load_story_text(text: str, filename: str = "<text>") -> tuple[Story, Where]:
    """The one story in YAML text (a story mapping, or a bank file holding exactly one
    story and nothing else), validated exactly as an import validates it, and the line
    and column of its id; InputError lists every problem with its position."""
    with paused():
        data, positions = parse_yaml(text, filename, check=_check_story)
        story, where, problems = _one_story(data, positions)
    if problems or story is None:
        raise InputError(_sorted(problems), filename)
    return story, where


def load_story_bytes(raw: bytes, filename: str = "<bytes>") -> tuple[Story, Where]:
    if len(raw) > MAX_FILE_BYTES:
        raise InputError([Problem(_too_big(len(raw)))], filename)
    return load_story_text(_decode(raw, filename), filename)


def load_story_file(path: Path | str) -> tuple[Story, Where]:
    """`load_story_text` of a file, read as `load_bank_file` reads one."""
    path = Path(path)
    return load_story_bytes(_read_file(path), str(path))


# ---------------------------------------------------------------- writing


class _Dumper(FastScalarEmitter, yaml.SafeDumper):
    """SafeDumper with indented lists, no anchors, and `|` for multi-line text; ordinary
    one-line strings skip PyYAML's per-character loops (`storybank.yamlemitter`)."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        return super().increase_indent(flow, False)

    def ignore_aliases(self, data: Any) -> bool:
        return True


def _represent_str(dumper: yaml.SafeDumper, data: str) -> yaml.ScalarNode:
    if has_unsafe(data):  # double quotes, so `dump_bank` can write the character as \uXXXX
        return dumper.represent_scalar(_STR, data, style='"')
    style = "|" if "\n" in data else None
    return dumper.represent_scalar(_STR, data, style=style)


_Dumper.add_representer(str, _represent_str)


def _pyyaml_dump(data: Any) -> str:
    return yaml.dump(
        data,
        Dumper=_Dumper,
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=False,
        width=4096,
        indent=2,
    )


def dump_bank(bank: Bank) -> str:
    """The bank as YAML text in the file format's key order; stable for equal banks.

    Each record is written by `BlockWriter` when it can (ordinary one-line text, about
    20x faster), else by PyYAML; either way the bytes are what PyYAML writes for the
    whole bank (tests/unit/test_yaml_emitter.py)."""
    data = bank.to_dict()
    writer = BlockWriter(_Dumper.yaml_implicit_resolvers)
    out = [HEADER]
    for key, value in data.items():
        if not isinstance(value, list) or not value:
            out.append(_pyyaml_dump({key: value}))
            continue
        out.append(f"{key}:\n")
        for record in value:
            lines: list[str] = []
            if isinstance(record, dict) and record and writer.mapping(record, "  - ", lines):
                out.extend(lines)
            else:
                piece = _pyyaml_dump({key: [record]})
                if piece.endswith("\n...\n"):
                    # Text ending in line breaks leaves the document open, and where PyYAML
                    # marks its end depends on what follows: let it write the whole bank.
                    return dump_bank_pyyaml(bank)
                out.append(piece.split("\n", 1)[1])
    return _escaped("".join(out))


def dump_bank_pyyaml(bank: Bank) -> str:
    """`dump_bank` written by PyYAML alone: the reference the fast path is tested against."""
    return _escaped(HEADER + _pyyaml_dump(bank.to_dict()))


def _escaped(text: str) -> str:
    """Text stored before import refused invisible characters is exported escaped: never
    raw on a terminal, and the same text once read back. Such strings are written
    double-quoted (see `_represent_str`; `BlockWriter` leaves them to PyYAML), where
    `\\uXXXX` is YAML's own escape."""
    return escape_json(text)


def write_bank_file(bank: Bank, path: Path | str) -> Path:
    """Export atomically and privately (see `storybank.privatefile`).

    Exports hold a person's career notes, so the file is readable by its owner
    only (0600), whatever the umask; `chmod` it to share.
    """
    from storybank.privatefile import write_private_text

    return write_private_text(path, dump_bank(bank))
