"""Monte Carlo: hand-worked toy colleges, the reductions, and reproducibility.

The toy college (7 electors, 4 for a majority), independent normal margins::

    unit  electors  P(D)   P(D wins | D carries it)         P(R wins | R carries it)
    A     3         0.5    1 - .2*.7 = 0.86 (B or C)         1 - .8*.3 = 0.76 (B or C)
    B     2         0.8    1 - .5*.7 = 0.65 (A or C)         1 - .5*.3 = 0.85 (A or C)
    C     2         0.3    1 - .5*.2 = 0.90 (A or B)         1 - .5*.8 = 0.60 (A or B)
                           P(D wins) = 0.55

A near-certain map (tiny errors) fixes the tipping point and the decisive units::

    unit  electors  margin   D's electors from the top
    A     3         +0.10    3
    B     2         +0.05    5  <- majority (5 of 9) reached: B is the tipping point;
    C     2         -0.02       A and B are each decisive, C and D are not
    D     2         -0.10
"""

from __future__ import annotations

import dataclasses
import math

import numpy as np
import pytest
from scipy import special

from electoral.forecast.model import ElectionModel
from electoral.forecast.montecarlo import BLOCK, Kernel, Workspace, _tipping, simulate
from electoral.forecast.result import Counts

P = np.array([0.5, 0.8, 0.3])
SD = np.array([0.04, 0.03, 0.05])


def toy() -> ElectionModel:
    return ElectionModel.independent(("A", "B", "C"), (3, 2, 2), special.ndtri(P) * SD, SD)


def near_certain(sign: float = 1.0) -> ElectionModel:
    mean = sign * np.array([0.10, 0.05, -0.02, -0.10])
    return ElectionModel.independent(("A", "B", "C", "D"), (3, 2, 2, 2), mean, 1e-4)


def within(x: float, p: float, n: int, k: float = 4.0) -> bool:
    return abs(x - p) <= k * math.sqrt(p * (1 - p) / n) + 1e-12


def test_toy_probabilities_and_conditionals() -> None:
    n = 100_000
    r = simulate(toy(), n, rng=1)
    assert within(r.win_probability["D"], 0.55, n)
    assert r.win_probability["D"] + r.win_probability["R"] == 1.0  # 7 electors: no tie
    assert r.tie_probability == r.no_majority_probability == 0.0
    for i in range(3):
        assert within(float(r.unit_win_probability[i]), float(P[i]), n)
    cond = r.conditional()
    for u, d, rep in (("A", 0.86, 0.76), ("B", 0.65, 0.85), ("C", 0.90, 0.60)):
        i = "ABC".index(u)
        d_sim, r_sim = cond[u]["D"], cond[u]["R"]
        assert d_sim is not None and r_sim is not None
        assert within(d_sim, d, int(n * P[i]))
        assert within(r_sim, rep, int(n * (1 - P[i])))
    mean = special.ndtri(P) * SD
    assert np.abs(r.margin_mean - mean).max() < 4 * SD.max() / math.sqrt(n)
    assert r.ev_probability.sum() == pytest.approx(1.0)


@pytest.mark.parametrize("sign", [1.0, -1.0])
def test_tipping_point_and_decisive_units_on_a_near_certain_map(sign: float) -> None:
    r = simulate(near_certain(sign), 5_000, rng=2)
    winner = "D" if sign > 0 else "R"
    assert r.win_probability[winner] == 1.0
    assert r.tipping_point["B"] == 1.0
    np.testing.assert_array_equal(r.decisive_probability, [1.0, 1.0, 0.0, 0.0])
    np.testing.assert_array_equal(r.voter_power, 0.0)  # no unit within 1 point of a tie


def test_tie_and_no_majority_are_reported_apart_from_losses() -> None:
    """Two units of 1 elector each, one certain for each side: always 1-1."""
    m = ElectionModel.independent(("A", "B"), (1, 1), (0.1, -0.1), 1e-4)
    r = simulate(m, 2_000, rng=3)
    assert r.tie_probability == r.no_majority_probability == 1.0
    assert r.win_probability == {"D": 0.0, "R": 0.0}
    assert sum(r.tipping_point.values()) == 0.0  # nobody wins: no tipping point
    np.testing.assert_array_equal(r.decisive_probability, [1.0, 1.0])


