"""Every packaged dataset checked at once, with the cross-checks that need the engine.

``check_all()`` loads every dataset (each loader checks its schema, types, ranges, row
count and content hash) and then checks the datasets against each other where that needs
the whole engine: the electors that the popular vote pledged in each state equal the votes
the electors cast, except for the recorded faithless electors listed in
:data:`PLEDGE_EXCEPTIONS` with their reason.  ``scripts/build_manifest.py`` runs it before
writing the manifest, and the tests run it on the package and on corrupted copies.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from electoral.errors import DataError

#: States whose electoral votes differ from what the state's popular vote pledged, and why
#: (National Archives, Electoral College results of each year; the certificates of vote).
PLEDGE_EXCEPTIONS: dict[tuple[int, str], str] = {
    (1976, "WA"): "faithless elector: Mike Padden, pledged to Ford, voted for Ronald Reagan",
    (1988, "WV"): "faithless elector: Margarette Leach, pledged to Dukakis, voted for "
    "Lloyd Bentsen for president",
    (2000, "DC"): "Barbara Lett-Simmons, pledged to Gore, cast a blank ballot in protest of "
    "the District's lack of voting representation in Congress",
    (2004, "MN"): "an anonymous Minnesota elector, pledged to Kerry, voted for John Edwards "
    "for president",
    (2016, "HI"): "faithless elector: David Mulinix, pledged to Clinton, voted for Bernie Sanders",
    (2016, "TX"): "faithless electors: Christopher Suprun voted for John Kasich and Bill "
    "Greene for Ron Paul, both pledged to Trump",
    (2016, "WA"): "faithless electors: three pledged to Clinton voted for Colin Powell, one "
    "for Faith Spotted Eagle",
}


def clear_caches() -> None:
    """Forget every loaded dataset (after the data directory or manifest changed)."""
    import electoral.confirmation.prior as prior
    import electoral.confirmation.series as series
    import electoral.data as data
    import electoral.data.census as census
    import electoral.data.confirmation as confirmation
    import electoral.data.polls as polls
    import electoral.history_map as history_map
    from electoral import engine
    from electoral.data import manifest

    manifest.clear_caches()
    for module in (data, polls, engine, census, confirmation, prior, series, history_map):
        for value in vars(module).values():
            clear = getattr(value, "cache_clear", None)
            if callable(clear):
                clear()


@contextmanager
def data_directory(root: Path, manifest_doc: dict[str, Any] | None = None) -> Iterator[None]:
    """Load the packaged datasets from ``root`` (with ``manifest_doc`` instead of the
    directory's own manifest, if given) inside the block."""
    from electoral.data import manifest

    saved = manifest.ROOT, manifest.OVERRIDE
    manifest.ROOT, manifest.OVERRIDE = root, manifest_doc
    clear_caches()
    try:
        yield
    finally:
        manifest.ROOT, manifest.OVERRIDE = saved
        clear_caches()


def check_directory(root: Path, manifest_doc: dict[str, Any] | None = None) -> None:
    """``check_all()`` over the datasets in ``root``."""
    with data_directory(root, manifest_doc):
        check_all()


def check_all() -> None:
    """Load and check every packaged dataset; ``DataError`` at the first fault."""
    import electoral.data as data
    from electoral.data import polls
    from electoral.data.manifest import read_table

    data.electors_table()
    data.candidates_table()
    data.name_book()
    data.returns_table()
    data.district_returns_table()
    data.votes_cast_table()
    data.vice_president_table()
    data.irregularities_table()
    data.outcomes_table()
    data.apportionment_table()
    data.contingent_table()
    data.fundamentals()
    read_table("gallup_final_polls.csv")  # the national poll-error record (typed)
    for year in polls.POLL_YEARS:
        polls.polls(year)
    polls._forecasts()
    from electoral.confirmation import prior, series
    from electoral.data import census, confirmation

    census.early_apportionment_table()
    census.apportionment_acts_table()
    for table in (
        confirmation.media_calls,
        confirmation.certification,
        confirmation.recount_law,
        confirmation.milestones,
        confirmation.recounts_held,
    ):
        table()
    for year in series.series_years():
        series.packaged_series(year)
    prior.counting_table()
    prior._forecasts()
    from electoral import history_map

    history_map._parties()
    history_map._statehood()
    history_map._popular()
    check_pledges()


def check_pledges() -> None:
    """The electors pledged by each state's returns equal the votes its electors cast, but
    for the listed exceptions."""
    import electoral.data as data
    from electoral.engine import election

    table = data.returns_table()
    for year in data.returns_years():
        for st, d in election(year).differences().items():
            if (year, st) in PLEDGE_EXCEPTIONS:
                continue
            rows = table[(table.year == year) & (table.state == st)]
            line = int(rows.index[0]) + 2 if len(rows) else None
            raise DataError(
                f"{st} {year}: the returns pledge {d['pledged']} but the electors cast "
                f"{d['cast']}, and no recorded reason explains it (a vote count or the "
                "votes cast are wrong)",
                file="electoral/data/returns.csv",
                line=line,
                field="votes",
            )
