"""The packaged night prior and counting tables are typed and checked like every packaged
table: a bad value is one DataError naming the file, the line and the field."""

from __future__ import annotations

import shutil
from importlib import resources
from pathlib import Path

import pytest

from electoral import integrity
from electoral.confirmation.prior import prior_for
from electoral.confirmation.series import packaged_series
from electoral.data import manifest
from electoral.errors import DataError

DATA = Path(str(resources.files("electoral.data")))


@pytest.mark.parametrize(
    ("name", "prefix", "old", "new", "field"),
    [
        ("night_prior_2020.csv", "2020,PA,", ",Donald Trump,", ",Donald Trump,abc", "margin_mean"),
        ("night_counting.csv", "2020,PA,", "2020,PA,", "2O20,PA,", "year"),
    ],
)
def test_a_bad_value_names_file_line_field(
    tmp_path: Path, name: str, prefix: str, old: str, new: str, field: str
) -> None:
    root = tmp_path / "data"
    shutil.copytree(DATA, root, ignore=shutil.ignore_patterns("__pycache__", "*.py"))
    lines = (root / name).read_text(encoding="utf-8").split("\n")
    line = next(i + 1 for i, ln in enumerate(lines) if ln.startswith(prefix))
    lines[line - 1] = lines[line - 1].replace(old, new, 1)
    (root / name).write_text("\n".join(lines), encoding="utf-8")
    series = packaged_series(2020)
    # as a maintainer would build it: the manifest recomputed over the corrupted file
    with integrity.data_directory(root, manifest.compute(root)), pytest.raises(DataError) as err:
        prior_for(series, 2020)  # reads both tables
    assert (err.value.file, err.value.line, err.value.field) == (
        f"electoral/data/{name}",
        line,
        field,
    )
