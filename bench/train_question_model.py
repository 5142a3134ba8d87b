"""Train the question model on the whole real-question corpus and ship it.

    .venv/bin/python bench/train_question_model.py

Writes src/storybank/method/question_model.json (deterministic: the same corpus gives the
same file). The held-out figures come from bench/eval_real.py, which trains one model per
fold on the other folds' sources; this script is only for the model that ships.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from eval_real import load_corpus  # noqa: E402
from storybank.advisor import question_cues  # noqa: E402
from storybank.method import learned, train  # noqa: E402

TARGET = HERE.parent / "src" / "storybank" / "method" / learned.MODEL_FILE


def main() -> int:
    questions = load_corpus()
    model = train.train(questions, question_cues)
    TARGET.write_text(json.dumps(model.to_json(), sort_keys=True, separators=(",", ":")) + "\n")
    print(
        f"{len(questions)} questions -> {TARGET.relative_to(HERE.parent)} "
        f"({TARGET.stat().st_size // 1024} KiB, {len(model.kind.features())} kind features, "
        f"{len(model.probe.features())} probe features)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
