"""Guarantee 2b: the app and `storybank import` in another process never lose each other's work.

The app side is a Store used the way the TUI uses it: every save carries the version of
the record it was edited from (`expect`), and a ConflictError is resolved the way the
conflict dialog's "merge" does it (the disk's version with the app's own change on top).
The CLI side is the real command, `python -m storybank import FILE`, each run its own
process. Whatever the interleaving, every acknowledged change of either side is on disk
at the end: the CLI's imported stories, companies and latest title of the shared story,
and every tag the app added.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from factories import story as minimal_story
from storybank.errors import StoryBankError
from storybank.model import Bank, Story
from storybank.store import ConflictError, Store, record_version

CHILD = Path(__file__).with_name("cli_import_child.py")
sys.path.insert(0, str(CHILD.parent))
from cli_import_child import import_file  # noqa: E402

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX processes")


def base_story(story_id: str, title: str) -> Story:
    return minimal_story(story_id, title, competencies=["prioritization"])


def tagged(story: Story, tag: str) -> Story:
    """The app's edit: the story as given, with one more tag (the user's change)."""
    data = story.to_dict()
    data["tags"] = [*story.tags, tag] if tag not in story.tags else list(story.tags)
    return Story.from_dict(data)


def app_save_tag(store: Store, story_id: str, base: Story, tag: str) -> int:
    """Save the app's edit of `base`; on a conflict merge onto the disk's version and retry.

    Returns how many conflicts were met (each one a change the app would have overwritten).
    """
    conflicts = 0
    while True:
        try:
            store.upsert_story(tagged(base, tag), expect={story_id: record_version(base)})
            return conflicts
        except ConflictError as conflict:
            conflicts += 1
            assert conflict.disk is not None
            base = conflict.disk
        except StoryBankError as exc:  # lock wait exceeded under heavy load: try again
            if "another storybank is writing" not in str(exc):
                raise


def cli_import(db: Path, path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "storybank", "--db", str(db), "import", str(path)],
        capture_output=True,
        text=True,
        check=False,
    )


def seed(db: Path) -> Store:
    store = Store.open(str(db))
    store.apply_import(
        Bank(stories=[base_story("shared", "seed"), base_story("app-owned", "Mine")])
    )
    return store


def test_a_stale_app_save_never_overwrites_an_import_in_between(tmp_path: Path) -> None:
    """Each round: the app reads, the CLI imports (a real process), the app saves."""
    db = tmp_path / "bank.json"
    app = seed(db)
    for k in range(5):
        base = app.story("shared")
        done = cli_import(db, import_file(tmp_path, k))
        assert done.returncode == 0, done.stderr
        with pytest.raises(ConflictError):
            app.upsert_story(tagged(base, f"app-{k}"), expect={"shared": record_version(base)})
        assert Store(db).story("shared").title == f"cli-{k}"  # the import survived
        assert app_save_tag(app, "shared", base, f"app-{k}") == 1
        now = Store(db).story("shared")
        assert now.title == f"cli-{k}" and now.tags == [f"app-{k}"]  # both changes


def test_control_blind_saves_lose_the_import(tmp_path: Path) -> None:
    """The same rounds without the version check (the old app) lose every import's title."""
    db = tmp_path / "bank.json"
    app = seed(db)
    for k in range(3):
        base = app.story("shared")
        assert cli_import(db, import_file(tmp_path, k)).returncode == 0
        app.upsert_story(tagged(base, f"app-{k}"))
        assert Store(db).story("shared").title != f"cli-{k}"


def test_app_and_cli_writing_at_once_lose_nothing(tmp_path: Path) -> None:
    db = tmp_path / "bank.json"
    app = seed(db)
    count = 8
    child = subprocess.Popen(
        [sys.executable, str(CHILD), str(db), str(tmp_path), str(count)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    app_tags: list[str] = []
    conflicts = 0
    try:
        assert child.stdout is not None and child.stdin is not None
        assert child.stdout.readline().strip() == "READY"
        child.stdin.write("go\n")
        child.stdin.flush()
        i = 0
        while child.poll() is None:
            # The app edits its own story and the shared one, each from what it last read.
            for story_id in ("app-owned", "shared"):
                base = app.story(story_id)
                tag = f"app-{i}"
                conflicts += app_save_tag(app, story_id, base, tag)
                if story_id == "app-owned":
                    app_tags.append(tag)
            app.upsert_story(base_story(f"app-new-{i}", f"App {i}"), expect={f"app-new-{i}": None})
            i += 1
        out = child.stdout.read()
    finally:
        if child.poll() is None:
            child.kill()
        child.wait()
    lines = out.splitlines()
    assert not [line for line in lines if line.startswith("FAIL")], out
    acked = [int(line.split()[1]) for line in lines if line.startswith("ACK")]
    assert acked == list(range(count))
    final = Store.open(str(db))
    ids = {s.id for s in final.stories()}
    assert {f"cli-{k}" for k in acked} <= ids  # every imported story
    assert {f"cli-co-{k}" for k in acked} <= {c.id for c in final.companies()}
    assert {f"app-new-{n}" for n in range(i)} <= ids  # every story the app added
    assert final.story("app-owned").tags == app_tags  # every app edit, in order
    # The last import's title of the shared story survives every later app save.
    assert final.story("shared").title == f"cli-{count - 1}"
    print(f"\napp rounds {i}, CLI imports {len(acked)}, conflicts met and merged {conflicts}")
