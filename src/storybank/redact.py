"""Redacted sharing: replace the names a bank holds with neutral stand-ins.

A bank's `redactions` list pairs each real name (employer, customer, colleague,
product) with a stand-in ("a Series C analytics company"). `redact_bank` replaces
every listed name in every text field and id (case-insensitive, whole words,
possessives kept: "Acme's" -> "a payments company's"), optionally rounds exact money
to ranges, and keeps the structure (metrics stay numbers with units). It drops the
review history and the redaction list itself (the list *is* the names) and marks the
result `redacted`, so the importer can refuse to write it over the real bank.

`likely_names` finds capitalised words that appear in several stories, for the
suggestions and for the lint that refuses to write while one remains unlisted.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable

from storybank.errors import StoryBankError
from storybank.model import Bank, Company, Metric, Question, Redaction, Story, Tradeoff
from storybank.record import Record
from storybank.vocab import slugify

SEVERAL = 2
"""A capitalised word in this many stories (or more) is probably a name."""

REDACTED_HEADER = (
    "# storybank REDACTED export: names were replaced by stand-ins (storybank export --redact).\n"
    "# Share it freely; do not import it over your own bank (storybank refuses unless --force).\n"
)

_CAPITALISED = re.compile(r"(?<![\w'’])[A-Z][\w'’&-]*[A-Za-z0-9]|(?<![\w'’])[A-Z](?![\w'’])")
_POSSESSIVE_TAIL = re.compile(r"(?:['’]s|['’])$")
_COMMON = frozenset(
    """
    a an and as at but by for from he her his i i'd i'll i'm i've if in is it its my no nor
    not of on once one or our she so that the their them then there these they this those
    to two three four five six seven eight nine ten twelve first second third was we
    what when where which while who why with you your after before every each most some
    monday tuesday wednesday thursday friday saturday sunday january february march april
    may june july august september october november december q1 q2 q3 q4 h1 h2 ok
    ceo cto cfo coo vp svp evp pm pms ops qa api apis sla slas okr okrs kpi kpis crm
    b2b b2c smb saas arr mrr nps csat roi eta mvp gtm ui ux sql csv pdf faq us uk eu
    """.split()  # noqa: SIM905 - a word list reads best as words
)
"""Capitalised words that are almost never a person's or a company's name."""

_MONEY = re.compile(
    r"(?P<cur>[$€£])\s?(?P<num>\d[\d,]*(?:\.\d+)?)(?:\s?(?P<scale>k|m|bn|b|million|billion|thousand)\b)?",
    re.IGNORECASE,
)
_SCALES = {"k": 1e3, "thousand": 1e3, "m": 1e6, "million": 1e6, "b": 1e9, "bn": 1e9, "billion": 1e9}
_UNITS = (("B", 1e9), ("M", 1e6), ("k", 1e3), ("", 1.0))
_CURRENCY_UNITS = re.compile(
    r"^(?:[$€£]|usd|eur|gbp|dollars?|euros?|pounds?)(?:\s?[kmb]n?)?$", re.I
)


class NameFound(Record):
    """A capitalised word that looks like a name, and the stories it appears in."""

    __slots__ = ("name", "stories")

    def __init__(self, name: str, stories: list[str]) -> None:
        self.name = name
        self.stories = stories


# --- where the text is ---------------------------------------------------------------------


def story_texts(story: Story) -> list[str]:
    texts = [story.title, story.summary, *story.beats().values(), *story.tags]
    for metric in story.metrics:
        texts += [metric.name, metric.unit]
    for tradeoff in story.tradeoffs:
        texts += [tradeoff.chose, tradeoff.over, tradeoff.because]
    texts += list(story.rounds.values())
    return texts


def bank_texts(bank: Bank) -> Iterable[str]:
    """Every piece of user text in the parts of a bank a redacted export holds."""
    for story in bank.stories:
        yield story.id
        yield from story_texts(story)
    for company in bank.companies:
        yield from (company.id, company.name, company.notes, *company.focus)
    for question in bank.questions:
        yield from (question.id, question.text)


# --- finding names ------------------------------------------------------------------------------


def _bare(word: str) -> str:
    return _POSSESSIVE_TAIL.sub("", word)


def likely_names(bank: Bank, known: Iterable[str] = (), minimum: int = SEVERAL) -> list[NameFound]:
    """Capitalised words in `minimum` or more stories, minus common words, words the bank's
    prose also writes in lower case (sentence starts), and words of the `known` names."""
    known_words = {w.casefold() for name in known for w in re.findall(r"[\w'’&-]+", name)}
    lower_words: set[str] = set()
    seen: dict[str, tuple[str, set[str]]] = {}
    for story in bank.stories:
        tags = set(story.tags)  # tags are lower case by habit, so they say nothing
        for text in story_texts(story):
            if text not in tags:
                lower_words.update(re.findall(r"(?<![\w'’])[a-z][\w'’&-]*", text))
            for match in _CAPITALISED.finditer(text):
                word = _bare(match.group())
                key = word.casefold()
                if len(word) < 2 or key in _COMMON or key in known_words:
                    continue
                _, stories = seen.setdefault(key, (word, set()))
                stories.add(story.id)
    found = [
        NameFound(shown, sorted(stories))
        for key, (shown, stories) in seen.items()
        if len(stories) >= minimum and key not in lower_words
    ]
    return sorted(found, key=lambda f: (-len(f.stories), f.name.casefold()))


def suggestions(bank: Bank) -> list[NameFound]:
    """Names worth adding to the redaction list: likely names and the target companies."""
    listed = [r.name for r in bank.redactions]
    out = likely_names(bank, listed)
    have = {f.name.casefold() for f in out} | {n.casefold() for n in listed}
    for company in bank.companies:
        name = " ".join(company.name.split())
        if name.casefold() not in have:
            have.add(name.casefold())
            out.append(NameFound(name, []))
    return out


# --- replacing ----------------------------------------------------------------------------------


def _name_pattern(name: str) -> re.Pattern[str]:
    words = [re.escape(w) for w in name.split()]
    return re.compile(
        r"(?<![\w])" + r"\s+".join(words) + r"(?P<tail>['’]s|['’](?!\w))?(?![\w])", re.IGNORECASE
    )


def _replacer(redactions: list[Redaction]) -> Callable[[str], str]:
    ordered = sorted(redactions, key=lambda r: -len(r.name))  # "Acme Health" before "Acme"
    compiled = [(_name_pattern(r.name), " ".join(r.stand_in.split())) for r in ordered]

    def replace(text: str) -> str:
        for pattern, stand_in in compiled:

            def swap(match: re.Match[str], stand_in: str = stand_in) -> str:
                out = stand_in
                before = match.string[: match.start()].rstrip()
                if _ends_with_determiner(before):
                    out = _ARTICLE.sub("", out, count=1)  # "the Acme team": no "the a ..."
                if not before or before[-1] in ".!?:\n":
                    out = out[:1].upper() + out[1:]
                return out + (match.group("tail") or "")

            text = pattern.sub(swap, text)
        return text

    return replace


_ARTICLE = re.compile(r"^(?:a|an|the)\s+(?=\S)", re.IGNORECASE)
_DETERMINER = re.compile(
    r"(?:^|\W)(?:a|an|the|our|my|their|his|her|its|this|that|your|whose)$", re.IGNORECASE
)


def _ends_with_determiner(text: str) -> bool:
    return bool(_DETERMINER.search(text))


def _slug_replacer(redactions: list[Redaction]) -> Callable[[str], str]:
    pairs = sorted(
        ((slugify(r.name), slugify(r.stand_in) or "redacted") for r in redactions),
        key=lambda p: -len(p[0]),
    )
    compiled = [
        (re.compile(rf"(?<![a-z0-9]){re.escape(s)}(?![a-z0-9])"), new) for s, new in pairs if s
    ]

    def replace(slug: str) -> str:
        for pattern, new in compiled:
            slug = pattern.sub(new, slug)
        return slug

    return replace


def round_money_text(text: str) -> str:
    """`$340k` -> `$300-400k`, `$1.2M` -> `$1-2M`, `£45,000` -> `£40-50k`."""

    def swap(match: re.Match[str]) -> str:
        value = float(match.group("num").replace(",", ""))
        scale = (match.group("scale") or "").lower()
        amount = value * _SCALES.get(scale, 1.0)
        if amount < 10:
            return match.group()
        suffix, size = next((name, size) for name, size in _UNITS if amount >= size)
        mantissa = amount / size
        step = 10 ** math.floor(math.log10(mantissa))
        low = math.floor(mantissa / step) * step
        high = low + step

        def num(x: float) -> str:
            return f"{x:g}"

        return f"{match.group('cur')}{num(low)}-{num(high)}{suffix}"

    return _MONEY.sub(swap, text)


def _round_number(value: float | int | None) -> float | int | None:
    """Two significant figures: a money metric keeps its shape, not its exact figure."""
    if value is None or value == 0:
        return value
    digits = 2 - 1 - math.floor(math.log10(abs(value)))
    rounded = round(value, digits)
    return int(rounded) if float(rounded).is_integer() else rounded


def _unique(ids: list[str]) -> list[str]:
    out: list[str] = []
    for item in ids:
        candidate, n = item, 2
        while candidate in out:
            candidate, n = f"{item}-{n}", n + 1
        out.append(candidate)
    return out


def redact_bank(bank: Bank, *, round_money: bool = False) -> Bank:
    """A shareable copy of `bank` with every listed name replaced (see the module doc)."""
    text = _replacer(bank.redactions)
    slug = _slug_replacer(bank.redactions)

    def t(value: str) -> str:
        value = text(value)
        return round_money_text(value) if round_money else value

    def metric(m: Metric) -> Metric:
        money = round_money and bool(_CURRENCY_UNITS.match(m.unit.strip()))
        return Metric(
            t(m.name),
            _round_number(m.before) if money else m.before,
            _round_number(m.after) if money else m.after,
            t(m.unit),
        )

    story_ids = _unique([slug(s.id) for s in bank.stories])
    stories = [
        Story(
            id=new_id,
            title=t(s.title),
            summary=t(s.summary),
            competencies=list(dict.fromkeys(slug(c) for c in s.competencies)),
            **{beat: t(value) for beat, value in s.beats().items()},
            metrics=[metric(m) for m in s.metrics],
            tradeoffs=[Tradeoff(t(x.chose), t(x.over), t(x.because)) for x in s.tradeoffs],
            environment=s.environment,
            rounds={k: t(v) for k, v in s.rounds.items()},
            tags=[t(tag) for tag in s.tags],
            themes=None if s.themes is None else list(s.themes),  # names, never personal
        )
        for new_id, s in zip(story_ids, bank.stories, strict=True)
    ]
    company_ids = _unique([slug(c.id) for c in bank.companies])
    companies = [
        Company(
            id=new_id,
            name=t(c.name),
            stage=c.stage,
            customer=c.customer,
            org=c.org,
            focus=list(dict.fromkeys(slug(f) for f in c.focus)),
            notes=t(c.notes),
            interview_date=c.interview_date,
        )
        for new_id, c in zip(company_ids, bank.companies, strict=True)
    ]
    question_ids = _unique([slug(q.id) for q in bank.questions])
    questions = [
        Question(new_id, t(q.text), q.kind, [slug(c) for c in q.competencies])
        for new_id, q in zip(question_ids, bank.questions, strict=True)
    ]
    return Bank(stories=stories, companies=companies, questions=questions, redacted=True)


# --- the lint -----------------------------------------------------------------------------------


def remaining_known(redacted: Bank, redactions: list[Redaction]) -> list[str]:
    """Listed names still present in a redacted bank (e.g. a stand-in that contains one)."""
    names: list[str] = []
    texts = list(bank_texts(redacted))
    for r in redactions:
        pattern = _name_pattern(r.name)
        slug_pattern = re.compile(rf"(?<![a-z0-9]){re.escape(slugify(r.name))}(?![a-z0-9])")
        if any(pattern.search(x) or (slugify(r.name) and slug_pattern.search(x)) for x in texts):
            names.append(r.name)
    return names


def unlisted_names(original: Bank, redacted: Bank) -> list[NameFound]:
    """Likely names still in a redacted bank (the stand-ins' own words do not count)."""
    return likely_names(redacted, [r.stand_in for r in original.redactions])


def check_redacted(
    original: Bank, redacted: Bank, accepted: Iterable[str] | None = ()
) -> StoryBankError | None:
    """Why the redacted export must not be written, or None when it is safe.

    `accepted` names are let through; None accepts every likely name (not the listed
    ones: a listed name that survives is always a bug in the list)."""
    known = remaining_known(redacted, original.redactions)
    if known:
        return StoryBankError(
            "refusing to write the redacted export: these listed names would still appear "
            f"in it: {', '.join(known)} (a stand-in must not contain the name it hides). "
            "Nothing was written."
        )
    if accepted is None:
        return None
    allowed = {a.casefold() for a in accepted}
    likely = [f for f in unlisted_names(original, redacted) if f.name.casefold() not in allowed]
    if not likely:
        return None
    shown = ", ".join(f"{f.name} ({len(f.stories)} stories)" for f in likely[:8])
    more = f" and {len(likely) - 8} more" if len(likely) > 8 else ""
    return StoryBankError(
        f"refusing to write the redacted export: likely names remain: {shown}{more}. Add them "
        "to the redaction list (Redactions in the app's command palette, or `redactions:` "
        "in the YAML), or pass --accept-names (all) or --accept-names NAME,NAME. Nothing "
        "was written."
    )


def dump_redacted(redacted: Bank) -> str:
    """The YAML of a redacted bank, under a header that says so (`redacted: true` inside)."""
    from storybank.yamlio import HEADER, dump_bank

    return REDACTED_HEADER + dump_bank(redacted).removeprefix(HEADER)