def test_perfect_correlation_is_all_or_nothing() -> None:
    """Every unit moves with one shared factor: the winner takes every unit."""
    n = 50_000
    m = ElectionModel.independent(
        ("A", "B", "C"), (3, 2, 2), (0.01, 0.01, 0.01), 0.0, shared=[[0.02]] * 3
    )
    r = simulate(m, n, rng=4)
    p = r.ev_probability
    assert p[0] + p[7] == 1.0
    assert within(float(p[7]), float(special.ndtr(0.5)), n)


def test_popular_electoral_split() -> None:
    """A carries the popular vote (90% of the votes, +10) but B's two electors win."""
    m = ElectionModel.independent(("A", "B"), (1, 2), (0.1, -0.05), 1e-4)
    m = dataclasses.replace(m, popular_weight=np.array([0.9, 0.1]))
    r = simulate(m, 1_000, rng=5)
    assert r.win_probability["R"] == 1.0
    assert r.split_probability == 1.0


def test_tipping_point_matches_brute_force() -> None:
    rng = np.random.default_rng(6)
    units, electors = 12, rng.integers(1, 30, 12)
    m = ElectionModel.independent([f"U{i}" for i in range(units)], electors, np.zeros(units), 1.0)
    k = Kernel.of(m)
    margin = rng.standard_normal((4_000, units)).astype(np.float32)
    ws = Workspace.get(k.shape, len(margin))
    ws.margin[: len(margin)] = margin
    dem_ev = (margin > 0) @ electors
    got = _tipping(k, ws, len(margin), dem_ev >= m.majority)
    for row, tp, ev in zip(margin, got, dem_ev, strict=True):
        if ev * 2 == m.total:
            continue
        side = 1.0 if ev >= m.majority else -1.0
        order = np.argsort(-side * row, kind="stable")
        crossing = int(np.searchsorted(np.cumsum(electors[order]), m.majority))
        assert tp == order[crossing]


def _same(a: Counts, b: Counts) -> None:
    for f in dataclasses.fields(Counts):
        np.testing.assert_array_equal(getattr(a, f.name), getattr(b, f.name), err_msg=f.name)


def _model() -> ElectionModel:
    """Twelve units with two shared factors and t errors."""
    rng = np.random.default_rng(7)
    shared = rng.normal(0, 0.02, (12, 2))
    m = ElectionModel.independent(
        [f"U{i}" for i in range(12)],
        rng.integers(1, 20, 12),
        rng.normal(0, 0.03, 12),
        0.03,
        df=5.0,
        shared=shared,
    )
    return m


def test_same_seed_same_numbers_whatever_the_chunk() -> None:
    m, n = _model(), 7 * BLOCK + 321
    base = simulate(m, n, rng=8)
    _same(base.counts, simulate(m, n, rng=np.random.default_rng(8)).counts)
    for chunk in (1, BLOCK, 3 * BLOCK, 10 * BLOCK):
        _same(base.counts, simulate(m, n, rng=8, chunk=chunk).counts)
    other = simulate(m, n, rng=9)
    assert not np.array_equal(base.counts.ev, other.counts.ev)


def test_progress_is_reported_per_chunk() -> None:
    seen: list[tuple[int, int]] = []
    simulate(_model(), 3 * BLOCK, rng=1, chunk=BLOCK, progress=lambda d, n: seen.append((d, n)))
    assert seen == [(BLOCK, 3 * BLOCK), (2 * BLOCK, 3 * BLOCK), (3 * BLOCK, 3 * BLOCK)]


def test_dask_workers_give_the_same_numbers() -> None:
    """In-process LocalClusters of one and two workers: identical counts to the plain run."""
    distributed = pytest.importorskip("distributed")
    m, n = _model(), 6 * BLOCK
    base = simulate(m, n, rng=10, chunk=BLOCK)
    for workers in (1, 2):
        with (
            distributed.LocalCluster(
                n_workers=workers, threads_per_worker=1, processes=False, dashboard_address=None
            ) as cluster,
            distributed.Client(cluster) as client,
        ):
            _same(base.counts, simulate(m, n, rng=10, chunk=BLOCK, dask=client).counts)
