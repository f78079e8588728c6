"""Contingent elections on small, hand-worked cases."""

from __future__ import annotations

import pytest

from electoral.errors import RuleError
from electoral.rules.contingent import house_election, senate_election
from electoral.rules.count import count_dual


def test_house_needs_a_majority_of_all_states() -> None:
    # 5 states: 3 needed.  Ballot 1: A 2, B 2, one divided -> no choice; ballot 2: A 3.
    b1 = {"S1": "A", "S2": "A", "S3": "B", "S4": "B", "S5": None}
    b2 = {"S1": "A", "S2": "A", "S3": "A", "S4": "B", "S5": None}
    r = house_election([(1, 1, b1), (2, 2, b2)], 5, ["A", "B", "C"])
    assert (r.needed, r.winner, len(r.ballots)) == (3, "A", 2)
    assert r.ballots[0].no_vote == 1


def test_house_deadlock_has_no_winner() -> None:
    b = {"S1": "A", "S2": "B", "S3": None, "S4": None}
    assert house_election([(1, 10, b)], 4, ["A", "B"]).winner is None


def test_house_choice_outside_the_field_is_an_error() -> None:
    with pytest.raises(RuleError, match="not among"):
        house_election([(1, 1, {"S1": "Z", "S2": "A", "S3": "A"})], 3, ["A", "B", "C"])


def test_house_quorum_two_thirds_of_states() -> None:
    # 6 states: a quorum is members from 4 states.
    with pytest.raises(RuleError, match="quorum"):
        house_election([(1, 1, {"S1": "A", "S2": "A", "S3": "A"})], 6, ["A", "B"])


def test_senate_majority_of_whole_number() -> None:
    # 100 senators: 51 needed even if only 80 vote.
    assert senate_election({"A": 50, "B": 30}, 100, ["A", "B"], not_voting=20).winner is None
    assert senate_election({"A": 51, "B": 29}, 100, ["A", "B"]).winner == "A"


def test_dual_ballot_majority_and_runner_up() -> None:
    # 10 electors, 20 votes, majority 6: A 9, B 7, C 4 -> A president, B vice president.
    p, v = count_dual({"A": 9, "B": 7, "C": 4}, 10)
    assert (p.majority, p.winner, v.winner) == (6, "A", "B")


def test_dual_ballot_tie_of_majorities_goes_to_house() -> None:
    # 1800's shape: two with a majority and equal votes.
    p, v = count_dual({"A": 8, "B": 8, "C": 4}, 10)
    assert p.winner is None and p.contingent is not None
    assert set(p.contingent.candidates) == {"A", "B"} and v.winner is None


def test_dual_ballot_no_majority_top_five() -> None:
    p, _ = count_dual({"A": 5, "B": 5, "C": 4, "D": 3, "E": 2, "F": 1}, 10)
    assert p.contingent is not None and p.contingent.candidates == ("A", "B", "C", "D", "E")


def test_dual_ballot_tie_for_second_goes_to_senate() -> None:
    p, v = count_dual({"A": 10, "B": 5, "C": 5}, 10)
    assert p.winner == "A" and v.decided_by == "senate"
    assert v.contingent is not None and set(v.contingent.candidates) == {"B", "C"}
