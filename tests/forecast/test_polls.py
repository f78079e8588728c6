"""Poll loaders: one per format into the common schema; the packaged polls and forecasts."""

from __future__ import annotations

from collections.abc import Callable
from importlib import resources
from pathlib import Path

import pandas as pd
import pytest

from electoral.data import polls as packaged
from electoral.errors import DataError, RuleError
from electoral.forecast.polls import POLL_COLUMNS, detect_format, read_polls

# The Economist / HuffPost format: one national poll in three versions plus a partisan
# sub-population row (line 3), a Pennsylvania poll without a sample size, and a Maine poll
# of the second district only (the pollster's name says so).
#
#   line 2  US  LV  two-way       47-43   \
#   line 3  US  LV - Democrat              > one poll: LV, fullest ballot (line 4: 45-41)
#   line 4  US  LV  with others   45-41   |
#   line 5  US  RV                46-40   /
#   line 6  PA  LV  no n          46-45      n imputed = median(1000, 400) = 700
#   line 7  ME  "(2nd CD Only)"   40-48      unit ME-2
ECONOMIST = """\
"","state","pollster","start.date","end.date","number.of.observations","population","mode","trump","clinton","other","undecided"
"1","--","Pollster A","2016-11-01","2016-11-04",1000,"Likely Voters","Internet",43,47,6,4
"2","--","Pollster A","2016-11-01","2016-11-04",NA,"Likely Voters - Democrat","Internet",6,89,1,4
"3","--","Pollster A","2016-11-01","2016-11-04",1000,"Likely Voters","Internet",41,45,10,4
"4","--","Pollster A","2016-11-01","2016-11-04",1200,"Registered Voters","Internet",40,46,10,4
"5","PA","Pollster B","2016-10-30","2016-11-02",NA,"Likely Voters","Live Phone",45,46,5,4
"6","ME","Pollster C (2nd CD Only)","2016-10-01","2016-10-03",400,"Likely Voters","Live Phone",48,40,8,4
"""  # noqa: E501

# 538 2016: every poll three times, once per model type; a district row "Maine CD-2".
FTE2016_HEADER = (
    "type,state,startdate,enddate,pollster,samplesize,population,poll_id,question_id,"
    "rawpoll_clinton,rawpoll_trump,rawpoll_johnson\n"
)
FTE2016 = FTE2016_HEADER + "".join(
    f"{t},{row}\n"
    for row in (
        "U.S.,11/3/2016,11/6/2016,ABC News/Washington Post,2220,lv,48630,76192,47,43,4",
        "Maine CD-2,10/24/2016,10/26/2016,Maine People's Resource Ctr,400,lv,48000,76000,41,46,7",
    )
    for t in ("polls-plus", "polls-only", "now-cast")
)

# 538 2020, long format (one row per answer):
#   poll 10 (US): q1 RV 50-42; q2 LV two-way 51-44; q3 LV with Jorgensen 49-43 -> q3
#   poll 11 (PA): q4 Sanders-Trump (hypothetical); q5 / q6 LV high / low turnout 50-45 and
#                 48-47 -> averaged 49-46
#   poll 12 (Maine CD-2) 47-46; poll 13 (PA) Biden-Pence only -> dropped
FTE2020_HEADER = (
    "question_id,poll_id,cycle,state,pollster,sample_size,population,methodology,start_date,"
    "end_date,answer,candidate_name,candidate_party,pct,notes\n"
)
_Q = {
    1: (10, "", "Pollster A", 1000, "rv", [("Biden", "DEM", 50), ("Trump", "REP", 42)]),
    2: (10, "", "Pollster A", 800, "lv", [("Biden", "DEM", 51), ("Trump", "REP", 44)]),
    3: (10, "", "Pollster A", 800, "lv", [("Biden", "DEM", 49), ("Trump", "REP", 43),
                                          ("Jorgensen", "LIB", 3)]),
    4: (11, "Pennsylvania", "Pollster B", 600, "lv", [("Sanders", "DEM", 48),
                                                      ("Trump", "REP", 45)]),
    5: (11, "Pennsylvania", "Pollster B", 600, "lv", [("Biden", "DEM", 50), ("Trump", "REP", 45)]),
    6: (11, "Pennsylvania", "Pollster B", 600, "lv", [("Biden", "DEM", 48), ("Trump", "REP", 47)]),
    7: (12, "Maine CD-2", "Pollster C", 500, "lv", [("Biden", "DEM", 47), ("Trump", "REP", 46)]),
    8: (13, "Pennsylvania", "Pollster D", 700, "lv", [("Biden", "DEM", 47), ("Pence", "REP", 44)]),
}  # fmt: skip
_NAMES = {
    "Biden": "Joseph R. Biden Jr.",
    "Trump": "Donald Trump",
    "Sanders": "Bernard Sanders",
    "Jorgensen": "Jo Jorgensen",
    "Pence": "Mike Pence",
}
FTE2020 = FTE2020_HEADER + "".join(
    f"{q},{poll},2020,{st},{who},{n},{pop},Online,10/1/20,10/4/20,{a},{_NAMES[a]},{party},{pct},\n"
    for q, (poll, st, who, n, pop, answers) in _Q.items()
    for a, party, pct in answers
)


