"""Poll average: no leakage, house effects, trend adjustment, and the record of 2008-2020."""

from __future__ import annotations

import datetime as dt
import json

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from electoral.data.polls import POLL_COLUMNS, polls
from electoral.errors import DataError
from electoral.forecast.average import BANDWIDTHS, PollAverage, poll_average

AS_OF = dt.date(2020, 10, 1)


def make_polls(rows: list[tuple[str, str, int, int, float, int]]) -> pd.DataFrame:
    """Polls from ``(pollster, unit, start offset, end offset, margin, n)``; offsets in days
    from AS_OF (negative = before), margin a fraction; shares 46% +- margin/2."""
    out = []
    for i, (who, unit, a, b, margin, n) in enumerate(rows):
        out.append(
            {
                "poll_id": f"p{i}",
                "pollster": who,
                "unit": unit,
                "start_date": pd.Timestamp(AS_OF + dt.timedelta(days=a)),
                "end_date": pd.Timestamp(AS_OF + dt.timedelta(days=b)),
                "sample_size": n,
                "sample_imputed": False,
                "population": "lv",
                "mode": "",
                "dem": 46 + 50 * margin,
                "rep": 46 - 50 * margin,
                "dem_candidate": "Joe Biden",
                "rep_candidate": "Donald Trump",
                "source": "test",
            }
        )
    return pd.DataFrame(out, columns=list(POLL_COLUMNS))


#: True margins of a toy election and the house effects of four pollsters (mean zero).
TRUTH = {"US": 0.05, "PA": 0.03, "FL": -0.01, "WI": 0.04, "OH": -0.04}
BIAS = {"Blue Co": 0.03, "Lean D": 0.01, "Lean R": -0.01, "Red Co": -0.03}


def toy(seed: int = 1, weeks: int = 16) -> pd.DataFrame:
    """Every pollster polls every unit weekly (n = 1000) with its bias and sampling noise."""
    rng = np.random.default_rng(seed)
    rows = []
    for w in range(weeks):
        for j, (who, bias) in enumerate(BIAS.items()):
            for unit, m in TRUTH.items():
                noise = rng.normal(0.0, np.sqrt(0.92 / 1000))
                end = -1 - 7 * w - j
                rows.append((who, unit, end - 3, end, m + bias + noise, 1000))
    return make_polls(rows)


def test_house_effects_recovered_on_synthetic_data() -> None:
    # 26 weeks x 5 units = 130 polls per pollster, sampling sd 3 points each: an effect is
    # known to about 0.3 points; the unit averages (recency-weighted, about 20 polls) to
    # about 0.7 points.
    avg = poll_average(toy(weeks=26), year=2020, as_of=AS_OF)
    est = avg.house_effects
    for who, bias in BIAS.items():
        assert est[who] == pytest.approx(bias, abs=0.006), who
    assert list(est.sort_values().index) == ["Red Co", "Lean R", "Lean D", "Blue Co"]
    # with the house effects removed, each unit's average is its true margin
    for unit, m in TRUTH.items():
        assert avg.units.loc[unit, "margin"] == pytest.approx(m, abs=0.015), unit
    assert 0.01 < avg.params["house_effect_sd"] < 0.04


def test_a_pollster_seen_once_is_not_adjusted() -> None:
    lonely = make_polls([("Lonely", "NV", -10, -8, 0.02, 600)])
    avg = poll_average(pd.concat([toy(), lonely]), year=2020, as_of=AS_OF)
    assert avg.house_effects["Lonely"] == 0.0
    assert avg.units.loc["NV", "margin"] == pytest.approx(0.02, abs=0.002)


extra_poll = st.tuples(
    st.sampled_from(["Blue Co", "Red Co", "New Firm"]),
    st.sampled_from(["US", "PA", "NV", "ME-2"]),
    st.integers(0, 30),  # days after as_of that the poll ends (0 = on as_of: excluded)
    st.integers(0, 10),
    st.floats(-0.3, 0.3),
    st.integers(100, 30_000),
)


