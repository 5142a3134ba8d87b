"""Measure the advisor against labelled questions, next to two baselines in the same harness.

Run from the repository root:

    .venv/bin/python bench/advisor_eval.py              # sample bank + alternative bank
    .venv/bin/python bench/advisor_eval.py --misses     # also list every miss
    .venv/bin/python bench/advisor_eval.py --split tune # only the tuning two-thirds

Reports top-1 accuracy (the first story is acceptable), top-3 recall (an acceptable story is
in the first three), MRR (mean of 1/rank of the first acceptable story) and kind accuracy.
Held-out split: every third question (index 2, 5, 8, ...) is the holdout, never looked at
while tuning; the alternative bank (bench/alt_bank.yaml, different people and industries)
and its questions were written after tuning stopped. If sample_data/questions.yaml exists,
kind accuracy on it is reported too (its kinds were labelled by another author).
"""

from __future__ import annotations

import argparse
import os
import sys
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import yaml

# Measure the method, not the advisor's disk cache, and leave the user's cache dir alone
# (also when bench/tune_weights.py imports this module).
os.environ["STORYBANK_NO_CACHE"] = "1"

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from baselines import BM25Baseline, FuzzBaseline  # noqa: E402
from storybank.advisor import WEAK_MATCH, advise, analyse_question  # noqa: E402
from storybank.model import Bank, Story  # noqa: E402
from storybank.resources import sample_file  # noqa: E402


@dataclass
class Item:
    question: str
    kind: str
    ids: list[str]


@dataclass
class Figures:
    n: int
    top1: float
    top3: float
    mrr: float
    kind: float | None


def load_bank(path: Path) -> Bank:
    return Bank.from_dict(yaml.safe_load(path.read_text(encoding="utf-8")) or {})


def load_items(path: Path, stories: Sequence[Story]) -> list[Item]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    known = {s.id for s in stories}
    items = []
    for entry in data["questions"]:
        unknown = set(entry["ids"]) - known
        if unknown:
            raise SystemExit(f"{path}: unknown story ids {sorted(unknown)} in {entry['q']!r}")
        items.append(Item(entry["q"], entry["kind"], list(entry["ids"])))
    return items


def load_external_items(stories: Sequence[Story]) -> list[Item]:
    """Questions of sample_data/questions.yaml with the story labels of external_labels.yaml."""
    labels_path = HERE / "external_labels.yaml"
    try:
        questions_path = sample_file("questions.yaml")
    except FileNotFoundError:
        return []
    if not labels_path.is_file() or not questions_path.is_file():
        return []
    labels = yaml.safe_load(labels_path.read_text(encoding="utf-8"))["labels"]
    known = {s.id for s in stories}
    entries = yaml.safe_load(questions_path.read_text(encoding="utf-8"))["questions"]
    items = []
    for entry in entries:
        ids = labels.get(entry["id"])
        if ids and set(ids) <= known:
            items.append(Item(entry["text"], entry["kind"], list(ids)))
    return items


def split(items: list[Item], which: str) -> list[Item]:
    if which == "tune":
        return [it for i, it in enumerate(items) if i % 3 != 2]
    if which == "holdout":
        return [it for i, it in enumerate(items) if i % 3 == 2]
    return items


Ranker = Callable[[str], tuple[list[str], str | None]]


def evaluate(items: list[Item], ranker: Ranker, misses: list[str] | None = None) -> Figures:
    top1 = top3 = rr = kind_ok = 0.0
    kinds_seen = False
    for item in items:
        ranking, kind = ranker(item.question)
        rank = next((i + 1 for i, sid in enumerate(ranking) if sid in item.ids), None)
        top1 += rank == 1
        top3 += rank is not None and rank <= 3
        rr += 1.0 / rank if rank else 0.0
        if kind is not None:
            kinds_seen = True
            kind_ok += kind == item.kind
        if misses is not None and (rank != 1 or (kind is not None and kind != item.kind)):
            misses.append(
                f"  rank={rank} kind={kind}/{item.kind} top={ranking[:3]} want={item.ids}\n"
                f"    {item.question!r}"
            )
    n = max(1, len(items))
    return Figures(len(items), top1 / n, top3 / n, rr / n, kind_ok / n if kinds_seen else None)


