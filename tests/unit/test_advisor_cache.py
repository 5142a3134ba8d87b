"""The advisor's disk cache: same answers with or without it, never trusted blindly."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest
import yaml

from storybank import locations
from storybank.advisor import Advice, cache, cache_key, clear_caches, memo, rank
from storybank.advisor import advise as pure_advise
from storybank.model import Bank, Company
from storybank.resources import sample_file

QUESTIONS = [
    "Tell me about a launch that went wrong",
    "How did you define activation? What did you measure?",
    "Describe a time you got cross functinal teams to agree on prioritisation.",
    "Why product operations?",
    "Tell me about a hard trade-off.\nWhat did you weigh?",
]


def advise(*args: Any, **kwargs: Any) -> Advice:
    """What `storybank ask` does: the pure advisor inside a cache session that saves."""
    with cache.session(save=True):
        return pure_advise(*args, **kwargs)


@pytest.fixture
def sample() -> Bank:
    data = yaml.safe_load(sample_file("stories.yaml").read_text(encoding="utf-8"))
    companies = yaml.safe_load(sample_file("companies.yaml").read_text(encoding="utf-8"))
    return Bank.from_dict({**data, **companies})


@pytest.fixture(autouse=True)
def fresh_process() -> None:
    """Each test starts as a new process would: nothing in memory, the cache switched on."""
    cache.set_enabled(True)
    clear_caches()
    yield
    cache.set_enabled(True)
    clear_caches()


def answers(bank: Bank) -> list[dict]:
    company: Company | None = bank.companies[0] if bank.companies else None
    out = []
    for question in QUESTIONS:
        out.append(advise(question, bank.stories, top=6).to_dict())
        out.append(advise(question, bank.stories, company=company, round="panel").to_dict())
    return out


def without_cache(bank: Bank, monkeypatch: pytest.MonkeyPatch) -> list[dict]:
    monkeypatch.setenv(cache.DISABLE_ENV, "1")
    clear_caches()
    try:
        return answers(bank)
    finally:
        monkeypatch.delenv(cache.DISABLE_ENV)
        clear_caches()


def test_a_cache_hit_gives_the_same_advice_as_no_cache(
    sample: Bank, monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = without_cache(sample, monkeypatch)
    assert not cache.cache_file().exists()

    first = answers(sample)  # builds everything and writes the file
    assert cache.cache_file().exists()
    clear_caches()  # a new process: only the file remains

    def no_recompute(*_args: object) -> None:
        raise AssertionError("story features were recomputed despite the cache")

    monkeypatch.setattr(rank, "_features", no_recompute)
    monkeypatch.setattr("storybank.advisor.lexicon.phrase_key", no_recompute)
    hit = answers(sample)
    assert first == expected
    assert hit == expected


def test_the_file_is_versioned_and_checksummed(sample: Bank) -> None:
    advise(QUESTIONS[0], sample.stories)
    head, _, body = cache.cache_file().read_bytes().partition(b"\n")
    header = json.loads(head)
    assert header["format"] == cache.FORMAT
    assert header["key"] == cache.code_key()
    stored = json.loads(body)
    assert len(stored["stories"]) == len(sample.stories)
    assert {"kind", "competency", "stopwords", "words"} <= set(stored["lexicon"])


@pytest.mark.parametrize(
    "damage",
    [
        "garbage",
        "truncated",
        "edited body",
        "foreign key",
        "old format",
        "wrong shapes",
        "empty",
        "directory",
    ],
)
def test_a_damaged_or_foreign_cache_file_is_ignored_and_rebuilt(
    damage: str, sample: Bank, monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = without_cache(sample, monkeypatch)
    advise(QUESTIONS[0], sample.stories)
    path = cache.cache_file()
    raw = path.read_bytes()
    head, _, body = raw.partition(b"\n")
    header = json.loads(head)
    if damage == "garbage":
        path.write_bytes(b"\x00\xffnot json at all")
    elif damage == "truncated":
        path.write_bytes(raw[: len(raw) // 2])
    elif damage == "edited body":
        path.write_bytes(head + b"\n" + body.replace(b"0.", b"9.", 5))
    elif damage in ("foreign key", "old format"):
        header["key" if damage == "foreign key" else "format"] = "other"
        path.write_bytes(json.dumps(header).encode() + b"\n" + body)
    elif damage == "wrong shapes":
        # A well-formed, correctly summed file whose values are not what was written.
        data = json.loads(body)
        data["lexicon"]["kind"] = {"failure": [["x", "y"]]}
        data["lexicon"]["stopwords"] = "not a list"
        for entry in data["stories"].values():
            entry["terms"] = {"launch": "heavy"}
        data["stories"][next(iter(data["stories"]))] = ["not", "a", "dict"]
        new_body = json.dumps(data).encode()
        header["sum"] = cache.body_digest(new_body, cache_key.user_key(create=False))
        path.write_bytes(json.dumps(header).encode() + b"\n" + new_body)
    elif damage == "empty":
        path.write_bytes(b"")
    elif damage == "directory":
        path.unlink()
        path.mkdir()
    clear_caches()
    assert answers(sample) == expected
    if damage != "directory":
        # Rebuilt: the next process reads a valid file again.
        clear_caches()
        assert json.loads(path.read_bytes().partition(b"\n")[0])["key"] == cache.code_key()


def test_the_cache_can_be_switched_off(sample: Bank, monkeypatch: pytest.MonkeyPatch) -> None:
    expected = without_cache(sample, monkeypatch)
    assert not cache.cache_file().exists()
    cache.set_enabled(False)
    clear_caches()
    assert answers(sample) == expected
    assert not cache.cache_file().exists()


def test_an_unusable_cache_dir_is_never_an_error(
    sample: Bank, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory", encoding="utf-8")
    monkeypatch.setenv(locations.CACHE_ENV, str(blocker / "cache"))
    clear_caches()
    expected = without_cache(sample, monkeypatch)
    assert answers(sample) == expected


def test_an_edited_story_is_a_new_entry_never_a_stale_one(sample: Bank) -> None:
    advise(QUESTIONS[0], sample.stories)
    clear_caches()
    edited = list(sample.stories)
    edited[0] = edited[0].replace(title="Forklift fleet telemetry", tags=["forklift"])
    advice = advise("Tell me about forklift telemetry", edited, top=1)
    assert advice.suggestions[0].id == edited[0].id
    stored = json.loads(cache.cache_file().read_bytes().partition(b"\n")[2])
    assert len(stored["stories"]) == len(sample.stories) + 1


def test_no_temporary_files_are_left_behind(sample: Bank) -> None:
    answers(sample)
    leftovers = [name for name in os.listdir(cache.cache_dir()) if name != cache.FILENAME]
    assert leftovers == []


def test_old_versions_of_edited_stories_do_not_pile_up(sample: Bank) -> None:
    stories = list(sample.stories)
    for version in range(cache.MAX_OTHER_STORIES + 20):
        stories[0] = stories[0].replace(summary=f"Version {version} of the summary.")
        advise(QUESTIONS[0], stories)
    stored = json.loads(cache.cache_file().read_bytes().partition(b"\n")[2])
    assert len(stored["stories"]) == len(stories) + cache.MAX_OTHER_STORIES
    clear_caches()
    current = {cache.story_digest(rank.story_key(s)) for s in stories}
    assert current <= set(stored["stories"])  # the bank in use is always kept


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_the_cache_file_is_private(sample: Bank) -> None:
    advise(QUESTIONS[0], sample.stories)
    assert cache.cache_file().stat().st_mode & 0o777 == 0o600


def test_the_temp_file_is_created_exclusively_under_a_random_name(
    sample: Bank, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Never a predictable temp path that something planted there could redirect."""
    import tempfile

    made: list[str] = []
    real_mkstemp = tempfile.mkstemp

    def spy(*args: object, **kwargs: object) -> tuple[int, str]:
        fd, name = real_mkstemp(*args, **kwargs)  # type: ignore[call-overload]
        made.append(name)
        return fd, name

    monkeypatch.setattr(tempfile, "mkstemp", spy)
    answers(sample)
    assert made, "the cache file must be written through mkstemp"
    assert all(Path(name).parent == cache.cache_file().parent for name in made)
    assert cache.cache_file().is_file()


