"""The store, run twice: on a SQLite file and on a real PostgreSQL server.

The PostgreSQL runs need ``ELECTORAL_TEST_POSTGRES_URL`` (``.ci/postgres.sh`` starts a server
and prints one).  Without it they are skipped, except under ``CI=true``, where they fail: CI
must not pass by silently leaving PostgreSQL out.  Each PostgreSQL test starts and ends with
the package's tables dropped.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from typer.testing import CliRunner

import electoral
import electoral.cli
import electoral.store
from electoral.cli import app
from electoral.errors import StoreError
from electoral.returns import Returns, parse_csv_text
from electoral.store import Store, engine_url, metadata

POSTGRES_ENV = "ELECTORAL_TEST_POSTGRES_URL"

# What tests/conftest.py's GOOD_CSV holds, in file order (line 4 is blank).
GOOD_ROWS = [
    # unit, candidate (canonical), party, votes, line
    ("PA", "Joe Biden", "DEM", 3458229, 2),
    ("PA", "Donald Trump", "REP", 3377674, 3),
    ("ME", "Joe Biden", "DEM", 435072, 5),
    ("ME", "Donald Trump", "REP", 360737, 6),
    ("ME-1", "Joe Biden", "DEM", 266376, 7),
    ("ME-1", "Donald Trump", "REP", 164045, 8),
    ("ME-2", "Joe Biden", "DEM", 168696, 9),
    ("ME-2", "Donald Trump", "REP", 196692, 10),
    ("TX", "Donald Trump", "REP", 5890347, 11),
    ("TX", "Joe Biden", "DEM", 5259126, 12),
]
# 2020 electors: PA 20, ME 4 (2 at large + 1 per district), TX 38.
GOOD_TALLY_2020 = {"Donald Trump": 38 + 1, "Joe Biden": 20 + 2 + 1}


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A URL to an empty store: a SQLite file, or the test PostgreSQL database."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'store.db'}"
        return
    url = os.environ.get(POSTGRES_ENV)
    if not url:
        if os.environ.get("CI") == "true":
            pytest.fail(
                f"CI=true but {POSTGRES_ENV} is not set: the PostgreSQL store tests "
                "must run in CI (.ci/run starts a server)"
            )
        pytest.skip(f"{POSTGRES_ENV} is not set")
    engine = sa.create_engine(engine_url(url))
    try:
        metadata.drop_all(engine)
        yield url
        metadata.drop_all(engine)
    finally:
        engine.dispose()


@pytest.fixture
def open_store(store_url: str) -> Iterator[Callable[[], Store]]:
    """``open_store()`` -> a new ``Store`` on ``store_url``; their pools are closed after."""
    stores: list[Store] = []

    def _open() -> Store:
        stores.append(Store(store_url))
        return stores[-1]

    yield _open
    for s in stores:
        s.engine.dispose()


@pytest.fixture
def cli_stores(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Close the pools of the stores the CLI opens in-process.

    ``electoral.cli`` never disposes the ``Store`` it opens; in a test process an unreachable
    engine's pooled psycopg connection is later garbage-collected with a ResourceWarning,
    which ``filterwarnings = error`` turns into a failure of whichever test runs then.
    """
    opened: list[Store] = []

    class ClosedAfterTheTest(Store):
        def __init__(self, url: str | None = None) -> None:
            super().__init__(url)
            opened.append(self)

    monkeypatch.setattr(electoral.store, "Store", ClosedAfterTheTest)  # what the CLI opens
    yield
    for s in opened:
        s.engine.dispose()


@pytest.fixture
def good(good_csv: Path) -> Returns:
    return electoral.read_returns(good_csv)


def small(*rows: tuple[str, str, int]) -> Returns:
    """Returns from ``(state, candidate, votes)`` rows, as if read from small.csv."""
    text = "state,candidate,votes\n" + "".join(f"{s},{c},{v}\n" for s, c, v in rows)
    return parse_csv_text(text, "small.csv")


def content(store: Store) -> dict[str, list[tuple[Any, ...]]]:
    """Everything a store holds, by name: (unit, state, candidate, party, votes, line) rows."""
    return {
        s.name: [tuple(r) for r in store.load_returns(s.name).rows.itertuples(index=False)]
        for s in store.list()
    }


# --- save and load ---------------------------------------------------------------------------


