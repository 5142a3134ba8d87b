"""What a story can demonstrate beyond its declared competencies: the behavioral themes a
coach hears behind a question (failure, conflict, influence, ambiguity, ...).

One record per theme: its name, a one-line meaning (shown in `why`), and the phrases in a
story's beats that show it. A story's theme strength is inferred from its own text, so it
works on any bank; the probe vocabulary is the one the question corpus is labelled with
(bench/corpus/README.md).
"""

from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING

from storybank.method.features import plain

if TYPE_CHECKING:  # a leaf at run time: vocab reads the theme names from here
    from storybank.model import Story


class Theme:
    """A behavioral theme: what it means and the story phrases that show it."""

    __slots__ = ("meaning", "name", "phrases")

    def __init__(self, name: str, meaning: str, phrases: tuple[str, ...]) -> None:
        self.name = name
        self.meaning = meaning
        self.phrases = phrases


THEMES: tuple[Theme, ...] = (
    Theme("failure", "something went wrong and was owned", ()),  # read by the kind rule: method.fit
    Theme(
        "conflict", "a real disagreement with another side", ()
    ),  # read by the kind rule: method.fit
    Theme(
        "influence",
        "moved people without authority over them",
        (
            r"convinc\w*",
            r"persuad\w*",
            r"won (?:them |him |her )?over",
            r"buy-?in",
            r"bought in",
            r"no (?:formal )?authority",
            r"did not report to me",
            r"didn't report to me",
            r"align\w*",
            r"sold (?:the|it|them)",
            r"pitched",
            r"consensus",
            r"sign-?off",
            r"asked to join",
            r"champion\w*",
            r"sponsor\w*",
        ),
    ),
    Theme(
        "ambiguity",
        "an unclear problem turned into a plan",
        (
            r"ambigu\w*",
            r"unclear",
            r"no one knew",
            r"nobody knew",
            r"nobody owned",
            r"no (?:playbook|owner|definition|process)",
            r"theor(?:y|ies)",
            r"undefined",
            r"vague",
            r"hypothes\w*",
            r"unknown",
            r"from scratch",
            r"nothing existed",
        ),
    ),
    Theme(
        "bad-news",
        "delivered unwelcome news",
        (
            r"bad news",
            r"told (?:the |our )?(?:ceo|customer|client|leadership|board)",
            r"had to tell",
            r"escalat\w* to",
            r"warn\w*",
            r"apolog\w*",
            r"disappoint\w*",
        ),
    ),
    Theme(
        "saying-no",
        "declined a request or cut scope",
        (
            r"said no",
            r"say no",
            r"declin\w*",
            r"turned down",
            r"push(?:ed)? back on",
            r"instead of (?:the|a|all)",
            r"freeze",
            r"cut (?:the )?scope",
            r"de-?scop\w*",
            r"not (?:to )?build",
            r"rejected",
        ),
    ),
    Theme(
        "speed-vs-quality",
        "weighed shipping fast against doing it right",
        (
            r"faster",
            r"speed",
            r"quality",
            r"corners",
            r"mvp",
            r"phased",
            r"stag(?:ed|ing)",
            r"cut (?:a |the )?\w+ to",
            r"deadline",
        ),
    ),
    Theme(
        "tough-decision",
        "a hard call with incomplete information",
        (
            r"incomplete",
            r"hard call",
            r"difficult decision",
            r"unpopular",
            r"gamble",
            r"bet",
        ),
    ),
    Theme(
        "ownership",
        "owned something beyond the role",
        (
            r"nobody owned",
            r"no one owned",
            r"took (?:it )?on",
            r"volunteer\w*",
            r"myself",
            r"i owned",
            r"stepped in",
            r"on my own",
        ),
    ),
    Theme(
        "pressure",
        "delivered under a deadline or in a crisis",
        (
            r"deadline",
            r"weeks? before",
            r"days? before",
            r"crisis",
            r"urgent",
            r"incident",
            r"pressure",
            r"hiring freeze",
        ),
    ),
    Theme(
        "feedback",
        "gave or received hard feedback",
        (
            r"feedback",
            r"criticis\w*",
            r"critiqu\w*",
            r"coach\w*",
        ),
    ),
    Theme(
        "leadership",
        "led or developed people",
        (
            r"hired",
            r"mentor\w*",
            r"my team",
            r"managed (?:a team|\d+)",
            r"led (?:a|the) team",
            r"onboard(?:ed)? (?:two|three|\d+) (?:analysts|people|hires)",
        ),
    ),
    Theme(
        "learning",
        "learned fast or changed how they work",
        (
            r"learn\w*",
            r"lesson",
            r"taught me",
            r"since then",
            r"now i",
            r"differently",
        ),
    ),
    Theme(
        "data-driven",
        "used data to make or change a decision",
        (
            r"data",
            r"analys\w*",
            r"analyz\w*",
            r"dashboard\w*",
            r"pulled \w+ (?:months?|weeks?)",
            r"label(?:led|ed)",
            r"cohort\w*",
            r"experiment\w*",
            r"a/?b test\w*",
            r"sql",
        ),
    ),
)
"""Every behavioral theme, in the order `why` lists them."""

