"""The packaged 1790-1930 apportionment data: loads cleanly; a corrupt row names the file,
line and field.  Facts: the House Historian's totals (105 seats in 1790, 435 in 1930) and
the Senate Manual's starred admissions (Tennessee 1 seat, 1796; Oklahoma 5, 1907)."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from electoral.data import census
from electoral.errors import DataError


def test_tables_load() -> None:
    t = census.early_apportionment_table()
    assert int(t.seats[t.census == 1790].sum()) == 105
    assert int(t.seats[t.census == 1930].sum()) == 435
    assert t.population[t.census == 1890].isna().all()
    assert set(t.population_kind[t.census == 1850]) == {"derived"}
    acts = census.apportionment_acts_table()
    tn = acts[(acts.kind == "admission") & (acts.state == "TN")].iloc[0]
    assert (tn.census, tn.date, int(tn.seats)) == (1790, dt.date(1796, 6, 1), 1)
    ok = acts[acts.state == "OK"].iloc[0]
    assert (int(ok.seats), int(ok.house_size)) == (5, 391)
    assert set(acts.from_state[acts.kind == "transfer"]) == {"MA", "VA"}
    assert "1790-1930" in census.apportionment_provenance()


GOOD = {
    "census": "1790",
    "state": "VA",
    "population": "630560",
    "population_kind": "official",
    "seats": "19",
    "verified": "two-sources",
    "source": "x",
}


@pytest.mark.parametrize(
    ("bad", "field"),
    [
        ({"state": "XX"}, "state"),
        ({"seats": "nineteen"}, "seats"),
        ({"seats": "0"}, "seats"),
        ({"population": ""}, "population_kind"),
        ({"population_kind": "guessed"}, "population_kind"),
        ({"seats": "9" * 5000}, "seats"),  # more digits than int() converts
        ({"population": "٦٣٠٥٦٠"}, "population"),  # Arabic-Indic digits
        ({"population": "99999999999999999999"}, "population"),  # beyond int64
    ],
)
def test_corrupt_row_names_file_line_field(
    monkeypatch: pytest.MonkeyPatch, bad: dict[str, str], field: str
) -> None:
    frame = pd.DataFrame([GOOD, {**GOOD, **bad}])
    census.early_apportionment_table.cache_clear()
    monkeypatch.setattr(census, "_open", lambda _name: frame.copy())
    try:
        with pytest.raises(DataError) as exc:
            census.early_apportionment_table()
        e = exc.value
        assert (e.file, e.line, e.field) == ("electoral/data/apportionment_1790_1930.csv", 3, field)
    finally:
        monkeypatch.undo()
        census.early_apportionment_table.cache_clear()


def test_corrupt_act_date(monkeypatch: pytest.MonkeyPatch) -> None:
    row = {
        "census": "1790", "kind": "admission", "date": "1796-13-01", "state": "TN",
        "from_state": "", "seats": "1", "house_size": "106", "ratio": "", "act": "a",
        "method": "m", "notes": "", "source": "s",
    }  # fmt: skip
    census.apportionment_acts_table.cache_clear()
    monkeypatch.setattr(census, "_open", lambda _name: pd.DataFrame([row]))
    try:
        with pytest.raises(DataError) as exc:
            census.apportionment_acts_table()
        assert (exc.value.line, exc.value.field) == (2, "date")
    finally:
        monkeypatch.undo()
        census.apportionment_acts_table.cache_clear()
