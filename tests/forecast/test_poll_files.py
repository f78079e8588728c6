"""Poll files of any cycle: 538's 2022+ export (2024 with the Biden -> Harris switch, 2028),
its 2020 header, and the common format; rows a model cannot use are skipped and counted,
a wrong file stops with the file, line and field.

The 538 files are in ``tests/forecast/fixtures`` (written for these tests, in 538's column
layout).  ``fte_president_polls_2024.csv``, poll by poll:

====  =====================================================  ===============================
poll  question(s)                                            fate
====  =====================================================  ===============================
101   US 6/5-7: Biden 49 Trump 50; Harris-Trump hypothetical  Biden kept; 1 hypothetical
102   PA 7/10-12 RV: Biden-Trump 46-48; full field 42-45-8    kept, the full field (42-45)
103   US 8/1-4: Harris 48 Trump 46                            kept
104   MI 8/5-8: Biden-Trump, not marked hypothetical          not the candidates on its dates
105   GA: blank population                                    blank population
106   WI: sub-population "Democrats"                          sub-population
107   NH primary (Haley-Trump)                                not the general election
108   ME: office "U.S. Senate"                                another office
109   ME: ranked-choice round 2                               ranked-choice reallocation
110   Nebraska CD-2 10/20-25: Harris 50 Trump 45              kept (unit NE-2)
111   NC 7/19-22 (across 7/21): Biden-Trump and Harris-Trump  Harris kept; Biden: not the
                                                             candidates on its dates
112   cycle 2020                                             another cycle
113   AZ: Trump-Kennedy                                      no Democrat and Republican
====  =====================================================  ===============================
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from electoral.cli import app
from electoral.errors import DataError
from electoral.forecast.nominees import nominee_on, pair_on, switch_dates
from electoral.forecast.polls import for_forecast, read_polls

FIXTURES = Path(__file__).parent / "fixtures"
F2024 = FIXTURES / "fte_president_polls_2024.csv"
F2028 = FIXTURES / "fte_president_polls_2028.csv"
SKIPPED_2024 = {
    "another office": 1,
    "not the general election": 1,
    "another cycle": 1,
    "blank population": 1,
    "sub-population": 1,
    "ranked-choice reallocation": 1,
    "hypothetical match-up": 1,
    "no Democrat and Republican": 1,
    "not the candidates on the poll's dates": 2,
}
runner = CliRunner()


def forecast_json(*args: str) -> tuple[int, dict[str, object] | None, str]:
    r = runner.invoke(app, ["forecast", "--sims", "2000", "--seed", "3", "--json", *args])
    return r.exit_code, (json.loads(r.stdout) if r.exit_code == 0 else None), r.stderr


def edited(tmp_path: Path, source: Path, old: str, new: str, count: int = 1) -> Path:
    text = source.read_text(encoding="utf-8")
    assert text.count(old) >= count
    path = tmp_path / source.name
    path.write_text(text.replace(old, new, count), encoding="utf-8")
    return path


def test_nominees_from_the_record() -> None:
    # Biden withdrew on 2024-07-21; Harris was the Democratic candidate from then on.
    assert switch_dates(2024) == (dt.date(2024, 7, 21),)
    assert nominee_on(2024, "DEM", dt.date(2024, 7, 20)) == "Joe Biden"
    assert nominee_on(2024, "DEM", dt.date(2024, 7, 21)) == "Kamala Harris"
    assert nominee_on(2024, "REP", dt.date(2024, 3, 1)) == "Donald Trump"
    assert nominee_on(2020, "DEM", dt.date(2020, 3, 1)) == "Joe Biden"
    assert nominee_on(2028, "DEM", dt.date(2028, 9, 1)) is None  # not held yet
    assert pair_on(2024, dt.date(2024, 7, 20)) == ("Joe Biden", "Donald Trump")
    assert pair_on(2024, dt.date(2024, 8, 1)) == ("Kamala Harris", "Donald Trump")
    assert pair_on(2028, dt.date(2028, 8, 1)) is None


def test_2024_export_keeps_the_candidates_of_each_date_and_counts_the_rest() -> None:
    df = read_polls(F2024)
    assert (df.attrs["format"], df.attrs["year"]) == ("fte", 2024)
    assert df.attrs["skipped"] == SKIPPED_2024
    got = {
        r.poll_id: (r.unit, r.dem_candidate, r.dem, r.rep, r.population)
        for r in df.itertuples(index=False)
    }
    assert got == {
        "fte2024-101": ("US", "Joe Biden", 49.0, 50.0, "lv"),
        "fte2024-102": ("PA", "Joe Biden", 42.0, 45.0, "rv"),
        "fte2024-103": ("US", "Kamala Harris", 48.0, 46.0, "lv"),
        "fte2024-110": ("NE-2", "Kamala Harris", 50.0, 45.0, "lv"),
        "fte2024-111": ("NC", "Kamala Harris", 46.0, 47.0, "lv"),
    }
    assert set(df.rep_candidate) == {"Donald Trump"}
    assert set(df["mode"]) == {"Online Panel"}


def test_a_real_2024_export_of_june() -> None:
    # The first 19 rows of 538's president_polls.csv as downloaded in June 2024 (kept in
    # KeetonMartin/election2024 data/president_polls.csv, commit 035d6f64...; 538, CC BY
    # 4.0).  That header has no `hypothetical` and no `url_*` columns.  Published figures:
    # YouGov/CBS 6/5-7 LV Biden 49 Trump 50; YouGov/Yahoo 6/3-6 RV two wordings of the
    # two-way question, 46-44 and 42-43 (averaged: 44-43.5); Emerson 6/4-5 RV 50.2-49.8
    # forced choice and 38.4-44.4 with Kennedy, West and Stein (the fuller ballot is kept);
    # Mason-Dixon MN LV 44.5-40.6; Kaplan WV LV 28-55.
    df = read_polls(FIXTURES / "fte_president_polls_2024_june.csv")
    assert (df.attrs["format"], df.attrs["year"], df.attrs["skipped"]) == ("fte", 2024, {})
    got = {r.poll_id: (r.unit, r.population, r.dem, r.rep) for r in df.itertuples(index=False)}
    assert got == {
        "fte2024-87131": ("US", "lv", 49.0, 50.0),
        "fte2024-87129": ("US", "rv", 44.0, 43.5),
        "fte2024-87113": ("US", "rv", 38.4, 44.4),
        "fte2024-87134": ("MN", "lv", 44.5, 40.6),
        "fte2024-87120": ("WV", "lv", 28.0, 55.0),
    }
    assert set(df.dem_candidate) == {"Joe Biden"}


def test_a_real_2024_export_of_november_2023() -> None:
    # Rows of 538's president_polls.csv as downloaded in November 2023 (kept in
    # thisismactan/USA-2024 data/president_polls.csv, commit 08f5a7ea...; 538, CC BY 4.0):
    # letter grades (`fte_grade`), no `hypothetical` column.  NYT/Siena 10/22-11/3 asked, in
    # Arizona and Georgia, RV and LV, Biden-Trump (LV 44-49 in both), Harris-Trump,
    # Biden-DeSantis and Biden-Haley: the last three are not the 2024 candidates on those
    # dates (2 populations x 3 x 2 states = 12 questions); YouGov/CBS national LV 48-51.
    df = read_polls(FIXTURES / "fte_president_polls_2024_nov2023.csv")
    assert df.attrs["skipped"] == {"not the candidates on the poll's dates": 12}
    got = {r.poll_id: (r.unit, r.population, r.dem, r.rep) for r in df.itertuples(index=False)}
    assert got == {
        "fte2024-84542": ("AZ", "lv", 44.0, 49.0),
        "fte2024-84543": ("GA", "lv", 44.0, 49.0),
        "fte2024-84549": ("US", "lv", 48.0, 51.0),
    }


def test_a_first_ranked_choice_round_is_a_poll(tmp_path: Path) -> None:
    # Poll 109 (Maine) as a first-round question, not reallocated: kept.
    path = edited(
        tmp_path, F2024, ",general,false,true,2,false,", ",general,false,false,1,false,", 2
    )
    df = read_polls(path)
    assert "ranked-choice reallocation" not in df.attrs["skipped"]
    me = df.set_index("poll_id").loc["fte2024-109"]
    assert (me.unit, me.dem, me.rep) == ("ME", 53.0, 47.0)


@pytest.mark.parametrize(
    ("as_of", "dem", "used", "left_out"),
    [
        (dt.date(2024, 7, 15), "Joe Biden", {"fte2024-101", "fte2024-102"}, 3),
        (dt.date(2024, 11, 4), "Kamala Harris", {"fte2024-103", "fte2024-110", "fte2024-111"}, 2),
    ],
)
def test_the_match_up_of_the_forecast_date(
    as_of: dt.date, dem: str, used: set[str], left_out: int
) -> None:
    polls, other = for_forecast(read_polls(F2024), 2024, as_of)
    assert set(polls.poll_id) == used and set(polls.dem_candidate) == {dem}
    assert other == left_out


@pytest.mark.slow
def test_cli_2024_warns_and_reports_what_it_skipped() -> None:
    code, d, err = forecast_json("--polls", str(F2024), "--as-of", "2024-07-15")
    assert code == 0, err
    assert d is not None and d["year"] == 2024
    assert d["candidates"] == {"dem": "Joe Biden", "rep": "Donald Trump"}
    read = d["polls_read"]
    assert isinstance(read, dict)
    assert (read["format"], read["polls"], read["other_matchup_polls"]) == ("fte", 5, 3)
    assert read["skipped"] == SKIPPED_2024 and read["sample_imputed"] == 0
    assert "warning" in err and "skipped 10 questions" in " ".join(err.split())
    code, d, err = forecast_json("--polls", str(F2024))  # Election Day: Harris
    assert code == 0, err
    assert d is not None and d["candidates"] == {"dem": "Kamala Harris", "rep": "Donald Trump"}


@pytest.mark.slow
@pytest.mark.slow
def test_the_daily_series_follows_the_candidates_of_each_day() -> None:
    # Biden withdrew on 2024-07-21 and Harris took his place (nominees.REPLACED): the day's
    # forecast is about the candidates of that day, like forecast --as-of that day
    args = ["forecast", "--daily", "--polls", str(F2024), "--as-of", "2024-07-22"]
    r = runner.invoke(app, [*args, "--json"])
    assert r.exit_code == 0, r.stderr
    dems = {p["date"]: next(iter(p["win"])) for p in json.loads(r.stdout)["series"]}
    assert (dems["2024-07-20"], dems["2024-07-21"]) == ("Joe Biden", "Kamala Harris")
    r = runner.invoke(app, args)
    assert r.exit_code == 0, r.stderr
    assert "from 2024-07-21: Kamala Harris vs Donald Trump" in r.stdout


def test_2028_export_the_previous_results_come_from_the_package() -> None:
    df = read_polls(F2028)
    assert df.attrs["year"] == 2028 and df.attrs["skipped"] == {"hypothetical match-up": 1}
    assert set(zip(df.dem_candidate, df.rep_candidate, strict=True)) == {
        ("Gavin Newsom", "JD Vance")
    }
    code, d, err = forecast_json("--polls", str(F2028))
    assert code == 0, err
    assert d is not None and d["year"] == 2028
    assert d["candidates"] == {"dem": "Gavin Newsom", "rep": "JD Vance"}


def test_several_match_ups_for_an_election_not_yet_held(tmp_path: Path) -> None:
    # Harris-Vance (poll 301, lines 4-5) no longer marked hypothetical.
    path = edited(tmp_path, F2028, ",false,false,,true,", ",false,false,,false,", 2)
    with pytest.raises(DataError, match="several match-ups") as e:
        read_polls(path)
    assert (e.value.line, e.value.field) == (4, "candidate_name")


def test_wrong_year_says_so() -> None:
    with pytest.raises(DataError, match="polls of the 2024 election, not 2020") as e:
        read_polls(F2024, year=2020)
    assert e.value.field == "cycle"
    r = runner.invoke(app, ["forecast", "--polls", str(F2024), "--year", "2028", "--sims", "100"])
    assert r.exit_code == 2 and "not 2028" in r.stderr and "Traceback" not in r.stderr


@pytest.mark.parametrize(
    ("old", "new", "field", "message"),
    [
        (",1359,lv,", ",1e30,lv,", "sample_size", "not a number in 1-1e"),
        (",1359,lv,", ",inf,lv,", "sample_size", "not a number in 1-1e"),
        (",1359,lv,", ",0,lv,", "sample_size", "not a number in 1-1e"),
        (",Joe Biden,49.0", ",Joe Biden,149.0", "pct", "not a number in 0-100"),
        (",Joe Biden,49.0", ",Joe Biden,-1", "pct", "not a number in 0-100"),
        (",6/5/24,6/7/24,", ",6/5/24,6/31/24,", "end_date", "not a date"),
        (",6/5/24,6/7/24,", ",6/8/24,6/7/24,", "end_date", "ends before it starts"),
        (",6/5/24,6/7/24,", ",6/5/24,9999-12-31,", "end_date", "not a date .* 1678 to 2261"),
        (",2024,U.S. President,", ",1e400,U.S. President,", "cycle", "not a number in 1788-"),
        (",2024,U.S. President,", ",²,U.S. President,", "cycle", "not a number in 1788-"),
        (",2024,U.S. President,", ",2024.5,U.S. President,", "cycle", "not a presidential"),
    ],
)
def test_bad_numbers_name_file_line_and_field(
    tmp_path: Path, old: str, new: str, field: str, message: str
) -> None:
    path = edited(tmp_path, F2024, old, new)  # the first data row (line 2), a usable poll
    with pytest.raises(DataError, match=message) as e:
        read_polls(path)
    assert (e.value.file, e.value.line, e.value.field) == (str(path), 2, field)
    r = runner.invoke(app, ["forecast", "--polls", str(path), "--sims", "100"])
    assert r.exit_code == 2 and f"line 2, field '{field}'" in r.stderr


def test_a_huge_value_is_quoted_in_part(tmp_path: Path) -> None:
    path = edited(tmp_path, F2024, ",Joe Biden,49.0", ",Joe Biden," + "9" * 5000)
    with pytest.raises(DataError, match=r"0-100 \('9{40}'… \(5,000 characters\)\)$") as e:
        read_polls(path)
    assert (e.value.line, e.value.field) == (2, "pct")


@pytest.mark.slow
def test_a_blank_sample_size_is_imputed_and_said(tmp_path: Path) -> None:
    path = edited(tmp_path, F2028, ",900,lv,", ",,lv,", 2)  # poll 302 (PA): n left blank
    df = read_polls(path)
    pa = df.set_index("unit").loc["PA"]
    assert bool(pa.sample_imputed) and pa.sample_size == 900  # median of the others' 1000, 800
    r = runner.invoke(app, ["forecast", "--polls", str(path), "--sims", "200", "--json"])
    assert r.exit_code == 0, r.stderr
    assert json.loads(r.stdout)["polls_read"]["sample_imputed"] == 1
    assert "1 blank sample sizes" in " ".join(r.stderr.split())


def test_missing_column_and_no_usable_poll(tmp_path: Path) -> None:
    with pytest.raises(DataError, match="missing column 'pct'") as e:
        read_polls(edited(tmp_path, F2024, ",candidate_name,pct\n", ",candidate_name,share\n"))
    assert (e.value.line, e.value.field) == (1, "pct")
    only_hypothetical = tmp_path / "hyp.csv"
    text = F2028.read_text(encoding="utf-8").replace(",false,false,,false,", ",false,false,,true,")
    only_hypothetical.write_text(text, encoding="utf-8")
    with pytest.raises(DataError, match=r"no usable poll.*hypothetical match-up: 4"):
        read_polls(only_hypothetical)


# 538's 2020 header (38 columns, SOURCES.md section 4): one poll, an RV and an LV question.
FTE2020_38 = (
    "question_id,poll_id,cycle,state,pollster_id,pollster,sponsor_ids,sponsors,display_name,"
    "pollster_rating_id,pollster_rating_name,fte_grade,sample_size,population,population_full,"
    "methodology,office_type,seat_number,seat_name,start_date,end_date,election_date,"
    "sponsor_candidate,internal,partisan,tracking,nationwide_batch,ranked_choice_reallocated,"
    "created_at,notes,url,stage,race_id,answer,candidate_id,candidate_name,candidate_party,pct\n"
    + "".join(
        f"{q},72000,2020,Wisconsin,1,Pollster Z,,,Pollster Z,1,Pollster Z,B,{n},{pop},{pop},"
        f"Live Phone,U.S. President,0,,10/26/20,10/30/20,11/3/20,,false,,,false,false,"
        f"10/31/20 10:00,,https://example.org,general,6210,{a},1,{name},{party},{pct}\n"
        for q, n, pop, rows in (
            (1, 1300, "rv", (("Biden", "Joseph R. Biden Jr.", "DEM", 51.0),
                             ("Trump", "Donald Trump", "REP", 42.0))),
            (2, 1253, "lv", (("Biden", "Joseph R. Biden Jr.", "DEM", 52.0),
                             ("Trump", "Donald Trump", "REP", 41.0))),
        )
        for a, name, party, pct in rows
    )
)  # fmt: skip


def test_fte2020_38_column_header(tmp_path: Path) -> None:
    path = tmp_path / "president_polls.csv"
    path.write_text(FTE2020_38, encoding="utf-8")
    df = read_polls(path)
    assert (df.attrs["format"], df.attrs["year"], df.attrs["skipped"]) == ("fte2020", 2020, {})
    row = df.iloc[0]
    assert (row.poll_id, row.unit, row.population, row.dem, row.rep) == (
        "fte2020-72000",
        "WI",
        "lv",
        52.0,
        41.0,
    )
    assert (row.dem_candidate, row["mode"]) == ("Joe Biden", "Live Phone")


def _common(rows: list[tuple[str, str, str, str]]) -> str:
    head = (
        "poll_id,pollster,unit,start_date,end_date,sample_size,population,mode,dem,rep,"
        "dem_candidate,rep_candidate,source\n"
    )
    return head + "".join(
        f"{i},P{i},{unit},{start},{end},800,lv,Online,47,46,{dem},Donald Trump,test\n"
        for i, (unit, start, end, dem) in enumerate(rows)
    )


def test_common_format_2024_switch_and_mixed_pairs(tmp_path: Path) -> None:
    good = tmp_path / "good.csv"
    good.write_text(
        _common(
            [
                ("US", "2024-07-01", "2024-07-03", "Joe Biden"),
                ("US", "2024-08-01", "2024-08-03", "Kamala Harris"),
            ]
        ),
        encoding="utf-8",
    )
    df = read_polls(good)
    assert df.attrs["year"] == 2024 and len(df) == 2
    bad = tmp_path / "bad.csv"
    bad.write_text(
        _common(
            [
                ("US", "2024-08-01", "2024-08-03", "Kamala Harris"),
                ("PA", "2024-08-05", "2024-08-07", "Joe Biden"),
            ]
        ),
        encoding="utf-8",
    )
    with pytest.raises(DataError, match="candidates on its dates") as e:
        read_polls(bad)
    assert (e.value.line, e.value.field) == (3, "dem_candidate")
    with pytest.raises(DataError, match=r"polls of the 2024 election.*not 2020") as e:
        read_polls(good, year=2020)
    assert e.value.field == "end_date"
    harris = tmp_path / "harris.csv"
    harris.write_text(_common([("US", "2024-08-01", "2024-08-03", "Kamala Harris")]))
    r = runner.invoke(app, ["forecast", "--polls", str(harris), "--as-of", "2024-07-10"])
    assert r.exit_code == 2
    assert "candidates on 2024-07-10, Joe Biden vs Donald Trump" in " ".join(r.stderr.split())


@pytest.mark.parametrize("year", [2008, 2012, 2016, 2020])
def test_the_election_of_a_file_without_cycle_comes_from_its_dates(year: int) -> None:
    # The first election on or after the median end date: the 2008 file also holds polls
    # taken after Election Day (to 2008-12-19), which must not make it a 2012 file.
    from electoral.data.polls import polls
    from electoral.forecast.fte_polls import election_year

    assert election_year(polls(year).end_date) == year
    assert election_year(pd.Series(pd.to_datetime(["2008-11-05", "2008-12-19"]))) == 2012


def test_a_2016_file_for_2020_says_so(tmp_path: Path) -> None:
    path = tmp_path / "president_general_polls_2016.csv"
    path.write_text(
        "type,state,startdate,enddate,pollster,samplesize,population,poll_id,question_id,"
        "rawpoll_clinton,rawpoll_trump\n"
        "polls-only,U.S.,11/3/2016,11/6/2016,ABC News/Washington Post,2220,lv,48630,76192,47,43\n",
        encoding="utf-8",
    )
    assert read_polls(path).attrs["year"] == 2016
    with pytest.raises(DataError, match="polls of the 2016 election, not 2020") as e:
        read_polls(path, year=2020)
    assert (e.value.line, e.value.field) == (2, "enddate")
