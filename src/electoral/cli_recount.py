"""How every count shows recounts in its table: the units within an automatic or a requestable
recount, and which of them could change who holds a majority (issue 9)."""

from __future__ import annotations

from rich.table import Table

from electoral.cli_common import out
from electoral.results import TallyResult
from electoral.rules.recount import RecountStatus


def recount_cell(st: RecountStatus | None) -> str:
    """One table cell: ``requestable 0.24% / 0.50%`` (margin / threshold in the law's base)."""
    if st is None:
        return ""
    if st.status == "none":
        return "none"
    limit = "" if st.threshold is None else f" / {st.threshold:.2%}"
    return f"{st.status} {st.margin:.2%}{limit}"


def print_recounts(r: TallyResult) -> None:
    """A table of the units within a recount and a line on the majority (nothing without law)."""
    summary = r.recount_summary()
    if summary is None:
        out.print(f"[dim]recounts: no recount law packaged for {r.year} (2016 and later)[/]")
        return
    within = summary["within"]
    if not within:
        out.print(f"No unit is within a recount margin (law in force {summary['law_year']}).")
        return
    t = Table(title="Within a recount", title_justify="left")
    for col in ("unit", "status", "margin", "threshold", "base", "who pays"):
        t.add_column(col, justify="right" if col in {"margin", "threshold"} else "left")
    for unit in within:
        st = r.recounts[unit]
        assert st is not None
        limit = "" if st.threshold is None else f"{st.threshold:.2%}"
        t.add_row(unit, st.status, f"{st.margin:.2%}", limit, st.kind, st.who_pays or "")
    out.print(t)
    change = summary["could_change_majority"]
    if change:
        out.print(
            "[bold]Recounts that could change the majority[/] (a flip alone changes who has "
            f"{r.majority}): {', '.join(change)}"
        )
    else:
        out.print(f"No single recount could change who has {r.majority} electoral votes.")
