"""Save the README's SVG screenshots of the app running on the sample bank.

    python docs/screenshots/make_screenshots.py

Runs the real app headless (Textual's Pilot) on a temporary copy of the sample bank,
at 100x32 in the default theme, and writes one SVG per screen beside this script.
"""

from __future__ import annotations

import asyncio
import os
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
SIZE = (100, 32)
QUESTION = "Tell me about a launch that went wrong and what you changed afterwards."


async def shoot(db: Path) -> list[Path]:
    from storybank.tui.factory import make_app
    from storybank.tui.screens.stories import SCORE_DELAY_AT_START

    app = make_app(str(db))
    saved: list[Path] = []

    async with app.run_test(size=SIZE) as pilot:

        async def settle(extra: float = 0.0) -> None:
            await pilot.pause(extra)
            await app.workers.wait_for_complete()
            await pilot.pause()

        def save(name: str) -> None:
            for widget in app.screen.query("Input, TextArea"):
                widget.cursor_blink = False  # type: ignore[attr-defined]
            saved.append(Path(app.save_screenshot(f"{name}.svg", str(HERE))))

        await settle(SCORE_DELAY_AT_START + 0.1)
        save("stories")
        await pilot.press("a")
        await settle()
        app.screen.query_one("TextArea").insert(QUESTION)  # type: ignore[attr-defined]
        await settle(0.4)  # the Ask screen debounces typing
        save("ask")
        await pilot.press("escape", "v")
        await settle()
        save("coverage")
        await pilot.press("p")
        await settle()
        save("practice")
        await pilot.press("b")
        await settle()
        save("brief")
        await pilot.press("t")
        await settle()
        await pilot.press(*"From 19 hours to 3.5", "enter")
        await settle()
        save("drill")
    return saved


def main() -> None:
    from storybank.resources import sample_bank
    from storybank.store import Store

    with tempfile.TemporaryDirectory() as folder:
        os.environ["STORYBANK_CONFIG_DIR"] = str(Path(folder) / "config")
        os.environ["STORYBANK_CACHE_DIR"] = str(Path(folder) / "cache")
        db = Path(folder) / "bank.json"
        Store.open(str(db)).apply_import(sample_bank())
        for path in asyncio.run(shoot(db)):
            print(path.relative_to(HERE.parent.parent))


if __name__ == "__main__":
    main()
