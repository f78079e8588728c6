"""Recount law against the record: 2020 Georgia, Arizona and Wisconsin, and the combinations."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from electoral.analysis.scenario import Scenario, run
from electoral.engine import election, tally
from electoral.rules.recount import (
    RecountLaw,
    Threshold,
    assess,
    law_for,
    law_year_for,
    unit_status,
)

# Certified 2020 returns (the two leaders and the Libertarian):
# Georgia Secretary of State, recertified 2020-12-07 after the recount;
# Arizona Secretary of State, official canvass 2020-11-30;
# Wisconsin Elections Commission, canvass 2020-11-30.
GA_2020 = {"Joe Biden": 2_473_633, "Donald Trump": 2_461_854, "Jo Jorgensen": 62_229}
AZ_2020 = {"Joe Biden": 1_672_143, "Donald Trump": 1_661_686, "Jo Jorgensen": 51_465}
WI_2020 = {"Joe Biden": 1_630_866, "Donald Trump": 1_610_184, "Jo Jorgensen": 38_491}


def test_georgia_2020_within_its_request_threshold() -> None:
    # O.C.G.A. 21-2-495 (HB 316, 2019; georgia.gov "Election recount rules"): a losing
    # candidate may request a recount within 0.5 % of the votes; petitioners are not charged.
    # Biden's lead of 11,779 votes is about 0.24 %; Trump's campaign requested the recount
    # (Georgia Recorder 2020-11-21; recertified 2020-12-07).
    st = unit_status("GA", GA_2020, 2020)
    assert st is not None
    assert (st.status, st.kind, st.law_year) == ("requestable", "pct_total", 2020)
    assert st.margin_votes == 11_779
    assert st.margin == pytest.approx(0.00236, abs=0.00001)
    assert st.threshold == 0.005
    assert st.who_pays == "public"


def test_arizona_2020_outside_the_2020_law_inside_the_2024_law() -> None:
    # A.R.S. 16-661 before 2022: automatic recount at 0.1 % of the top two's votes, capped at
    # 200 votes (azfamily 2020-11-06: "Arizona is not in recount territory"); the 2022 law
    # raised it to 0.5 % (Ballotpedia 2023; the Herald 2024).  Margin 10,457 votes, ~0.31 %.
    st20 = unit_status("AZ", AZ_2020, 2020)
    assert st20 is not None
    assert st20.status == "none"
    assert st20.margin_votes == 10_457
    assert st20.threshold_votes == 200  # the lesser of 0.1 % (3,334 votes) and 200
    law24 = law_for("AZ", 2024)
    assert law24 is not None
    st24 = assess(law24, AZ_2020, "AZ")
    assert (st24.status, st24.law_year, st24.who_pays) == ("automatic", 2024, "public")
    assert st24.margin == pytest.approx(0.0031, abs=0.0001)


def test_wisconsin_2020_requestable_requester_pays() -> None:
    # Wis. Stat. 9.01 (2017 Act 120): a candidate trailing by 1 % or less may petition; the
    # state pays only within 0.25 % (WEC rules via WTMJ 2018).  The Trump campaign paid about
    # $3 million for the partial recount of Dane and Milwaukee counties (WEC, 2020-11-18).
    st = unit_status("WI", WI_2020, 2020)
    assert st is not None
    assert (st.status, st.who_pays) == ("requestable", "requester")
    assert st.margin == pytest.approx(0.0063, abs=0.0001)
    assert st.threshold == 0.01


def test_law_in_force() -> None:
    assert [law_year_for(y) for y in (2012, 2016, 2020, 2024, 2028)] == [
        None,
        2020,
        2020,
        2024,
        2024,
    ]
    assert unit_status("GA", GA_2020, 2012) is None
    law = law_for("ME-2", 2020)
    assert law is not None and law.state == "ME"  # a district takes its state's law


_NO_RULE = Threshold("none")


def _law(auto: Threshold, req: Threshold = _NO_RULE, *, available: bool = True) -> RecountLaw:
    return RecountLaw("XX", 2024, auto, req, available, "requester")


def test_hawaii_greater_of_became_lesser_of() -> None:
    # HRS 11-158 (Act 135 of 2019): recount if the margin is 100 votes or 0.25 %, whichever is
    # greater; amended in 2024 (L 2024, c 1) to whichever is lesser.  On 100,000 votes 0.25 % is
    # 250 votes: a 200-vote margin is within the 2020 rule, outside the 2024 one.
    votes = {"A": 50_100, "B": 49_900}
    old, new = law_for("HI", 2020), law_for("HI", 2024)
    assert old is not None and new is not None
    assert assess(old, votes).status == "automatic"
    assert assess(new, votes).status == "none"
    assert assess(old, votes).threshold_votes == 250
    assert assess(new, votes).threshold_votes == 100


def test_washington_needs_both_conditions() -> None:
    # RCW 29A.64.021: machine recount if the margin is under 2,000 votes AND under 0.5 % of the
    # top two's votes.  3,000 votes of 1,000,000 is 0.3 % but more than 2,000 votes.
    wa = law_for("WA", 2020)
    assert wa is not None
    assert assess(wa, {"A": 501_500, "B": 498_500}).status == "none"
    assert assess(wa, {"A": 500_900, "B": 499_100}).status == "automatic"


def test_kinds_and_combinations() -> None:
    votes = {"A": 10_050, "B": 9_950, "C": 1_000}  # gap 100; 0.476 % of all, 0.5 % of top two
    assert assess(_law(Threshold("pct_total", 0.5)), votes).status == "automatic"
    assert assess(_law(Threshold("pct_top_two", 0.5)), votes).status == "automatic"
    assert assess(_law(Threshold("pct_top_two", 0.49)), votes).status == "none"
    assert assess(_law(Threshold("pct_winner", 1.0)), votes).status == "automatic"  # 0.995 %
    assert assess(_law(Threshold("pct_winner", 0.99)), votes).status == "none"
    assert assess(_law(Threshold("votes", 100)), votes).status == "automatic"
    assert assess(_law(Threshold("votes", 99)), votes).status == "none"
    assert assess(_law(Threshold("tie_only")), votes).status == "none"
    assert assess(_law(Threshold("tie_only")), {"A": 7, "B": 7}).status == "automatic"
    lesser = Threshold("pct_total", 1.0, 50, "lesser_of")
    either = Threshold("pct_total", 0.1, 150, "either")
    assert assess(_law(lesser), votes).status == "none"  # 100 > 50 votes
    assert assess(_law(either), votes).status == "automatic"  # 100 <= 150 votes
    assert (
        assess(_law(Threshold("none"), Threshold("pct_total", 1.0)), votes).status == "requestable"
    )
    no_request = _law(Threshold("none"), Threshold("pct_total", 1.0), available=False)
    assert assess(no_request, votes).status == "none"


def test_2020_counts_carry_the_recount_and_none_changes_the_majority() -> None:
    # 2020: Biden 306 pledged; no single state within a recount (GA 16, WI 10) could take him
    # below 270 (National Archives, 2020 certificates of ascertainment).
    d = election(2020).to_dict()["pledged"]
    assert d["states"]["GA"]["recount"]["status"] == "requestable"
    assert d["states"]["AZ"]["recount"]["status"] == "none"
    assert d["states"]["WI"]["recount"]["status"] == "requestable"
    assert {"GA", "WI"} <= set(d["recounts"]["within"])
    assert d["recounts"]["could_change_majority"] == []


def test_a_recount_that_could_change_the_majority() -> None:
    # 2020 with PA (20) and MI (16) flipped: Biden 306 - 36 = 270, exactly a majority, so a flip
    # of Georgia, Wisconsin or New Hampshire alone would take it away.  NH's 7.35 % margin is
    # within its requested-recount rule: any candidate whose difference from the winner is
    # under 20 % of the votes cast may apply (RSA 660:1; CEIMN, Politico 2016).
    r = run(Scenario(2020, flips={"PA": "Donald Trump", "MI": "Donald Trump"}))
    d = r.to_dict()
    assert d["president"]["tally"]["Joe Biden"] == 270
    assert d["states"]["GA"]["recount"]["status"] == "requestable"
    assert set(d["recounts"]["could_change_majority"]) == {"GA", "NH", "WI"}
    assert "AZ" not in d["recounts"]["within"]  # 0.31 %, over the 2020 law's 200 votes


def test_tally_json_and_web(tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    lines = ["state,candidate,votes"]
    for st, votes in (("GA", GA_2020), ("AZ", AZ_2020), ("WI", WI_2020)):
        lines += [f"{st},{c},{v}" for c, v in votes.items()]
    path.write_text("\n".join(lines) + "\n")
    d = tally(path, year=2020).to_dict()
    assert {st: d["states"][st]["recount"]["status"] for st in ("GA", "AZ", "WI")} == {
        "GA": "requestable",
        "AZ": "none",
        "WI": "requestable",
    }
    assert set(d["states"]["GA"]["recount"]) >= {"status", "margin", "threshold", "law_year"}
    from electoral.web import create_app

    with TestClient(create_app(str(tmp_path / "s.db"))) as c:
        got = c.post(
            "/api/tally?year=2024", content=path.read_text(), headers={"content-type": "text/csv"}
        )
        assert got.status_code == 200, got.text
        assert got.json()["states"]["AZ"]["recount"]["status"] == "automatic"  # 2024 law
        ev = c.post("/api/scenarios/evaluate", json={"base": 2020}).json()
        assert (
            ev["states"]["GA"]["recount"]["status"],
            ev["states"]["GA"]["recount"]["law_year"],
        ) == (
            "requestable",
            2020,
        )
        el = c.get("/api/elections/2020").json()
        assert el["pledged"]["states"]["WI"]["recount"]["who_pays"] == "requester"


def test_tally_table_shows_the_recount(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from electoral.cli import app

    path = tmp_path / "r.csv"
    rows = ["state,candidate,votes"] + [f"GA,{c},{v}" for c, v in GA_2020.items()]
    path.write_text("\n".join(rows) + "\n")
    r = CliRunner().invoke(app, ["tally", str(path), "--year", "2020"], env={"COLUMNS": "160"})
    assert r.exit_code == 0, r.output
    assert "requestable 0.24% / 0.50%" in r.output  # GA 2020: 11,779 of 4,997,716 votes
    assert "Within a recount" in r.output


def test_votes_set_aside_count_for_no_one_in_the_recount_check() -> None:
    # 2020 with the votes of PA (20), MI (16) and AZ (11) set aside by sustained objections:
    # 538 - 47 = 491 electors counted, majority 246, Biden 306 - 47 = 259, Trump 232
    # (electoral votes: National Archives, 2020 certificates of ascertainment).  Georgia's 16
    # alone would leave Biden 243 and give Trump 248: a recount there could change the
    # majority; Wisconsin's 10 could not (249 and 242), nor could set-aside Arizona's.
    from electoral import data

    rows = data.returns_table()
    rows = rows[rows.year == 2020][["state", "candidate", "votes"]]
    objections = [f"{st}:not-lawfully-certified" for st in ("PA", "MI", "AZ")]
    d = tally(rows, year=2020, objections=objections).to_dict()
    assert d["president"]["majority"] == 246
    assert d["president"]["tally"]["Joe Biden"] == 259
    assert d["recounts"]["could_change_majority"] == ["GA"]
    # With Georgia's own votes set aside instead of Arizona's (PA, MI, GA: 52 electors; 486
    # counted, majority 244, Biden 254), a recount in Georgia can change nothing, and
    # Wisconsin's 10 would leave Biden exactly 244, still a majority.
    objections = [f"{st}:not-lawfully-certified" for st in ("PA", "MI", "GA")]
    d = tally(rows, year=2020, objections=objections).to_dict()
    assert (d["president"]["majority"], d["president"]["tally"]["Joe Biden"]) == (244, 254)
    assert d["recounts"]["could_change_majority"] == []
