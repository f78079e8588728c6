"""Objections under the Electoral Count Reform Act of 2022 (3 U.S.C. § 15 as amended)."""

from __future__ import annotations

import pytest

import electoral
from electoral.errors import DataError
from electoral.rules.objections import Objection, rule_on

CAST = {"AA": {"Ann": 5}, "BB": {"Bob": 3}, "CC": {"Ann": 1}}
ELECTORS = {"AA": 5, "BB": 3, "CC": 1}


def test_not_lawfully_certified_reduces_the_whole_number() -> None:
    r = rule_on([Objection("AA", "not-lawfully-certified")], CAST, ELECTORS)
    (ruling,) = r.rulings
    assert "AA" not in r.counted and r.removed == 5 and ruling.sustained


def test_not_regularly_given_sets_votes_aside_electors_stay() -> None:
    r = rule_on([Objection("AA", "not-regularly-given", votes={"Ann": 2})], CAST, ELECTORS)
    assert r.counted["AA"] == {"Ann": 3} and r.removed == 0


@pytest.mark.parametrize(
    ("objection", "reason"),
    [
        # One-fifth of each House must sign: 20 of 100 senators, 87 of 435 representatives.
        (Objection("AA", "not-regularly-given", senate_signers=19), "not in order"),
        (Objection("AA", "not-regularly-given", house_signers=86), "not in order"),
        # Both Houses must sustain.
        (Objection("AA", "not-regularly-given", senate_sustains=False), "not sustained"),
    ],
)
def test_objection_that_fails(objection: Objection, reason: str) -> None:
    r = rule_on([objection], CAST, ELECTORS)
    (ruling,) = r.rulings
    assert r.counted == CAST and r.removed == 0 and reason in ruling.reason


def test_parse() -> None:
    o = Objection.parse("pa:not-regularly-given:house")
    assert (o.state, o.ground, o.house_sustains, o.senate_sustains) == (
        "PA",
        "not-regularly-given",
        True,
        False,
    )
    with pytest.raises(DataError):
        Objection.parse("PA:because")


def test_2020_scenario_majority_of_electors_appointed() -> None:
    # If Congress had set aside PA (20), GA (16), AZ (11) and WI (10) as not lawfully
    # certified, 538 - 57 = 481 electors would remain appointed, majority 241; Biden's
    # 306 - 57 = 249 (NARA 2020 state results) would still be a majority.
    objections = [f"{s}:not-lawfully-certified" for s in ("PA", "GA", "AZ", "WI")]
    r = electoral.election(2020, objections=objections)
    assert (r.electors, r.majority) == (481, 241)
    assert dict(r.president.tally) == {"Joe Biden": 249, "Donald Trump": 232}
    assert r.president.winner == "Joe Biden"


def test_tally_with_objection_can_deny_a_majority() -> None:
    # Toy: CA 54 Ann, TX 40 Bob, FL 30 Bob, NY 28 Ann -> Ann 82 of 152 (77 needed).
    # Votes of NY not regularly given: Ann 54 < 77 and electors stay 152 -> House.
    import pandas as pd

    df = pd.DataFrame(
        {
            "state": ["CA", "TX", "FL", "NY"],
            "candidate": ["Ann", "Bob", "Bob", "Ann"],
            "votes": [9, 9, 9, 9],
        }
    )
    r = electoral.tally(df, objections=["NY:not-regularly-given"])
    assert (r.electors, r.majority, r.president.winner, r.president.decided_by) == (
        152,
        77,
        None,
        "house",
    )


def test_an_objection_to_maines_certificate_removes_its_district_electors_too() -> None:
    """A sustained not-lawfully-certified objection sets aside the state's certificate:
    all its electors, statewide and by district (3 U.S.C. 15(e)(2)); Maine 2020 cast 2
    at-large, 1 ME-1 and 1 ME-2 (Biden 3, Trump 1; National Archives)."""
    cast = {
        "ME": {"Joe Biden": 2},
        "ME-1": {"Joe Biden": 1},
        "ME-2": {"Donald Trump": 1},
        "NH": {"Joe Biden": 4},
    }
    electors = {"ME": 2, "ME-1": 1, "ME-2": 1, "NH": 4}
    ruled = rule_on([Objection("ME", "not-lawfully-certified")], cast, electors)
    (ruling,) = ruled.rulings
    assert ruled.counted == {"NH": {"Joe Biden": 4}}
    assert ruled.removed == 4 and ruling.electors_removed == 4
    assert dict(ruling.votes_set_aside) == {"Joe Biden": 3, "Donald Trump": 1}
