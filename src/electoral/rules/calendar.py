"""The presidential election calendar, from the law in force in the year asked about.

Every date comes with the rule that fixed it, in words. The eras encoded here:

* Election day -- the Confederation Congress resolution of September 13, 1788 (first
  Wednesday in January 1789); the Act of March 1, 1792 (1 Stat. 239; a window of 34 days
  before the first Wednesday in December, so no single date); the Act of January 23, 1845
  (5 Stat. 721; Tuesday next after the first Monday in November, from 1848), carried into
  3 U.S.C. § 1 in 1948 and kept by the Electoral Count Reform Act of 2022 (ECRA).
* Electors meet -- first Wednesday in February 1789 (1788 resolution); first Wednesday in
  December (1792 Act, § 2, elections of 1792-1884); second Monday in January (Electoral
  Count Act of February 3, 1887, § 1, 24 Stat. 373, elections of 1888-1932); first Monday
  after the second Wednesday in December (Act of June 5, 1934, 48 Stat. 879, from 1936;
  3 U.S.C. § 7 from 1948); first Tuesday after the second Wednesday in December (ECRA, 2024 on).
  Sources conflict on the pre-1934 day: Time (Dec. 21, 1936) says electors had met "on the
  first Wednesday in January"; the statute (24 Stat. 373) and the states' 1889 conforming
  acts say the second Monday in January, which is what is encoded. The 1936-1944 electors met
  in December (Time, Dec. 21, 1936; Dec. 1944), not in January.
* Certificate deadline -- none before the Electoral Count Act; its § 2 "safe harbor" (six days
  before the electors meet; 3 U.S.C. § 5 from 1948) for 1888-2020; ECRA's 3 U.S.C. § 5(a)(1)
  deadline for the governor's certificate, six days before the electors meet, from 2024.
* Congress counts -- April 6, 1789 (first quorum of both Houses); second Wednesday in February
  (1792 Act, § 5; Electoral Count Act, § 4); January 6 (1934 Act; 3 U.S.C. § 15), unless a
  statute moved it (``_MOVED_COUNTS``).
* Term begins -- March 4 (1788 resolution; 1792 Act, later R.S. § 152) through the term of
  1933; January 20 (20th Amendment, § 1; 1934 Act, § 1) from the term of 1937.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from electoral.errors import RuleError

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["FIRST_ELECTION", "LAST_ELECTION", "CalendarEvent", "ElectionCalendar", "calendar"]

FIRST_ELECTION = 1788
"""The first presidential election (1788-89); ``1789`` is accepted as its alias."""
LAST_ELECTION = 9996
"""The last election year whose whole calendar fits in :class:`datetime.date`."""

_MON, _TUE, _WED, _THU, _SUN = 0, 1, 2, 3, 6
_ECRA = "the Electoral Count Reform Act of 2022 (Pub. L. 117-328, div. P, title I)"
_ECA = "the Electoral Count Act of February 3, 1887 (24 Stat. 373)"
_ACT_1792 = "the Act of March 1, 1792 (1 Stat. 239)"
_ACT_1934 = "the Act of June 5, 1934 (48 Stat. 879)"
_CODE_1948 = "the Act of June 25, 1948 (62 Stat. 672)"
_RESOLUTION_1788 = "Resolution of the Confederation Congress of September 13, 1788"

# Counts that a law (or, for 1957-1997, Congress) moved off the statutory day, keyed by the
# election year. Each date was checked against the official record: the Electoral Commission
# Act (19 Stat. 227, "first Thursday in February" 1877) and the count beginning February 1;
# history.house.gov ("the date of the count was changed in 1957, 1985, 1989, 1997, 2009, and
# 2013"); S. Con. Res. 1, 85th Cong. (Monday, January 7, 1957); the Congressional Record of
# January 7, 1985; press reports of the counts of Wednesday January 4, 1989 and Thursday
# January 9, 1997; the enrolled H.J. Res. 100 (110th Cong.) and H.J. Res. 122 (112th Cong.).
# The enacting measures for 1957-1997 were not identified, so none is cited for them.
_MOVED_COUNTS: dict[int, tuple[dt.date, str]] = {
    1876: (
        dt.date(1877, 2, 1),
        "Act of January 29, 1877 (19 Stat. 227), the Electoral Commission Act: "
        "the two Houses to meet on the first Thursday in February 1877",
    ),
    1956: (
        dt.date(1957, 1, 7),
        "3 U.S.C. § 15 (January 6, a Sunday in 1957), date changed by Congress: "
        "joint session held Monday, January 7, 1957 (S. Con. Res. 1, 85th Congress)",
    ),
    1984: (
        dt.date(1985, 1, 7),
        "3 U.S.C. § 15 (January 6, a Sunday in 1985), date changed by Congress: "
        "joint session held Monday, January 7, 1985",
    ),
    1988: (
        dt.date(1989, 1, 4),
        "3 U.S.C. § 15 (January 6), date changed by Congress: "
        "joint session held Wednesday, January 4, 1989",
    ),
    1996: (
        dt.date(1997, 1, 9),
        "3 U.S.C. § 15 (January 6), date changed by Congress: "
        "joint session held Thursday, January 9, 1997",
    ),
    2008: (
        dt.date(2009, 1, 8),
        "H.J. Res. 100, 110th Congress, § 2: count held on January 8, 2009 "
        "rather than on the date specified in 3 U.S.C. § 15",
    ),
    2012: (
        dt.date(2013, 1, 4),
        "H.J. Res. 122, 112th Congress (signed December 28, 2012): count held on "
        "January 4, 2013 rather than on the date specified in 3 U.S.C. § 15",
    ),
}


@dataclass(frozen=True)
class CalendarEvent:
    """One step of the calendar.

    Attributes
    ----------
    name : str
        ``"election_day"``, ``"certificate_deadline"``, ``"electors_meet"``,
        ``"congress_counts"`` or ``"term_begins"``.
    date : datetime.date or None
        The day the law fixed, or ``None`` where it fixed no single day.
    rule : str
        The rule that fixed it, cited in words.
    note : str or None
        What the rule alone does not say (a moved date, a Sunday, a window).
    """

    name: str
    date: dt.date | None
    rule: str
    note: str | None = None


@dataclass(frozen=True)
class ElectionCalendar:
    """The calendar of one presidential election, from election day to the new term."""

    year: int
    election_day: CalendarEvent
    certificate_deadline: CalendarEvent
    electors_meet: CalendarEvent
    congress_counts: CalendarEvent
    term_begins: CalendarEvent

    def events(self) -> tuple[CalendarEvent, ...]:
        """Return the five events in the order the law runs them."""
        return (
            self.election_day,
            self.certificate_deadline,
            self.electors_meet,
            self.congress_counts,
            self.term_begins,
        )

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-ready mapping: ISO dates (or ``None``), ``rules`` and ``notes``."""
        out: dict[str, Any] = {"year": self.year}
        for event in self.events():
            out[event.name] = event.date.isoformat() if event.date else None
        out["rules"] = {event.name: event.rule for event in self.events()}
        out["notes"] = {e.name: e.note for e in self.events() if e.note is not None}
        return out

    def to_frame(self) -> pd.DataFrame:
        """One row per step: name, date, rule, note."""
        import pandas as pd

        return pd.DataFrame(
            [
                {"name": e.name, "date": e.date, "rule": e.rule, "note": e.note}
                for e in self.events()
            ]
        )


