"""The confirmation timeline against the record (`electoral timeline YEAR [--on DATE] --json`)."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pandas as pd
import pytest
from typer.testing import CliRunner

from electoral.cli import app
from electoral.confirmation import stages as tl
from electoral.data import confirmation as conf
from electoral.rules.calendar import calendar

runner = CliRunner()


def _json(*args: str) -> dict[str, Any]:
    r = runner.invoke(app, ["timeline", *args, "--json"])
    assert r.exit_code == 0, r.output
    doc: dict[str, Any] = json.loads(r.stdout)
    return doc


@pytest.fixture(scope="module")
def t2020() -> dict[str, Any]:
    return _json("2020")


def test_2020_national_stages(t2020: dict[str, Any]) -> None:
    # AP called the race for Biden at 11:25 a.m. EST on 2020-11-07 (AP stories); the electors
    # cast Biden's 306 votes on 2020-12-14 (NARA 2020 certificates of vote); Congress's count
    # ended at 3:41 a.m. EST on 2021-01-07 (CBS "just after 3:40"; Congressional Record).
    assert t2020["national"]["projected"] == "2020-11-07"
    assert t2020["national_detail"]["projected"]["at"] == "2020-11-07T16:25:00Z"
    assert t2020["national"]["cast"] == "2020-12-14"
    assert t2020["national_detail"]["cast"]["electoral_votes"]["Joe Biden"] == 306
    assert t2020["national"]["counted"] == "2021-01-07"
    assert t2020["national_detail"]["counted"]["at"] == "2021-01-07T08:41:00Z"
    assert t2020["confirmed"]["date"] == "2021-01-07"
    assert "3 U.S.C. § 15" in t2020["confirmed"]["reason"]
    # Certified: only 22 states have a date or an "on or before" in the data; 270toWin says all
    # 50 and DC had certified by 2020-12-08, so the majority is certified by then -- a bound.
    assert t2020["national"]["certified"] == "2020-12-08"
    assert t2020["national_detail"]["certified"]["exact"] is False


def test_2020_states(t2020: dict[str, Any]) -> None:
    s = t2020["states"]
    # AP called Arizona at 2:50 a.m. EST Nov 4 (Sally Buzbee via IANS).
    assert (s["AZ"]["called"]["desk"], s["AZ"]["called"]["at"]) == ("AP", "2020-11-04T07:50:00Z")
    # Pennsylvania certified 2020-11-24 (Politico; PA Department of State).
    assert s["PA"]["certified"]["date"] == "2020-11-24"
    assert s["PA"]["certified"]["status"] == "certified"
    # California: only the deadline (Dec 11, 270toWin) -- not a certification date.
    assert s["CA"]["certified"]["status"] == "deadline_only"
    assert s["CA"]["certified"]["date"] is None
    assert s["CA"]["certified"]["deadline"] == "2020-12-11"
    # Georgia: full hand audit (Nov 13-19) and the Trump campaign's machine recount;
    # Wisconsin: the campaign's paid recount of Dane and Milwaukee counties (WEC, Nov 2020).
    assert s["GA"]["recount"]["status"] == "requested"
    assert {h["kind"] for h in s["GA"]["recount"]["held"]} == {"audit", "requested"}
    assert s["GA"]["recount"]["law"]["status"] == "requestable"
    assert s["WI"]["recount"]["status"] == "requested"
    assert "Dane and Milwaukee" in s["WI"]["recount"]["held"][0]["outcome"]
    assert s["AZ"]["recount"]["status"] == "none"
    assert s["TX"]["electors_voted"] == {"date": "2020-12-14", "votes": {"Donald Trump": 38}}
    # Objections in the joint session (Congressional Record): Arizona on Jan 6, PA on Jan 7.
    assert [o["date"] for o in s["AZ"]["counted"]["objections"]] == ["2021-01-06"]
    assert [o["date"] for o in s["PA"]["counted"]["objections"]] == ["2021-01-07"]
    assert set(s) == set(t2020["states"]) and len(s) == 51


def test_2020_on_november_20() -> None:
    d = _json("2020", "--on", "2020-11-20")
    assert d["as_of"] == "2020-11-20"
    # Georgia certified on 2020-11-20 (Georgia Recorder); no other exact date is that early,
    # and the 11 states listed "certified as of 2020-11-22" are not known certified on the 20th.
    assert d["certified_states"] == ["GA"]
    assert d["electoral_votes"]["certified"] == {"Joe Biden": 16}
    assert d["electoral_votes"]["cast"] == {} and d["electoral_votes"]["counted"] == {}
    assert d["states"]["GA"]["stage"] == "certified"
    assert d["states"]["PA"]["stage"] == "called"
    assert "PA" in d["open"] and "GA" not in d["open"]
    # AP had called Biden's states by then except DC (no call in the data): 306 - 3.
    assert d["electoral_votes"]["projected"]["Joe Biden"] == 303


def test_2020_on_november_24() -> None:
    d = _json("2020", "--on", "2020-11-24")
    # Exact dates: GA 11-20; AL, MI 11-23 (Fox10, Detroit News); NV, NC, PA 11-24 (Politico);
    # listed as certified by 2020-11-22 (270toWin): DE FL GA ID LA OK SC SD VT VA WY.
    want = {"GA", "AL", "MI", "NV", "NC", "PA"}
    want |= {"DE", "FL", "ID", "LA", "OK", "SC", "SD", "VT", "VA", "WY"}
    assert set(d["certified_states"]) == want


def test_on_outside_the_period_and_bad_dates() -> None:
    r = runner.invoke(app, ["timeline", "2020", "--on", "2021-01-21", "--json"])
    assert r.exit_code == 2
    assert "outside the 2020 confirmation period" in r.output
    assert "Inauguration Day 2021-01-20" in r.output
    r = runner.invoke(app, ["timeline", "2020", "--on", "2020-11-02"])
    assert r.exit_code == 2 and "Election Day 2020-11-03" in r.output
    r = runner.invoke(app, ["timeline", "2020", "--on", "Nov 20"])
    assert r.exit_code == 2 and "field 'on'" in r.output and "Traceback" not in r.output
    r = runner.invoke(app, ["timeline", "2022"])
    assert r.exit_code == 2 and "2000-2024" in r.output


def test_2000_no_call_florida_recount() -> None:
    d = _json("2000")
    # AP did not call the 2000 race (AP, quoted by the Daily Wire); electors 2000-12-18 gave
    # Bush 271 (NARA); Congress counted on 2001-01-06 (Congressional Record vol. 147).
    assert d["national"]["projected"] is None
    assert d["national"]["cast"] == "2000-12-18"
    assert d["national_detail"]["cast"]["electoral_votes"]["George W. Bush"] == 271
    assert d["national"]["counted"] == "2001-01-06"
    fl = d["states"]["FL"]
    assert fl["certified"]["date"] == "2000-11-26"  # Bush by 537 votes (Politico)
    assert fl["recount"]["status"] == "automatic"


def test_2016_and_2024() -> None:
    d = _json("2016")
    # AP called 2016 for Trump at 2:29 a.m. EST Nov 9 (AP); Stein's recounts: WI statewide,
    # PA petitions rejected (AP, 2016-12-12); electors met 2016-12-19, Trump 304 (NARA).
    assert d["national"]["projected"] == "2016-11-09"
    assert d["states"]["WI"]["recount"]["status"] == "requested"
    assert d["states"]["WI"]["certified"]["date"] == "2016-12-12"
    assert d["national_detail"]["cast"]["electoral_votes"]["Donald Trump"] == 304
    d = _json("2024")
    # AP 5:34 a.m. EST Nov 6, 2024; electors 2024-12-17 (Trump 312); count 2025-01-06.
    assert d["national"]["projected"] == "2024-11-06"
    assert d["national"]["cast"] == "2024-12-17"
    assert d["national_detail"]["cast"]["electoral_votes"]["Donald Trump"] == 312
    assert d["national"]["counted"] == "2025-01-06"
    # ECRA: certificates of ascertainment due 2024-12-11; Arizona certified 2024-11-25 (KNAU).
    assert d["states"]["AZ"]["certified"]["date"] == "2024-11-25"
    assert d["states"]["CA"]["certified"]["known_by"] == "2024-12-11"


@pytest.mark.parametrize("year", tl.YEARS)
def test_record_agrees_with_the_calendar_rules(year: int) -> None:
    # The milestones (record) and the federal calendar (law) give the same electors' day and
    # joint session for every year -- 2008 and 2012 included, moved by statute.
    ms = conf.milestones()
    ms = ms[ms.year == year].set_index("milestone").date
    cal = calendar(year)
    assert ms["electors_meet"].date() == cal.electors_meet.date
    assert ms["congress_counts"].date() == cal.congress_counts.date


def test_stages_never_go_back() -> None:
    t = tl.timeline(2020)
    order = {s: i for i, s in enumerate(tl.STAGES)}
    day, last = t.start, {st: 0 for st in t.states}
    while day <= t.end:
        for st, stage in t.on(day).stages.items():
            assert order[stage] >= last[st]
            last[st] = order[stage]
        day += dt.timedelta(days=1)
    assert set(last.values()) == {order["counted"]}


def test_the_standing_on_a_day_uses_nothing_later(monkeypatch: pytest.MonkeyPatch) -> None:
    day = dt.date(2020, 11, 23)
    before = tl.timeline(2020).on(day).to_dict()
    cut = pd.Timestamp(day)
    calls, certs = conf.media_calls(), conf.certification()
    future_calls = calls[calls.called_date_et <= cut]
    future_certs = certs.copy()
    for col in ("certified_date", "certified_on_or_before"):
        future_certs.loc[future_certs[col] > cut, col] = pd.NaT
    future_certs["certified_notes"] = ""  # drops 270toWin's Dec 8 "all certified" note too
    monkeypatch.setattr(conf, "media_calls", lambda: future_calls)
    monkeypatch.setattr(conf, "certification", lambda: future_certs)
    tl.timeline.cache_clear()
    try:
        after = tl.timeline(2020).on(day).to_dict()
    finally:
        monkeypatch.undo()
        tl.timeline.cache_clear()
    assert after == before