def test_round_trip(open_store: Callable[[], Store], good: Returns, good_csv: Path) -> None:
    store = open_store()
    saved = store.save_returns("pa-me-tx-2020", good)
    assert (saved.name, saved.rows, saved.source) == ("pa-me-tx-2020", 10, str(good_csv))

    loaded = open_store().load_returns("pa-me-tx-2020")
    assert loaded.source == "store:pa-me-tx-2020"
    rows = loaded.rows
    assert list(rows.columns) == ["unit", "state", "candidate", "party", "votes", "line"]
    assert [(r.unit, r.candidate, r.party, r.votes, r.line) for r in rows.itertuples()] == GOOD_ROWS
    assert list(rows.state) == [u[:2] for u, *_ in GOOD_ROWS]
    assert str(rows.votes.dtype) == "int64"
    assert loaded.votes("ME-2") == {"Joe Biden": 168696, "Donald Trump": 196692}

    from_store = electoral.tally(loaded, year=2020)
    from_file = electoral.tally(good_csv, year=2020)
    assert dict(from_store.president.tally) == GOOD_TALLY_2020
    assert from_store.president.winner == "Donald Trump"
    expected = from_file.to_dict()
    got = from_store.to_dict()
    assert (got.pop("source"), expected.pop("source")) == ("store:pa-me-tx-2020", str(good_csv))
    assert got == expected


def test_list_is_oldest_first(open_store: Callable[[], Store], good: Returns) -> None:
    store = open_store()
    assert store.list() == []
    assert store.counts() == (0, 0)
    store.save_returns("b", good)
    store.save_returns("a", small(("PA", "Joe Biden", 1)))
    store.save_returns("c", good)
    listed = open_store().list()
    assert [(s.name, s.rows) for s in listed] == [("b", 10), ("a", 1), ("c", 10)]
    assert [s.source for s in listed] == [good.source, "small.csv", good.source]
    assert listed[0].created_at <= listed[1].created_at <= listed[2].created_at
    assert store.counts() == (3, 21)


def test_replace(open_store: Callable[[], Store], good: Returns) -> None:
    store = open_store()
    store.save_returns("x", good)
    store.save_returns("keep", small(("TX", "Joe Biden", 7)))
    new = small(("PA", "Joe Biden", 5), ("PA", "Donald Trump", 4))
    store.save_returns("x", new, replace=True)
    assert store.counts() == (2, 3)
    assert sorted(s.name for s in store.list()) == ["keep", "x"]
    assert content(open_store()) == {
        "keep": [("TX", "TX", "Joe Biden", "", 7, 2)],
        "x": [("PA", "PA", "Joe Biden", "", 5, 2), ("PA", "PA", "Donald Trump", "", 4, 3)],
    }


def test_duplicate_name_without_replace(open_store: Callable[[], Store], good: Returns) -> None:
    store = open_store()
    store.save_returns("x", good)
    before = content(store), store.counts()
    with pytest.raises(StoreError, match=r"'x' exists.*--replace"):
        store.save_returns("x", small(("PA", "Joe Biden", 1)))
    assert (content(store), store.counts()) == before


def test_delete(open_store: Callable[[], Store], good: Returns) -> None:
    store = open_store()
    store.save_returns("x", good)
    store.save_returns("y", small(("PA", "Joe Biden", 1)))
    store.delete("x")
    assert [s.name for s in store.list()] == ["y"]
    assert store.counts() == (1, 1)
    with pytest.raises(StoreError, match="no set named 'x'"):
        store.load_returns("x")
    with pytest.raises(StoreError, match="no set named 'x'"):
        store.delete("x")
    assert store.counts() == (1, 1)


def test_load_unknown_name_lists_the_saved(open_store: Callable[[], Store], good: Returns) -> None:
    store = open_store()
    store.save_returns("one", good)
    with pytest.raises(StoreError, match=r"no set named 'two'.*saved: one"):
        store.load_returns("two")


@pytest.mark.parametrize(
    "name",
    [
        "",
        " ",
        "-dash-first",
        ".dot-first",
        "_under-first",
        "with space",
        "a/b",
        "a;drop",
        "naïve",
        "x" * 101,
        "abc\n",  # '$' would match before a trailing newline
    ],
)
def test_bad_names(open_store: Callable[[], Store], good: Returns, name: str) -> None:
    store = open_store()
    store.save_returns("existing", good)
    with pytest.raises(StoreError, match="bad name"):
        store.save_returns(name, good)
    assert store.counts() == (1, 10)
    assert [s.name for s in store.list()] == ["existing"]


