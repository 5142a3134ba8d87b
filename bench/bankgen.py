"""Synthetic story banks of any size, the same for the same (n, seed), for benchmarks.

The stories are nonsense but shaped like real ones, because every hot path's cost
follows the shape: each beat holds 40-120 words, each story 2-3 metrics and 1-2
tradeoffs, 1-3 competencies, an environment and a few tags. Words are drawn from a
vocabulary with a long tail (a few hundred common work words, a rarer tail of
project names), so term frequencies look like a real bank's: most words are shared,
some are rare. Only `random.Random(seed)` is used, so a bank is identical on every
machine and Python version that keeps `random`'s documented sequence.

    from bench.bankgen import make_bank, make_bank_yaml   # from the repository root
    bank = make_bank(1000, seed=15)       # a storybank.model.Bank
    text = make_bank_yaml(1000, seed=15)  # the same bank as an import file

Story k depends only on (seed, k), so `make_bank(1000)` holds the first 1,000 stories of
`make_bank(5000)` and `make_bank(1000, first=1000)` the next 1,000.
"""

from __future__ import annotations

import random

from storybank.model import Bank, Company, Environment, Metric, Story, Tradeoff
from storybank.vocab import BEATS, COMPETENCIES, CUSTOMERS, ORGS, STAGES

DEFAULT_SEED = 15

_COMMON = [
    "the",
    "a",
    "to",
    "of",
    "and",
    "in",
    "we",
    "our",
    "for",
    "with",
    "on",
    "that",
    "it",
    "was",
    "by",
    "from",
    "at",
    "as",
    "team",
    "launch",
    "support",
    "engineering",
    "product",
    "sales",
    "finance",
    "ops",
    "process",
    "tool",
    "dashboard",
    "review",
    "weekly",
    "owner",
    "queue",
    "ticket",
    "backlog",
    "release",
    "customer",
    "account",
    "renewal",
    "churn",
    "onboarding",
    "activation",
    "metric",
    "target",
    "baseline",
    "quarter",
    "month",
    "week",
    "day",
    "hour",
    "rollout",
    "pilot",
    "squad",
    "lead",
    "manager",
    "director",
    "stakeholder",
    "roadmap",
    "priority",
    "scope",
    "deadline",
    "risk",
    "handoff",
    "checklist",
    "playbook",
    "template",
    "survey",
    "interview",
    "feedback",
    "data",
    "report",
    "forecast",
    "budget",
    "headcount",
    "hiring",
    "training",
    "document",
    "wiki",
    "channel",
    "meeting",
    "standup",
    "escalation",
    "incident",
    "outage",
    "bug",
    "fix",
    "request",
    "routing",
    "triage",
    "rota",
    "cadence",
    "sync",
    "decision",
    "tradeoff",
    "option",
    "choice",
    "constraint",
    "reason",
    "because",
    "instead",
    "chose",
    "rather",
    "than",
    "before",
    "after",
    "dropped",
    "rose",
    "fell",
    "cut",
    "doubled",
    "halved",
    "saved",
    "grew",
    "shrank",
    "moved",
    "every",
    "each",
    "most",
    "some",
    "all",
    "none",
    "first",
    "last",
    "next",
    "new",
    "old",
    "slow",
    "fast",
    "late",
    "early",
    "clear",
    "vague",
    "shared",
    "single",
    "manual",
    "automated",
    "broken",
    "missing",
    "duplicated",
    "stale",
    "built",
    "wrote",
    "ran",
    "mapped",
    "measured",
    "shipped",
    "tested",
    "labelled",
    "published",
    "trained",
    "asked",
    "agreed",
    "refused",
    "proposed",
    "negotiated",
    "escalated",
    "paused",
    "cancelled",
    "reopened",
]

_RARE = [
    "zendesk",
    "jira",
    "salesforce",
    "looker",
    "amplitude",
    "segment",
    "airtable",
    "notion",
    "figma",
    "slack",
    "snowflake",
    "dbt",
    "tableau",
    "hubspot",
    "intercom",
    "gong",
    "marketo",
    "okta",
    "workday",
    "netsuite",
    "invoicing",
    "payroll",
    "logistics",
    "warehouse",
    "marketplace",
    "subscription",
    "freemium",
    "enterprise",
    "compliance",
    "audit",
    "gdpr",
    "soc2",
    "sandbox",
    "api",
    "sdk",
    "webhook",
    "migration",
    "localisation",
    "pricing",
    "packaging",
    "discount",
    "partner",
    "reseller",
    "affiliate",
    "referral",
    "beta",
    "canary",
    "flag",
    "cohort",
    "funnel",
    "retention",
    "nps",
    "csat",
    "sla",
    "slo",
    "okr",
    "kpi",
    "raci",
]

