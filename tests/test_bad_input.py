"""Bad input through the CLI: exit code 2, one error line naming file, line and field, no
stdout, and an unchanged store.

Every case runs in-process with Typer's ``CliRunner`` (whose ``Result`` keeps stdout and stderr
apart).  The error line has the form ``error: FILE, line N, field 'F': message``; the
location part is checked exactly, the message by a key word.  Errors about a whole file (not
CSV, empty, a row of the wrong width) have no single field at fault and name none.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner, Result

import electoral
from electoral.cli import app
from electoral.errors import DataError
from electoral.store import Store

HEADER = "state,candidate,votes\n"
GOOD_ROWS = "PA,Joe Biden,3458229\nPA,Donald Trump,3377674\n"
MAINE = (
    "ME,Joe Biden,10\nME,Donald Trump,5\nME-1,Joe Biden,7\nME-1,Donald Trump,2\n"
    "ME-2,Joe Biden,3\nME-2,Donald Trump,3\n"
)
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
JSON_PRETTY = '[\n  {\n    "state": "PA",\n    "candidate": "Joe Biden",\n    "votes": 1\n  }\n]\n'
JSON_ONE_LINE = '{"state": "PA", "candidate": "Joe Biden", "votes": 1}\n'


@dataclass(frozen=True)
class Case:
    content: str | bytes | None  # None: the file does not exist
    line: int | None
    field: str | None
    words: tuple[str, ...]  # each must appear in the message (case-insensitive)
    args: tuple[str, ...] = ()
    commands: tuple[str, ...] = ("tally", "import")
    file: str | None = None  # what the error names instead of the CSV path


CASES: dict[str, Case] = {
    "unknown-state": Case(
        HEADER + GOOD_ROWS + "ZZ,Joe Biden,1\n", 4, "state", ("unknown state", "ZZ")
    ),
    "empty-state": Case(HEADER + ",Joe Biden,1\n", 2, "state", ("empty state",)),
    "negative-votes": Case(HEADER + "PA,Joe Biden,-5\n", 2, "votes", ("negative", "-5")),
    "fractional-votes": Case(
        HEADER + GOOD_ROWS + "TX,Joe Biden,12.5\n", 4, "votes", ("whole number", "12.5")
    ),
    "text-votes": Case(HEADER + "PA,Joe Biden,abc\n", 2, "votes", ("whole number", "abc")),
    "empty-votes": Case(HEADER + "PA,Joe Biden,\n", 2, "votes", ("missing vote count",)),
    "missing-votes-column": Case(
        "state,candidate\nPA,Joe Biden\n", 1, "votes", ("missing column", "votes")
    ),
    "missing-state-column": Case(
        "candidate,votes\nJoe Biden,1\n", 1, "state", ("missing column", "state")
    ),
    "empty-file": Case("", 1, None, ("empty file",)),
    "blank-lines-only": Case("\n \n\n", 1, None, ("empty file",)),
    "header-only": Case(HEADER, 2, None, ("no data rows",)),
    # "BIDEN, JOSEPH R. JR" is Joe Biden (line 2) under another spelling.
    "duplicate-row": Case(
        HEADER + GOOD_ROWS + 'PA,"BIDEN, JOSEPH R. JR",1\n',
        4,
        "candidate",
        ("duplicate", "Joe Biden", "first given on line 2"),
    ),
    "district-of-state-without-districts": Case(
        HEADER + "CA,Joe Biden,1\nCA-1,Joe Biden,1\n", 3, "state", ("CA-1", "district")
    ),
    "district-that-does-not-exist": Case(
        HEADER + "ME,Joe Biden,1\nME-3,Joe Biden,1\n", 3, "state", ("ME-3", "ME-1, ME-2")
    ),
    # Maine split its electors by district from 1972; the ME-1 rows start on line 4.
    "district-before-the-district-method": Case(
        HEADER + MAINE,
        4,
        "state",
        ("ME-1", "1968", "1972"),
        args=("--year", "1968"),
        commands=("tally",),
    ),
    "binary-file": Case(PNG, 1, None, ("not a CSV", "binary")),
    "not-utf8": Case(HEADER.encode() + "PA,José,1\n".encode("latin-1"), 2, None, ("not UTF-8",)),
    "json-document": Case(JSON_PRETTY, 1, None, ("not a CSV",)),
    "json-one-line": Case(JSON_ONE_LINE, 1, None, ("not a CSV",)),
    "too-few-fields": Case(
        HEADER + GOOD_ROWS + "TX,Joe Biden\n", 4, None, ("expected 3 fields", "found 2")
    ),
    "too-many-fields": Case(
        HEADER + "PA,Joe Biden,1,DEM\n", 2, None, ("expected 3 fields", "found 4")
    ),
    "empty-candidate": Case(HEADER + "PA,  ,1\n", 2, "candidate", ("empty candidate",)),
    # A quoted field spanning two lines and blank lines must not shift the line numbers.
    "line-after-multiline-field": Case(
        HEADER + 'PA,"Joe\nBiden",1\n\nPA,Donald Trump,x\n', 5, "votes", ("whole number",)
    ),
    # Past any state's vote and past SQLite's INTEGER (an import used to crash on it).
    "votes-too-large": Case(
        HEADER + "PA,Joe Biden,100000000000000000000000\n", 2, "votes", ("too large",)
    ),
    "votes-just-too-large": Case(
        HEADER + GOOD_ROWS + "TX,Joe Biden,1000000001\n", 4, "votes", ("too large",)
    ),
    "missing-file": Case(None, None, None, ("cannot read", "No such file")),
}

FAITHLESS: dict[str, tuple[str, str]] = {
    "too-few-parts": ("PA:Biden", "expected state:from:to:count"),
    "empty-part": ("PA::Trump:1", "expected state:from:to:count"),
    "count-not-a-number": ("PA:Biden:Trump:zero", "positive whole number"),
    "count-zero": ("PA:Biden:Trump:0", "positive whole number"),
    "state-not-in-returns": ("ZZ:Biden:Trump:1", "not in the returns"),
    "more-than-pledged": ("PA:Biden:Trump:99", "fewer than 99"),
}


def _params() -> list[object]:
    out: list[object] = []
    for name, case in CASES.items():
        out += [pytest.param(case, cmd, id=f"{name}-{cmd}") for cmd in case.commands]
    for name, (spec, word) in FAITHLESS.items():
        case = Case(
            HEADER + GOOD_ROWS,
            None,
            "faithless",
            (word,),
            args=("--faithless", spec),
            commands=("tally",),
            file="--faithless",
        )
        out.append(pytest.param(case, "tally", id=f"faithless-{name}"))
    return out


def assert_one_error(
    result: Result, file: str, line: int | None, field: str | None, words: tuple[str, ...] = ()
) -> str:
    """Exit 2, nothing on stdout, one line on stderr locating the fault; returns the message."""
    assert result.exception is None or isinstance(result.exception, SystemExit), (
        f"crashed: {result.exception!r}\n{result.output}"
    )
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    where = f"error: {file}"
    if line is not None:
        where += f", line {line}"
    if field is not None:
        where += f", field '{field}'"
    assert lines[0].startswith(where + ": "), f"{lines[0]!r} does not start with {where!r}"
    message = lines[0][len(where) + 2 :]
    for word in words:
        assert word.lower() in message.lower(), f"{word!r} not in {message!r}"
    return message


@pytest.fixture
def db(tmp_path: Path, good_csv: Path) -> str:
    """A SQLite store that already holds one set, 'first' (so 'unchanged' means something)."""
    url = f"sqlite:///{tmp_path / 'store.db'}"
    store = Store(url)
    store.save_returns("first", electoral.read_returns(good_csv))
    store.engine.dispose()
    return url


def snapshot(url: str) -> tuple[tuple[int, int], list[str], list[dict[str, object]]]:
    """(counts, names, every row of every set): what 'the store is unchanged' compares."""
    store = Store(url)
    try:
        names = [s.name for s in store.list()]
        rows = [r for n in names for r in store.load_returns(n).rows.to_dict("records")]
        return store.counts(), names, rows
    finally:
        store.engine.dispose()


@pytest.mark.parametrize(("case", "command"), _params())
def test_bad_input(
    case: Case, command: str, runner: CliRunner, write: Callable[..., Path], tmp_path: Path, db: str
) -> None:
    path = tmp_path / "missing.csv" if case.content is None else write(case.content, "bad.csv")
    if command == "tally":
        args = ["tally", str(path), "--json", *case.args]
    else:
        args = ["import", str(path), "--name", "second", "--db", db, "--json", *case.args]
    before = snapshot(db)
    result = runner.invoke(app, args)
    assert_one_error(result, case.file or str(path), case.line, case.field, case.words)
    assert snapshot(db) == before
    assert before[1] == ["first"]


def test_bad_first_import_creates_no_database(
    runner: CliRunner, write: Callable[..., Path], tmp_path: Path
) -> None:
    path = write(HEADER + "ZZ,Joe Biden,1\n")
    store_file = tmp_path / "new" / "store.db"
    result = runner.invoke(app, ["import", str(path), "--name", "x", "--db", str(store_file)])
    assert_one_error(result, str(path), 2, "state", ("unknown state",))
    assert not store_file.exists()


def test_good_then_bad_import_leaves_exactly_the_first(
    runner: CliRunner, write: Callable[..., Path], good_csv: Path, tmp_path: Path
) -> None:
    url = f"sqlite:///{tmp_path / 'fresh.db'}"
    ok = runner.invoke(app, ["import", str(good_csv), "--name", "one", "--db", url, "--json"])
    assert ok.exit_code == 0, ok.output
    after_good = snapshot(url)
    assert after_good[:2] == ((1, 10), ["one"])

    bad = write(HEADER + GOOD_ROWS + "TX,Joe Biden,-1\n")
    result = runner.invoke(app, ["import", str(bad), "--name", "two", "--db", url])
    assert_one_error(result, str(bad), 4, "votes", ("negative",))
    assert snapshot(url) == after_good


def test_existing_name_without_replace_fails_and_changes_nothing(
    runner: CliRunner, write: Callable[..., Path], db: str
) -> None:
    other = write(HEADER + GOOD_ROWS, "other.csv")
    before = snapshot(db)
    result = runner.invoke(app, ["import", str(other), "--name", "first", "--db", db, "--json"])
    assert result.exit_code == 2
    assert result.stdout == ""
    [line] = result.stderr.splitlines()
    assert line.startswith("error: ")
    assert "'first'" in line
    assert "--replace" in line
    assert snapshot(db) == before

    replaced = runner.invoke(
        app, ["import", str(other), "--name", "first", "--db", db, "--replace", "--json"]
    )
    assert replaced.exit_code == 0, replaced.output
    assert snapshot(db)[0] == (1, 2)


def test_bad_file_with_replace_keeps_the_old_set(
    runner: CliRunner, write: Callable[..., Path], db: str
) -> None:
    bad = write(HEADER + "PA,Joe Biden,1\nPA,Joe Biden,2\n")
    before = snapshot(db)
    result = runner.invoke(app, ["import", str(bad), "--name", "first", "--replace", "--db", db])
    assert_one_error(result, str(bad), 3, "candidate", ("duplicate", "line 2"))
    assert snapshot(db) == before


# --- the Python API on a DataFrame ----------------------------------------------------------


def test_dataframe_bad_row_line_is_index_plus_two() -> None:
    frame = pd.DataFrame(
        {
            "state": ["PA", "PA", "TX", "TX"],
            "candidate": ["Joe Biden", "Donald Trump", "Joe Biden", "Donald Trump"],
            "votes": [3458229, 3377674, 5259126, -1],
        }
    )
    with pytest.raises(DataError) as info:
        electoral.read_returns(frame)
    err = info.value
    assert (err.file, err.line, err.field) == ("<DataFrame>", 3 + 2, "votes")
    assert "negative" in err.message
    assert str(err).startswith("<DataFrame>, line 5, field 'votes': ")


def test_dataframe_unknown_state_line() -> None:
    frame = pd.DataFrame({"state": ["PA", "ZZ"], "candidate": ["A", "B"], "votes": [1, 2]})
    with pytest.raises(DataError) as info:
        electoral.read_returns(frame)
    assert (info.value.file, info.value.line, info.value.field) == ("<DataFrame>", 3, "state")


def test_dataframe_missing_column() -> None:
    frame = pd.DataFrame({"state": ["PA"], "candidate": ["A"]})
    with pytest.raises(DataError) as info:
        electoral.read_returns(frame)
    assert (info.value.file, info.value.line, info.value.field) == ("<DataFrame>", 1, "votes")


def test_dataframe_tally_reports_the_same_location() -> None:
    frame = pd.DataFrame({"state": ["PA", "PA"], "candidate": ["A", "A"], "votes": [1, 2]})
    with pytest.raises(DataError) as info:
        electoral.tally(frame)
    assert (info.value.file, info.value.line, info.value.field) == ("<DataFrame>", 3, "candidate")
    assert "first given on line 2" in info.value.message


def test_dataframe_capitalised_columns_are_accepted() -> None:
    frame = pd.DataFrame({"State": ["PA", "PA"], "Candidate": ["A", "B"], "Votes": [2, 1]})
    rows = electoral.read_returns(frame).rows
    assert list(rows.unit) == ["PA", "PA"]
    assert list(rows.votes) == [2, 1]
