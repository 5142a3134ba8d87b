"""The fast paths of issue 15 give the same answers as the slow ones they replaced.

No timing here (the speed is measured by `python -m bench`, by hand): these tests pin
behaviour, so a faster path can never quietly answer differently."""

from __future__ import annotations

import functools
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path

from bench.bankgen import make_bank, make_bank_yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from storybank.model import Bank, Story
from storybank.quality import coverage as coverage_module
from storybank.quality.lint import HEDGING_PHRASES, VAGUE_PHRASES
from storybank.store import Store
from storybank.tui.screens.stories import story_scores

ROOT = Path(__file__).resolve().parents[2]

# --- the harness -----------------------------------------------------------------------------


def test_bank_generator_is_deterministic_and_sliceable() -> None:
    first, again = make_bank(12, seed=3), make_bank(12, seed=3)
    assert first == again
    assert make_bank(12, seed=4) != first
    assert make_bank(5, seed=3, first=7).stories == first.stories[7:]
    assert make_bank_yaml(3, seed=3) == make_bank_yaml(3, seed=3)
    for story in first.stories:
        for beat in story.beats().values():
            assert 40 <= len(beat.split()) <= 120
        assert 2 <= len(story.metrics) <= 3
        assert 1 <= len(story.tradeoffs) <= 2


def test_bench_help_and_list_run_without_measuring() -> None:
    for flag in ("--help", "--list"):
        out = subprocess.run(
            [sys.executable, "-m", "bench", flag],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=False,
            timeout=120,
        )
        assert out.returncode == 0, out.stderr
    assert "import-1000" in out.stdout and "tui-stall-1000" in out.stdout


# --- lint: first-word index == one alternation everywhere ------------------------------------

_PHRASE_WORDS = sorted(
    {
        word
        for lexicon in (VAGUE_PHRASES, HEDGING_PHRASES)
        for p in lexicon.phrases()
        for word in p.split()
    }
)
_NOISE = ["x", "I’m", "IT", "-", ",", "  ", "\n", "well-", "ſtuff", "K", "“so”", "é", "…", "'"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_PHRASE_WORDS + _NOISE), max_size=14), st.booleans())
def test_lexicon_scan_matches_the_full_alternation(words: list[str], upper: bool) -> None:
    text = " ".join(words)
    text = text.upper() if upper else text
    for lexicon in (VAGUE_PHRASES, HEDGING_PHRASES):
        assert lexicon.scan(text) == lexicon._scan_everywhere(text)


# --- coverage: indexed candidate pairs --------------------------------------------------------


def test_indexed_overlaps_find_the_near_duplicates(monkeypatch) -> None:
    stories = make_bank(60, seed=9).stories
    twin = stories[10].replace(id="twin-of-10", title=stories[10].title + " again")
    bank = [*stories, twin]
    exact = coverage_module.overlaps(bank, limit=5)
    monkeypatch.setattr(coverage_module, "EXACT_PAIRS_UP_TO", 10)
    indexed = coverage_module.overlaps(bank, limit=5)
    assert {indexed[0].first, indexed[0].second} == {stories[10].id, "twin-of-10"}
    assert indexed[0] == exact[0]
    assert len(coverage_module.overlaps(bank)) < len(bank) * (len(bank) - 1) // 2


# --- store: import planned outside the lock ---------------------------------------------------


def _story(story_id: str, title: str) -> Story:
    return Story(id=story_id, title=title, context="c", decision="d", result="r 5")


def test_import_replans_when_the_file_changes_before_the_lock(db_path: Path, monkeypatch) -> None:
    store = Store(db_path)
    store.apply_import(Bank(stories=[_story("a", "A")]))
    other = Store(db_path)
    original = Store._locked

    @contextmanager
    def locked_after_another_write(self):  # another process writes just before our lock
        if self is store:
            other.upsert_story(_story("b", "B from elsewhere"))
        with original(self):
            yield

    monkeypatch.setattr(Store, "_locked", locked_after_another_write)
    plan = store.apply_import(Bank(stories=[_story("b", "B imported"), _story("c", "C")]))
    assert plan.changed["stories"] == ["b"] and plan.added["stories"] == ["c"]
    assert [s.title for s in Store(db_path).bank().stories] == ["A", "B imported", "C"]