_TITLE_VERBS = ("Cutting", "Rebuilding", "Launching", "Fixing", "Measuring", "Untangling")
_METRIC_NAMES = (
    "Median time to owner",
    "Reopened tickets",
    "Launch slip rate",
    "Weekly active accounts",
    "Onboarding completion",
    "Support cost per account",
    "Forecast error",
    "Release cycle time",
)
_UNITS = ("h", "%", "days", "", "USD")


def _cumulative_weights() -> list[float]:
    """Zipf-like weights over common words, a thinner tail of rare ones, then 3 salt slots."""
    weights = [1.0 / (rank + 1) for rank in range(len(_COMMON))]
    common = sum(weights)
    weights += [common * 0.07 / len(_RARE)] * len(_RARE)
    weights += [common * 0.05 / 3] * 3
    total = 0.0
    out = []
    for weight in weights:
        total += weight
        out.append(total)
    return out


_VOCAB_SIZE = len(_COMMON) + len(_RARE)
_CUM_WEIGHTS = _cumulative_weights()
_SLOTS = range(_VOCAB_SIZE + 3)


def _words(rng: random.Random, count: int, salt: list[str]) -> str:
    """`count` words, mostly common ones, sometimes a rare one or the story's own term."""
    vocab = [*_COMMON, *_RARE, *salt]
    out = [vocab[i] for i in rng.choices(_SLOTS, cum_weights=_CUM_WEIGHTS, k=count)]
    out[0] = out[0].capitalize()
    # Sentences of 8-20 words, as people write them.
    pos = rng.randint(8, 20)
    while pos < len(out) - 1:
        out[pos - 1] += "."
        out[pos] = out[pos].capitalize()
        pos += rng.randint(8, 20)
    return " ".join(out) + "."


def _story(rng: random.Random, number: int) -> Story:
    salt = [f"{rng.choice(_RARE)}{rng.randint(1, 99)}" for _ in range(3)]
    beats = {name: _words(rng, rng.randint(40, 120), salt) for name in BEATS}
    metrics = []
    for name in rng.sample(_METRIC_NAMES, rng.randint(2, 3)):
        before = rng.randint(5, 400)
        after = max(1, before + rng.randint(-before + 1, before))
        metrics.append(Metric(name, before, after, rng.choice(_UNITS)))
    tradeoffs = [
        Tradeoff(
            chose=_words(rng, rng.randint(3, 6), salt).rstrip("."),
            over=_words(rng, rng.randint(3, 6), salt).rstrip("."),
            because=_words(rng, rng.randint(10, 25), salt),
        )
        for _ in range(rng.randint(1, 2))
    ]
    return Story(
        id=f"story-{number:05d}",
        title=f"{rng.choice(_TITLE_VERBS)} the {' '.join(rng.sample(_COMMON, 3))} {salt[0]}",
        summary=_words(rng, rng.randint(20, 40), salt),
        competencies=rng.sample(COMPETENCIES, rng.randint(1, 3)),
        metrics=metrics,
        tradeoffs=tradeoffs,
        environment=Environment(rng.choice(STAGES), rng.choice(CUSTOMERS), rng.choice(ORGS)),
        tags=[*salt[:1], *rng.sample(_RARE, rng.randint(1, 3))],
        **beats,
    )


def _company(rng: random.Random, number: int) -> Company:
    return Company(
        id=f"company-{number:02d}",
        name=f"{rng.choice(_RARE).capitalize()} {rng.choice(('Labs', 'Inc', 'Cloud', 'Pay'))}",
        stage=rng.choice(STAGES),
        customer=rng.choice(CUSTOMERS),
        org=rng.choice(ORGS),
        focus=rng.sample(COMPETENCIES, 3),
        notes=_words(rng, 30, ["notes", "loop", "panel"]),
    )


def make_stories(n: int, seed: int = DEFAULT_SEED, *, first: int = 0) -> list[Story]:
    """Stories number `first` .. `first + n - 1`; story k is the same in every slice."""
    return [_story(random.Random(f"{seed}:story:{k}"), k) for k in range(first, first + n)]


def make_bank(n: int, seed: int = DEFAULT_SEED, *, first: int = 0) -> Bank:
    """A bank of `n` stories (ids story-<first>..) and three companies; same input, same bank."""
    rng = random.Random(f"{seed}:companies")
    companies = [_company(rng, i) for i in range(3)]
    return Bank(stories=make_stories(n, seed, first=first), companies=companies)


def make_bank_yaml(n: int, seed: int = DEFAULT_SEED, *, first: int = 0) -> str:
    """`make_bank` as the YAML text `storybank import` reads (the export format)."""
    from storybank.yamlio import dump_bank

    return dump_bank(make_bank(n, seed, first=first))
