"""Sweep House sizes 435..1000 on the 2020 census: ours vs the PyPI ``apportionment`` package.

Run: ``.venv/bin/python bench/bench_apportion.py`` (needs ``pip install -e '.[bench]'``).

Three ways to the same 566 apportionments, timed in one run and reported as ratios:

- ``sweep``   -- ours: one priority list, every size read off it (vectorised);
- ``naive``   -- ours, one ``apportion()`` call per size;
- ``package`` -- ``apportionment.methods.compute("huntington", ...)`` once per size.

Every size is checked seat for seat between ours and the package (Huntington-Hill, and Adams,
the other method for which the package gives every state its one seat first).
"""

from __future__ import annotations

from apportionment import methods as pkg  # type: ignore[import-untyped]

from _timing import best_of
from electoral.rules.apportionment import apportion, census_populations, sweep

SIZES = range(435, 1001)
PACKAGE_NAME = {"huntington-hill": "huntington", "adams": "adams"}


def main() -> None:
    pops = census_populations(2020)
    states = list(pops)
    votes = [pops[s] for s in states]

    for method, theirs in PACKAGE_NAME.items():
        table = sweep(pops, SIZES, method)
        for size in SIZES:
            ours = [int(n) for n in table.loc[size, states]]
            assert ours == pkg.compute(theirs, votes, size), (method, size)
    print(
        f"identical seats for all {len(SIZES)} House sizes {SIZES[0]}-{SIZES[-1]} "
        f"(2020 census; huntington-hill and adams) between ours and apportionment"
    )

    t_sweep = best_of(lambda: sweep(pops, SIZES))
    t_naive = best_of(lambda: [apportion(pops, s) for s in SIZES])
    t_pkg = best_of(lambda: [pkg.compute("huntington", votes, s) for s in SIZES])

    print(f"huntington-hill sweep of {len(SIZES)} sizes, best of repeated runs, same process:")
    print(f"  package (per size) / ours (sweep)    = {t_pkg / t_sweep:8.1f}x")
    print(f"  ours per size      / ours (sweep)    = {t_naive / t_sweep:8.1f}x")
    print(f"  package (per size) / ours (per size) = {t_pkg / t_naive:8.1f}x")


if __name__ == "__main__":
    main()