BY_NAME: dict[str, Theme] = {theme.name: theme for theme in THEMES}
NAMES: tuple[str, ...] = tuple(theme.name for theme in THEMES)


@cache
def _pattern(name: str) -> re.Pattern[str]:
    return re.compile(r"\b(?:" + "|".join(BY_NAME[name].phrases) + r")\b")


def named_in(text: str) -> list[str]:
    """The themes whose story phrases occur in `text` ("convinced", "no playbook"): what a
    question's own words point at, a feature of the question model (method.reading)."""
    low = plain(text)
    return [t.name for t in THEMES if t.phrases and _pattern(t.name).search(low)]


def story_text(story: Story) -> str:
    """The text a theme is read from: title, summary, beats and tradeoffs, lower-cased."""
    parts = [story.title, story.summary, *story.beats().values()]
    parts += [f"{t.chose} {t.over} {t.because}" for t in story.tradeoffs]
    return plain(" ".join(parts))


def inferred_themes(story: Story) -> list[str]:
    """The themes read from the story's own words, clearest first (shown as inferred)."""
    strengths = theme_strengths(story)
    return sorted(strengths, key=lambda name: (-strengths[name], NAMES.index(name)))


def story_themes(story: Story) -> tuple[list[str], bool]:
    """The story's themes and whether they were inferred (True) or declared (False)."""
    if story.themes is not None:
        return list(story.themes), False
    return inferred_themes(story), True


def theme_strengths(story: Story) -> dict[str, float]:
    """0..1 per theme: how clearly the story's own words show it (two hits are certain).
    Failure and conflict are the kinds' own rule (`method.fit`), so what a story can show
    and which questions it may answer are read one way."""
    from storybank.method.fit import friction, went_wrong

    text = story_text(story)
    out: dict[str, float] = {}
    for name, (strength, _words) in (("failure", went_wrong(story)), ("conflict", friction(story))):
        if strength > 0:
            out[name] = strength
    for theme in THEMES:
        if not theme.phrases:
            continue
        hits = len(_pattern(theme.name).findall(text))
        if hits:
            out[theme.name] = min(1.0, hits / 2.0)
    return out


def probe_strengths(story: Story) -> dict[str, float]:
    """What the story can demonstrate: declared competencies (first listed strongest) and
    its themes, each 0..1, in the vocabulary the question model predicts. Themes the user
    declared (`themes:` in the file, even an empty list) replace the inferred ones."""
    out = dict.fromkeys(story.themes, 1.0) if story.themes is not None else theme_strengths(story)
    for position, name in enumerate(story.competencies):
        out[name] = max(out.get(name, 0.0), max(0.55, 1.0 - 0.15 * position))
    return out
