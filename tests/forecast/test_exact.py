"""The exact electoral-vote distribution: hand-worked toys, closed forms, and Monte Carlo.

The toy college (7 electors, 4 for a majority), independent normal margins::

    unit  electors  P(D)          EV for D   P         (by hand)
    A     3         0.5           0          .5*.2*.7  = 0.07
    B     2         0.8           2          .5*.8*.7 + .5*.2*.3 = 0.31
    C     2         0.3           3          .5*.2*.7  = 0.07
                                  4          .5*.8*.3  = 0.12
                                  5          .5*.8*.7 + .5*.2*.3 = 0.31
                                  7          .5*.8*.3  = 0.12      P(D wins) = 0.55
"""

from __future__ import annotations

import dataclasses
import math

import numpy as np
import pytest
from scipy import integrate, special, stats

from electoral.forecast.exact import exact_distribution
from electoral.forecast.forecaster import ForecastModel
from electoral.forecast.model import ElectionModel
from electoral.forecast.montecarlo import simulate

P = np.array([0.5, 0.8, 0.3])
SD = np.array([0.04, 0.03, 0.05])
HAND = {0: 0.07, 2: 0.31, 3: 0.07, 4: 0.12, 5: 0.31, 7: 0.12}


@pytest.fixture(scope="module")
def model_2016(fitted_2016: ForecastModel) -> ElectionModel:
    """The 2016 eve forecast's model (the session's shared fit)."""
    return fitted_2016.model_


def toy(df: float = math.inf) -> ElectionModel:
    """The three-unit college above (normal margins, or t with ``df`` and the same P)."""
    q = special.ndtri(P) if math.isinf(df) else stats.t.ppf(P, df)
    scale = SD if math.isinf(df) else SD * math.sqrt((df - 2) / df)
    return ElectionModel.independent(("A", "B", "C"), (3, 2, 2), q * scale, SD, df=df)


def test_independent_units_match_the_hand_count() -> None:
    ex = exact_distribution(toy())
    want = np.zeros(8)
    for k, v in HAND.items():
        want[k] = v
    np.testing.assert_allclose(ex.ev_probability, want, atol=1e-9)
    assert ex.win_probability["D"] == pytest.approx(0.55, abs=1e-9)
    assert ex.win_probability["R"] == pytest.approx(0.45, abs=1e-9)
    assert ex.tie_probability == 0.0  # an odd college cannot tie
    np.testing.assert_allclose(ex.unit_win_probability, P, atol=1e-9)


def test_t_errors_couple_the_units_through_the_mixing_variable() -> None:
    """Same marginal probabilities, but with t errors one scale mixture per election moves
    every unit's spread together: the outcomes are no longer independent, and the exact
    distribution agrees with Monte Carlo rather than with the hand count."""
    m = toy(5.0)
    ex = exact_distribution(m)
    np.testing.assert_allclose(ex.unit_win_probability, P, atol=1e-7)
    assert abs(ex.ev_probability[0] - HAND[0]) > 1e-3
    n = 200_000
    mc = simulate(m, n, rng=5)
    q = ex.ev_probability
    assert (np.abs(mc.ev_probability - q) <= 4 * np.sqrt(q * (1 - q) / n) + 1e-12).all()


@pytest.mark.parametrize("df", [math.inf, 5.0])
def test_two_correlated_units_match_adaptive_integration(df: float) -> None:
    """Units X (1 elector) and Y (2) share a factor: P(EV = 3) = P(both margins > 0).

    Against scipy's bivariate normal CDF (normal case), and against adaptive quadrature
    (``scipy.integrate``) over the factor and the mixing variable (t case)."""
    shared = np.array([[0.03], [0.02]])
    own = np.array([0.02, 0.03])
    mean = np.array([0.01, -0.005])
    m = ElectionModel.independent(("X", "Y"), (1, 2), mean, own, df=df, shared=shared)
    ex = exact_distribution(m)
    a, g = m.shared[:, 0], m.group_loading

    def both(z: float, v: float) -> float:  # P(both | factor z, sqrt(w) = v) * density(z)
        p = special.ndtr((mean * v + a * z) / g)
        return float(p[0] * p[1] * stats.norm.pdf(z))

    if math.isinf(df):
        rho = float(a[0] * a[1] / (m.scale[0] * m.scale[1]))
        cov = [[1.0, rho], [rho, 1.0]]
        want = float(stats.multivariate_normal(mean=[0, 0], cov=cov).cdf(mean / m.scale))
        want_quad = integrate.quad(lambda z: both(z, 1.0), -12, 12, epsabs=1e-12)[0]
        assert want == pytest.approx(want_quad, abs=1e-5)
    else:
        chi = stats.chi(df, scale=1 / math.sqrt(df))  # sqrt(w), w ~ Gamma(df/2, rate df/2)
        want = integrate.dblquad(lambda z, v: both(z, v) * chi.pdf(v), 0, 6, -12, 12, epsabs=1e-10)[
            0
        ]
    assert ex.ev_probability[3] == pytest.approx(want, abs=2e-5)
    np.testing.assert_allclose(ex.unit_quadrature, m.unit_win_probability(), atol=2e-5)


def test_monte_carlo_matches_exact_on_a_full_map(model_2016: ElectionModel) -> None:
    """Tolerance from the binomial standard error: win and tie probabilities within
    4 s.e.; every electoral-vote count within 5 s.e. + 3/n (539 comparisons at once); the
    whole distribution function within 4 s.e. of its own."""
    n = 200_000
    ex = exact_distribution(model_2016)
    mc = simulate(model_2016, n, rng=2016)
    for who in (model_2016.dem, model_2016.rep):
        p = ex.win_probability[who]
        assert abs(mc.win_probability[who] - p) < 4 * math.sqrt(p * (1 - p) / n)
    t = ex.tie_probability
    assert abs(mc.tie_probability - t) < 4 * math.sqrt(t * (1 - t) / n) + 3 / n
    q = ex.ev_probability
    assert q.sum() == pytest.approx(1.0, abs=1e-9)
    assert (np.abs(mc.ev_probability - q) < 5 * np.sqrt(q * (1 - q) / n) + 3 / n).all()
    f, g = np.cumsum(q).clip(0, 1), np.cumsum(mc.ev_probability)
    assert (np.abs(g - f) < 4 * np.sqrt(f * (1 - f) / n) + 3 / n).all()
    np.testing.assert_allclose(ex.unit_quadrature, model_2016.unit_win_probability(), atol=5e-4)


def test_a_unit_without_error_of_its_own_is_a_step() -> None:
    """With no error of its own a unit follows the shared factor exactly (no division by
    zero); the quadrature of the resulting step is only approximate."""
    m = ElectionModel.independent(
        ("A", "B"), (1, 2), (0.0, 0.0), (0.01, 0.01), shared=[[0.02], [0.02]]
    )
    m = dataclasses.replace(m, group_loading=np.array([0.0, 0.01]))
    ex = exact_distribution(m)
    assert ex.ev_probability.sum() == pytest.approx(1.0)
    assert ex.unit_win_probability[0] == pytest.approx(0.5, abs=0.05)
