"""Spaced recall of each story's facts: recall cards, their FSRS schedule, the drill.

`cards` turns stories into recall cards (pure), `schedule` replays the review history
through the `fsrs` package (imported lazily: `storybank ask` never loads it), and
`session` runs one drill for the CLI and the TUI alike. Not to be confused with
`storybank.quality.cards`, the cue cards shown while answering.
"""