Write = Callable[..., Path]


@pytest.fixture
def csv_file(tmp_path: Path) -> Write:
    """``csv_file(text, name="polls.csv")`` -> the path of a new file in tmp_path."""

    def write(text: str, name: str = "polls.csv") -> Path:
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return path

    return write


def by_unit(df: pd.DataFrame) -> pd.DataFrame:
    return df.set_index("unit")


def test_economist_format(csv_file: Write) -> None:
    df = read_polls(csv_file(ECONOMIST))
    assert list(df.columns) == list(POLL_COLUMNS)
    assert df.attrs["format"] == "economist"
    u = by_unit(df)
    assert sorted(u.index) == ["ME-2", "PA", "US"]
    assert (u.loc["US", "dem"], u.loc["US", "rep"], u.loc["US", "population"]) == (45, 41, "lv")
    assert u.loc["US", "sample_size"] == 1000 and u.loc["US", "dem_candidate"] == "Hillary Clinton"
    assert u.loc["PA", "sample_size"] == 700 and bool(u.loc["PA", "sample_imputed"])
    assert u.loc["ME-2", "pollster"] == "Pollster C" and u.loc["ME-2", "rep_candidate"] == (
        "Donald Trump"
    )
    st = df.attrs["stats"]
    assert (st["subpopulation_rows"], st["other_population_versions"]) == (1, 1)
    assert (st["shorter_ballot_versions"], st["polls"], st["sample_imputed"]) == (1, 3, 1)


def test_fte2016_keeps_one_of_the_three_model_copies(csv_file: Write) -> None:
    df = read_polls(csv_file(FTE2016))
    assert df.attrs["format"] == "fte2016"
    assert len(df) == 2 and df.attrs["stats"]["model_type_copies"] == 4
    u = by_unit(df)
    assert u.loc["ME-2", "poll_id"] == "fte2016-48000"
    assert (u.loc["US", "dem"], u.loc["US", "rep"], u.loc["US", "sample_size"]) == (47, 43, 2220)
    assert str(u.loc["US", "end_date"].date()) == "2016-11-06"


def test_fte2020_pairs_questions_and_prefers_likely_voters(csv_file: Write) -> None:
    df = read_polls(csv_file(FTE2020))
    assert df.attrs["format"] == "fte2020"
    u = by_unit(df)
    assert sorted(u.index) == ["ME-2", "PA", "US"]  # poll 13 (Biden-Pence) is dropped
    assert (u.loc["US", "dem"], u.loc["US", "rep"], u.loc["US", "population"]) == (49, 43, "lv")
    assert (u.loc["PA", "dem"], u.loc["PA", "rep"]) == (49, 46)  # turnout models averaged
    assert u.loc["PA", "poll_id"] == "fte2020-11"
    assert set(df.dem_candidate) == {"Joe Biden"} and set(df.rep_candidate) == {"Donald Trump"}
    assert str(u.loc["US", "start_date"].date()) == "2020-10-01"
    st = df.attrs["stats"]
    assert st["hypothetical_questions"] == 2
    assert (st["other_population_versions"], st["shorter_ballot_versions"]) == (1, 1)
    assert st["versions_averaged"] == 1


def test_common_format_round_trip(csv_file: Write) -> None:
    first = read_polls(csv_file(FTE2020))
    out = first.assign(
        start_date=first.start_date.dt.strftime("%Y-%m-%d"),
        end_date=first.end_date.dt.strftime("%Y-%m-%d"),
    )
    path = csv_file(out.to_csv(index=False), "common.csv")
    again = read_polls(path)
    assert again.attrs["format"] == "common"
    pd.testing.assert_frame_equal(again, first)
    # the same poll twice is one poll; a poll id reused for another poll is an error
    twice = csv_file(out.to_csv(index=False) + out.iloc[:1].to_csv(index=False, header=False))
    assert len(read_polls(twice)) == len(first)
    clash = out.iloc[[0]].assign(dem=1.0)
    bad = csv_file(out.to_csv(index=False) + clash.to_csv(index=False, header=False))
    with pytest.raises(DataError, match="poll_id used twice") as err:
        read_polls(bad)
    assert err.value.line == len(out) + 2 and err.value.field == "poll_id"


