"""The packaged data prove themselves (issue 13): every kind of corruption, made on a
temporary copy of ``src/electoral/data``, is one ``DataError`` naming the file, the line
where there is one, and the field where there is one.

Each corruption is checked twice: as a maintainer would build it (a manifest recomputed
over the corrupted files, so the schema, range and cross-checks must catch it) and as a
changed installed package (the original manifest, whose hashes must catch it).
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import pytest

from electoral import integrity as checks
from electoral.data import manifest
from electoral.errors import DataError

DATA = Path(str(resources.files("electoral.data")))


def _replace_line(line_no: int, old: str, new: str) -> Callable[[str], str]:
    """Replace ``old`` by ``new`` on line ``line_no`` (header = 1); fails if it is not there."""

    def edit(text: str) -> str:
        lines = text.split("\n")
        assert old in lines[line_no - 1], (line_no, lines[line_no - 1])
        lines[line_no - 1] = lines[line_no - 1].replace(old, new, 1)
        return "\n".join(lines)

    return edit


def _line_of(name: str, prefix: str) -> int:
    lines = (DATA / name).read_text(encoding="utf-8").split("\n")
    return next(i + 1 for i, ln in enumerate(lines) if ln.startswith(prefix))


# Lines of the rows the corruptions touch, found in the files (not hard-coded numbers).
PA_2020_BIDEN = _line_of("returns.csv", "2020,PA,Joe Biden,")
PA_2020_FIRST = _line_of("returns.csv", "2020,PA,")
GA_1800 = _line_of("electors.csv", "1800,GA,")
FIRST_1800 = _line_of("electors.csv", "1800,")
PA_2020_CAST = _line_of("electoral_votes_cast.csv", "2020,PA,Joe Biden,")
WINNER_2020 = _line_of("outcomes.csv", "2020,president,")
ROWS_RETURNS = (DATA / "returns.csv").read_text(encoding="utf-8").count("\n")


@dataclass(frozen=True)
class Corruption:
    file: str
    edit: Callable[[str], str] | None  # None: delete the file
    line: int | None
    field: str | None
    words: tuple[str, ...]
    raw: bytes | None = None  # bytes to write instead of an edit of the text


CASES: dict[str, Corruption] = {
    "renamed-column": Corruption(
        "electors.csv", _replace_line(1, "electors", "electoral_votes"), 1, "electors", ("header",)
    ),
    "truncated-file": Corruption(
        "returns.csv", lambda t: t[:-20], ROWS_RETURNS, None, ("truncated",)
    ),
    # "Adlai" with a Latin-1 e-acute inside: not UTF-8
    "latin-1-byte": Corruption(
        "candidates.csv",
        None,
        _line_of("candidates.csv", "Adlai"),
        "candidate",
        ("UTF-8", "0xe9"),
        raw=(DATA / "candidates.csv").read_bytes().replace(b"Adlai", b"Adla\xe9i", 1),
    ),
    "empty-file": Corruption("outcomes.csv", lambda t: "", 1, None, ("empty file",)),
    "candidates-without-header": Corruption(
        "candidates.csv", lambda t: t.split("\n", 1)[1], 1, "candidate", ("header",)
    ),
    "sample-size-inf": Corruption(
        "polls_2020.csv", _replace_line(2, ",648,", ",inf,"), 2, "sample_size", ("sample size",)
    ),
    # Biden's Pennsylvania vote below Trump's: the returns pledge PA's 20 electors to Trump
    # while the electors cast them for Biden, and no faithless elector explains it.
    "changed-vote-count": Corruption(
        "returns.csv",
        _replace_line(PA_2020_BIDEN, ",3458229", ",3058229"),
        PA_2020_FIRST,
        "votes",
        ("PA 2020", "pledge"),
    ),
    "stray-quote": Corruption(
        "electors.csv", _replace_line(GA_1800, "1800,GA", '1800,"GA'), GA_1800, None, ("quote",)
    ),
    # 1800: 138 electors (National Archives)
    "electors-1800-changed": Corruption(
        "electors.csv",
        _replace_line(GA_1800, "1800,GA,4", "1800,GA,5"),
        FIRST_1800,
        "electors",
        ("1800", "139", "138"),
    ),
    "joe-bidden": Corruption(
        "electoral_votes_cast.csv",
        _replace_line(PA_2020_CAST, "Joe Biden", "Joe Bidden"),
        PA_2020_CAST,
        "candidate",
        ("candidates.csv",),
    ),
    "changed-winner": Corruption(
        "outcomes.csv",
        _replace_line(WINNER_2020, "Joe Biden", "Donald Trump"),
        WINNER_2020,
        "winner",
        ("Donald Trump", "Joe Biden 306"),
    ),
    "duplicate-row": Corruption(
        "returns.csv",
        lambda t: t.replace(
            "2020,PA,Joe Biden,DEM,3458229\n",
            "2020,PA,Joe Biden,DEM,3458229\n2020,PA,Joe Biden,DEM,3458229\n",
        ),
        PA_2020_BIDEN + 1,
        "candidate",
        ("duplicate", f"first given on line {PA_2020_BIDEN}"),
    ),
    "negative-count": Corruption(
        "electoral_votes_cast.csv",
        _replace_line(PA_2020_CAST, ",20,", ",-20,"),
        PA_2020_CAST,
        "votes",
        ("negative",),
    ),
    "fractional-count": Corruption(
        "returns.csv",
        _replace_line(PA_2020_BIDEN, ",3458229", ",3458229.5"),
        PA_2020_BIDEN,
        "votes",
        ("whole number",),
    ),
    "unknown-state": Corruption(
        "electors.csv", _replace_line(GA_1800, ",GA,", ",GX,"), GA_1800, "state", ("unknown",)
    ),
    "bad-boolean": Corruption(
        "electoral_votes_cast.csv",
        _replace_line(PA_2020_CAST, ",True", ",yes"),
        PA_2020_CAST,
        "counted",
        ("True or False",),
    ),
    "bad-category": Corruption(
        "outcomes.csv",
        _replace_line(WINNER_2020, "electoral-college", "popular-vote"),
        WINNER_2020,
        "decided_by",
        ("not one of",),
    ),
    "share-out-of-range": Corruption(
        "polls_2020.csv", _replace_line(2, ",48,44,", ",148,44,"), 2, "dem", ("0-100",)
    ),
    "nan-probability": Corruption(
        "published_forecasts.csv",
        _replace_line(2, ",0.23", ",nan"),
        2,
        "dem_probability",
        ("probability",),
    ),
    # 1910: a House of 435 (the Apportionment Act of 1911, with AZ and NM)
    "apportionment-seats": Corruption(
        "apportionment.csv", _replace_line(2, ",10", ",11"), 2, "seats", ("436", "435")
    ),
    "deleted-file": Corruption("irregularities.csv", None, None, None, ("cannot read",)),
    # more digits than Python's int() converts: still one DataError, not a ValueError
    "huge-integer": Corruption(
        "electors.csv",
        _replace_line(GA_1800, "1800,GA,4", "1800,GA," + "9" * 5000),
        GA_1800,
        "electors",
        ("whole number",),
    ),
    "fundamentals-year": Corruption(
        "fundamentals.csv", _replace_line(2, "1948,", "19x8,"), 2, "year", ("whole number",)
    ),
    "fundamentals-year-overflow": Corruption(
        "fundamentals.csv", _replace_line(2, "1948,", "1e400,"), 2, "year", ("whole number",)
    ),
    # the national poll-error record the forecast's prior is fitted on: 1980's error
    "gallup-error-nan": Corruption(
        "gallup_final_polls.csv",
        lambda t: t.replace(",-0.10604,0.07308,", ",-0.10604,nan,"),
        _line_of("gallup_final_polls.csv", "1980,"),
        "error",
        ("finite",),
    ),
    "fundamentals-year-fraction": Corruption(
        "fundamentals.csv", _replace_line(2, "1948,", "1948.5,"), 2, "year", ("whole number",)
    ),
}


def _extra_field(text: str) -> str:
    lines = text.split("\n")
    lines[1] += ",x"
    return "\n".join(lines)


CASES["extra-field"] = Corruption(
    "district_returns.csv", _extra_field, 2, None, ("expected 6 fields", "found 7")
)


def _corrupt(tmp_path: Path, case: Corruption) -> Path:
    root = tmp_path / "data"
    shutil.copytree(DATA, root, ignore=shutil.ignore_patterns("__pycache__", "*.py"))
    target = root / case.file
    if case.raw is not None:
        target.write_bytes(case.raw)
    elif case.edit is None:
        target.unlink()
    else:
        text = target.read_text(encoding="utf-8")
        new = case.edit(text)
        assert new != text
        target.write_bytes(new.encode("utf-8"))
    return root


def _check(root: Path, doc: dict[str, object] | None) -> DataError:
    with pytest.raises(DataError) as info:
        checks.check_directory(root, doc)
    return info.value


@pytest.mark.parametrize("name", sorted(CASES))
def test_corruption_built_into_the_package_is_caught(tmp_path: Path, name: str) -> None:
    case = CASES[name]
    root = _corrupt(tmp_path, case)
    doc = manifest.compute(root)
    if case.edit is None and case.raw is None:  # a deleted file the manifest still lists
        doc["files"][case.file] = {"sha256": "0" * 64, "bytes": 1}
    exc = _check(root, doc)
    assert exc.file == f"electoral/data/{case.file}", str(exc)
    assert (exc.line, exc.field) == (case.line, case.field), str(exc)
    for word in case.words:
        assert word.lower() in exc.message.lower(), str(exc)


@pytest.mark.parametrize("name", sorted(CASES))
def test_corruption_of_an_installed_package_names_the_file(tmp_path: Path, name: str) -> None:
    case = CASES[name]
    root = _corrupt(tmp_path, case)  # the copy keeps the original MANIFEST.json
    exc = _check(root, None)
    assert exc.file == f"electoral/data/{case.file}", str(exc)


def test_one_changed_byte_is_caught_by_the_hash(tmp_path: Path) -> None:
    root = _corrupt(
        tmp_path,
        Corruption("returns.csv", lambda t: t.replace("3458229", "3458228"), None, None, ()),
    )
    exc = _check(root, None)
    assert exc.file == "electoral/data/returns.csv"
    assert "SHA-256" in exc.message


def test_a_lost_row_is_caught_by_the_row_count(tmp_path: Path) -> None:
    root = _corrupt(
        tmp_path,
        Corruption("electors.csv", _replace_line(GA_1800, "1800,GA,4", ""), None, None, ()),
    )
    text = (root / "electors.csv").read_text(encoding="utf-8").replace("\n\n", "\n")
    (root / "electors.csv").write_text(text, encoding="utf-8")
    exc = _check(root, None)
    assert exc.file == "electoral/data/electors.csv"
    assert "the manifest says" in exc.message


def test_the_package_passes_every_check() -> None:
    checks.check_all()


def test_the_committed_manifest_is_current() -> None:
    """Fails when a data file changed without ``python scripts/build_manifest.py``."""
    committed = json.loads((DATA / manifest.MANIFEST).read_text(encoding="utf-8"))
    assert committed == manifest.compute(DATA), "stale: run python scripts/build_manifest.py"


def test_every_data_file_is_in_the_manifest() -> None:
    committed = json.loads((DATA / manifest.MANIFEST).read_text(encoding="utf-8"))
    assert sorted(committed["files"]) == manifest.data_files(DATA)
