"""Every storybank action in the command palette (ctrl+p), plus "jump to story".

Story titles are user text: Textual's `Matcher.highlight` parses its argument as
markup, so titles are highlighted here on top of `literal_line()` instead.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from textual.command import DiscoveryHit, Hit, Hits, Matcher, Provider
from textual.content import Content

from storybank.tui.literal import join, literal_line

if TYPE_CHECKING:
    from storybank.tui.app import StorybankApp


def highlight_literal(matcher: Matcher, text: str) -> Content:
    """Highlight the matched letters of user text without ever parsing it as markup."""
    content = literal_line(text)
    _score, offsets = matcher.fuzzy_search.match(matcher.query, text)
    for offset in offsets:
        if offset < len(text) and not text[offset].isspace():
            content = content.stylize(matcher.match_style, offset, offset + 1)
    return content


class StorybankCommands(Provider):
    """Actions of the app (trusted labels) and one "Open story" hit per story (user text)."""

    @property
    def storybank(self) -> StorybankApp:
        return self.app  # type: ignore[return-value]

    def _actions(self) -> list[tuple[str, Callable[[], object], str]]:
        app = self.storybank
        selected = _selected_story_id(app)
        actions: list[tuple[str, Callable[[], object], str]] = [
            ("New story", partial(app.open_editor, None), "Open the editor on a blank story"),
            ("Stories", app.action_stories, "The story list (home)"),
            ("Ask: which story answers a question?", app.action_ask, "Paste a question"),
            ("Companies", app.action_companies, "Target companies and story fit"),
            ("Coverage", app.action_coverage, "Stories x competencies, with gaps"),
            ("Practice drill", app.action_practice, "Timed question, pick a story, cue card"),
            ("Brief for a company", app.action_brief, "The pre-call one-pager"),
            ("Recall drill", app.action_drill, "Spaced recall of openings, numbers, tradeoffs"),
            (
                "Your pitch",
                app.open_pitch,
                "Tell me about yourself, why this work, where it leads (Ask quotes it)",
            ),
            ("Redactions", app.open_redactions, "Names to hide in a shared (redacted) export"),
            ("Import YAML file (merge)", partial(_import, app, False), "Add or update records"),
            (
                "Import YAML file (replace the bank)",
                partial(_import, app, True),
                "Replace everything (a backup is taken first)",
            ),
            ("Export bank to YAML", partial(_export, app), "Write the whole bank to a file"),
            (
                "Export a redacted copy",
                partial(_export_redacted, app),
                "Names on the redaction list replaced, to share",
            ),
            (
                "Backups",
                app.open_backups,
                "List the bank's backups (time, size, stories) and restore one (asks)",
            ),
            ("Choose theme", app.action_pick_theme, "Colour themes, remembered"),
            ("Help: keys", app.action_help, "Every key of this screen and the app"),
            ("Load the sample bank", partial(_load_sample, app), "Six sample stories to explore"),
        ]
        if app.undo_what is not None:
            actions.append(("Undo", app.undo, f"Take back {app.undo_what} (u on the story list)"))
        if selected is not None:
            actions.append(
                ("Edit selected story", partial(app.open_editor, selected), "Open the editor")
            )
            actions.append(
                ("Delete selected story", partial(app.confirm_delete, selected), "Asks first")
            )
        return actions + self._screen_actions({label.lower() for label, _, _ in actions})

    def _screen_actions(self, taken: set[str]) -> list[tuple[str, Callable[[], object], str]]:
        """The keys of the screen the palette was opened on (editor: Save, Add metric, ...),
        so every action of every screen is reachable from the palette too."""
        screen = self.screen
        out: list[tuple[str, Callable[[], object], str]] = []
        for active in screen.active_bindings.values():
            binding = active.binding
            label = binding.description
            if active.node is not screen or not active.enabled or not label:
                continue
            if label.lower() in taken:
                continue
            taken.add(label.lower())
            key = self.app.get_key_display(binding)
            help_text = f"{binding.tooltip} ({key})" if binding.tooltip else f"key: {key}"
            out.append((label, partial(self.app.run_action, binding.action, screen), help_text))
        return out

    async def discover(self) -> Hits:
        for label, callback, help_text in self._actions():
            yield DiscoveryHit(label, callback, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        app = self.storybank
        for label, callback, help_text in self._actions():
            score = matcher.match(label)
            if score > 0:
                yield Hit(score, matcher.highlight(label), callback, text=label, help=help_text)
        for story in app.bank.stories:
            text = f"Open story: {story.title}"
            score = matcher.match(text)
            if score > 0:
                display = join("Open story: ", highlight_literal(matcher, story.title))
                yield Hit(
                    score,
                    display,
                    partial(app.jump_to_story, story.id),
                    text=text,
                    help="Show it in the story list",
                )


def _selected_story_id(app: StorybankApp) -> str | None:
    from storybank.tui.screens.stories import StoriesScreen

    for screen in reversed(app.screen_stack):
        if isinstance(screen, StoriesScreen):
            return screen.selected_story_id
    return None


def _import(app: StorybankApp, replace: bool) -> None:
    from storybank.tui.screens.path_prompt import PathPromptScreen

    def chosen(path: str | None) -> None:
        if path:
            app.import_path(path, replace=replace)

    title = "Replace the bank with a YAML file" if replace else "Import a YAML file"
    app.push_screen(PathPromptScreen(title, must_exist=True), chosen)


def _export(app: StorybankApp) -> None:
    from storybank.tui.screens.path_prompt import PathPromptScreen

    def chosen(path: str | None) -> None:
        if path:
            app.export_path(path)

    app.push_screen(
        PathPromptScreen("Export the bank to a YAML file", suggestion="storybank-export.yaml"),
        chosen,
    )


def _export_redacted(app: StorybankApp) -> None:
    from storybank.tui.screens.path_prompt import PathPromptScreen
    from storybank.tui.transfer import export_redacted_file

    def chosen(path: str | None) -> None:
        if path:
            export_redacted_file(app, Path(path).expanduser())

    app.push_screen(
        PathPromptScreen("Export a redacted copy", suggestion="storybank-redacted.yaml"), chosen
    )


def _load_sample(app: StorybankApp) -> None:
    from storybank.tui.transfer import load_sample_bank

    load_sample_bank(app)
