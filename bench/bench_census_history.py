"""Every census 1790-2020 apportioned in one run, against the existing 2020 sweep.

Run: ``.venv/bin/python bench/bench_census_history.py``.

Timed in one process, best of repeated runs, reported as ratios:

- ``history`` -- every census under its own law (``census_report.report``: 23 censuses and
  1920), plus every census with populations (21) by each of the five methods at its law's
  House size: 23 + 1 + 105 apportionments with quotas, remainders or priorities and the
  differences from the enacted seats;
- ``sweep``   -- the existing benchmark's baseline: the 2020 census, Huntington-Hill, every
  House size 435..1000 read off one priority list (566 apportionments).

Before timing, it checks that the law reproduces the enacted seats of every census or
names the difference (the documented exceptions only).
"""

from __future__ import annotations

from _timing import best_of
from electoral.rules.apportionment import METHODS, census_populations, sweep
from electoral.rules.census_law import LAWS
from electoral.rules.census_report import populations, report

SIZES = range(435, 1001)
NO_POPULATIONS = (1890, 1930)


def history() -> int:
    n = 0
    for census in [*LAWS, 1920]:
        report(census)
        n += 1
    for census, rule in LAWS.items():
        if census in NO_POPULATIONS:
            continue
        for m in METHODS:
            report(census, rule.apportioned, m)
            n += 1
    return n


def main() -> None:
    unexplained = []
    for census in LAWS:
        r = report(census)
        unexplained += [
            (census, d.state) for d in r.differences if d.reason == "another method or size"
        ]
    assert not unexplained, unexplained
    with_pops = [c for c in LAWS if c not in NO_POPULATIONS]
    assert all(populations(c) for c in with_pops)
    n = history()
    print(
        f"{n} apportionments: {len(LAWS) + 1} censuses by their own law, "
        f"{len(with_pops)} censuses x {len(METHODS)} methods; every enacted seat reproduced "
        "or its difference named"
    )
    pops = census_populations(2020)
    t_history = best_of(history)
    t_sweep = best_of(lambda: sweep(pops, SIZES))
    print("best of repeated runs, same process:")
    print(f"  all censuses and methods / 2020 sweep 435-1000 = {t_history / t_sweep:8.1f}x")
    print(
        f"  per apportionment: history / sweep             = "
        f"{(t_history / n) / (t_sweep / len(SIZES)):8.1f}x"
    )


if __name__ == "__main__":
    main()
