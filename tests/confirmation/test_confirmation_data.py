"""Packaged confirmation-period data: facts from the record, and bad rows named by line/field."""

from __future__ import annotations

import pandas as pd
import pytest

from electoral.data import confirmation as conf
from electoral.errors import DataError


def _one(df: pd.DataFrame, **eq: object) -> pd.Series:
    hit = df
    for k, v in eq.items():
        hit = hit[hit[k] == v]
    assert len(hit) == 1, eq
    return hit.iloc[0]


def test_ap_called_2020_for_biden_at_1125_et() -> None:
    # AP stories (ashepostandtimes, kztv10): Pennsylvania and the presidency declared at
    # 11:25 a.m. EST on Saturday 2020-11-07 = 16:25 UTC.
    row = _one(conf.media_calls(), year=2020, unit="US", desk="AP")
    assert row.winner == "Biden"
    assert row.called_at_utc == pd.Timestamp("2020-11-07T16:25:00Z")
    assert "DISAGREEMENT" in row.notes  # 11:26 (USA Today) and 11:28 (LA Times) kept


def test_date_only_calls_keep_their_date() -> None:
    # AP called Georgia for Biden on Thursday evening 2020-11-19 (WSPA, WDIV: "as of 8:00 p.m.").
    row = _one(conf.media_calls(), year=2020, unit="GA", desk="AP")
    assert pd.isna(row.called_at_utc)
    assert row.called_date_et == pd.Timestamp("2020-11-19")
    assert row.time_precision == "date_evening"


def test_certification_2020_battlegrounds() -> None:
    # Georgia Recorder 2020-11-20 (Raffensperger certifies); Detroit News 2020-11-23 (Board of
    # State Canvassers); Politico 2020-11-24 (PA); AZ Mirror 2020-11-30; WEC 2020-11-30.
    cert = conf.certification().query("year == 2020").set_index("state").certified_date
    assert {s: cert[s].date().isoformat() for s in ("GA", "MI", "PA", "AZ", "WI")} == {
        "GA": "2020-11-20",
        "MI": "2020-11-23",
        "PA": "2020-11-24",
        "AZ": "2020-11-30",
        "WI": "2020-11-30",
    }


def test_certification_bounds_and_missing_dates_stay_missing() -> None:
    cert = conf.certification().query("year == 2020").set_index("state")
    # 270toWin 2020-11-22: Florida listed as certified with no date given.
    assert pd.isna(cert.at["FL", "certified_date"])
    assert cert.at["FL", "certified_on_or_before"] == pd.Timestamp("2020-11-22")
    # No statutory deadline in HI, RI, TN (270toWin/Ballotpedia list, 2020-11-22).
    assert set(cert.index[cert.deadline_kind == "none"]) == {"HI", "RI", "TN"}
    # California had a deadline (Dec 11, 270toWin) but no certification date was read.
    assert cert.at["CA", "certification_deadline"] == pd.Timestamp("2020-12-11")
    assert pd.isna(cert.at["CA", "certified_date"])
    assert len(conf.certification()) == 153  # 51 jurisdictions x 2016, 2020, 2024


def test_recount_law_rows_and_the_arizona_change() -> None:
    law = conf.recount_law().set_index(["year_in_force", "state"])
    assert len(law) == 102
    # Arizona: 0.1 % of the top two's votes capped at 200 votes (A.R.S. 16-661, azfamily
    # 2020-11-06) -> 0.5 % after the 2022 law (Ballotpedia 2023, Herald 2024).
    az20, az24 = law.loc[(2020, "AZ")], law.loc[(2024, "AZ")]
    assert (az20.automatic_threshold_kind, az20.automatic_threshold_value) == ("pct_top_two", 0.1)
    assert (az20.automatic_vote_limit, az20.automatic_vote_limit_rule) == (200.0, "lesser_of")
    assert az24.automatic_threshold_value == 0.5
    # Wisconsin: requested recount within 1 %, free only within 0.25 % (WEC via WTMJ 2018).
    wi = law.loc[(2020, "WI")]
    assert (wi.requested_threshold_kind, wi.requested_threshold_value) == ("pct_total", 1.0)
    assert (wi.request_payer, wi.request_free_below_pct) == ("requester", 0.25)
    # Georgia: request within 0.5 %, petitioners not charged (georgia.gov).
    ga = law.loc[(2020, "GA")]
    assert (ga.requested_threshold_value, ga.request_payer) == (0.5, "public")


def test_milestones_2020_count_ended_0341_et_jan_7() -> None:
    # Count ended 3:41 a.m. ET Jan 7, 2021 (CBS "just after 3:40"; kacmedia) = 08:41 UTC.
    row = _one(conf.milestones(), year=2020, milestone="congress_counts_end")
    assert row.datetime_utc == pd.Timestamp("2021-01-07T08:41:00Z")
    # 2008's count was moved by law to 2009-01-08 (EAC timeline, AP).
    row = _one(conf.milestones(), year=2008, milestone="congress_counts")
    assert row.date == pd.Timestamp("2009-01-08")


@pytest.mark.parametrize(
    ("loader", "file", "column", "value", "field", "message"),
    [
        (conf.media_calls, "media_calls.csv", "unit", "XX", "unit", "unknown state"),
        (
            conf.media_calls,
            "media_calls.csv",
            "called_at_utc",
            "2020-11-07 16:25",
            "called_at_utc",
            "UTC",
        ),
        (
            conf.media_calls,
            "media_calls.csv",
            "time_precision",
            "hourly",
            "time_precision",
            "not one of",
        ),
        (
            conf.certification,
            "certification.csv",
            "certified_date",
            "2020-13-40",
            "certified_date",
            "ISO date",
        ),
        (conf.certification, "certification.csv", "year", "2019", "year", "election year"),
        (
            conf.recount_law,
            "recount_law.csv",
            "automatic_threshold_kind",
            "pct_all",
            "automatic_threshold_kind",
            "not one of",
        ),
        (conf.milestones, "milestones.csv", "milestone", "party", "milestone", "not one of"),
    ],
)
def test_bad_rows_name_file_line_field(
    monkeypatch: pytest.MonkeyPatch,
    loader: object,
    file: str,
    column: str,
    value: str,
    field: str,
    message: str,
) -> None:
    original = conf.read_table

    def broken(name: str) -> pd.DataFrame:
        df = original(name)
        if name == file:
            df.loc[4, column] = value  # the fifth data row: line 6 of the file
        return df

    monkeypatch.setattr(conf, "read_table", broken)
    conf.clear_caches()
    try:
        with pytest.raises(DataError, match=message) as err:
            loader()  # type: ignore[operator]
        assert (err.value.file, err.value.line, err.value.field) == (
            f"electoral/data/{file}",
            6,
            field,
        )
    finally:
        monkeypatch.undo()
        conf.clear_caches()
