"""The app's screens. A section screen's stylesheet lives beside it and is read when the
screen first opens (Textual reads a screen's CSS_PATH then), not at start-up."""

from __future__ import annotations

from pathlib import Path, PurePath

_HERE = Path(__file__).parent


def stylesheets(*names: str) -> list[str | PurePath]:
    """Absolute paths of stylesheets in this folder, for a screen's CSS_PATH (a relative
    path would be read beside the module of whichever subclass is shown)."""
    return [_HERE / name for name in names]
