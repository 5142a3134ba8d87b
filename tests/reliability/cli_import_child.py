"""Child for the app-vs-CLI test: runs the real `storybank import` command again and again.

Usage: python cli_import_child.py DB FOLDER COUNT

For each k it writes FOLDER/import-k.yaml (story `cli-k`, company `cli-co-k`, and the shared
story with title `cli-k`), runs `python -m storybank --db DB import FILE` as its own process,
and prints `ACK k` once that process exited 0 (an acknowledged write), `FAIL k ...` otherwise.
It prints READY first and waits for a line on stdin, so the parent can start writing with it.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import yaml


def import_file(folder: Path, k: int) -> Path:
    def story(story_id: str, title: str) -> dict[str, object]:
        return {
            "id": story_id,
            "title": title,
            "competencies": ["prioritization"],
            "context": "The context.",
            "decision": "The decision.",
            "result": "The result.",
        }

    data = {
        "version": 1,
        "stories": [story(f"cli-{k}", f"Imported {k}"), story("shared", f"cli-{k}")],
        "companies": [{"id": f"cli-co-{k}", "name": f"Company {k}"}],
    }
    path = folder / f"import-{k}.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return path


def main(db: str, folder: Path, count: int) -> None:
    print("READY", flush=True)
    sys.stdin.readline()
    for k in range(count):
        path = import_file(folder, k)
        done = subprocess.run(
            [sys.executable, "-m", "storybank", "--db", db, "import", str(path)],
            capture_output=True,
            text=True,
            check=False,
        )
        if done.returncode == 0:
            print(f"ACK {k}", flush=True)
        else:
            print(f"FAIL {k} {done.returncode} {done.stderr.strip()[-300:]}", flush=True)
    print("DONE", flush=True)


if __name__ == "__main__":
    main(sys.argv[1], Path(sys.argv[2]), int(sys.argv[3]))
