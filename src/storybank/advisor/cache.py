"""A small on-disk cache of what the advisor derives from its lexicons and your stories.

`storybank ask` is a fresh process each time; without this cache every run would normalise
~650 cue phrases and read every story again before answering (most of the time it spends
in the advisor). With it, a run reads one JSON file instead.

What is stored, in one file `advisor-cache.json` in the user cache dir (platformdirs), or in
`$STORYBANK_CACHE_DIR` when set:

- the compiled lexicons (cue phrases as stems, stop words, the words typos are read as);
- each story's features, keyed by a digest of the story's content, so an edited story is
  simply a new entry and unchanged stories stay cached.

The file is never trusted blindly. Its first line is a header naming the format, a key
(storybank version + a digest of the source of every module whose output is cached, which
covers the lexicon data and the normalisation rules) and a *keyed* digest of the body:
BLAKE2b in its keyed (MAC) mode with a random 32-byte key made for this user on first
use and kept, mode 0600, in `advisor-cache.key` in the config dir (`cache_key.py`). Whoever
rewrites the cache cannot compute the digest without that key, so a cache edited to
change an answer is ignored and rebuilt, exactly like one that is unreadable, truncated,
from another version, shaped wrongly, too large (over 32 MiB) or not a regular file (a
FIFO or /dev/zero at its path is never read, never replaced). A cache problem is never
an error. Writes go to a temporary file that replaces the
old one atomically, so a reader never sees half a file. No pickle: plain JSON only.

The cache wraps the advisor from the outside: `advise()` itself does no I/O (it reads and
fills `advisor.memo`, in memory). `storybank ask` opens a `session(save=True)`, which
attaches the file's contents to the memo before answering and writes what was added
afterwards; other commands may read it (`session()`), only `ask` writes it; the TUI does
neither.

Switch it off with `STORYBANK_NO_CACHE=1` (or `storybank ask --no-cache`, or
`set_enabled(False)`); results are identical either way, only slower.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

from storybank.advisor import memo

try:  # blake2 without importing hashlib's OpenSSL bindings (a few ms on every start)
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - other Python implementations
    from hashlib import blake2b

DISABLE_ENV = "STORYBANK_NO_CACHE"
"""Any value but empty or 0 switches the disk cache off."""
FILENAME = "advisor-cache.json"
FORMAT = 1
"""Bumped when the file's layout changes."""
MAX_OTHER_STORIES = memo.MAX_OTHER_STORIES

_SOURCES = ("text.py", "lexicon.py", "classify.py", "rank.py", "memo.py", "cache.py")
"""Advisor modules whose code decides the cached values (with storybank.vocab)."""

MAX_CACHE_BYTES = 32 * 1024 * 1024
"""A real cache is well under 1 MB; anything bigger is ignored without reading it whole."""

_enabled_by_caller = True
_attached_path: Path | None = None
"""The file whose contents are attached to the memo (None: nothing attached by us)."""


def set_enabled(value: bool) -> None:
    """Switch the disk cache on or off for this process (the env var also switches it off)."""
    global _enabled_by_caller
    _enabled_by_caller = value
    if not value:
        forget()


def enabled() -> bool:
    flag = os.environ.get(DISABLE_ENV, "").strip().lower()
    return _enabled_by_caller and flag in ("", "0", "false", "no", "off")


def cache_dir() -> Path:
    """`$STORYBANK_CACHE_DIR`, else the platform's user cache dir (see `locations`)."""
    from storybank import locations

    return locations.cache_dir()


def cache_file() -> Path:
    return cache_dir() / FILENAME


def forget() -> None:
    """Drop what was loaded from disk, the key included (the next use reads them again)."""
    global _attached_path
    from storybank.advisor import cache_key

    if _attached_path is not None:
        memo.detach()
    _attached_path = None
    cache_key.forget()


def code_key() -> str:
    """storybank's version and a digest of the code and data the cached values come from."""
    global _code_key
    if _code_key is None:
        from storybank import __version__, vocab

        digest = blake2b(digest_size=16)
        digest.update(f"{FORMAT}\0{__version__}\0".encode())
        here = Path(__file__).parent
        # A story's kind fit and probe strengths are cached with it: their rules count
        # too, and the cue phrases the lexicon sections are compiled from.
        method = [
            here.parent / "method" / name
            for name in ("fit.py", "themes.py", "cues.py", "kinds.py", "competencies.py")
        ]
        for path in [*(here / name for name in _SOURCES), *method, Path(vocab.__file__)]:
            try:
                digest.update(path.read_bytes())
            except OSError:  # no sources (a frozen app): fall back on the data itself
                from storybank.advisor import lexicon

                digest.update(repr((lexicon.KIND_CUES, lexicon.COMPETENCY_CUES)).encode())
                digest.update(repr(vocab.COMPETENCIES).encode())
        _code_key = digest.hexdigest()
    return _code_key


