"""The advisor on real interview questions and banks no tuning touched, with baselines.

Run from the repository root:

    .venv/bin/python bench/eval_real.py            # held-out figures, every bank
    .venv/bin/python bench/eval_real.py --misses   # also print the misses of each bank

Data (see bench/corpus/README.md):
- bench/corpus/questions.yaml: questions copied from public pages, each under its source URL,
  labelled with a kind and what it probes.
- bench/banks/*.yaml: banks from industries the advisor was never tuned on (health-tech
  and logistics; consumer apps, developer tools and payments; edtech, games and government;
  industrial IoT, home energy and small-business payroll),
  each written by someone who had not seen the advisor, each with a labels file saying what
  every story can demonstrate. The advisor's story-fit output on the first two was looked at
  once in development, and the inferred probes of all three once more (marked so; see
  SEEN_IN_DEVELOPMENT); a bank added later that nobody looked at says so. The packaged sample bank
  is reported too, but it was written by the team (not held out).

Held out by source: questions are split into K folds by `site` (group k-fold), so a fold's
questions come from pages none of the training questions came from. The learned model is
trained on the other folds (storybank.method.train) and the advisor answers the fold with it.

Which story is right for a question on a bank: each labelled story scores sum(question probe
weight x story probe strength), with question probes weighted 3, 2, 1 in order and story
probes 1, 0.85, 0.7, ... in order; a failure or conflict question only accepts stories whose
labels say they can serve that kind. Every story within 75% of the best score is acceptable.
Questions no story can answer (best score 0) and pitch questions (kind motivation: answered
from the pitch, not a story) are left out of top-1/top-3 and counted separately.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import yaml

os.environ["STORYBANK_NO_CACHE"] = "1"  # measure the method, not the disk cache

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from baselines import BM25Baseline, FuzzBaseline  # noqa: E402
from storybank.model import Bank, Story  # noqa: E402
from storybank.resources import sample_file  # noqa: E402

FOLDS = 5
STRICT_KINDS = ("failure", "conflict")
ACCEPT_SHARE = 0.75

Question = dict[str, Any]


def load_corpus(path: Path = HERE / "corpus" / "questions.yaml") -> list[Question]:
    """Every corpus question as {text, kind, probes, site, url}."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    out: list[Question] = []
    for source in data["sources"]:
        for q in source["questions"]:
            out.append(
                {**q, "site": source["site"], "url": source["url"], "set": source.get("set")}
            )
    return out


def folds_by_site(questions: Sequence[Question], k: int = FOLDS) -> list[int]:
    """A fold number per question: whole sites per fold, balanced greedily by size."""
    sizes = Counter(q["site"] for q in questions)
    load = [0] * k
    fold_of: dict[str, int] = {}
    for site, size in sorted(sizes.items(), key=lambda kv: (-kv[1], kv[0])):
        target = min(range(k), key=lambda f: (load[f], f))
        fold_of[site] = target
        load[target] += size
    return [fold_of[q["site"]] for q in questions]


def load_bank(path: Path) -> Bank:
    return Bank.from_dict(yaml.safe_load(path.read_text(encoding="utf-8")) or {})


SEEN_IN_DEVELOPMENT = {"bank_health_logistics", "bank_consumer_devtools", "bank_edtech_games_gov"}
"""Held-out banks whose advisor output the team looked at once in development (their figures
are reported, marked so); the others were never looked at. The first two while writing the
story-fit rule; all three (stop 19) in one table of inferred against labelled story probes,
which showed theme phrases that fire on any story ("date", "quarter", "chose")."""


def banks() -> list[tuple[str, Bank, dict[str, Any], bool]]:
    """(name, bank, labels, held_out) for the held-out banks and the sample bank."""
    out = []
    for path in sorted((HERE / "banks").glob("bank_*.yaml")):
        if path.name.endswith(".labels.yaml"):
            continue
        labels = yaml.safe_load(path.with_suffix(".labels.yaml").read_text(encoding="utf-8"))
        name = path.stem + (
            " (seen once in development)" if path.stem in SEEN_IN_DEVELOPMENT else ""
        )
        out.append((name, load_bank(path), labels["stories"], True))
    sample = Bank.from_dict(yaml.safe_load(sample_file("stories.yaml").read_text("utf-8")))
    labels = yaml.safe_load((HERE / "banks" / "sample.labels.yaml").read_text(encoding="utf-8"))
    out.append(("sample (team-written)", sample, labels["stories"], False))
    return out


