"""Command-line analysis commands: analyze, scenario, paths, inversions.

Registered on the main Typer app by ``electoral.cli``; each command hands its work to
``electoral.analysis`` and prints a table, or one JSON document with ``--json``.
"""

from __future__ import annotations

from typing import Annotated, Any

import typer
from rich.table import Table

from electoral.cli_common import DbOpt, JsonOpt, emit, errors, out


def _pairs(items: list[str] | None, what: str) -> dict[str, str]:
    from electoral.errors import DataError

    out = {}
    for item in items or ():
        unit, sep, value = item.partition("=")
        if not sep or not unit or not value:
            raise DataError(f"{item!r}: expected UNIT=VALUE", file=f"--{what}", field=what)
        out[unit.strip().upper()] = value.strip()
    return out


def _units(text: str | None) -> list[str]:
    return [u.strip().upper() for u in (text or "").split(",") if u.strip()]


def register(app: typer.Typer) -> None:
    """Add the analysis commands to ``app``."""

    @app.command("analyze")
    def analyze_cmd(
        year: Annotated[int, typer.Argument(help="Election year with returns (1976-2024).")],
        as_json: JsonOpt = False,
    ) -> None:
        """Tipping point, bias, inversion, voting power and alternative systems for a year.

        Also the smallest share of the popular vote that could have won.
        """
        with errors():
            from electoral.analysis.report import analyze

            a = analyze(year)
            d = a.to_dict()

            def render() -> None:
                tp = d["tipping_point"]
                out.print(
                    f"[bold]{year}[/]: {a.electoral_winner} wins the Electoral College; "
                    f"{a.popular_winner} wins the popular vote"
                    + (" — [red]an inversion[/]" if a.inversion else "")
                    + "."
                )
                out.print(
                    f"Tipping point: {tp['state']} ({tp['candidate']} by "
                    f"{tp['margin']:.2%}); national margin {d['national_margin']:+.2%}; "
                    f"bias {d['bias']:+.2%} (favours {d['bias_favours']})."
                )
                out.print(
                    f"A uniform swing of {d['swing_to_deny_majority']:.2%} in margin "
                    f"denies {tp['candidate']} a majority; "
                    f"{d['swing_to_flip']:.2%} hands it to the opponent."
                )
                ms = d["min_winning_share"]
                out.print(
                    f"Smallest winning share of the popular vote: {ms['share']:.2%} "
                    f"({len(ms['states'])} units, {ms['electoral_votes']} electors)."
                )
                t = Table(title="Voting power (top 10 units)", title_justify="left")
                for col in ("unit", "electors", "Banzhaf", "Shapley-Shubik", "Banzhaf/voter"):
                    t.add_column(col, justify="left" if col == "unit" else "right")
                w = a.board.weights()
                for u in list(d["banzhaf"])[:10]:
                    t.add_row(
                        u,
                        str(w[u]),
                        f"{d['banzhaf'][u]:.4f}",
                        f"{d['shapley_shubik'][u]:.4f}",
                        f"{d['banzhaf_per_voter'][u]:.3f}",
                    )
                out.print(t)
                s = Table(title="Alternative systems", title_justify="left")
                s.add_column("system")
                s.add_column("tally")
                s.add_column("winner")
                for name, r in d["systems"].items():
                    p = r["president"]
                    s.add_row(
                        name,
                        ", ".join(f"{c} {v}" for c, v in p["tally"].items()),
                        p["winner"] or f"no majority → {p['decided_by']}",
                    )
                out.print(s)
                for n in d["notes"]:
                    out.print(f"[dim]note: {n}[/]")

            emit(d, as_json, render)

    @app.command("inversions")
    def inversions_cmd(as_json: JsonOpt = False) -> None:
        """Every year in the returns where the electoral winner lost the popular vote."""
        with errors():
            from electoral.analysis.report import inversions

            rows = inversions()

            def render() -> None:
                t = Table(title="Electoral vs popular winners", title_justify="left")
                for col in ("year", "electoral winner", "popular winner", "inversion"):
                    t.add_column(col)
                for r in rows:
                    t.add_row(
                        str(r.year),
                        str(r.electoral_winner),
                        r.popular_winner,
                        "[red]yes[/]" if r.inversion else "no",
                    )
                out.print(t)

            emit(rows.to_dict(), as_json, render)

    @app.command("scenario")
    def scenario_cmd(
        base: Annotated[
            str,
            typer.Option(help="A year (2020), a returns CSV, or store:NAME for a named import."),
        ] = "2024",
        year: Annotated[
            int | None,
            typer.Option(
                help="Rules and electors of this year (default: the base year, else 2024)."
            ),
        ] = None,
        flip: Annotated[list[str] | None, typer.Option(help="UNIT=CANDIDATE (repeatable).")] = None,
        swing: Annotated[
            float,
            typer.Option(
                help="Uniform swing in margin points, as a fraction (0.02), toward --toward "
                "(-2 to 2)."
            ),
        ] = 0.0,
        proportional_swing: Annotated[
            float,
            typer.Option(
                help="Proportional swing of the national margin, as a fraction (-2 to 2)."
            ),
        ] = 0.0,
        toward: Annotated[
            str | None, typer.Option(help="Candidate the swings favour (default: the leader).")
        ] = None,
        margin: Annotated[
            list[str] | None,
            typer.Option(
                help="UNIT=MARGIN: set a unit's margin for the swing's candidate, a fraction from "
                "-1 to 1 (repeatable)."
            ),
        ] = None,
        tossup: Annotated[
            str | None,
            typer.Option(help="Units to leave open, comma-separated (PA,GA,NE-2; at most 56)."),
        ] = None,
        seats: Annotated[
            int | None,
            typer.Option(
                help="Re-apportion a House of this size (census before the election; "
                "50 to 11,000 seats).",
                show_default=False,
            ),
        ] = None,
        method: Annotated[
            str | None,
            typer.Option(
                help="Apportionment method with --seats: huntington-hill, webster, "
                "hamilton, jefferson, adams."
            ),
        ] = None,
        as_json: JsonOpt = False,
        db: DbOpt = None,
    ) -> None:
        """Change a year's returns (flips, swings, margins, tossups) and count the result."""
        with errors():
            from pathlib import Path

            from electoral.analysis.scenario import Scenario, run
            from electoral.errors import DataError
            from electoral.validate import parse_number

            src: Any
            if base.strip().isdecimal():
                src = int(base)
            elif base.startswith("store:"):
                from electoral.store import Store

                with Store(db) as store:
                    src = store.load_returns(base.removeprefix("store:"))
            elif Path(base).exists():
                src = base
            else:
                raise DataError(
                    f"{base!r} is not a year, an existing returns file or store:NAME",
                    file="--base",
                    field="base",
                )
            margins = {
                u: parse_number(v, field=f"margin {u}", file="--margin", lo=-1, hi=1)
                for u, v in _pairs(margin, "margin").items()
            }
            s = Scenario(
                src,
                year=year,
                toward=toward,
                swing=swing,
                proportional_swing=proportional_swing,
                margins=margins,
                flips=_pairs(flip, "flip"),
                tossups=_units(tossup),
                seats=seats,
                method=method,
            )
            r = run(s)
            d = r.to_dict()

            def render() -> None:
                for c in r.changes:
                    out.print(f"• {c}")
                t = Table(title="Outcome", title_justify="left")
                t.add_column("candidate")
                t.add_column("electoral votes", justify="right")
                for c, v in r.president.tally.items():
                    t.add_row(c + (" ✔" if c == r.president.winner else ""), str(v))
                out.print(t)
                p = r.president
                if p.winner:
                    out.print(f"{p.winner} has a majority ({p.majority} of {p.electors}).")
                elif r.tossups:
                    paths = r.paths
                    assert paths is not None  # tossups are counted as paths
                    out.print(
                        f"Open: {sum(r.tossups.values())} electors in tossups; "
                        f"paths over {paths.combinations} combinations: "
                        + ", ".join(f"{c} {n}" for c, n in paths.wins.items())
                        + f", ties {paths.ties}."
                    )
                elif p.contingent is not None:
                    out.print(
                        "No majority: the House chooses among "
                        + ", ".join(p.contingent.candidates)
                        + "."
                    )
                from electoral.cli_recount import print_recounts

                print_recounts(r.result)

            emit(d, as_json, render)

    @app.command("paths")
    def paths_cmd(
        base: Annotated[
            int, typer.Option(help="Year whose returns assign the other units.")
        ] = 2024,
        tossup: Annotated[
            str, typer.Option(help="Units left open, comma-separated (at most 56).")
        ] = "",
        limit: Annotated[
            int,
            typer.Option(
                help="Smallest winning combinations to list (at most 10,000).",
                min=0,
                max=10_000,
            ),
        ] = 10,
        as_json: JsonOpt = False,
    ) -> None:
        """Exact count of the tossup combinations that give each side a majority.

        Also lists the smallest winning combinations.
        """
        with errors():
            from electoral.analysis.board import board
            from electoral.analysis.scenario import Scenario, run
            from electoral.errors import DataError

            units = _units(tossup)
            if not units:
                raise DataError("give at least one tossup unit", file="--tossup", field="tossup")
            r = run(Scenario(base, tossups=units), limit=limit)
            assert r.paths is not None
            decided = r.decided
            d = r.paths.to_dict()
            # "smallest" lists the electoral-vote leader's sets first.
            d["smallest"] = d["smallest_by_candidate"][board(r.result).a]
            d["base"] = {"year": base, "decided": decided, "tossups": dict(r.tossups)}

            def render() -> None:
                out.print(
                    f"{d['combinations']:,} combinations of {len(units)} tossups "
                    f"({sum(r.tossups.values())} electors):"
                )
                for c, n in d["wins"].items():
                    out.print(f"  {c}: {n:,} winning ({decided.get(c, 0)} electors already)")
                out.print(f"  ties: {d['ties']:,}")
                for c, combos in d["smallest_by_candidate"].items():
                    shown = "; ".join("+".join(x) for x in combos) or "none"
                    out.print(f"Smallest winning sets for {c}: {shown}")

            emit(d, as_json, render)
