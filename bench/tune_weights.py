"""Grid-search the scoring weights on the tuning split only (never the holdout).

    .venv/bin/python bench/tune_weights.py

Prints the best few settings by tuning-split MRR then top-1, and, for the record, how the
current weights in storybank.advisor.rank do. The chosen values are copied by hand into
rank.WEIGHTS / rank.TEXT_SHARES, where they stay readable.
"""

from __future__ import annotations

import itertools
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from advisor_eval import evaluate, load_bank, load_items, rankers, split  # noqa: E402
from storybank.advisor import rank  # noqa: E402
from storybank.resources import sample_file  # noqa: E402


def main() -> int:
    bank = load_bank(sample_file("stories.yaml"))
    items = split(load_items(HERE / "eval_questions.yaml", bank.stories), "tune")
    advisor = rankers(bank.stories)["advisor"]
    original = (dict(rank.WEIGHTS), dict(rank.TEXT_SHARES))
    base = evaluate(items, advisor)
    print(f"current: top1={base.top1:.3f} top3={base.top3:.3f} mrr={base.mrr:.3f}")
    results = []
    for text, comp, kind, pairs in itertools.product(
        (0.30, 0.36, 0.42, 0.48), (0.22, 0.28, 0.34), (0.10, 0.15, 0.20), (0.1, 0.2, 0.3)
    ):
        rest = 1.0 - text - comp - kind
        if rest < 0.05:
            continue
        rank.WEIGHTS.update(text=text, comp=comp, kind=kind, env=rest * 8 / 15, focus=rest * 7 / 15)
        rank.TEXT_SHARES.update(terms=0.8 - pairs, pairs=pairs, labels=0.2)
        f = evaluate(items, advisor)
        results.append((f.mrr, f.top1, f.top3, text, comp, kind, pairs))
    rank.WEIGHTS.update(original[0])
    rank.TEXT_SHARES.update(original[1])
    results.sort(reverse=True)
    for mrr, top1, top3, text, comp, kind, pairs in results[:10]:
        print(
            f"mrr={mrr:.3f} top1={top1:.3f} top3={top3:.3f}  "
            f"text={text} comp={comp} kind={kind} pairs={pairs}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
