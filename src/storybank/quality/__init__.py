"""Story quality: lint, bank coverage, practice questions, cue cards and the pre-call brief.

The engine behind `storybank lint`, `coverage`, `brief` and `cards` and the TUI
screens that show the same reports. Nothing here imports Textual. Submodules are
imported directly (`from storybank.quality.lint import lint_story`) so that a
command only loads what it uses.
"""