def _replace_line(text: str, line: int, old: str, new: str) -> str:
    lines = text.splitlines(keepends=True)
    assert old in lines[line - 1]
    lines[line - 1] = lines[line - 1].replace(old, new, 1)
    return "".join(lines)


@pytest.mark.parametrize(
    ("text", "line", "field", "message"),
    [
        (_replace_line(ECONOMIST, 6, '"PA"', '"XX"'), 6, "state", "unknown state"),
        (_replace_line(ECONOMIST, 4, ",45,10", ",145,10"), 4, "clinton", "not a number in 0-100"),
        (_replace_line(ECONOMIST, 7, '"2016-10-03"', '"2016-09-03"'), 7, "end.date", "ends"),
        (_replace_line(ECONOMIST, 5, '"2016-11-04"', '"11/31/16"'), 5, "end.date", "not a date"),
        (ECONOMIST.replace('"end.date"', '"end"', 1), 1, "end.date", "missing column"),
        (_replace_line(FTE2016, 5, "Maine CD-2", "Maine CD-7"), 5, "state", "unknown state"),
        (_replace_line(FTE2016, 2, ",2220,", ",-5,"), 2, "samplesize", "not a number"),
        (_replace_line(FTE2020, 9, "Pennsylvania", "Atlantis"), 9, "state", "unknown state"),
        (_replace_line(FTE2020, 3, ",42,", ",-1,"), 3, "pct", "not a number in 0-100"),
        (_replace_line(FTE2020, 2, "rv", "xx"), 2, "population", "not one of"),
        (FTE2020.replace(",pct,", ",share,", 1), 1, "pct", "missing column"),
    ],
    ids=[
        "econ-state",
        "econ-pct",
        "econ-end-before-start",
        "econ-bad-date",
        "econ-missing-column",
        "fte2016-district",
        "fte2016-sample",
        "fte2020-state",
        "fte2020-pct",
        "fte2020-population",
        "fte2020-missing-column",
    ],
)
def test_bad_rows_name_file_line_and_field(
    csv_file: Write,
    text: str,
    line: int,
    field: str,
    message: str,
) -> None:
    path = csv_file(text)
    with pytest.raises(DataError, match=message) as err:
        read_polls(path)
    assert (err.value.file, err.value.line, err.value.field) == (str(path), line, field)


def test_line_numbers_count_quoted_newlines(csv_file: Write) -> None:
    # A question text spanning three lines pushes the bad row (data row 4) to line 7.
    text = ECONOMIST.replace('"Pollster A","2016-11-01"', '"Pollster\nA\n","2016-11-01"', 1)
    text = _replace_line(text, 8, '"PA"', '"XX"')
    with pytest.raises(DataError) as err:
        read_polls(csv_file(text))
    assert (err.value.line, err.value.field) == (8, "state")


def test_unknown_header_and_explicit_format(csv_file: Write) -> None:
    with pytest.raises(DataError, match="matches no known poll format") as err:
        read_polls(csv_file("a,b\n1,2\n"))
    assert err.value.line == 1
    with pytest.raises(DataError, match="missing column 'type'"):
        read_polls(csv_file(ECONOMIST), fmt="fte2016")
    assert detect_format(list(POLL_COLUMNS)) == "common"


# -- packaged data ------------------------------------------------------------------------

#: year -> (polls after the build's cleaning, first and last end date, nominees).  Last end
#: dates as SOURCES.md states them: 538's 2016 file ends 2016-11-07, its final 2020 file
#: 2020-11-02 (section 9); 2008 drops 11 polls taken after Election Day (the file runs to
#: 2008-12-19).  2020: the final file's 4,133 polls (SOURCES.md section 9) less the 33 that
#: never ask about both Biden and Trump (primary-season match-ups only).
PACKAGED = {
    2008: (1302, "2008-01-04", "2008-11-03", ("Barack Obama", "John McCain")),
    2012: (1175, "2012-03-01", "2012-11-06", ("Barack Obama", "Mitt Romney")),
    2016: (4208, "2015-11-08", "2016-11-07", ("Hillary Clinton", "Donald Trump")),
    2020: (4133 - 33, "2018-11-28", "2020-11-02", ("Joe Biden", "Donald Trump")),
}