_code_key: str | None = None


story_digest = memo.story_digest


def attach() -> bool:
    """Read the file (once per process and directory) into the advisor's memo; False when
    the cache is off or has no usable directory (the advisor then simply computes)."""
    global _attached_path
    if not enabled():
        return False
    try:
        path = cache_file()
    except Exception:  # no usable cache dir (no home, odd platform): simply no cache
        return False
    if _attached_path == path and memo.attached() is not None:
        return True
    lexicon: dict[str, Any] = {}
    stories: dict[str, Any] = {}
    body = _read_body(path)
    if body is not None:
        stored_lexicon, stored_stories = body.get("lexicon"), body.get("stories")
        if isinstance(stored_lexicon, dict) and isinstance(stored_stories, dict):
            lexicon, stories = stored_lexicon, stored_stories
    memo.attach(lexicon, stories)
    _attached_path = path
    return True


@contextmanager
def session(save: bool = False) -> Iterator[None]:
    """Answer with the disk cache: attached before, and written after when `save` (only
    `storybank ask` saves). A cache problem is never an error."""
    attach()
    try:
        yield
    finally:
        if save:
            with suppress(Exception):  # a cache must never fail a command
                complete_and_save()


def body_digest(body: bytes, key: bytes) -> str:
    """The keyed digest (a MAC) of the cache body: only the key's holder can make it."""
    return blake2b(body, key=key, digest_size=32).hexdigest()


def _read_body(path: Path) -> dict[str, Any] | None:
    """The body of a valid file for this code key, else None (missing, foreign, damaged)."""
    from storybank.advisor.cache_key import user_key
    from storybank.userfile import read_capped

    key = user_key(create=False)
    if key is None:
        return None  # no key yet: nothing on disk can be trusted
    try:
        raw = read_capped(path, MAX_CACHE_BYTES)
    except OSError:  # missing, a FIFO or a device, too large, unreadable
        return None
    head, sep, body = raw.partition(b"\n")
    if not sep:
        return None
    try:
        header = json.loads(head)
        # A plain comparison is enough: the file is checked offline, with no oracle an
        # attacker could time; hmac.compare_digest would import hashlib on every run.
        if (
            not isinstance(header, dict)
            or header.get("format") != FORMAT
            or header.get("key") != code_key()
            or header.get("sum") != body_digest(body, key)
        ):
            return None
        data = json.loads(body)
    except (ValueError, RecursionError):
        return None
    return data if isinstance(data, dict) else None


def pending() -> bool:
    """Whether something derived in this process is not on disk yet."""
    return _attached_path is not None and memo.pending()


def complete_and_save() -> None:
    """Save what was derived, first completing the lexicon part (the typo word list is
    otherwise built only when a typo shows up), so the next run finds it whole."""
    if not pending():
        return
    from storybank.advisor.classify import lexicon_word_list

    lexicon_word_list()
    save()


def save() -> None:
    """Write what changed, atomically; any OS problem just leaves the cache as it was."""
    state = memo.attached()
    path = _attached_path
    if state is None or path is None or not state.dirty or not enabled():
        return
    state.dirty = False
    from storybank.advisor.cache_key import user_key
    from storybank.userfile import is_special, make_private_dirs

    if is_special(path):
        return  # a FIFO or a device where the cache belongs: leave it alone
    key = user_key(create=True)
    if key is None:
        return  # no usable key (no config dir, read-only): run without a disk cache
    body = json.dumps(
        {"lexicon": state.lexicon, "stories": state.stories},
        separators=(",", ":"),
    ).encode("ascii")
    header = json.dumps(
        {"format": FORMAT, "key": code_key(), "sum": body_digest(body, key)}
    ).encode()
    try:
        from storybank.privatefile import write_private_text

        # Private like the bank itself: the features hold the words of your stories.
        make_private_dirs(path.parent)
        write_private_text(path, (header + b"\n" + body).decode("ascii"))
    except OSError:
        pass