def _nth_weekday(year: int, month: int, weekday: int, n: int) -> dt.date:
    """Return the ``n``-th ``weekday`` (Monday=0) of ``month`` in ``year``."""
    first = dt.date(year, month, 1)
    return first + dt.timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))


def _next_weekday_after(day: dt.date, weekday: int) -> dt.date:
    """Return the first ``weekday`` strictly after ``day``."""
    return day + dt.timedelta(days=(weekday - day.weekday() - 1) % 7 + 1)


def _check_year(year: int) -> int:
    """Return the election year ``year`` names, or raise :class:`RuleError`."""
    if isinstance(year, bool) or not isinstance(year, int):
        raise RuleError(f"election year must be an integer, not {year!r}")
    if year == FIRST_ELECTION + 1:
        return FIRST_ELECTION
    if year < FIRST_ELECTION or year > LAST_ELECTION:
        raise RuleError(
            f"{year} is out of range: presidential elections run from "
            f"{FIRST_ELECTION} (1788-89) to {LAST_ELECTION} here"
        )
    if (year - FIRST_ELECTION) % 4:
        before = year - (year - FIRST_ELECTION) % 4
        raise RuleError(
            f"{year} is not a presidential election year (every 4 years from "
            f"{FIRST_ELECTION}; nearest: {before} and {before + 4})"
        )
    return year


def _election_day(year: int) -> CalendarEvent:
    name = "election_day"
    if year == FIRST_ELECTION:
        return CalendarEvent(
            name,
            dt.date(1789, 1, 7),
            f"{_RESOLUTION_1788}: first Wednesday in January 1789 for appointing electors",
            "states chose by popular vote or by the legislature, some polling from "
            "December 15, 1788; New York appointed no electors",
        )
    if year < 1848:
        wednesday = _nth_weekday(year, 12, _WED, 1)
        start, end = wednesday - dt.timedelta(days=34), wednesday - dt.timedelta(days=1)
        return CalendarEvent(
            name,
            None,
            f"{_ACT_1792}, § 1: electors appointed within 34 days preceding the first "
            "Wednesday in December",
            f"no single federal day: each state chose its day between {start.isoformat()} "
            f"and {end.isoformat()}",
        )
    if year < 1948:
        rule = "Act of January 23, 1845 (5 Stat. 721)"
    elif year < 2024:
        rule = f"3 U.S.C. § 1 ({_CODE_1948}, from the Act of January 23, 1845, 5 Stat. 721)"
    else:
        rule = f"3 U.S.C. §§ 1 and 21 as amended by {_ECRA}"
    day = _nth_weekday(year, 11, _MON, 1) + dt.timedelta(days=1)
    return CalendarEvent(name, day, f"{rule}: Tuesday next after the first Monday in November")


