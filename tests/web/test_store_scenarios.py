"""Saved scenarios in the store: short content-derived ids, idempotent saves, collisions."""

from __future__ import annotations

from pathlib import Path

import pytest

import electoral.store as store_mod
from electoral.errors import StoreError
from electoral.store import Store


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return Store(str(tmp_path / "s.db"))


def test_ids_are_short_stable_and_by_content(store: Store) -> None:
    a = store.save_scenario({"base": 2020, "flips": {"GA": "Donald Trump"}, "tossups": []})
    again = store.save_scenario({"tossups": [], "flips": {"GA": "Donald Trump"}, "base": 2020})
    b = store.save_scenario({"base": 2020, "flips": {}, "tossups": ["GA"]})
    assert len(a.id) == store_mod.SCENARIO_ID_LENGTH and a.id.isalnum()
    assert again.id == a.id and again.created_at == a.created_at
    assert b.id != a.id
    assert store.load_scenario(a.id).spec == a.spec
    assert [s.id for s in store.list_scenarios()] == [b.id, a.id]
    assert store.counts() == (0, 0)  # the returns tables are untouched


def test_a_prefix_collision_lengthens_the_id(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    made = iter(["AAAAAAAAxyz1", "AAAAAAAAxyz2"])
    monkeypatch.setattr(store_mod, "_base62", lambda digest: next(made))
    first = store.save_scenario({"base": 2016})
    second = store.save_scenario({"base": 2020})
    assert (first.id, second.id) == ("AAAAAAAA", "AAAAAAAAx")
    assert store.load_scenario(second.id).spec == {"base": 2020}


@pytest.mark.parametrize("bad", ["nope", "", "../../etc/passwd", "a" * 17])
def test_unknown_ids(store: Store, bad: str) -> None:
    with pytest.raises(StoreError, match="no scenario"):
        store.load_scenario(bad)