@pytest.mark.parametrize("name", ["x" * 100, "2020.final_v-2", "A"])
def test_good_names(open_store: Callable[[], Store], name: str) -> None:
    store = open_store()
    store.save_returns(name, small(("PA", "Joe Biden", 1)))
    assert [s.name for s in store.list()] == [name]


# --- all or nothing --------------------------------------------------------------------------


@pytest.mark.parametrize("exc", [KeyboardInterrupt, RuntimeError])
@pytest.mark.parametrize("replace", [False, True], ids=["new-name", "replacing"])
def test_interrupted_import_leaves_store_unchanged(
    open_store: Callable[[], Store],
    good: Returns,
    monkeypatch: pytest.MonkeyPatch,
    exc: type[BaseException],
    replace: bool,
) -> None:
    store = open_store()
    store.save_returns("first", good)
    store.save_returns("second", small(("PA", "Joe Biden", 1)))
    before = content(store), store.counts(), [s.name for s in store.list()]
    assert before[1] == (2, 11)

    original = electoral.store._chunks
    inserted: list[int] = []

    def interrupted(rows: Any, set_id: int) -> Iterator[list[dict[str, object]]]:
        for chunk in original(rows, set_id):
            if inserted:  # the previous chunk has gone to the database: stop half-way
                raise exc("interrupted half-way through the import")
            inserted.append(len(chunk))
            yield chunk

    monkeypatch.setattr(electoral.store, "CHUNK", 1)
    monkeypatch.setattr(electoral.store, "_chunks", interrupted)
    name = "first" if replace else "third"
    with pytest.raises(exc, match="half-way"):
        store.save_returns(name, good, replace=replace)
    assert inserted == [1]  # one row was inserted before the interruption

    monkeypatch.undo()
    for s in (store, open_store()):
        assert (content(s), s.counts(), [x.name for x in s.list()]) == before
    # The store is still usable afterwards.
    store.save_returns("third", good)
    assert store.counts() == (3, 21)


# --- the CLI on both backends ----------------------------------------------------------------


@pytest.mark.usefixtures("cli_stores")
def test_cli_import_then_tally_from_the_store(
    store_url: str, good_csv: Path, runner: CliRunner
) -> None:
    imp = runner.invoke(
        app, ["import", str(good_csv), "--name", "mine", "--db", store_url, "--json"]
    )
    assert imp.exit_code == 0, imp.output
    doc = json.loads(imp.stdout)
    assert (doc["name"], doc["rows"], doc["source"]) == ("mine", 10, str(good_csv))

    listed = runner.invoke(app, ["imports", "--db", store_url, "--json"])
    assert listed.exit_code == 0, listed.output
    assert [(i["name"], i["rows"]) for i in json.loads(listed.stdout)["imports"]] == [("mine", 10)]

    from_store = runner.invoke(
        app, ["tally", "--from", "mine", "--db", store_url, "--year", "2020", "--json"]
    )
    from_file = runner.invoke(app, ["tally", str(good_csv), "--year", "2020", "--json"])
    assert from_store.exit_code == 0, from_store.output
    assert from_file.exit_code == 0, from_file.output
    got = json.loads(from_store.stdout)
    expected = json.loads(from_file.stdout)
    assert got.pop("source") == "store:mine"
    expected.pop("source")
    assert got == expected
    assert got["president"]["tally"] == GOOD_TALLY_2020

    unknown = runner.invoke(app, ["tally", "--from", "nope", "--db", store_url, "--json"])
    assert unknown.exit_code == 2
    assert unknown.stdout == ""
    assert unknown.stderr.splitlines() == ["error: no set named 'nope' in the store (saved: mine)"]


@pytest.mark.parametrize(
    "url",
    ["nosuchdriver://x", "postgresql://nobody:x@127.0.0.1:1/none"],
    ids=["unknown-driver", "no-server"],
)
@pytest.mark.parametrize("command", ["import", "imports", "tally"])
@pytest.mark.usefixtures("cli_stores")
def test_cli_bad_db_url(url: str, command: str, good_csv: Path, runner: CliRunner) -> None:
    args = {
        "import": ["import", str(good_csv), "--name", "x"],
        "imports": ["imports"],
        "tally": ["tally", "--from", "x"],
    }[command]
    result = runner.invoke(app, [*args, "--db", url, "--json"])
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    [line] = result.stderr.splitlines()
    assert line.startswith(f"error: cannot open the store at {url}: ")