@settings(max_examples=25, deadline=None)
@given(extra=extra_poll)
def test_a_poll_ending_on_or_after_as_of_changes_nothing(
    extra: tuple[str, str, int, int, float, int],
) -> None:
    who, unit, end, length, margin, n = extra
    base = toy(weeks=6)
    late = make_polls([(who, unit, end - length, end, margin, n)]).assign(poll_id="late")
    with_late = pd.concat([base, late], ignore_index=True)
    a = poll_average(base, year=2020, as_of=AS_OF).to_dict()
    b = poll_average(with_late, year=2020, as_of=AS_OF).to_dict()
    assert a == b


def test_as_of_is_exclusive_and_defaults_to_election_eve() -> None:
    base = toy(weeks=4)
    day_before = make_polls([("Lonely", "NV", -5, -1, 0.0, 500)])
    on_the_day = make_polls([("Lonely", "AZ", -5, 0, 0.0, 500)])
    avg = poll_average(pd.concat([base, day_before, on_the_day]), year=2020, as_of=AS_OF)
    assert "NV" in avg.units.index and "AZ" not in avg.units.index
    eve = poll_average(base, year=2020)
    assert eve.as_of == dt.date(2020, 11, 2)  # Election Day 2020 was Tuesday, November 3


def test_overlapping_releases_of_a_tracking_poll_count_once() -> None:
    # A tracker releases a 7-day window every day for 21 days: days -28..-22 ... -8..-2.
    # Kept: the latest (ending -2, starting -8), then the latest ending before -8 (ending
    # -9, starting -15), then the one ending before -15 (ending -16).
    track = [("Tracker", "US", e - 6, e, 0.05, 2000) for e in range(-22, -1)]
    avg = poll_average(make_polls(track), year=2020, as_of=AS_OF)
    assert avg.units.loc["US", "n_polls"] == 3
    assert avg.params["overlapping_releases_dropped"] == 18


def test_national_trend_moves_a_state_polled_long_ago() -> None:
    # The nation moves from +2 to +6 over the last 60 days; Ohio (4 points right of the
    # nation) was polled only 60 days ago, at -2.  Moved by the national trend it is ~+2.
    rng = np.random.default_rng(3)
    nat = [
        ("Firm " + "ABC"[d % 3], "US", -d - 2, -d, 0.06 - 0.04 * d / 60 + rng.normal(0, 0.004),
         1500)
        for d in range(1, 61)
    ]  # fmt: skip
    ohio = [("Firm A", "OH", -62, -60, -0.02, 800), ("Firm B", "OH", -61, -59, -0.02, 800)]
    avg = poll_average(make_polls(nat + ohio), year=2020, as_of=AS_OF)
    assert avg.units.loc["US", "margin"] == pytest.approx(0.06, abs=0.008)
    assert avg.units.loc["OH", "margin"] == pytest.approx(0.02, abs=0.01)
    assert avg.params["trend_bandwidth_days"] in BANDWIDTHS


def test_standard_error_combines_sampling_and_dispersion() -> None:
    one = make_polls([("Solo", "NV", -6, -4, 0.02, 900)])
    avg = poll_average(pd.concat([toy(weeks=4), one]), year=2020, as_of=AS_OF)
    nv = avg.units.loc["NV"]
    assert nv.effective_n == pytest.approx(900)
    sampling = np.sqrt((0.47 + 0.45 - 0.02**2) / 900)
    sigma = avg.params["nonsampling_sd"]
    assert nv.se == pytest.approx(np.sqrt(sampling**2 + sigma**2))
    # many polls: the se is at least the sampling error of all their respondents
    us = avg.units.loc["US"]
    assert us.se >= 0.95 / np.sqrt(us.effective_n)
    assert us.n_polls == 16 and us.last_poll == dt.date(2020, 9, 30)


