"""Build the package's datasets (src/electoral/data/*.csv) from the public files in shared/data.

Run from the repository root:  python scripts/build_data.py [--shared ../shared/data]

Every dataset is normalised (postal codes, canonical candidate names, one row per fact),
cross-checked against the others and against recorded totals, and corrected where a source
is wrong.  Each correction and each check is written to ``PROVENANCE.md`` beside the data.
The script refuses to write anything if a check that must hold fails.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "scripts"))

from _build import Log, arguments, run, section, sha, start  # noqa: E402
from electoral.names import NameBook, name_key_words  # noqa: E402
from electoral.rules.census_law import census_before  # noqa: E402
from electoral.states import DISTRICTS, to_code  # noqa: E402

#: Apportionment populations 1910-1960, transcribed (with the source of every figure on its
#: row) from GPHemsley/house-apportionment, data/<census>_census.csv, at these commits:
EARLY_POPULATIONS = ROOT / "scripts" / "transcribed" / "apportionment_population_1910_1960.csv"
EARLY_COMMITS = {
    1910: "af57a5ad2124b038366cd61dc426da211472f9e8",
    1940: "3a8c920843ab1aad60fcc6fad7e75bbbf2e84801",
    1950: "8309e374400ac3061755e284801e808587f474d9",
    1960: "47ad622006403791f9e6d41af0a9eb04fb883add",
}
#: Published apportionment-population totals.  Census Bureau, 1990 CPH-2-1 Table B,
#: "Population Base for Apportionment and the Number of Representatives Apportioned:
#: 1790 to 1990" (footnote: excludes DC, the territories and, before 1940, Indians not
#: taxed), as quoted in full by a public research note (the Census PDF itself was not
#: read; the 1910 figure is also exactly the transcribed states' sum); rounded to
#: thousands (91,604,000 / 131,006,000 / 149,895,000 / 178,559,000) in Davidson &
#: Oleszek, "Congress and Its Members" (5th ed., 1996).
EARLY_TOTALS = {1910: 91_603_772, 1940: 131_006_184, 1950: 149_895_183}
#: Resident totals of the 50 states and DC as published by the Census Bureau ("1960 Census
#: of Population, Final Population Counts for States", PC(A1): 179,323,175 for 1960 and
#: 151,325,798 for 1950), with the areas the apportionment leaves out, read from the same
#: GPHemsley files as the states (DC; Alaska and Hawaii before statehood).
RESIDENT_TOTALS = {
    1950: (151_325_798, {"DC": 802_178, "AK": 128_643, "HI": 499_794}),
    1960: (179_323_175, {"DC": 763_956}),
}
#: Table B as quoted gives 178,559,217 for 1960, two fewer than the states' counts.
TABLE_B_1960 = 178_559_217

from record_facts import (  # noqa: E402
    ALIASES,
    BREAKDOWNS,
    CENSUS_TOTALS,
    CERTIFIED_POPULAR_2024,
    CONTINGENT_MEMBERS,
    CORRECT_2016,
    IDENTITY_FIXES,
    IRREGULARITIES,
    NOT_COUNTED,
    NOT_VOTES,
    OTHER,
    OTHER_LABELS,
    OUTCOMES,
    POPULATION_FIXES,
    RECORDED_PRESIDENT_TOTALS,
    SPLITS_2024,
    VP_2024,
)

# ---------------------------------------------------------------------------------------


def loose_key(name: str) -> tuple[str, ...]:
    """First and last name, ignoring initials, middle names and suffixes."""
    words = [w for w in name_key_words(name) if len(w) > 1]
    return (words[0], words[-1]) if words else ()


def code_of(name: str) -> str:
    code = to_code(name)
    if code is None:
        raise SystemExit(f"unknown state name {name!r}")
    return code


def party_code(p: object) -> str:
    text = str(p).strip().upper() if isinstance(p, str) else ""
    return {
        "DEMOCRAT": "DEM",
        "DEMOCRATIC": "DEM",
        "REPUBLICAN": "REP",
        "LIBERTARIAN": "LIB",
        "GREEN": "GRN",
        "": "OTH",
        "OTHER": "OTH",
        "WRITE-IN": "OTH",
        "CON": "CON",
        "DEM": "DEM",
        "REP": "REP",
        "LIB": "LIB",
        "GRN": "GRN",
        "IND": "IND",
    }.get(text, "OTH")


class Builder:
    def __init__(self, shared: Path) -> None:
        self.shared = shared
        self.log = Log()
        self.book = NameBook(ALIASES)
        self.merged: dict[str, set[str]] = {}
        self.spellings: dict[str, list[str]] = {}

    def read(self, rel: str, **kw: object) -> pd.DataFrame:
        path = self.shared / rel
        self.log.sources.append(f"`{rel}` (sha256 {sha(path)}…)")
        return pd.read_csv(path, **kw)  # type: ignore[call-overload,no-any-return]

    # -- names -----------------------------------------------------------------------------
    def unify(self, raw: str, *pools: set[str]) -> str:
        """The record's spelling for ``raw``: its canonical form if a pool has it, else a
        unique first+last (or surname) match in the first pool that has one (the same year's
        candidates, then everyone's), else the name book's canonical form."""
        name = self.book.canonical(IDENTITY_FIXES.get(raw, raw))
        for pool in pools:
            if name in pool:
                return name
            hits = [p for p in pool if loose_key(p) == loose_key(name)]
            if not hits and len(name.split()) == 1:  # a surname alone ("Jefferson")
                hits = [p for p in pool if name_key_words(p)[-1:] == [name.lower()]]
            if len(hits) == 1:
                self.merged.setdefault(hits[0], set()).add(raw)
                return hits[0]
        return name

    # -- electoral votes cast ---------------------------------------------------------------
    def votes_cast(self) -> pd.DataFrame:
        raw = self.read(
            "electoral/electoral_votes_cast_by_state_candidate_1789_2020.csv",
            dtype=str,
            keep_default_na=False,
        )
        status = raw[raw.candidate == "status"]
        for _, r in status.iterrows():
            self.log.corrections.append(
                f"electoral_votes_cast {r.year} {r.state}: the source marks the state's votes "
                f"'{r.electoral_votes}' and gives none; Congress rejected them (see "
                "irregularities.csv), so the state has no rows"
            )
        body = raw[(raw.candidate != "status") & (raw.electoral_votes != "")].copy()
        body["votes"] = body.electoral_votes.astype(int)
        body["year"] = body.year.astype(int)
        total = body[body.state == "Total"].groupby("year").votes.sum()
        rows = body[(body.state != "Total") & (body.votes > 0)].copy()
        self.log.check(
            bool((rows.groupby("year").votes.sum() == total[total > 0]).all()),
            "clavesi: every year's Total row equals the sum of its state rows",
        )
        if (rows.state == "Distric of Columbia").any():
            self.log.corrections.append(
                "electoral_votes_cast: the source spells DC 'Distric of Columbia'; mapped to DC"
            )
        rows["state"] = rows.state.map(code_of)
        mojibake = rows.candidate.str.contains("Ã")
        for bad in sorted(set(rows.candidate[mojibake])):
            good = bad.encode("latin-1").decode("utf-8")
            self.log.corrections.append(
                f"electoral_votes_cast: {bad!r} is UTF-8 read as Latin-1; read as {good!r}"
            )
        rows.loc[mojibake, "candidate"] = [
            c.encode("latin-1").decode("utf-8") for c in rows.candidate[mojibake]
        ]
        for wrong, right in IDENTITY_FIXES.items():
            hit = sorted(set(rows.year[rows.candidate == wrong]))
            if hit:
                self.log.corrections.append(
                    f"electoral_votes_cast {hit}: {wrong!r} is {right!r} (the mjbrechner file and "
                    "the National Archives name the same person)"
                )
        rows["candidate"] = [self.book.canonical(IDENTITY_FIXES.get(c, c)) for c in rows.candidate]
        rows["counted"] = True
        rows = rows[["year", "state", "candidate", "votes", "counted"]]
        rows = self.expand_pooled(rows)
        # 2016 correction.
        before = rows[(rows.year == 2016) & rows.state.isin(list(CORRECT_2016))]
        rows = rows[~((rows.year == 2016) & rows.state.isin(list(CORRECT_2016)))]
        fix = [(2016, s, c, v, True) for s, d in CORRECT_2016.items() for c, v in d.items()]
        rows = pd.concat([rows, pd.DataFrame(fix, columns=rows.columns)])

        def listed(st: str) -> str:
            b = before[before.state == st]
            return ", ".join(f"{c} {v}" for c, v in zip(b.candidate, b.votes, strict=True))

        self.log.corrections.append(
            f"electoral_votes_cast 2016: source has TX {listed('TX')} and WA {listed('WA')} "
            "(national total 535). Replaced by the certificates of vote: TX Trump 36, Kasich 1,"
            " Ron Paul 1; WA Clinton 8, Powell 3, Faith Spotted Eagle 1 (total 538; NARA 2016)"
        )
        return rows

    def expand_pooled(self, rows: pd.DataFrame) -> pd.DataFrame:
        """Replace pooled rows ("Others", Greeley 1872) by the record's per-person votes."""
        for (year, st, label), persons in BREAKDOWNS.items():
            hit = (rows.year == year) & (rows.state == st) & (rows.candidate == label)
            pooled = int(rows.loc[hit, "votes"].sum())
            self.log.check(
                pooled == sum(persons.values()),
                f"{year} {st}: the source's {label!r} {pooled} equals the record's breakdown "
                f"{persons}",
            )
            add = [(year, st, c, v, (year, st, c) not in NOT_COUNTED) for c, v in persons.items()]
            rows = pd.concat([rows[~hit], pd.DataFrame(add, columns=rows.columns)])
        years = sorted({y for y, _, _ in BREAKDOWNS})
        self.log.corrections.append(
            f"electoral_votes_cast {years}: the source pools minor candidates as 'Others' "
            "(1789, 1796) and gives Horace Greeley the 66 votes of his electors (1872), who after "
            "his death voted for Hendricks 42, Brown 18, Jenkins 2, Davis 1 and Greeley 3; "
            "replaced by the per-person votes of the record (scripts/record_facts.py, "
            "BREAKDOWNS); Georgia's 3 Greeley votes are marked counted=False"
        )
        return rows.sort_values(["year", "state", "votes"], ascending=[True, True, False])

    def add_2024(
        self, cast: pd.DataFrame, returns: pd.DataFrame, electors: pd.DataFrame
    ) -> pd.DataFrame:
        ev = electors[electors.year == 2024].set_index("state").electors
        ret = returns[returns.year == 2024]
        winners = ret.loc[ret.groupby("state").votes.idxmax()].set_index("state").candidate
        rows = []
        for st, n in ev.items():
            if st in SPLITS_2024:
                rows += [(2024, st, c, v, True) for c, v in SPLITS_2024[st].items()]
            else:
                rows.append((2024, st, winners[st], int(n), True))
        self.log.corrections.append(
            "electoral_votes_cast 2024: not in any shared file; built from the 2024 statewide "
            "winners in the returns and the recorded ME (Harris 3, Trump 1) and NE (Trump 4, "
            "Harris 1) splits; checked below against the recorded national total 312-226"
        )
        return pd.concat([cast, pd.DataFrame(rows, columns=cast.columns)], ignore_index=True)

    def check_national(self, cast: pd.DataFrame) -> None:
        b = self.read("electoral/electoral_votes_by_candidate_1789_2020_mjbrechner.csv", dtype=str)
        agree, unexplained = [], []
        years = [c for c in b.columns if c.isdigit()]
        for y in years:
            pool = set(cast.candidate[cast.year == int(y)])
            ref: dict[str, int] = {}
            for name, cell in zip(b["Display Name"], b[y], strict=True):
                v = str(cell).strip()
                if v and v != "nan" and int(v.split("(")[0]) > 0:
                    ref[self.unify(str(name), pool)] = int(v.split("(")[0])
                    if "(" in v:
                        self.log.open_issues.append(
                            f"{y}: mjbrechner gives {name} {v!r}: {int(v.split('(')[0])} "
                            f"without Georgia's votes, {v.split('(')[1].rstrip(')')} with them "
                            "(counted in the alternative); our copy keeps the Georgia votes, as "
                            "the National Archives' total does"
                        )
            counted = cast[(cast.year == int(y)) & cast.counted]
            got = counted.groupby("candidate").votes.sum().to_dict()
            if ref == got:
                agree.append(int(y))
            elif "(" not in "".join(str(c) for c in b[y].dropna()):
                unexplained.append(int(y))
                self.log.failures.append(
                    f"FAILED: {y} national presidential totals: mjbrechner {ref} vs ours {got}"
                )
        # Holds when every year agrees but those whose cells give two totals (listed as open
        # disagreements), and the file has years at all.
        self.log.check(
            bool(years) and not unexplained and len(agree) > len(years) // 2,
            f"national presidential totals per candidate equal the mjbrechner file in "
            f"{len(agree)} elections (all but those listed under open disagreements)",
        )
        for year, want in RECORDED_PRESIDENT_TOTALS.items():
            got = cast[cast.year == year].groupby("candidate").votes.sum().to_dict()
            self.log.check(
                got == want, f"{year} presidential electoral votes equal the record {want}"
            )

    # -- electors per state ---------------------------------------------------------------
    def electors(self) -> pd.DataFrame:
        ec = self.read("electoral/Electoral_College_1788_2020.csv", dtype=str)
        ec = ec[ec.Votes.notna()].copy()
        ec["year"] = ec.Year.astype(int).replace({1788: 1789})
        self.log.corrections.append(
            "electors: the first election is labelled 1788 in the source; we use 1789 (the "
            "year the electors voted), as the National Archives does"
        )
        ec["state"] = ec.State.map(code_of)
        ec["electors"] = ec.Votes.str.strip().astype(int)
        out = ec[["year", "state", "electors"]]
        new = self.read("electoral/electoral_votes_2024_2028.csv")
        new["state"] = new.state.map(code_of)
        new["year"] = 2024
        out = pd.concat([out, new.rename(columns={"electoral_votes": "electors"})[out.columns]])
        return out.sort_values(["year", "state"]).reset_index(drop=True)

    # -- census ---------------------------------------------------------------------------
    def apportionment(self, electors: pd.DataFrame) -> pd.DataFrame:
        mm2 = self.read("census/apportionment_population_and_seats_1970_2020.csv")
        mm2 = mm2.assign(state=mm2.XX, census=mm2.year)[["census", "state", "Population", "REPS"]]
        mm2.columns = ["census", "state", "population", "seats"]
        for (census, st), (wrong, right) in POPULATION_FIXES.items():
            hit = (mm2.census == census) & (mm2.state == st)
            self.log.check(
                int(mm2.loc[hit, "population"].iloc[0]) == wrong,
                f"census {census} {st}: the source has {wrong:,} (to be corrected)",
            )
            mm2.loc[hit, "population"] = right
            self.log.corrections.append(
                f"apportionment {census} {st}: population {wrong:,} is {right - wrong:,} short "
                f"of the Census Bureau's {right:,} (resident plus overseas); corrected, which "
                "makes the 1970 states sum to the published total (scripts/record_facts.py)"
            )
        kerr = self.read("census/house_seats_1910_2010_kerr14333.csv")
        kerr = kerr[kerr.seats.notna()].copy()
        kerr["state"] = kerr.State.map(code_of)
        kerr["seats"] = kerr.seats.astype(int)
        self.log.corrections.append(
            "apportionment 1920: no apportionment followed the 1920 census (the 1910 one "
            "stayed in force until 1932); the source repeats the 1910 seats as '1920', dropped"
        )
        kerr = kerr[kerr.year != 1920]
        n = int(kerr[(kerr.year == 1950) & kerr.state.isin(["AK", "HI"])].shape[0])
        self.log.corrections.append(
            f"apportionment 1950: the source gives Alaska and Hawaii 1 seat each ({n} rows); "
            "those were temporary seats added on admission (1959), not part of the 1950 "
            "apportionment of 435 seats; dropped"
        )
        kerr = kerr[~((kerr.year == 1950) & kerr.state.isin(["AK", "HI"]))]
        both = kerr.merge(mm2, left_on=["year", "state"], right_on=["census", "state"])
        self.log.check(
            bool((both.seats_x == both.seats_y).all()),
            f"seats agree between kerr14333 and MM2 for 1970-2010 ({len(both)} rows)",
        )
        early = kerr[kerr.year < 1970].rename(columns={"year": "census"})
        early = self.early_populations(early[["census", "state", "seats"]])
        out = pd.concat([early, mm2]).sort_values(["census", "state"]).reset_index(drop=True)
        out["population"] = out.population.astype("Int64")
        for c, g in out.groupby("census"):
            self.log.check(int(g.seats.sum()) == 435, f"census {c}: seats sum to 435")
        for c, want in CENSUS_TOTALS.items():
            got = int(out[out.census == c].population.sum())
            if got == want:
                self.log.check(True, f"census {c}: apportionment population {got:,} = Census total")
            else:
                self.log.open_issues.append(
                    f"census {c}: the states' apportionment populations sum to {got:,}, the "
                    f"Census Bureau's total is {want:,} (difference {got - want:+,}); the state "
                    "at fault is not identified, so the populations are kept as they are"
                )
        # Electors = seats + 2 (+ DC 3), for the elections each census governs.
        census_of = {y: census_before(y) for y in range(1972, 2025, 4)}
        bad = []
        for y, c in census_of.items():
            seats = out[out.census == c].set_index("state").seats
            ev = electors[electors.year == y].set_index("state").electors
            exp = (seats + 2).reindex(ev.index).fillna(3).astype(int)
            bad += [f"{y} {s}" for s in ev.index if ev[s] != exp[s]]
        self.log.check(
            not bad,
            "electors = House seats + 2 (DC 3) for every state, 1972-2024"
            + (f": mismatches {bad}" if bad else ""),
        )
        return out

    def early_populations(self, early: pd.DataFrame) -> pd.DataFrame:
        """Fill the 1910-1960 apportionment populations from the transcription."""
        rel = EARLY_POPULATIONS.relative_to(ROOT)
        pops = pd.read_csv(EARLY_POPULATIONS)
        self.log.sources.append(
            f"`{rel}` (sha256 {sha(EARLY_POPULATIONS)}…): apportionment populations 1910, "
            "1940, 1950, 1960, transcribed from GPHemsley/house-apportionment "
            + ", ".join(f"`data/{c}_census.csv` @ {k}" for c, k in EARLY_COMMITS.items())
        )
        for c, g in pops.groupby("census"):
            seated = set(early.state[early.census == c])
            self.log.check(
                set(g.state) == seated and len(g) == len(seated),
                f"census {c}: a population for each of the {len(seated)} states with seats",
            )
        out = early.merge(pops[["census", "state", "population"]], how="left")
        self.log.corrections.append(
            "apportionment 1910: population = resident population less 'Indians not taxed' "
            "(excluded from the apportionment base through 1930); Arizona and New Mexico, "
            "territories at the census and given one seat each by the 1911 Act on admission, "
            "at their resident population, as the Census total 91,603,772 counts them"
        )
        for c, want in EARLY_TOTALS.items():
            got = int(pops[pops.census == c].population.sum())
            self.log.check(
                got == want, f"census {c}: apportionment population {got:,} = Census total"
            )
        for c, (want, outside) in RESIDENT_TOTALS.items():
            got = int(pops[pops.census == c].population.sum())
            parts = " + ".join(f"{k} {v:,}" for k, v in outside.items())
            self.log.check(
                got + sum(outside.values()) == want,
                f"census {c}: the states' {got:,} + {parts} = the published resident "
                f"total {want:,}",
            )
        got = int(pops[pops.census == 1960].population.sum())
        self.log.open_issues.append(
            f"census 1960: the states' apportionment populations sum to {got:,} (and with DC "
            f"to the published 179,323,175); Census Table B as quoted gives {TABLE_B_1960:,} "
            f"(difference {got - TABLE_B_1960:+,}); the state at fault, if any, is not "
            "identified and no seat is near enough to move, so the populations are kept"
        )
        self.log.open_issues.append(
            "census 1930: no apportionment populations. GPHemsley `data/1930_census.csv` @ "
            "29f0eedace785d7dedc7ec70130f2a5ca32dbfd7 has resident populations only "
            "(POPULATION_NOT_TAXED all 0), summing to 122,288,177 for the 48 states, "
            "194,722 above the Census apportionment total 122,093,455 (Indians not taxed were "
            "still excluded in 1930); with the resident figures the official 1930 seats are "
            "not reproduced (AZ, NM, IN, LA), and no source of the per-state figures was found"
        )
        return out[["census", "state", "population", "seats"]]

    # -- popular vote -----------------------------------------------------------------------
    def returns(self) -> pd.DataFrame:
        old = self.read("results/1976-2020-president.csv", keep_default_na=False)
        old = old.rename(columns={"candidatevotes": "votes"})
        new = self.read("results/2024-president-state.csv", keep_default_na=False)
        frames = []
        for df in (old, new):
            cand = df.candidate.astype(str).str.replace(r"\s+", " ", regex=True).str.strip()
            up = cand.str.upper()
            dropped = df[up.isin(NOT_VOTES)]
            if len(dropped):
                self.log.corrections.append(
                    f"returns {sorted(set(dropped.year))}: dropped {len(dropped)} rows that are "
                    f"not votes for anyone ({', '.join(sorted(set(up[up.isin(NOT_VOTES)])))}; "
                    f"{int(dropped.votes.sum()):,} ballots)"
                )
            keep = ~up.isin(NOT_VOTES)
            d = pd.DataFrame(
                {
                    "year": df.year[keep].astype(int),
                    "state": df.state_po[keep],
                    "raw": cand[keep],
                    "party": df.party_simplified[keep].map(party_code),
                    "votes": df.votes[keep].astype(int),
                }
            )
            other = (
                d.raw.str.upper().isin(OTHER_LABELS)
                | d.raw.str.contains(" UNKNOWN ")
                | (df.writein[keep].astype(str).str.upper() == "TRUE") & (d.raw == "")
            )
            d["candidate"] = d.raw.map(self.book.canonical)
            pooled = d.raw[other].replace("", "(blank write-in)").value_counts()
            self.log.corrections.append(
                f"returns {sorted(set(d.year))[0]}-{sorted(set(d.year))[-1]}: rows that name no "
                f"candidate pooled as '{OTHER}': "
                + ", ".join(f"{lbl!r} x{n}" for lbl, n in pooled.items())
            )
            d.loc[other, "candidate"] = OTHER
            d.loc[other, "party"] = "OTH"
            frames.append(d)
        d = pd.concat(frames, ignore_index=True)
        if (d.raw == "MITT, ROMNEY").any():
            self.log.corrections.append(
                "returns 2012 WA: the source names Romney 'MITT, ROMNEY' (first and last name "
                "swapped); normalised to Mitt Romney"
            )
        if (d.raw.str.contains("SONSKI")).any():
            self.log.corrections.append(
                "returns 2024 CA: a candidate cell holds an embedded newline ('PETER\\nSONSKI'); "
                "read as Peter Sonski"
            )
        spellings = d.groupby("candidate").raw.agg(lambda s: sorted(set(s)))
        self.spellings = {c: s for c, s in spellings.items() if len(s) > 1 and c != OTHER}
        # one row per (year, state, candidate): fusion lines are summed, party = largest line
        d = d.sort_values("votes", ascending=False)
        g = d.groupby(["year", "state", "candidate"], sort=True)
        out = g.agg(party=("party", "first"), votes=("votes", "sum")).reset_index()
        self.log.check(bool((out.votes >= 0).all()), "returns: no negative vote counts")
        nat = out[out.year == 2024].groupby("candidate").votes.sum()
        for c, v in CERTIFIED_POPULAR_2024.items():
            self.log.check(
                int(nat[c]) == v,
                f"2024 national popular vote for {c}: {int(nat[c]):,} = certified {v:,}",
            )
        return out

    def district_returns(self, returns: pd.DataFrame) -> pd.DataFrame:
        d = self.read("results/me_ne_district_results.csv", keep_default_na=False)
        d["candidate"] = d.candidate.map(self.book.canonical)
        other = d.party.isin(["WRITE-IN", "OTHER"]) | d.candidate.str.upper().isin(OTHER_LABELS)
        d.loc[other, "candidate"] = OTHER
        d["party"] = d.party.map(party_code)
        d = d.groupby(["year", "district", "candidate", "method"], as_index=False).agg(
            party=("party", "first"), votes=("votes", "sum")
        )
        d = d.rename(columns={"district": "state"})[
            ["year", "state", "candidate", "party", "votes", "method"]
        ]
        for (y, st), g in d.groupby([d.year, d.state.str[:2]]):
            sums = g.groupby("candidate").votes.sum()
            state = (
                returns[(returns.year == y) & (returns.state == st)].set_index("candidate").votes
            )
            exact = all(int(sums[c]) == int(state.get(c, -1)) for c in sums.index if c != OTHER)
            methods = set(g.method)
            verb = "equal" if exact else "differ from"
            desc = (
                f"{y} {st} districts: per-candidate sums {verb} the statewide returns "
                f"({', '.join(sorted(methods))})"
            )
            if exact:
                self.log.check(True, desc)
            else:
                gap = {c: int(state.get(c, 0)) - int(sums[c]) for c in sums.index if c != OTHER}
                self.log.open_issues.append(desc + f"; statewide minus districts: {gap}")
        return d.sort_values(["year", "state", "votes"], ascending=[True, True, False])

    def check_winners(
        self,
        returns: pd.DataFrame,
        districts: pd.DataFrame,
        electors: pd.DataFrame,
        cast: pd.DataFrame,
    ) -> None:
        """The statewide plurality winner must hold the state's pledged electors in the record."""
        bad = []
        for y in sorted(returns.year.unique()):
            r = returns[(returns.year == y) & (returns.candidate != OTHER)]
            winners = r.loc[r.groupby("state").votes.idxmax()].set_index("state").candidate
            rec = cast[cast.year == y]
            for st, w in winners.items():
                got = rec[rec.state == st].set_index("candidate").votes
                if st in DISTRICTS and y >= {"ME": 1972, "NE": 1992}[st]:
                    if int(got.get(w, 0)) < 2:
                        bad.append(f"{y} {st}")
                    continue
                if got.idxmax() != w:
                    bad.append(f"{y} {st}: returns {w}, record {got.to_dict()}")
        self.log.check(
            not bad,
            "every statewide plurality winner 1976-2024 holds that state's "
            "electors in the recorded votes (faithless electors aside)"
            + (f": {bad}" if bad else ""),
        )
        for (y, unit), g in districts.groupby(["year", "state"]):
            w = g.loc[g.votes.idxmax(), "candidate"]
            rec = cast[(cast.year == y) & (cast.state == unit[:2])].set_index("candidate").votes
            self.log.check(
                int(rec.get(w, 0)) >= 1,
                f"{y} {unit}: district winner {w} has an elector in {unit[:2]}'s record",
            )

    def vice_president(self, cast: pd.DataFrame) -> pd.DataFrame:
        vp = self.read("electoral/vice_president_electoral_votes_1804_2020.csv")
        people = set(cast.candidate)
        vp["candidate"] = [
            self.unify(c, set(cast.candidate[cast.year == y]), people)
            for y, c in zip(vp.year, vp.candidate, strict=True)
        ]
        vp = vp[["year", "candidate", "electoral_votes"]].rename(
            columns={"electoral_votes": "votes"}
        )
        add = pd.DataFrame([(2024, c, v) for c, v in VP_2024.items()], columns=vp.columns)
        self.log.corrections.append(
            "vice_president_votes 2024: added from the record (Vance 312, "
            "Walz 226; joint session of Jan 6, 2025)"
        )
        return pd.concat([vp, add], ignore_index=True)

    def outcomes(self, cast: pd.DataFrame, vp: pd.DataFrame) -> pd.DataFrame:
        rows = []
        for year, p, ph, v, vh in OUTCOMES:
            for office, name, how in (("president", p, ph), ("vice_president", v, vh)):
                table = vp if office == "vice_president" and year >= 1804 else cast
                pool = set(table.candidate[table.year == year])
                canon = self.unify(name, pool)
                if canon not in pool:
                    self.log.failures.append(
                        f"FAILED: outcome {year} {office} {name!r} not among {sorted(pool)}"
                    )
                rows.append((year, office, canon, how))
        return pd.DataFrame(rows, columns=["year", "office", "winner", "decided_by"])

    def irregularities(self) -> pd.DataFrame:
        return pd.DataFrame(IRREGULARITIES, columns=["year", "state", "kind", "electors", "note"])

    def contingent(self, cast: pd.DataFrame, vp: pd.DataFrame) -> pd.DataFrame:
        d = self.read("electoral/contingent_elections.csv")
        rows = []
        for r in d.itertuples(index=False):
            year = int(r.year) - 1  # the source dates the vote (1801); we key by election year
            chamber = str(r.chamber).lower()
            first, _, last = str(r.ballot).split(" ")[0].partition("-")
            table = vp if chamber == "senate" else cast
            pool = set(table.candidate[table.year == year])
            choice = str(r.choice)
            no_vote = choice.startswith(("divided", "blank", "not voting"))
            name = "" if no_vote else self.unify(choice, pool)
            if not no_vote and name not in pool:
                self.log.failures.append(f"FAILED: contingent {year} choice {choice!r} unknown")
            member = str(r.state_or_member)
            if chamber == "house":
                state, votes = code_of(member), 1
            else:
                state, votes = "", int(member.split("(")[1].split()[0])
            rows.append(
                (
                    year,
                    chamber,
                    int(first),
                    int(last or first),
                    state,
                    name,
                    votes,
                    CONTINGENT_MEMBERS[(year, chamber)],
                )
            )
        cols = [
            "year",
            "chamber",
            "ballot_first",
            "ballot_last",
            "state",
            "choice",
            "votes",
            "members",
        ]
        out = pd.DataFrame(rows, columns=cols)
        self.log.corrections.append(
            "contingent_elections: keyed by election year (1800, 1824, 1836) rather than the "
            "year of the vote (1801, 1825, 1837); ballots '1-35' kept as a range; 'divided', "
            "'blank' and 'not voting' become an empty choice; members = states in the Union "
            "(House) or senators (Senate) at the time"
        )
        for (y, ch, b1), g in out.groupby(["year", "chamber", "ballot_first"]):
            self.log.check(
                int(g.votes.sum()) == (int(g.members.iloc[0]) if ch == "house" else 52),
                f"{y} {ch} ballot {b1}: every state (or senator) accounted for",
            )
        return out

    def candidates(self, *recorded: pd.Series) -> pd.DataFrame:
        """Every spelling merged, and every name the record uses (electoral votes cast,
        vice-presidential votes, winners) under its own name, so that the loader can check
        that each recorded name is a known candidate."""
        rows = {(canon, alias) for alias, canon in ALIASES.items()}
        rows |= {(str(c), str(c)) for names in recorded for c in names if str(c)}
        for c, spellings in {**self.spellings, **self.merged}.items():
            rows |= {(c, s) for s in spellings if s != c}
        out = pd.DataFrame(sorted(rows), columns=["candidate", "alias"])
        return out


def write(df: pd.DataFrame, out: Path, name: str) -> None:
    df.to_csv(out / name, index=False, lineterminator="\n")


def provenance(log: Log, files: dict[str, pd.DataFrame], spellings: dict[str, list[str]]) -> str:
    lines = [
        "# Provenance of the packaged datasets",
        "",
        "Generated by `scripts/build_data.py` from the public files in `shared/data` (their",
        "upstream repositories and commits are listed in `shared/data/SOURCES.md`).  Do not edit",
        "the CSV files by hand: change the script and rebuild.",
        "",
        "## Files",
        "",
        "| file | rows | what one row is |",
        "|---|---|---|",
    ]
    what = {
        "electors.csv": "electors allotted to a state for an election (1789-2024)",
        "apportionment.csv": "a state's House seats (and apportionment population, every "
        "census but 1930) at a census",
        "returns.csv": "a candidate's statewide popular vote (1976-2024); fusion lines summed",
        "district_returns.csv": "a candidate's vote in a Maine or Nebraska congressional district",
        "electoral_votes_cast.csv": "electoral votes for president cast in a state for a "
        "candidate, and whether Congress counted them (before 1804 each elector cast two)",
        "vice_president_votes.csv": "national electoral votes for vice president per candidate",
        "outcomes.csv": "who was elected president / vice president, and by whom",
        "candidates.csv": "a spelling (alias) of a candidate and the canonical name (every "
        "recorded name also under itself)",
        "irregularities.csv": "electors not appointed, votes rejected, returns disputed",
        "contingent_elections.csv": "a state's (House) or the senators' (Senate) vote on a "
        "ballot of a contingent election",
    }
    for name, df in files.items():
        lines.append(f"| `{name}` | {len(df)} | {what[name]} |")
    lines += section("Sources read", log.sources)
    lines += section("Corrections", log.corrections)
    lines += ["", "## Candidate spellings merged", ""]
    lines += [f"- {c}: {', '.join(repr(s) for s in v)}" for c, v in sorted(spellings.items())]
    lines += section("Checks passed", log.checks)
    lines += section(
        "Known disagreements left open",
        log.open_issues,
        "Recorded here, not silently fixed: the data needed to decide is not in shared/data.",
    )
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    args = arguments(__doc__.splitlines()[0]).parse_args(argv)
    out = start(args, "PROVENANCE.md")
    b = Builder(args.shared)
    electors = b.electors()
    apportionment = b.apportionment(electors)
    returns = b.returns()
    districts = b.district_returns(returns)
    cast = b.add_2024(b.votes_cast(), returns, electors)
    b.check_national(cast)
    b.check_winners(returns, districts, electors, cast)
    vp = b.vice_president(cast)
    outcomes = b.outcomes(cast, vp)
    contingent = b.contingent(cast, vp)
    files: dict[str, pd.DataFrame] = {
        "electors.csv": electors,
        "apportionment.csv": apportionment,
        "returns.csv": returns,
        "district_returns.csv": districts,
        "electoral_votes_cast.csv": cast.sort_values(
            ["year", "state", "votes"], ascending=[True, True, False]
        ),
        "vice_president_votes.csv": vp.sort_values(["year", "votes"], ascending=[True, False]),
        "outcomes.csv": outcomes,
        "irregularities.csv": b.irregularities(),
        "contingent_elections.csv": contingent,
        "candidates.csv": b.candidates(cast.candidate, vp.candidate, outcomes.winner),
    }
    if b.log.failures:
        print("\n".join(b.log.failures), file=sys.stderr)
        print("nothing written", file=sys.stderr)
        return 1
    for name, df in files.items():
        write(df, out, name)
    merged = {c: sorted(v) for c, v in {**b.spellings, **b.merged}.items()}
    (out / "PROVENANCE.md").write_text(provenance(b.log, files, merged))
    print(
        f"wrote {len(files)} datasets to {out}; "
        f"{len(b.log.checks)} checks passed, {len(b.log.corrections)} corrections, "
        f"{len(b.log.open_issues)} open disagreements"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(run(main))
