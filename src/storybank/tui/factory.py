"""Build the app the same way for the CLI, the tests and the benchmark."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from storybank.tui.app import StorybankApp


def make_app(
    db: str | None = None, config_dir: str | Path | None = None, *, demo: bool = False
) -> StorybankApp:
    """Open the store (raising DatabaseError for a corrupt file) and build the app.

    Args:
        db: database path; None means `locations.db_path()` ($STORYBANK_DB, then user data dir).
        config_dir: folder holding `themes/` for user themes; None means the user config dir.
        demo: the database is a throwaway copy of the sample bank (`storybank demo`).
    """
    from storybank.locations import user_themes_dir
    from storybank.store import Store
    from storybank.tui.app import StorybankApp
    from storybank.tui.themes import load_all_themes

    store = Store.open(db)
    user_dir = Path(config_dir) / "themes" if config_dir is not None else user_themes_dir()
    themes = load_all_themes(user_dir=user_dir)
    return StorybankApp(store, themes, demo=demo)
