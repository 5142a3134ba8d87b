"""What the advisor derived and may reuse, held in memory: no files, no I/O.

The advisor is pure: `advise()` reads its lexicons and stories and returns advice, never
touching the disk. Reuse across processes is the disk cache's job (`advisor.cache`), which
wraps the advisor from the outside: the caller that wants it (`storybank ask`) attaches
the cache file's contents here before asking and saves what is `pending()` afterwards.
Nothing is attached in the TUI or in a test that does not ask for it, so there every lookup
misses and every put is a no-op.

Two sections, both plain JSON values (they go to disk as they are):
- `lexicon`: a compiled lexicon section by name (cue phrases as stems, stop words, the words
  typos are read as);
- `stories`: each story's features, keyed by `story_digest` of the story's content.
"""

from __future__ import annotations

from typing import Any

try:  # blake2 without importing hashlib's OpenSSL bindings (a few ms on every start)
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - other Python implementations
    from hashlib import blake2b

MAX_OTHER_STORIES = 64
"""Entries of stories not in the bank being answered (older versions of edited stories,
another bank) kept at most, newest first: `storybank ask` reads the whole cache file, so
it must not grow with every edit."""


class Memo:
    """The attached sections and whether something was added since they were attached."""

    __slots__ = ("dirty", "lexicon", "stories")

    def __init__(self, lexicon: dict[str, Any], stories: dict[str, Any]) -> None:
        self.lexicon = lexicon
        self.stories = stories
        self.dirty = False


_memo: Memo | None = None


def attach(lexicon: dict[str, Any], stories: dict[str, Any]) -> Memo:
    """Start reusing these sections (read from disk by the caller); returns the memo."""
    global _memo
    _memo = Memo(lexicon, stories)
    return _memo


def detach() -> None:
    """Stop reusing: lookups miss and puts are dropped until the next `attach`."""
    global _memo
    _memo = None


def attached() -> Memo | None:
    return _memo


def story_digest(content: tuple) -> str:
    """The key of one story's entry: a digest of its whole content."""
    text = repr(content).encode("utf-8", "backslashreplace")
    return blake2b(text, digest_size=16).hexdigest()


def lexicon_part(name: str) -> Any:
    """A stored lexicon section (as JSON values), or None."""
    return _memo.lexicon.get(name) if _memo is not None else None


def put_lexicon_part(name: str, value: Any) -> None:
    """Remember a freshly computed lexicon section (for whoever saves the memo)."""
    memo = _memo
    if memo is not None and memo.lexicon.get(name) != value:
        memo.lexicon[name] = value
        memo.dirty = True


def story_entry(digest: str) -> Any:
    return _memo.stories.get(digest) if _memo is not None else None


def put_story_entries(entries: dict[str, Any], current: set[str]) -> None:
    """Add story entries; keep every entry of the `current` bank and at most
    MAX_OTHER_STORIES others (the oldest go first)."""
    memo = _memo
    if memo is None or not entries:
        return
    memo.stories.update(entries)
    others = [digest for digest in memo.stories if digest not in current]
    for digest in others[: max(0, len(others) - MAX_OTHER_STORIES)]:
        del memo.stories[digest]
    memo.dirty = True


def pending() -> bool:
    """Whether something was derived since the memo was attached (worth saving)."""
    return _memo is not None and _memo.dirty