def acceptable(question: Question, labels: dict[str, Any]) -> list[str]:
    """The story ids that answer `question` well on a labelled bank (module docstring)."""
    scores: dict[str, float] = {}
    for story_id, label in labels.items():
        if question["kind"] in STRICT_KINDS and question["kind"] not in label["kinds"]:
            continue
        strength = {p: 1.0 - 0.15 * i for i, p in enumerate(label["probes"])}
        scores[story_id] = sum(
            (3 - i) * strength.get(p, 0.0) for i, p in enumerate(question["probes"][:3])
        )
    best = max(scores.values(), default=0.0)
    if best <= 0:
        return []
    return [sid for sid, s in scores.items() if s >= ACCEPT_SHARE * best]


Ranker = Callable[[str], tuple[str | None, list[str]]]


def advisor_ranker(stories: Sequence[Story]) -> Ranker:
    from storybank.advisor import advise

    def rank(question: str) -> tuple[str | None, list[str]]:
        advice = advise(question, stories, top=len(stories))
        return advice.kind, [s.id for s in advice.suggestions]

    return rank


def baseline_ranker(baseline: Any) -> Ranker:
    return lambda question: (None, baseline.rank(question))


class Tally:
    def __init__(self) -> None:
        self.n = self.top1 = self.top3 = 0
        self.kind_n = self.kind_right = 0
        self.left_out = 0
        self.misses: list[str] = []

    def add(self, question: Question, kind: str | None, ranked: list[str], ok: list[str]) -> None:
        if kind is not None:
            self.kind_n += 1
            self.kind_right += kind == question["kind"]
        if question["kind"] == "motivation" or not ok:
            self.left_out += 1
            return
        self.n += 1
        self.top1 += bool(ranked) and ranked[0] in ok
        self.top3 += any(r in ok for r in ranked[:3])
        if not ranked or ranked[0] not in ok:
            self.misses.append(f"{question['text']!r} -> {ranked[:1]} want {ok}")

    def row(self, name: str) -> str:
        t1 = self.top1 / self.n if self.n else 0.0
        t3 = self.top3 / self.n if self.n else 0.0
        kind = f"{self.kind_right / self.kind_n:.3f}" if self.kind_n else "  -  "
        return f"  {name:<34} n={self.n:<4} top-1 {t1:.3f}  top-3 {t3:.3f}  kind {kind}"


def held_out_models(questions: Sequence[Question], folds: int = FOLDS) -> list[Any]:
    """One model per fold, trained on the other folds' questions. Kept in a temp file keyed
    on the corpus, features and training code, so a rerun does not train again."""
    import hashlib
    import json
    import tempfile

    from storybank.advisor import classify, question_cues
    from storybank.method import cues, features, learned, reading, themes, train

    key = hashlib.sha256(
        json.dumps(list(questions), sort_keys=True).encode()
        + b"".join(
            Path(m.__file__).read_bytes()
            for m in (train, features, reading, themes, classify, cues)
            if m.__file__
        )
        + str(folds).encode()
    ).hexdigest()[:16]
    cached = Path(tempfile.gettempdir()) / f"storybank-eval-models-{key}.json"
    if cached.is_file():
        return [learned.QuestionModel.from_json(m) for m in json.loads(cached.read_text())]
    fold = folds_by_site(questions, folds)
    models = [
        train.train([q for q, f in zip(questions, fold, strict=True) if f != k], question_cues)
        for k in range(folds)
    ]
    cached.write_text(json.dumps([m.to_json() for m in models]))
    return models


def use_model(model: Any) -> None:
    from storybank.method import learned

    learned.use(model)


def base_score(parts: dict[str, float], kind: str) -> float:
    """A suggestion's score without company fit, as the advisor weighs it."""
    from storybank.advisor.rank import WEIGHTS
    from storybank.method.kinds import BY_NAME

    weights = {n: WEIGHTS[n] for n in parts if n not in ("env", "focus")}
    weights["kind"] *= BY_NAME[kind].fit_weight if kind in BY_NAME else 1.0
    return sum(weights[n] * parts[n] for n in weights) / sum(weights.values())