def test_to_dict_is_json_and_units_never_polled_are_absent() -> None:
    avg = poll_average(toy(weeks=3), year=2020, as_of=AS_OF)
    assert isinstance(avg, PollAverage)
    doc = json.loads(json.dumps(avg.to_dict()))
    assert doc["as_of"] == "2020-10-01" and doc["dem"] == "Joe Biden"
    assert set(doc["units"]) == set(TRUTH) and "CA" not in avg.units.index
    assert list(avg.units.columns) == ["margin", "se", "n_polls", "effective_n", "last_poll"]
    assert avg.units.index.name == "unit"


def test_no_polls_before_as_of_and_bad_input() -> None:
    avg = poll_average(toy(weeks=2), year=2020, as_of=dt.date(2019, 1, 1))
    assert avg.units.empty and avg.house_effects.empty and avg.dem == "Joe Biden"
    with pytest.raises(DataError, match="lack column 'unit'"):
        poll_average(toy(weeks=1).drop(columns="unit"), year=2020)


# -- the record -------------------------------------------------------------------------


def test_2016_national_average_on_election_eve() -> None:
    # Final published national averages, Clinton over Trump: RealClearPolitics +3.2
    # (46.8-43.6, 2016-11-07); 538's polls-only forecast about +3.6 (figure as cited in the
    # forecasting issue, not checked against a 538 file).  The result was +2.1 (FEC:
    # Clinton 48.2%, Trump 46.1%).  The polls, averaged, had Clinton ahead by 2-5 points.
    avg = poll_average(polls(2016), year=2016, as_of=dt.date(2016, 11, 7))
    assert (avg.dem, avg.rep) == ("Hillary Clinton", "Donald Trump")
    assert 0.015 < avg.units.loc["US", "margin"] < 0.05
    assert avg.units.loc["US", "n_polls"] > 300


#: 538's polling averages on 2020-10-16 (shared/data/polls/fte_presidential_poll_averages_
#: 2020_thru_2020-11-01.csv, modeldate 10/16/2020, pct_estimate Biden - Trump, points):
#: National 52.20798 - 41.86671 = +10.34.
FTE_2020_10_16 = {
    "US": 52.20798 - 41.86671,
    "PA": 6.439,
    "WI": 7.397,
    "MI": 7.523,
    "FL": 3.621,
    "NC": 2.799,
    "AZ": 3.357,
    "GA": 0.958,
}


def test_2020_average_mid_october_agrees_with_538() -> None:
    # The packaged 2020 polls end 2020-10-16; as of that day (polls that ended by Oct 15)
    # Biden leads nationally by 7-11 points, and in the battlegrounds our average is within
    # 1.5 points of 538's average of the same day.
    avg = poll_average(polls(2020), year=2020, as_of=dt.date(2020, 10, 16))
    assert 0.07 < avg.units.loc["US", "margin"] < 0.11
    for unit, fte in FTE_2020_10_16.items():
        assert 100 * avg.units.loc[unit, "margin"] == pytest.approx(fte, abs=1.5), unit


@pytest.mark.parametrize(
    ("year", "low", "high"),
    [
        # RealClearPolitics final national averages: 2008 Obama +7.6 (result +7.3);
        # 2012 Obama +0.7 (result +3.9).
        (2008, 0.045, 0.105),
        (2012, -0.01, 0.025),
    ],
)
def test_earlier_national_averages(year: int, low: float, high: float) -> None:
    avg = poll_average(polls(year), year=year)
    assert low < avg.units.loc["US", "margin"] < high


def test_real_polls_no_leakage() -> None:
    p = polls(2016)
    cut = dt.date(2016, 9, 15)
    full = poll_average(p, year=2016, as_of=cut)
    early = poll_average(p[p.end_date < pd.Timestamp(cut)], year=2016, as_of=cut)
    assert full.to_dict() == early.to_dict()
