"""The app's screens. A screen's stylesheet lives beside it and is read when the screen
first opens, not at start-up: the first screen parses none of them."""

from __future__ import annotations

from pathlib import Path, PurePath
from typing import TYPE_CHECKING, Any, ClassVar

if TYPE_CHECKING:
    from textual.app import App

_HERE = Path(__file__).parent


def stylesheets(*names: str) -> list[str | PurePath]:
    """Absolute paths of stylesheets in this folder, for a screen's CSS_PATH (a relative
    path would be read beside the module of whichever subclass is shown)."""
    return [_HERE / name for name in names]


def add_stylesheets(app: App[Any], names: tuple[str, ...]) -> None:
    """Add stylesheets from this folder to the app's, each once, as app rules (as if they
    were in app.tcss). Only the new file is parsed, when the next widget is styled, and
    nothing already on screen is restyled: so a file must hold rules for its own screens'
    widgets only."""
    sheet = app.stylesheet
    for name in names:
        path = _HERE / name
        if not sheet.has_source(str(path)):
            css = path.read_text(encoding="utf-8")
            # `add_source`, not `read`: `read` keeps the selector map built from the rules
            # before, so the new rules would wait for some other source to reset it.
            sheet.add_source(css, read_from=(str(path), ""), is_default_css=False)


class OwnStylesheets:
    """For a screen (or dialog) whose rules are in its own files here (STYLESHEETS).

    Textual's CSS_PATH on a screen re-parses every stylesheet and restyles every widget
    mounted, the first time the screen opens; the section screens use it, since their
    rules may style what is already shown. A dialog or the editor styles only its own
    widgets, so its rules are just added: read when the screen is registered, before
    Textual styles it or anything in it."""

    STYLESHEETS: ClassVar[tuple[str, ...]] = ()

    def _post_register(self, app: App[Any]) -> None:
        super()._post_register(app)  # type: ignore[misc]
        add_stylesheets(app, self.STYLESHEETS)