def company_fit_cases(bank: Bank, questions: Sequence[Question]) -> tuple[int, int]:
    """(cases, decided): close calls between the two best stories without a company whose
    environments fit the company differently, and how many the company put the right way."""
    from storybank.advisor import advise
    from storybank.advisor.rank import CLOSE_CALL, ENV_MARGIN, environment_fit

    by_id = {s.id: s for s in bank.stories}
    cases = decided = 0
    for company in bank.companies:
        for q in questions:
            if q["kind"] == "motivation":
                continue
            plain = advise(q["text"], bank.stories, top=2)
            if len(plain.suggestions) < 2:
                continue
            a, b = plain.suggestions
            if abs(base_score(a.parts, plain.kind) - base_score(b.parts, plain.kind)) > CLOSE_CALL:
                continue
            env_a = environment_fit(by_id[a.id].environment, company.environment)
            env_b = environment_fit(by_id[b.id].environment, company.environment)
            if abs(env_a - env_b) <= ENV_MARGIN:
                continue
            want = a.id if env_a > env_b else b.id
            other = b.id if want == a.id else a.id
            ranked = [
                s.id for s in advise(q["text"], bank.stories, company=company, top=10).suggestions
            ]
            cases += 1
            decided += ranked.index(want) < ranked.index(other)
    return cases, decided


def held_out_figures(bank_name: str, folds: int = FOLDS) -> dict[str, float]:
    """Top-1, top-3 and kind accuracy of the advisor on one bank, every question answered
    by a model trained without its source sites (what tests/unit/test_advisor_floors.py
    guards)."""
    questions = load_corpus()
    fold = folds_by_site(questions, folds)
    models = held_out_models(questions, folds)
    _, bank, labels, _ = next(b for b in banks() if b[0].startswith(bank_name))
    tally = Tally()
    rank = advisor_ranker(bank.stories)
    try:
        for k in range(folds):
            use_model(models[k])
            for q, f in zip(questions, fold, strict=True):
                if f == k:
                    kind, ranked = rank(q["text"])
                    tally.add(q, kind, ranked, acceptable(q, labels))
    finally:
        use_model(None)
    return {
        "top1": tally.top1 / tally.n,
        "top3": tally.top3 / tally.n,
        "kind": tally.kind_right / tally.kind_n,
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--misses", action="store_true", help="list every top-1 miss")
    args = parser.parse_args(argv)
    questions = load_corpus()
    fold = folds_by_site(questions)
    models = held_out_models(questions)
    print(
        f"{len(questions)} questions from {len({q['site'] for q in questions})} sites, "
        f"{FOLDS} folds by site"
    )
    kind_confusion: Counter[tuple[str, str]] = Counter()
    for name, bank, labels, held_out in banks():
        stories = bank.stories
        tallies = {"advisor": Tally(), "BM25": Tally(), "rapidfuzz": Tally()}
        rankers: dict[str, Ranker] = {
            "advisor": advisor_ranker(stories),
            "BM25": baseline_ranker(BM25Baseline(stories)),
            "rapidfuzz": baseline_ranker(FuzzBaseline(stories)),
        }
        by_fold: dict[int, list[Question]] = defaultdict(list)
        for q, f in zip(questions, fold, strict=True):
            by_fold[f].append(q)
        for k in sorted(by_fold):
            if models:
                use_model(models[k])
            for q in by_fold[k]:
                ok = acceptable(q, labels)
                for rname, ranker in rankers.items():
                    kind, ranked = ranker(q["text"])
                    tallies[rname].add(q, kind, ranked, ok)
                    if rname == "advisor" and held_out and kind != q["kind"]:
                        kind_confusion[(q["kind"], kind or "-")] += 1
        use_model(None)
        if bank.companies and held_out:
            cases, decided = company_fit_cases(bank, questions)
            share = decided / cases if cases else 0.0
            company_line = f"  company fit decided {decided} of {cases} close calls ({share:.0%})"
        else:
            company_line = ""
        tag = "held out" if held_out else "NOT held out"
        print(
            f"\n{name} ({len(stories)} stories, {tag}); "
            f"left out {tallies['advisor'].left_out} (pitch or unanswerable)"
        )
        for rname, tally in tallies.items():
            print(tally.row(rname))
        if company_line:
            print(company_line)
        if args.misses:
            for miss in tallies["advisor"].misses:
                print("    miss:", miss)
    print("\nkind confusions (want -> got), held-out banks:")
    for (want, got), n in kind_confusion.most_common(12):
        print(f"  {want:>10} -> {got:<10} {n}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