def test_import_into_a_big_bank_keeps_positions_and_adds_at_the_end(db_path: Path) -> None:
    store = Store(db_path)
    store.apply_import(make_bank(30, seed=2))
    incoming = make_bank(10, seed=2, first=25)
    incoming.stories[0] = incoming.stories[0].replace(title="changed")
    plan = store.apply_import(Bank(stories=incoming.stories))
    assert plan.changed["stories"] == ["story-00025"]
    assert len(plan.added["stories"]) == 5
    ids = [s.id for s in Store(db_path).bank().stories]
    assert ids == [f"story-{k:05d}" for k in range(35)]
    assert Store(db_path).bank().stories[25].title == "changed"


def test_a_save_is_read_back_without_parsing_and_equals_the_file(db_path: Path) -> None:
    store = Store(db_path)
    store.apply_import(make_bank(5, seed=1))
    story = store.bank().stories[2].replace(title="saved")
    store.upsert_story(story)
    assert store.bank() == Store(db_path).bank()  # the cache is what a fresh read finds
    assert store.bank().stories[2].title == "saved"


# --- the story list's lint worker stops between stories ---------------------------------------


def test_story_scores_stop_as_soon_as_cancelled() -> None:
    stories = make_bank(6, seed=5).stories
    assert story_scores(stories, lambda: True) == {}
    asked = iter(range(100))
    partial = story_scores(stories, lambda: next(asked) >= 2)
    assert list(partial) == [s.id for s in stories[:2]]
    assert story_scores(stories).keys() == {s.id for s in stories}


# --- recall: simhash counted by spread integers == counted column-wise ------------------------


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=400))
def test_simhash_matches_the_column_count(text: str) -> None:
    from storybank.recall import cards

    normal = " ".join(cards._WORD_RE.findall(text.casefold()))
    normal = normal.ljust(3, "_") if len(normal) < 3 else normal
    grams = {normal[i : i + 3] for i in range(len(normal) - 2)}
    assert cards.simhash(text) == cards._simhash_by_columns(grams)
    assert cards.simhash(text) == cards.simhash(text)  # remembered trigrams change nothing


# --- store: open() keeps what it checked; an import compares only what the file holds ------


def test_open_then_import_reads_the_file_once_and_still_reports_changes(db_path: Path) -> None:
    Store(db_path).apply_import(make_bank(20, seed=6))
    store = Store.open(str(db_path))
    incoming = make_bank(4, seed=6, first=18)  # 18, 19 exist; 20, 21 are new
    incoming.stories[1] = incoming.stories[1].replace(title="edited")
    plan = store.apply_import(Bank(stories=incoming.stories))
    assert plan.unchanged["stories"] == ["story-00018"]
    assert plan.changed["stories"] == ["story-00019"]
    assert plan.added["stories"] == ["story-00020", "story-00021"]
    assert store.bank() == Store(db_path).bank()
    assert [s.id for s in store.bank().stories] == [f"story-{k:05d}" for k in range(22)]


def test_a_paused_collector_is_switched_back_on_only_if_it_was_on() -> None:
    import gc

    from storybank.gcpause import paused

    assert gc.isenabled()
    with paused():
        assert not gc.isenabled()
        with paused():
            assert not gc.isenabled()
        assert not gc.isenabled()  # the inner block found it off and left it off
    assert gc.isenabled()
    gc.disable()
    try:
        with paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_after_a_save_the_bank_keeps_unchanged_records_and_equals_the_file(
    db_path: Path,
) -> None:
    store = Store(db_path)
    store.apply_import(make_bank(12, seed=8))
    before = store.bank()
    edited = before.stories[4].replace(title="edited in place")
    store.upsert_story(edited)
    after = store.bank()
    assert after == Store(db_path).bank()
    assert after.stories[4] == edited
    assert after.stories[3] is before.stories[3]  # not rebuilt: only the saved one is
    added = make_bank(1, seed=8, first=40).stories[0]
    store.upsert_story(added)
    assert store.bank() == Store(db_path).bank()
    assert store.bank().stories[-1] == added
    store.delete_story(before.stories[0].id)
    assert store.bank() == Store(db_path).bank()
    store.upsert_story(edited.replace(id="renamed"), replaces=edited.id)  # a table change
    assert store.bank() == Store(db_path).bank()
    assert [s.id for s in store.bank().stories].count("renamed") == 1


