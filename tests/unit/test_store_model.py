"""Property test: any sequence of store operations leaves exactly what a simple model predicts.

The model is an ordered dict per table (insertion order, updates keep position),
which is the Store's contract; each step also re-opens the file from disk, so what
is checked is what was written, not an in-memory copy.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule

from factories import story
from storybank.errors import NotFoundError
from storybank.model import Bank, Company
from storybank.store import Store, read_bank

pytestmark = pytest.mark.slow

IDS = st.sampled_from([f"s{i}" for i in range(6)])
COMPANY_IDS = st.sampled_from(["acme", "globex", "initech"])
TITLES = st.text(min_size=1, max_size=20)


class StoreMachine(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.folder = Path(tempfile.mkdtemp(prefix="storybank-model-"))
        self.store = Store(self.folder / "bank.json")
        self.stories: dict[str, str] = {}
        self.companies: dict[str, str] = {}
        self.settings: dict[str, int] = {}

    def teardown(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)

    @rule(story_id=IDS, title=TITLES)
    def upsert(self, story_id: str, title: str) -> None:
        self.store.upsert_story(story(story_id, title))
        self.stories[story_id] = title

    @rule(story_id=IDS)
    def delete(self, story_id: str) -> None:
        try:
            removed = self.store.delete_story(story_id)
        except NotFoundError:
            assert story_id not in self.stories
        else:
            assert removed.title == self.stories.pop(story_id)

    @rule(company_id=COMPANY_IDS, name=TITLES)
    def upsert_company(self, company_id: str, name: str) -> None:
        self.store.upsert_company(Company(id=company_id, name=name))
        self.companies[company_id] = name

    @rule(items=st.lists(st.tuples(IDS, TITLES), max_size=4, unique_by=lambda t: t[0]))
    def merge_import(self, items: list[tuple[str, str]]) -> None:
        plan = self.store.apply_import(Bank(stories=[story(i, t) for i, t in items]))
        for story_id, title in items:
            if story_id not in self.stories:
                assert story_id in plan.added["stories"]
            elif self.stories[story_id] != title:
                assert story_id in plan.changed["stories"]
            else:
                assert story_id in plan.unchanged["stories"]
            self.stories[story_id] = title

    @rule(items=st.lists(st.tuples(IDS, TITLES), max_size=4, unique_by=lambda t: t[0]))
    def replace_import(self, items: list[tuple[str, str]]) -> None:
        plan = self.store.apply_import(Bank(stories=[story(i, t) for i, t in items]), replace=True)
        assert sorted(plan.removed["stories"]) == sorted(set(self.stories) - {i for i, _ in items})
        self.stories = dict(items)
        self.companies = {}

    @rule(key=st.sampled_from(["a", "b"]), value=st.integers())
    def set_setting(self, key: str, value: int) -> None:
        self.store.set_setting(key, value)
        self.settings[key] = value

    @invariant()
    def matches_model(self) -> None:
        fresh = Store(self.store.path)  # no shared cache: read what is on disk
        assert [(s.id, s.title) for s in fresh.stories()] == list(self.stories.items())
        assert [(c.id, c.name) for c in fresh.companies()] == list(self.companies.items())
        for key, value in self.settings.items():
            assert fresh.get_setting(key) == value
        if self.store.path.exists():
            assert [s.id for s in read_bank(self.store.path).stories] == list(self.stories)


StoreMachine.TestCase.settings = settings(
    max_examples=25,
    stateful_step_count=15,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
test_store_matches_model = StoreMachine.TestCase
