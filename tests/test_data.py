"""Packaged datasets: loaded through importlib.resources, validated, facts from the record."""

from __future__ import annotations

import pandas as pd
import pytest

from electoral import data
from electoral.errors import DataError, RuleError


def test_electors_2024_follow_the_2020_census() -> None:
    # Census Bureau, 2020 apportionment (Table 1): CA 52 seats, TX 38, FL 28, NY 26, PA 17,
    # WY 1 -> electors = seats + 2; DC 3 (23rd Amendment).
    ev = data.electors(2024)
    assert {s: ev[s] for s in ("CA", "TX", "FL", "NY", "PA", "WY", "DC")} == {
        "CA": 54,
        "TX": 40,
        "FL": 30,
        "NY": 28,
        "PA": 19,
        "WY": 3,
        "DC": 3,
    }
    assert sum(ev.values()) == 538 and len(ev) == 51
    assert data.electors(2028) == ev  # the 2020 census governs 2024 and 2028


@pytest.mark.parametrize(
    ("year", "total", "states"),
    [
        # National Archives: 538 electors since 1964 (50 states + DC); 537 in 1960 (Alaska
        # and Hawaii added, no DC); 531 from 1912 to 1956 (48 states).
        (2020, 538, 51),
        (1964, 538, 51),
        (1960, 537, 50),
        (1912, 531, 48),
    ],
)
def test_college_size(year: int, total: int, states: int) -> None:
    ev = data.electors(year)
    assert (sum(ev.values()), len(ev)) == (total, states)


def test_unknown_year() -> None:
    with pytest.raises(RuleError, match="no electors for 2025"):
        data.electors(2025)


def test_returns_normalise_candidate_names() -> None:
    # MEDSL writes "TRUMP, DONALD J." (2016, 2020) and "DONALD J TRUMP" (some 2024 states):
    # one person, one name.
    r2020 = data.returns(2020)
    assert "Donald Trump" in set(r2020.candidate)
    assert not any("TRUMP" in c for c in r2020.candidate)
    # 2012 Washington names Romney "MITT, ROMNEY"; certified WA 2012 Romney 1,290,670.
    wa = data.returns(2012).query("state == 'WA'").set_index("candidate").votes
    assert int(wa["Mitt Romney"]) == 1_290_670


def test_returns_2024_national_totals() -> None:
    # FEC, Official 2024 Presidential General Election Results: Trump 77,302,580,
    # Harris 75,017,613.
    r = data.returns(2024)
    nat = r[~r.state.str.contains("-")].groupby("candidate").votes.sum()
    assert int(nat["Donald Trump"]) == 77_302_580
    assert int(nat["Kamala Harris"]) == 75_017_613


def test_district_returns_2016_nebraska() -> None:
    # Nebraska 2016 official canvass, NE-2: Trump 137,564, Clinton 131,030.
    r = data.returns(2016).set_index(["state", "candidate"]).votes
    assert int(r["NE-2", "Donald Trump"]) == 137_564
    assert int(r["NE-2", "Hillary Clinton"]) == 131_030


def test_recorded_votes_2016_corrected() -> None:
    # NARA 2016 certificates: Texas Trump 36, Kasich 1, Ron Paul 1 (the public file we built
    # from had Colin Powell for Ron Paul; see PROVENANCE.md).
    assert data.recorded_votes(2016)["TX"] == {"Donald Trump": 36, "John Kasich": 1, "Ron Paul": 1}


def test_provenance_names_every_file_and_correction() -> None:
    text = data.provenance()
    for name in (
        "electors.csv",
        "returns.csv",
        "district_returns.csv",
        "electoral_votes_cast.csv",
        "candidates.csv",
    ):
        assert name in text
    assert "MITT, ROMNEY" in text and "535" in text


def test_every_loader_validates_cleanly() -> None:
    for load in (
        data.electors_table,
        data.returns_table,
        data.district_returns_table,
        data.votes_cast_table,
        data.vice_president_table,
        data.outcomes_table,
        data.apportionment_table,
    ):
        assert len(load()) > 0


@pytest.mark.parametrize(
    ("loader", "name", "frame", "field", "line"),
    [
        (
            data.returns_table,
            "returns.csv",
            pd.DataFrame(
                {
                    "year": [2020, 2020],
                    "state": ["PA", "XX"],
                    "candidate": ["A", "B"],
                    "party": ["DEM", "REP"],
                    "votes": [1, 2],
                }
            ),
            "state",
            3,
        ),
        (
            data.returns_table,
            "returns.csv",
            pd.DataFrame(
                {
                    "year": [2020],
                    "state": ["PA"],
                    "candidate": ["A"],
                    "party": ["DEM"],
                    "votes": [-4],
                }
            ),
            "votes",
            2,
        ),
        (
            data.electors_table,
            "electors.csv",
            pd.DataFrame({"year": [2020, 2020], "state": ["PA", "NY"], "electors": [20, 29]}),
            "electors",
            2,
        ),
    ],
)
def test_corrupt_packaged_file_names_file_line_field(
    monkeypatch: pytest.MonkeyPatch,
    loader,
    name,
    frame,
    field,
    line,  # type: ignore[no-untyped-def]
) -> None:
    loader.cache_clear()
    monkeypatch.setattr(data, "_open", lambda _name: frame.copy())
    try:
        with pytest.raises(DataError) as exc:
            loader()
        e = exc.value
        assert e.file == f"electoral/data/{name}" and e.field == field and e.line == line
    finally:
        monkeypatch.undo()
        loader.cache_clear()