def _rewrite_answers(body: bytes) -> bytes:
    """Well-shaped forgery: each story is given another story's features (rotated)."""
    data = json.loads(body)
    digests = list(data["stories"])
    values = [data["stories"][d] for d in digests]
    data["stories"] = dict(zip(digests, values[1:] + values[:1], strict=True))
    return json.dumps(data, separators=(",", ":")).encode()


@pytest.mark.parametrize("digest", ["unkeyed blake2b", "keyed with another key"])
def test_a_rewritten_cache_cannot_change_the_answers(
    digest: str, sample: Bank, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Whoever rewrites the file cannot sign it: a keyed digest (BLAKE2b MAC) with a
    per-user key in the config dir. Before, any body whose plain digest matched was used."""
    expected = without_cache(sample, monkeypatch)
    advise(QUESTIONS[0], sample.stories)
    path = cache.cache_file()
    head, _, body = path.read_bytes().partition(b"\n")
    header = json.loads(head)
    forged = _rewrite_answers(body)
    if digest == "unkeyed blake2b":
        header["sum"] = cache.blake2b(forged, digest_size=16).hexdigest()
    else:
        header["sum"] = cache.body_digest(forged, os.urandom(32))
    path.write_bytes(json.dumps(header).encode() + b"\n" + forged)
    clear_caches()
    assert answers(sample) == expected
    clear_caches()
    head = path.read_bytes().partition(b"\n")[0]
    assert json.loads(head)["sum"] != header["sum"]  # ignored and rebuilt


def test_the_key_is_private_random_and_lives_in_the_config_dir(sample: Bank) -> None:
    advise(QUESTIONS[0], sample.stories)
    key_path = locations.config_dir() / cache_key.KEY_FILENAME
    assert cache_key.key_file() == key_path
    assert (key_path.stat().st_mode & 0o777) == 0o600
    assert len(bytes.fromhex(key_path.read_text().strip())) == cache_key.KEY_BYTES
    assert key_path.parent != cache.cache_file().parent


def test_a_replaced_key_invalidates_the_cache(sample: Bank, monkeypatch) -> None:
    expected = without_cache(sample, monkeypatch)
    advise(QUESTIONS[0], sample.stories)
    cache_key.key_file().write_text(os.urandom(32).hex())
    cache_key.forget()
    clear_caches()
    assert answers(sample) == expected


@pytest.mark.parametrize("kind", ["fifo", "dev-zero", "huge"])
def test_a_special_or_huge_cache_path_is_ignored_never_read(
    kind: str, sample: Bank, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A FIFO made `ask` hang forever and /dev/zero made it run out of memory."""
    expected = without_cache(sample, monkeypatch)
    path = cache.cache_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "dev-zero":
        path.symlink_to("/dev/zero")
    else:
        with open(path, "wb") as handle:
            handle.truncate(cache.MAX_CACHE_BYTES + 1)  # sparse: costs no disk
    clear_caches()
    assert answers(sample) == expected
    if kind != "huge":
        assert not path.is_file()  # left alone, not replaced


def test_control_the_same_forgery_signed_with_the_key_does_change_answers(
    sample: Bank, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Proves the forgery above matters: only the missing key keeps it out."""
    expected = without_cache(sample, monkeypatch)
    advise(QUESTIONS[0], sample.stories)
    path = cache.cache_file()
    head, _, body = path.read_bytes().partition(b"\n")
    header = json.loads(head)
    forged = _rewrite_answers(body)
    header["sum"] = cache.body_digest(forged, cache_key.user_key(create=False))
    path.write_bytes(json.dumps(header).encode() + b"\n" + forged)
    clear_caches()
    assert answers(sample) != expected


def test_the_advisor_itself_does_no_io(sample: Bank, monkeypatch: pytest.MonkeyPatch) -> None:
    """advise() outside a session neither reads nor writes the cache (the TUI's case)."""
    advise(QUESTIONS[0], sample.stories)  # a cache file exists and is valid
    clear_caches()
    before = cache.cache_file().read_bytes()

    def no_io(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("the pure advisor touched the disk")

    monkeypatch.setattr("storybank.userfile.read_capped", no_io)
    monkeypatch.setattr("storybank.privatefile.write_private_text", no_io)
    monkeypatch.setattr("storybank.advisor.cache_key.user_key", no_io)
    for question in QUESTIONS:
        pure_advise(question, sample.stories, top=6)
    assert memo.attached() is None
    assert cache.cache_file().read_bytes() == before


def test_a_reading_session_never_writes(sample: Bank) -> None:
    """Commands other than `ask` (the brief) may read the cache; only `ask` writes it."""
    with cache.session():
        pure_advise(QUESTIONS[0], sample.stories)
    assert not cache.cache_file().exists()
    advise(QUESTIONS[0], sample.stories)
    assert cache.cache_file().exists()