@pytest.mark.parametrize("year", sorted(PACKAGED))
def test_packaged_polls_load_and_validate(year: int) -> None:
    n, first, last, pair = PACKAGED[year]
    df = packaged.polls(year)
    assert list(df.columns) == list(POLL_COLUMNS) and len(df) == n
    assert df.poll_id.is_unique
    assert (f"{df.end_date.min():%Y-%m-%d}", f"{df.end_date.max():%Y-%m-%d}") == (first, last)
    assert set(zip(df.dem_candidate, df.rep_candidate, strict=True)) == {pair}
    assert "US" in set(df.unit) and set(df.population) <= {"lv", "rv", "v", "a"}
    assert bool((df.dem + df.rep <= 101).all())
    if year >= 2016:
        assert {"ME-2", "NE-2"} <= set(df.unit)


def test_packaged_files_are_compact() -> None:
    root = resources.files("electoral.data")
    names = [f"polls_{y}.csv" for y in packaged.POLL_YEARS] + ["published_forecasts.csv"]
    total = sum(len(root.joinpath(n).read_bytes()) for n in names)
    assert total < 2_000_000
    assert "2020 runs to 2020-11-02" in packaged.polls_provenance()


def test_published_forecasts() -> None:
    # 538's election-morning 2016 state probabilities for Clinton as the Upshot showed them
    # (SOURCES.md: PA 0.77, MI 0.79, WI 0.84, FL 0.55, NC 0.56), and 538's final 2020 run
    # (2020-11-03) for Biden: PA 0.8431, GA 0.5815, NE-2 0.7169, ME-2 0.5726.
    f16 = packaged.published_forecasts(2016)
    assert sorted(set(f16.forecaster)) == ["538", "DK", "HuffPost", "NYT", "PEC", "PW"]
    p538 = f16[f16.forecaster == "538"].set_index("unit").dem_probability
    assert len(p538) == 56
    assert p538[["PA", "MI", "WI", "FL", "NC"]].tolist() == [0.77, 0.79, 0.84, 0.55, 0.56]
    f20 = packaged.published_forecasts(2020).set_index("unit").dem_probability
    assert len(f20) == 56
    assert f20[["PA", "GA", "NE-2", "ME-2"]].tolist() == [0.8431, 0.5815, 0.7169, 0.5726]
    with pytest.raises(RuleError):
        packaged.published_forecasts(2012)
    with pytest.raises(RuleError):
        packaged.polls(2004)


@pytest.mark.parametrize(
    ("column", "value", "message"),
    [
        ("unit", "ZZ", "unknown unit"),
        ("dem", "150", "share is not a number in 0-100"),
        ("end_date", "2020-09-01", "ends before it starts"),
        ("start_date", "10/1/20", "not an ISO date"),
        ("population", "likely", "not one of"),
        ("sample_size", "12.5", "not whole"),
        ("known_from", "10/21/20", "not an ISO date"),
        ("end_date", "9999-12-31", "not an ISO date .* from 1678 to 2261"),
        ("known_from", "2262-04-12", "not an ISO date .* from 1678 to 2261"),
    ],
)
def test_common_format_bad_rows(csv_file: Write, column: str, value: str, message: str) -> None:
    good = read_polls(csv_file(FTE2020))
    text = good.assign(
        start_date=good.start_date.dt.strftime("%Y-%m-%d"),
        end_date=good.end_date.dt.strftime("%Y-%m-%d"),
    ).astype(str)
    text.loc[1, column] = value
    path = csv_file(text.to_csv(index=False), "common.csv")
    with pytest.raises(DataError, match=message) as err:
        read_polls(path)
    assert (err.value.line, err.value.field) == (3, column)


def test_packaged_2020_polls_by_end_month() -> None:
    # SOURCES.md section 9: distinct polls of 538's final 2020 file by end month -- Jul 328,
    # Aug 367, Sep 516, Oct 1,730 (Oct 1-16: 565, Oct 17-31: 1,165), Nov 155.  Every one of
    # them asks Biden vs Trump, so each is one packaged poll.
    end = packaged.polls(2020).end_date
    month = end.dt.strftime("%Y-%m").value_counts()
    assert [int(month[m]) for m in ("2020-07", "2020-08", "2020-09", "2020-10", "2020-11")] == [
        328,
        367,
        516,
        1730,
        155,
    ]
    october = end[(end.dt.year == 2020) & (end.dt.month == 10)].dt.day
    assert (int((october <= 16).sum()), int((october >= 17).sum())) == (565, 1165)


