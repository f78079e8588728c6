"""Persistence of named sets of returns and of saved scenarios: SQLAlchemy Core over SQLite
(default) or PostgreSQL.

The database is ``--db URL``, else ``$ELECTORAL_DB``, else the SQLite file
``$XDG_DATA_HOME/electoral/electoral.db`` (``~/.local/share/electoral/electoral.db``).
A ``postgresql://`` URL uses the psycopg 3 driver.  Every write is one transaction: an
import either lands whole or leaves the store as it was.
"""

from __future__ import annotations

import builtins
import functools
import hashlib
import json
import os
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, ParamSpec, TypeVar

import pandas as pd

from electoral.errors import StoreError
from electoral.extras import missing

try:
    import sqlalchemy as sa
    from sqlalchemy.engine import Connection, Engine
    from sqlalchemy.exc import IntegrityError, OperationalError, SQLAlchemyError
    from sqlalchemy.pool import StaticPool
except ModuleNotFoundError as exc:  # the [store] extra
    raise missing(exc, "store") from None
from electoral.returns import Returns

P = ParamSpec("P")
T = TypeVar("T")
metadata = sa.MetaData()

returns_sets = sa.Table(
    "returns_sets",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("name", sa.String(100), nullable=False, unique=True),
    sa.Column("source", sa.Text, nullable=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("n_rows", sa.Integer, nullable=False),
)

returns_rows = sa.Table(
    "returns_rows",
    metadata,
    sa.Column(
        "set_id",
        sa.Integer,
        sa.ForeignKey("returns_sets.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    ),
    sa.Column("line", sa.Integer, nullable=False),
    sa.Column("unit", sa.String(8), nullable=False),
    sa.Column("candidate", sa.Text, nullable=False),
    sa.Column("party", sa.Text, nullable=False),
    sa.Column("votes", sa.BigInteger, nullable=False),
    sa.CheckConstraint("votes >= 0", name="votes_non_negative"),
)

scenarios = sa.Table(
    "scenarios",
    metadata,
    sa.Column("id", sa.String(16), primary_key=True),
    sa.Column("spec", sa.Text, nullable=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
)

_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$")
CHUNK = 1000
_B62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
#: Characters of a scenario id; longer only if two specs ever share a prefix of the hash.
SCENARIO_ID_LENGTH = 8
SCENARIO_ID = re.compile(r"^[0-9A-Za-z]{1,16}$")


#: A write that meets a concurrent writer of the same name or id is retried this often.
WRITE_ATTEMPTS = 5
#: Seconds a SQLite writer waits for another to finish before the store reports busy.
SQLITE_BUSY_TIMEOUT = 15
_BUSY = "{} failed, nothing saved: the store is busy with another writer; try again"


def _locked(exc: OperationalError) -> bool:
    text = str(exc.orig if exc.orig is not None else exc).lower()
    return "locked" in text or "busy" in text or "could not serialize" in text


def _write(what: str, write: Callable[[], T]) -> T:
    """``write()`` (one transaction), again if a concurrent writer of the same name or id
    won the race (up to ``WRITE_ATTEMPTS``); a database failure is a ``StoreError``:
    "``what`` failed, nothing saved", busy when another writer holds the lock."""
    for attempt in range(WRITE_ATTEMPTS):
        try:
            return write()
        except IntegrityError:
            # Another writer saved the same name or id between our look and our insert:
            # the next look finds it.
            if attempt == WRITE_ATTEMPTS - 1:
                raise StoreError(_BUSY.format(what)) from None
        except SQLAlchemyError as exc:
            if isinstance(exc, OperationalError) and _locked(exc):
                raise StoreError(_BUSY.format(what)) from None
            raise StoreError(f"{what} failed, nothing saved: {str(exc).splitlines()[0]}") from exc
    raise AssertionError("unreachable")  # pragma: no cover


def _create_tables(engine: Engine) -> None:
    """Create the tables that are missing; a concurrent process creating them first (the
    check-then-create race) is not an error: look again."""
    for attempt in range(WRITE_ATTEMPTS):
        try:
            metadata.create_all(engine)
            return
        except OperationalError as exc:
            if "already exists" not in str(exc) or attempt == WRITE_ATTEMPTS - 1:
                if _locked(exc):
                    raise StoreError(_BUSY.format("opening the store")) from None
                raise


def default_url() -> str:
    """``$ELECTORAL_DB`` or the SQLite file under the XDG data directory."""
    env = os.environ.get("ELECTORAL_DB")
    if env:
        return env
    base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return f"sqlite:///{base / 'electoral' / 'electoral.db'}"


def engine_url(url: str) -> str:
    """Normalise a user's URL: ``postgresql://`` -> psycopg 3; a bare path -> SQLite file."""
    if url.startswith(("postgresql://", "postgres://")):
        return "postgresql+psycopg://" + url.split("://", 1)[1]
    if "://" not in url:
        return f"sqlite:///{Path(url).expanduser()}"
    return url


@dataclass(frozen=True)
class SavedSet:
    """A named set of returns in the store."""

    name: str
    source: str
    created_at: datetime
    rows: int

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape of a set in ``electoral import`` and ``imports``."""
        return {
            "name": self.name,
            "rows": self.rows,
            "source": self.source,
            "created_at": self.created_at.isoformat(),
        }


@dataclass(frozen=True)
class SavedScenario:
    """A scenario in the store: a short id and the spec (plain JSON) that reproduces it."""

    id: str
    spec: dict[str, Any]
    created_at: datetime

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "spec": self.spec, "created_at": self.created_at.isoformat()}


def _canonical_json(spec: dict[str, Any]) -> str:
    return json.dumps(spec, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def _base62(digest: bytes) -> str:
    n = int.from_bytes(digest, "big")
    out = []
    while n:
        n, r = divmod(n, 62)
        out.append(_B62[r])
    return "".join(out) or "0"


def _chunks(rows: pd.DataFrame, set_id: int) -> Iterator[list[dict[str, object]]]:
    cols = zip(
        rows.line.tolist(),
        rows.unit.tolist(),
        rows.candidate.tolist(),
        rows.party.tolist(),
        rows.votes.tolist(),
        strict=True,
    )
    records: list[dict[str, object]] = [
        {
            "set_id": set_id,
            "line": int(line),
            "unit": str(unit),
            "candidate": str(cand),
            "party": str(party),
            "votes": int(votes),
        }
        for line, unit, cand, party, votes in cols
    ]
    for i in range(0, len(records), CHUNK):
        yield records[i : i + CHUNK]


def _utc(t: datetime) -> datetime:
    """SQLite drops the time zone; every time the store writes is UTC."""
    return t if t.tzinfo is not None else t.replace(tzinfo=UTC)


def _guarded(method: Callable[P, T]) -> Callable[P, T]:
    """A database failure while reading is a ``StoreError``, not a raw driver error."""

    @functools.wraps(method)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> T:
        try:
            return method(*args, **kwargs)
        except OperationalError as exc:
            if _locked(exc):
                raise StoreError(_BUSY.format("reading the store")) from None
            raise StoreError(f"the store cannot be read: {str(exc).splitlines()[0]}") from exc
        except SQLAlchemyError as exc:
            raise StoreError(f"the store cannot be read: {str(exc).splitlines()[0]}") from exc

    return wrapper


class Store:
    """Named sets of returns in a SQL database."""

    def __init__(self, url: str | None = None) -> None:
        self.url = engine_url(url or default_url())
        try:
            if self.url.startswith("sqlite:///") and self.url != "sqlite:///:memory:":
                Path(self.url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
            args: dict[str, Any] = {}
            extra: dict[str, Any] = {}
            if self.url.startswith("sqlite"):
                args["timeout"] = SQLITE_BUSY_TIMEOUT
            if self.url in ("sqlite://", "sqlite:///:memory:"):
                # one in-memory database shared by every thread (the web app's threadpool),
                # not one per thread without the tables
                args["check_same_thread"] = False
                extra["poolclass"] = StaticPool
            self.engine: Engine = sa.create_engine(self.url, connect_args=args, **extra)
            _create_tables(self.engine)
        except (SQLAlchemyError, OSError, ImportError) as exc:
            raise StoreError(
                f"cannot open the store at {url or default_url()}: {str(exc).splitlines()[0]}"
            ) from exc

    def close(self) -> None:
        """Close the pooled connections (the store can still be used: it reconnects).
        An in-memory database lives in its one connection, so that one is kept."""
        if self.url not in ("sqlite://", "sqlite:///:memory:"):
            self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _set_id(self, conn: Connection, name: str) -> int | None:
        row = conn.execute(sa.select(returns_sets.c.id).where(returns_sets.c.name == name))
        found = row.scalar_one_or_none()
        return None if found is None else int(found)

    def save_returns(self, name: str, returns: Returns, *, replace: bool = False) -> SavedSet:
        """Save validated returns under ``name`` in one transaction."""
        if not _NAME.fullmatch(name):
            raise StoreError(
                f"bad name {name!r}: use letters, digits, '.', '_' or '-' "
                "(at most 100 characters, starting with a letter or digit)"
            )
        # Racing a writer of the same name, the retry ends as a replace or as "exists".
        return _write(
            f"import of {name!r}", lambda: self._save_returns(name, returns, replace=replace)
        )

    def _save_returns(self, name: str, returns: Returns, *, replace: bool) -> SavedSet:
        created = datetime.now(UTC)
        with self.engine.begin() as conn:
            old = self._set_id(conn, name)
            if old is not None:
                if not replace:
                    raise StoreError(f"a set named {name!r} exists; use --replace")
                conn.execute(returns_rows.delete().where(returns_rows.c.set_id == old))
                conn.execute(returns_sets.delete().where(returns_sets.c.id == old))
            set_id = conn.execute(
                returns_sets.insert().values(
                    name=name,
                    source=returns.source,
                    created_at=created,
                    n_rows=len(returns.rows),
                )
            ).inserted_primary_key
            assert set_id is not None
            for chunk in _chunks(returns.rows, int(set_id[0])):
                conn.execute(returns_rows.insert(), chunk)
        return SavedSet(name, returns.source, created, len(returns.rows))

    @_guarded
    def load_returns(self, name: str) -> Returns:
        """The returns saved under ``name``."""
        with self.engine.connect() as conn:
            set_id = self._set_id(conn, name)
            if set_id is None:
                known = ", ".join(s.name for s in self.list()) or "none"
                raise StoreError(f"no set named {name!r} in the store (saved: {known})")
            q = (
                sa.select(
                    returns_rows.c.unit,
                    returns_rows.c.candidate,
                    returns_rows.c.party,
                    returns_rows.c.votes,
                    returns_rows.c.line,
                )
                .where(returns_rows.c.set_id == set_id)
                .order_by(returns_rows.c.line)
            )
            rows = pd.DataFrame(
                conn.execute(q).all(), columns=["unit", "candidate", "party", "votes", "line"]
            )
        rows.insert(1, "state", rows.unit.str[:2])
        rows["votes"] = rows.votes.astype("int64")
        return Returns(rows, f"store:{name}")

    @_guarded
    def list(self) -> list[SavedSet]:
        """Every saved set, oldest first."""
        with self.engine.connect() as conn:
            q = sa.select(returns_sets).order_by(returns_sets.c.created_at, returns_sets.c.id)
            return [
                SavedSet(r.name, r.source, _utc(r.created_at), r.n_rows) for r in conn.execute(q)
            ]

    @_guarded
    def delete(self, name: str) -> None:
        """Remove a saved set."""
        with self.engine.begin() as conn:
            set_id = self._set_id(conn, name)
            if set_id is None:
                raise StoreError(f"no set named {name!r} in the store")
            conn.execute(returns_rows.delete().where(returns_rows.c.set_id == set_id))
            conn.execute(returns_sets.delete().where(returns_sets.c.id == set_id))

    @_guarded
    def counts(self) -> tuple[int, int]:
        """(sets, rows) in the store: what a test compares before and after a failed import."""
        with self.engine.connect() as conn:
            sets = conn.execute(sa.select(sa.func.count()).select_from(returns_sets)).scalar_one()
            rows = conn.execute(sa.select(sa.func.count()).select_from(returns_rows)).scalar_one()
        return int(sets), int(rows)

    def save_scenario(self, spec: dict[str, Any]) -> SavedScenario:
        """Save a scenario spec (JSON-serialisable) and return it with its short id.

        The id is derived from the spec's content, so saving the same spec twice gives the
        same id (and one row); ids grow past ``SCENARIO_ID_LENGTH`` characters only if two
        different specs ever share a prefix.
        """
        text = _canonical_json(spec)
        return _write("saving the scenario", lambda: self._save_scenario(text))  # insert-or-get

    def _save_scenario(self, text: str) -> SavedScenario:
        full = _base62(hashlib.sha256(text.encode("utf-8")).digest())
        created = datetime.now(UTC)
        with self.engine.begin() as conn:
            for n in range(SCENARIO_ID_LENGTH, 17):
                sid = full[:n]
                row = conn.execute(
                    sa.select(scenarios.c.spec, scenarios.c.created_at).where(scenarios.c.id == sid)
                ).first()
                if row is None:
                    conn.execute(scenarios.insert().values(id=sid, spec=text, created_at=created))
                    return SavedScenario(sid, json.loads(text), created)
                if row.spec == text:
                    return SavedScenario(sid, json.loads(text), _utc(row.created_at))
        raise StoreError("no free scenario id for this spec")  # pragma: no cover

    @_guarded
    def load_scenario(self, scenario_id: str) -> SavedScenario:
        """The scenario saved under ``scenario_id``; ``StoreError`` if there is none."""
        if not SCENARIO_ID.fullmatch(scenario_id):
            raise StoreError(f"no scenario {scenario_id!r} in the store")
        with self.engine.connect() as conn:
            row = conn.execute(sa.select(scenarios).where(scenarios.c.id == scenario_id)).first()
        if row is None:
            raise StoreError(f"no scenario {scenario_id!r} in the store")
        return SavedScenario(row.id, json.loads(row.spec), _utc(row.created_at))

    @_guarded
    def list_scenarios(self, *, limit: int = 100) -> builtins.list[SavedScenario]:
        """The most recently saved scenarios first, at most ``limit`` of them."""
        with self.engine.connect() as conn:
            q = (
                sa.select(scenarios)
                .order_by(scenarios.c.created_at.desc(), scenarios.c.id)
                .limit(limit)
            )
            return [
                SavedScenario(r.id, json.loads(r.spec), _utc(r.created_at)) for r in conn.execute(q)
            ]
