"""Candidate names: one canonical spelling per person."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from electoral.data import name_book
from electoral.names import NameBook, display_form, name_key


@pytest.mark.parametrize(
    ("raw", "canonical"),
    [
        ("TRUMP, DONALD J.", "Donald Trump"),
        ("DONALD J TRUMP", "Donald Trump"),
        ("Donald J. Trump", "Donald Trump"),
        ("BIDEN, JOSEPH R. JR", "Joe Biden"),
        ("Joseph R. Biden", "Joe Biden"),
        ("BUSH, GEORGE H.W.", "George H. W. Bush"),
        ("BUSH, GEORGE W.", "George W. Bush"),
        ("MITT, ROMNEY", "Mitt Romney"),
        ("HARRIS, KAMALA D.", "Kamala Harris"),
        ("KAMALA D HARRIS", "Kamala Harris"),
        ('PAUL, RONALD ""RON""', "Ron Paul"),
    ],
)
def test_known_spellings(raw: str, canonical: str) -> None:
    assert name_book().canonical(raw) == canonical


def test_father_and_son_stay_apart() -> None:
    book = name_book()
    assert book.canonical("George H. W. Bush") != book.canonical("George W. Bush")


def test_unknown_names_get_a_display_form() -> None:
    assert display_form("DE LA CRUZ, CLAUDIA") == "Claudia De La Cruz"
    assert name_book().canonical("Someone New") == "Someone New"


def test_conflicting_aliases_are_refused() -> None:
    with pytest.raises(ValueError):
        NameBook({"SMITH, JOHN": "John Smith", "John Smith": "Johnny Smith"})


words = st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZ", min_size=2, max_size=8)


@given(first=words, last=words, initial=st.sampled_from(["", "Q.", "Q"]))
def test_last_comma_first_equals_first_last(first: str, last: str, initial: str) -> None:
    middle = f" {initial}" if initial else ""
    assert name_key(f"{last}, {first}{middle}") == name_key(f"{first}{middle} {last}")
    assert name_key(f"{last}, {first}{middle} JR") == name_key(f"{first}{middle} {last}")


def test_find_prefers_the_exact_name_then_a_unique_last_name() -> None:
    from electoral.names import find

    pool = ["Bill Clinton", "Hillary Clinton", "Donald Trump"]
    assert find("Hillary Clinton", pool) == "Hillary Clinton"
    assert find("Trump", pool) == "Donald Trump"
    assert find("Clinton", pool) is None  # shared last name: nobody, unless told otherwise
    assert find("Clinton", pool, unique=False) == "Bill Clinton"
    assert find("Nobody", pool) is None