# --- advisor: joined pairs from the disk cache == the set they were joined from ----------------

_STEM = st.text(alphabet="abcxyz19", min_size=1, max_size=4)
_PAIR = st.builds(lambda a, b: f"{a} {b}", _STEM, _STEM)


@settings(max_examples=200, deadline=None)
@given(st.frozensets(_PAIR, max_size=12), st.lists(_PAIR | _STEM | st.just(""), max_size=12))
def test_joined_pairs_answer_membership_like_the_set(
    pairs: frozenset[str], asked: list[str]
) -> None:
    from storybank.advisor.rank import JoinedPairs, features_from_json, features_to_json

    joined = JoinedPairs("|".join(sorted(pairs)))
    assert set(joined) == pairs and len(joined) == len(pairs)
    for pair in [*asked, *pairs, "|".join(sorted(pairs)[:2])]:
        assert (pair in joined) == (pair in pairs), pair
    story = make_bank(1, seed=5).stories[0]
    from storybank.advisor.rank import bank_index

    feat = bank_index([story]).features[0]
    again = features_from_json(story, features_to_json(feat))
    assert again is not None and set(again.pairs) == set(feat.pairs)


def test_cached_features_rank_exactly_as_fresh_ones(monkeypatch, tmp_path: Path) -> None:
    """Answers read through the disk cache (joined pairs, stored probes) equal answers
    from features computed in memory, score for score."""
    from storybank.advisor import advise, cache, clear_caches

    monkeypatch.setenv("STORYBANK_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("STORYBANK_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.delenv("STORYBANK_NO_CACHE", raising=False)
    bank = make_bank(40, seed=9)
    questions = [
        "Tell me about a launch that went wrong",
        "How would you cut the release cycle in half?",
        "Describe a time you pushed back on a senior stakeholder about a forecast.",
    ]

    def answers() -> list:
        got = []
        for q in questions:
            a = advise(q, bank.stories, company=bank.companies[0], top=5)
            got.append([(s.id, s.score, s.parts, s.why) for s in a.suggestions])
        return got

    clear_caches()
    fresh = answers()
    with cache.session(save=True):
        answers()  # fills the file
    clear_caches()
    with cache.session():
        from storybank.advisor import memo

        assert memo.attached() is not None
        through_cache = answers()
    clear_caches()
    assert through_cache == fresh


# --- the question model: the shipped example index == one built from the examples ------------


def test_the_shipped_example_index_is_the_one_the_examples_give() -> None:
    from storybank.method import learned
    from storybank.method.features import words

    model = learned.shipped()
    assert model is not None and len(model.examples) > 1000
    built = learned.ExampleIndex.build([frozenset(words(t)) for t, _ in model.examples])
    assert model.example_index().to_json() == built.to_json()


@functools.cache
def _example_words() -> list[frozenset[str]]:
    from storybank.method import learned
    from storybank.method.features import words

    model = learned.shipped()
    assert model is not None
    return [frozenset(words(t)) for t, _ in model.examples]


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "tell",
                "me",
                "about",
                "a",
                "time",
                "you",
                "failed",
                "launch",
                "metric",
                "why",
                "product",
                "ops",
                "conflict",
                "with",
                "zz",
            ]
        ),
        max_size=9,
    )
)
def test_nearest_by_the_index_is_the_first_best_jaccard(question: list[str]) -> None:
    """The index's count of shared words finds what a plain scan of every example would:
    the first example with the highest Jaccard, if it reaches a third."""
    from storybank.method import learned
    from storybank.method.features import words

    model = learned.shipped()
    assert model is not None
    text = " ".join(question)
    mine = frozenset(words(text))
    best, best_score = -1, 0.0
    for i, theirs in enumerate(_example_words()):
        union = len(mine | theirs)
        score = len(mine & theirs) / union if union else 0.0
        if score > best_score:
            best, best_score = i, score
    want = model.examples[best] if best >= 0 and best_score >= 1 / 3 else None
    assert model.nearest(text) == want
