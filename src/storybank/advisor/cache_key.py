"""The per-user secret that signs the advisor's disk cache (see `storybank.advisor.cache`).

32 random bytes, hex-encoded, in `advisor-cache.key` in the config dir (not beside the
cache, which may live somewhere more exposed such as a shared cache folder). Created
once, exclusively, mode 0600; a key file that is not a regular file, has the wrong
shape or cannot be read means "no cache", never an error.
"""

from __future__ import annotations

import os
from contextlib import suppress
from pathlib import Path

KEY_FILENAME = "advisor-cache.key"
KEY_BYTES = 32
_HEX_CHARS = KEY_BYTES * 2

_key: tuple[Path, bytes] | None = None
"""The key read in this process, with the file it came from."""


def key_file() -> Path:
    from storybank import locations

    return locations.config_dir() / KEY_FILENAME


def user_key(*, create: bool) -> bytes | None:
    """The user's cache key; made now when `create` and there is none; None if unusable."""
    global _key
    try:
        path = key_file()
    except Exception:  # no usable config dir (no home, odd platform): no key, no cache
        return None
    if _key is not None and _key[0] == path:
        return _key[1]
    key = _read(path)
    if key is None and create:
        key = _create(path)
    if key is not None:
        _key = (path, key)
    return key


def forget() -> None:
    """Drop the key read in this process (tests switch config dirs)."""
    global _key
    _key = None


def _read(path: Path) -> bytes | None:
    from storybank.userfile import read_capped

    try:
        text = read_capped(path, _HEX_CHARS + 1).strip()
        key = bytes.fromhex(text.decode("ascii"))
    except (OSError, ValueError):
        return None
    return key if len(key) == KEY_BYTES else None


def _create(path: Path) -> bytes | None:
    """Write a fresh key exclusively (0600); if another process won the race, read theirs."""
    from storybank.userfile import make_private_dirs

    key = os.urandom(KEY_BYTES)
    try:
        make_private_dirs(path.parent)
        fd = os.open(
            path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o600
        )
    except FileExistsError:
        return _read(path)
    except OSError:  # read-only, no space, a file where the folder belongs: no cache
        return None
    try:
        os.write(fd, key.hex().encode("ascii") + b"\n")
        os.fsync(fd)
    except OSError:
        with suppress(OSError):
            os.unlink(path)
        return None
    finally:
        os.close(fd)
    return key
