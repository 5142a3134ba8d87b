"""PyYAML's emitter without its per-character loops for ordinary one-line text.

PyYAML's pure-Python emitter looks at every character of every scalar twice, once in
`analyze_scalar` (which styles are allowed) and once in `write_plain` (where a long
line could be folded): about 7 s for an export of 1,000 stories. libyaml's C emitter
cannot be used, because it cannot indent lists under their key the way storybank's
files are written.

For a one-line string of ordinary characters (printable ASCII or unicode that is never
escaped, no tab or line break) both answers follow from a few `str` searches, which run
in C. Anything else (multi-line text, tabs, control or special characters, empty
strings, a line that could fold) goes to PyYAML's own code, so the output is
byte-for-byte what PyYAML writes (tests/unit/test_yaml_emitter.py checks that on
generated text).
"""

from __future__ import annotations

import re
from typing import Any

from yaml.emitter import ScalarAnalysis

from storybank.safetext import has_unsafe

_ORDINARY = re.compile(
    "[\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010fffe]+"
)
"""Characters PyYAML's analysis treats as plain text with allow_unicode: no whitespace
other than the space, no line break (\\x85, \\u2028, \\u2029), no BOM, nothing escaped."""

_LEADING_INDICATORS = "#,[]{}&*!|>'\"%@`"
_FLOW_LATER = re.compile(r"[,?\[\]{}:]")


def _analysis(scalar: str) -> ScalarAnalysis:
    """`Emitter.analyze_scalar` for an ordinary one-line, non-empty scalar."""
    first = scalar[0]
    followed = len(scalar) == 1 or scalar[1] == " "
    document = scalar.startswith(("---", "..."))
    hash_comment = " #" in scalar
    leading = first in _LEADING_INDICATORS
    dash = first == "-" and followed
    flow_indicators = (
        document
        or leading
        or first in "?:"
        or dash
        or hash_comment
        or _FLOW_LATER.search(scalar, 1) is not None
    )
    block_indicators = (
        document
        or leading
        or (first in "?:" and followed)
        or dash
        or hash_comment
        or scalar.find(": ", 1) != -1
        or (len(scalar) > 1 and scalar[-1] == ":")
    )
    edge_space = first == " " or scalar[-1] == " "
    allow_plain = not edge_space
    return ScalarAnalysis(
        scalar=scalar,
        empty=False,
        multiline=False,
        allow_flow_plain=allow_plain and not flow_indicators,
        allow_block_plain=allow_plain and not block_indicators,
        allow_single_quoted=True,
        allow_double_quoted=True,
        allow_block=scalar[-1] != " ",
    )


class FastScalarEmitter:
    """Mixin for a PyYAML Dumper (put it before the Dumper class in the bases)."""

    column: int
    best_width: int
    whitespace: bool
    indention: bool
    root_context: bool
    open_ended: bool
    encoding: Any
    stream: Any

    def analyze_scalar(self, scalar: str) -> ScalarAnalysis:
        if scalar and _ORDINARY.fullmatch(scalar):
            return _analysis(scalar)
        return super().analyze_scalar(scalar)  # type: ignore[misc]

    def write_plain(self, text: str, split: bool = True) -> None:
        # Without a line break, PyYAML folds only once the column passes best_width; a
        # line that stays within it is written as it is.
        if text and self.column + 1 + len(text) <= self.best_width and _ORDINARY.fullmatch(text):
            if self.root_context:
                self.open_ended = True
            data = text if self.whitespace else " " + text
            self.whitespace = False
            self.indention = False
            self.column += len(data)
            self.stream.write(data.encode(self.encoding) if self.encoding else data)
            return
        super().write_plain(text, split)  # type: ignore[misc]


# --- whole records without the emitter ----------------------------------------------------

_KEY = re.compile(r"[a-z][a-z_]*")
_STR_TAG = "tag:yaml.org,2002:str"
_INT_TAG = "tag:yaml.org,2002:int"
_FLOAT_TAG = "tag:yaml.org,2002:float"
_MAX_PLAIN_COLUMN = 4000
"""Below storybank's width of 4096, so a plain line is never one PyYAML would fold."""


class BlockWriter:
    """Writes a record (a dict of the file format) in exactly PyYAML's block layout, or
    says it cannot (`None`), and the caller lets PyYAML write that record.

    Covers what records are made of: keys of lower-case letters, ordinary one-line
    strings (plain when `_analysis` allows it and the resolver reads them back as
    strings, else single-quoted, as PyYAML does), empty strings, ints, finite floats,
    None, empty and non-empty lists and mappings. Anything else (multi-line or special
    text) is PyYAML's.
    """

    def __init__(self, resolvers: dict[str | None, list[tuple[str, re.Pattern[str]]]]) -> None:
        self._resolvers = resolvers

    def _resolves_to(self, value: str) -> str:
        """The tag PyYAML's implicit resolver gives `value` written plain."""
        for tag, regexp in [*self._resolvers.get(value[0], ()), *self._resolvers.get(None, ())]:
            if regexp.match(value):
                return tag
        return _STR_TAG

    def scalar(self, value: object, column: int) -> str | None:
        if isinstance(value, str):
            if not value:
                return "''"
            if column + 2 * len(value) + 2 > _MAX_PLAIN_COLUMN or not _ORDINARY.fullmatch(value):
                return None
            if has_unsafe(value):
                return None  # PyYAML double-quotes it, so the export can escape it

            if _analysis(value).allow_block_plain and self._resolves_to(value) == _STR_TAG:
                return value
            # PyYAML's next choice for such text: single quotes, quotes doubled.
            return "'" + value.replace("'", "''") + "'"
        if value is None:
            return "null"
        if isinstance(value, bool):
            return None
        if isinstance(value, int):
            text = str(value)
            return text if self._resolves_to(text) == _INT_TAG else None
        if isinstance(value, float):
            if value != value or value in (float("inf"), float("-inf")):
                return None
            text = repr(value).lower()
            if "." not in text and "e" in text:
                text = text.replace("e", ".0e", 1)
            return text if self._resolves_to(text) == _FLOAT_TAG else None
        return None

    def mapping(self, record: dict[str, object], first: str, out: list[str]) -> bool:
        """Append `record`'s lines; the first starts with `first` (e.g. `"  - "`)."""
        pad = " " * len(first)
        prefix = first
        for key, value in record.items():
            if not isinstance(key, str) or not _KEY.fullmatch(key):
                return False
            head = f"{prefix}{key}:"
            prefix = pad
            if isinstance(value, dict):
                if not value:
                    out.append(f"{head} {{}}\n")
                    continue
                out.append(head + "\n")
                if not self.mapping(value, pad + "  ", out):
                    return False
            elif isinstance(value, list):
                if not value:
                    out.append(f"{head} []\n")
                    continue
                out.append(head + "\n")
                item_prefix = pad + "  - "
                for item in value:
                    if isinstance(item, dict):
                        if not item or not self.mapping(item, item_prefix, out):
                            return False
                    else:
                        text = self.scalar(item, len(item_prefix))
                        if text is None:
                            return False
                        out.append(f"{item_prefix}{text}\n")
            else:
                text = self.scalar(value, len(head) + 1)
                if text is None:
                    return False
                out.append(f"{head} {text}\n")
        return True