def _electors_meet(year: int) -> CalendarEvent:
    name = "electors_meet"
    if year == FIRST_ELECTION:
        return CalendarEvent(
            name,
            _nth_weekday(1789, 2, _WED, 1),
            f"{_RESOLUTION_1788}: first Wednesday in February 1789",
            "date set by the Confederation Congress",
        )
    if year < 1888:
        day = _nth_weekday(year, 12, _WED, 1)
        return CalendarEvent(name, day, f"{_ACT_1792}, § 2: first Wednesday in December")
    if year < 1936:
        day = _nth_weekday(year + 1, 1, _MON, 2)
        return CalendarEvent(name, day, f"{_ECA}, § 1: second Monday in January")
    second_wednesday = _nth_weekday(year, 12, _WED, 2)
    if year < 2024:
        source = f"{_ACT_1934}, § 6" if year < 1948 else f"3 U.S.C. § 7 ({_CODE_1948})"
        day = _next_weekday_after(second_wednesday, _MON)
        return CalendarEvent(
            name, day, f"{source}: first Monday after the second Wednesday in December"
        )
    day = _next_weekday_after(second_wednesday, _TUE)
    return CalendarEvent(
        name,
        day,
        f"3 U.S.C. § 7 as amended by {_ECRA}: first Tuesday after the second Wednesday in December",
    )


def _certificate_deadline(year: int, meet: dt.date) -> CalendarEvent:
    name = "certificate_deadline"
    if year < 1888:
        return CalendarEvent(name, None, "no federal deadline (before the Electoral Count Act)")
    day = meet - dt.timedelta(days=6)
    if year < 1948:
        source = f"{_ECA}, § 2"
    elif year < 2024:
        source = f"3 U.S.C. § 5 ({_CODE_1948})"
    else:
        return CalendarEvent(
            name,
            day,
            f"3 U.S.C. § 5(a)(1) as amended by {_ECRA}: the executive's certificate of "
            "ascertainment is due six days before the electors meet",
        )
    return CalendarEvent(
        name,
        day,
        f"{source} (safe harbor): a state's final determination of contests is "
        "conclusive if made at least six days before the electors meet",
    )


def _congress_counts(year: int) -> CalendarEvent:
    name = "congress_counts"
    if year == FIRST_ELECTION:
        return CalendarEvent(
            name,
            dt.date(1789, 4, 6),
            "U.S. Const. art. II, § 1, cl. 3: counted once both Houses had a quorum",
            "Congress was to convene March 4, 1789 but first had a quorum in both "
            "Houses on April 6, 1789",
        )
    if year in _MOVED_COUNTS:
        day, rule = _MOVED_COUNTS[year]
        usual = "the second Wednesday in February" if year < 1936 else "January 6"
        return CalendarEvent(name, day, rule, f"moved from the statutory day ({usual})")
    if year < 1936:
        source = f"{_ACT_1792}, § 5" if year < 1888 else f"{_ECA}, § 4"
        day = _nth_weekday(year + 1, 2, _WED, 2)
        return CalendarEvent(name, day, f"{source}: second Wednesday in February")
    if year < 1948:
        source = _ACT_1934
    elif year < 2024:
        source = f"3 U.S.C. § 15 ({_CODE_1948})"
    else:
        source = f"3 U.S.C. § 15 as amended by {_ECRA}"
    return CalendarEvent(name, dt.date(year + 1, 1, 6), f"{source}: January 6")


def _term_begins(year: int) -> CalendarEvent:
    name = "term_begins"
    if year == FIRST_ELECTION:
        return CalendarEvent(
            name,
            dt.date(1789, 3, 4),
            f"{_RESOLUTION_1788}: first Wednesday in March 1789 for commencing "
            "proceedings under the Constitution",
            "Washington took the oath of office on April 30, 1789",
        )
    if year < 1936:
        day = dt.date(year + 1, 3, 4)
        rule = f"{_ACT_1792} (later R.S. § 152): March 4"
    else:
        day = dt.date(year + 1, 1, 20)
        rule = "U.S. Const. amend. XX, § 1: noon on January 20"
    note = None
    if day.weekday() == _SUN:
        note = (
            f"{day.isoformat()} is a Sunday: by custom the public inauguration moves to "
            "Monday, but the term begins on the constitutional date"
        )
    return CalendarEvent(name, day, rule, note)


def calendar(year: int) -> ElectionCalendar:
    """Compute the calendar of the presidential election of ``year``.

    Parameters
    ----------
    year : int
        A presidential election year: 1788 (or its alias 1789), then every fourth year.
        Future years get the law in force today.

    Returns
    -------
    ElectionCalendar
        Five events, each dated (or ``None`` where no single day was fixed) and cited.

    Raises
    ------
    RuleError
        If ``year`` is not a presidential election year or is out of range.
    """
    year = _check_year(year)
    meet = _electors_meet(year)
    assert meet.date is not None  # every era fixed the electors' day
    return ElectionCalendar(
        year=year,
        election_day=_election_day(year),
        certificate_deadline=_certificate_deadline(year, meet.date),
        electors_meet=meet,
        congress_counts=_congress_counts(year),
        term_begins=_term_begins(year),
    )