def rankers(stories: Sequence[Story]) -> dict[str, Ranker]:
    fuzz, bm25 = FuzzBaseline(stories), BM25Baseline(stories)

    def advisor(question: str) -> tuple[list[str], str | None]:
        advice = advise(question, stories, top=len(stories))
        return [s.id for s in advice.suggestions], advice.kind

    return {
        "advisor": advisor,
        "rapidfuzz extract": lambda q: (fuzz.rank(q), None),
        "BM25": lambda q: (bm25.rank(q), None),
    }


def table(rows: list[tuple[str, str, Figures]]) -> str:
    out = [
        "| set | ranker | n | top-1 | top-3 | MRR | kind acc. |",
        "|---|---|---:|---:|---:|---:|---:|",
    ]
    for set_name, name, f in rows:
        kind = f"{f.kind:.3f}" if f.kind is not None else "-"
        out.append(
            f"| {set_name} | {name} | {f.n} | {f.top1:.3f} | {f.top3:.3f} | {f.mrr:.3f} | {kind} |"
        )
    return "\n".join(out)


def weak_match_report(stories: Sequence[Story]) -> str:
    """How often weak_match is raised for off-topic questions and for labelled ones."""
    data = yaml.safe_load((HERE / "eval_questions.yaml").read_text(encoding="utf-8"))
    off = data.get("off_topic") or []
    on = [entry["q"] for entry in data["questions"]]
    flagged_off = sum(advise(q, stories).weak_match for q in off)
    flagged_on = sum(advise(q, stories).weak_match for q in on)
    return (
        f"Weak match (threshold {WEAK_MATCH}): raised for {flagged_off}/{len(off)} off-topic "
        f"questions and {flagged_on}/{len(on)} labelled on-topic ones."
    )


def kind_accuracy_on_question_bank() -> tuple[int, float, Counter[tuple[str, str]]] | None:
    try:
        path = sample_file("questions.yaml")
    except FileNotFoundError:
        return None
    if not path.is_file():
        return None
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    entries = data.get("questions") or []
    if not entries:
        return None
    ok = 0
    confusions: Counter[tuple[str, str]] = Counter()
    for entry in entries:
        got = analyse_question(entry["text"]).kind
        ok += got == entry["kind"]
        if got != entry["kind"]:
            confusions[(entry["kind"], got)] += 1
    return len(entries), ok / len(entries), confusions


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=("all", "tune", "holdout"), default=None)
    parser.add_argument("--misses", action="store_true", help="list every advisor miss")
    args = parser.parse_args(argv)

    sample = load_bank(sample_file("stories.yaml"))
    alt = load_bank(HERE / "alt_bank.yaml") if (HERE / "alt_bank.yaml").is_file() else None
    sets: list[tuple[str, Sequence[Story], list[Item]]] = []
    items = load_items(HERE / "eval_questions.yaml", sample.stories)
    splits = [args.split] if args.split else ["all", "tune", "holdout"]
    for which in splits:
        sets.append((f"sample bank ({which})", sample.stories, split(items, which)))
    external = load_external_items(sample.stories)
    if external and not args.split:
        sets.append(("sample bank, other author's questions", sample.stories, external))
    if alt is not None and not args.split:
        alt_items = load_items(HERE / "alt_eval_questions.yaml", alt.stories)
        sets.append(("alt bank (unseen)", alt.stories, alt_items))

    rows: list[tuple[str, str, Figures]] = []
    miss_lines: list[str] = []
    for set_name, stories, set_items in sets:
        for name, ranker in rankers(stories).items():
            misses = [] if (args.misses and name == "advisor") else None
            rows.append((set_name, name, evaluate(set_items, ranker, misses)))
            if misses:
                miss_lines.append(f"{set_name}: {len(misses)} misses")
                miss_lines.extend(misses)
    print(table(rows))
    if not args.split:
        print("\n" + weak_match_report(sample.stories))
    bank_kinds = kind_accuracy_on_question_bank()
    if bank_kinds and not args.split:
        n, acc, confusions = bank_kinds
        print(
            f"\nKind accuracy on sample_data/questions.yaml (another author's labels): "
            f"{acc:.3f} on {n}"
        )
        if args.misses:
            for (want, got), count in confusions.most_common():
                print(f"  {want} read as {got}: {count}")
    if miss_lines:
        print("\n" + "\n".join(miss_lines))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