@pytest.mark.parametrize(
    ("unit", "pollster", "start", "end", "population", "biden", "trump"),
    [
        # SOURCES.md section 9, spot checks of 538's final 2020 polls:
        # Selzer/Des Moines Register, Iowa, 10/26-29, LV 814: Trump 48, Biden 41 (Trump +7).
        ("IA", "Selzer", "2020-10-26", "2020-10-29", "lv", 41, 48),
        # NYT/Siena, Wisconsin, 10/26-30, LV 1,253: Biden 52, Trump 41.
        ("WI", "Siena College/The New York Times Upshot", "2020-10-26", "2020-10-30", "lv", 52, 41),
        # ABC/Washington Post, Wisconsin, 10/20-25: LV 57-40 (the RV version, 56-39, yields).
        ("WI", "ABC News/The Washington Post", "2020-10-20", "2020-10-25", "lv", 57, 40),
        # NYT/Siena: PA 10/26-31 49-43, FL 10/27-31 47-44, AZ 10/26-30 49-43.
        ("PA", "Siena College/The New York Times Upshot", "2020-10-26", "2020-10-31", "lv", 49, 43),
        ("FL", "Siena College/The New York Times Upshot", "2020-10-27", "2020-10-31", "lv", 47, 44),
        ("AZ", "Siena College/The New York Times Upshot", "2020-10-26", "2020-10-30", "lv", 49, 43),
        # ABC/WaPo: PA 10/24-29 LV 51-44; FL LV Trump 50-48.
        ("PA", "ABC News/The Washington Post", "2020-10-24", "2020-10-29", "lv", 51, 44),
        ("FL", "ABC News/The Washington Post", "2020-10-24", "2020-10-29", "lv", 48, 50),
        # NBC/WSJ national, 10/29-31, RV: 52-42.
        ("US", "NBC News/The Wall Street Journal", "2020-10-29", "2020-10-31", "rv", 52, 42),
        # Final national polls: YouGov 10/31-11/2 LV 53-43; Rasmussen 10/28-11/1 48-47.
        ("US", "YouGov", "2020-10-31", "2020-11-02", "lv", 53, 43),
        (
            "US",
            "Rasmussen Reports/Pulse Opinion Research",
            "2020-10-28",
            "2020-11-01",
            "lv",
            48,
            47,
        ),
    ],
)
def test_packaged_2020_final_polls(
    unit: str, pollster: str, start: str, end: str, population: str, biden: int, trump: int
) -> None:
    df = packaged.polls(2020)
    row = df[
        (df.unit == unit)
        & (df.pollster == pollster)
        & (df.start_date == start)
        & (df.end_date == end)
    ]
    assert len(row) == 1
    assert (row.population.iloc[0], row.dem.iloc[0], row.rep.iloc[0]) == (population, biden, trump)


def test_packaged_2020_late_polls_carry_their_pollsters_mode() -> None:
    # The 11-column final file has no methodology; the build carries the pollster's latest
    # method forward.  Selzer and NYT/Siena poll by live telephone interviews, YouGov online
    # (their published methods; 538 lists them so).
    df = packaged.polls(2020)
    late = df[df.end_date >= "2020-10-21"].set_index(["pollster", "unit", "end_date"])["mode"]
    assert late["Selzer", "IA", "2020-10-29"] == "Live Phone"
    assert late["Siena College/The New York Times Upshot", "WI", "2020-10-30"] == "Live Phone"
    assert late["YouGov", "US", "2020-11-02"] == "Online"


def test_known_from_is_when_538_listed_the_poll() -> None:
    df = packaged.polls(2020).set_index("poll_id").known_from
    # 538's 2020-10-21 export, first row: poll 71558 (PPP, Kansas, 10/19-10/20) has
    # created_at "10/21/20 14:10".
    assert str(df["fte2020-71558"].date()) == "2020-10-21"
    # Civiqs' Pennsylvania poll of 2/27-3/3/2020 (poll 71656) is in 538's final file but not
    # in its 2020-10-21 export (SOURCES.md section 9: 150 such polls end by 10-20): it was
    # listed on 2020-10-21 at the earliest.
    assert df["fte2020-71656"] >= pd.Timestamp("2020-10-21")
    # The Economist files record no entry date.
    assert packaged.polls(2008).known_from.isna().all()
