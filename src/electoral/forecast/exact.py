"""The exact electoral-vote distribution of an ``ElectionModel``, up to quadrature.

Given the mixing variable ``w`` and the shared factors ``z`` (national error and regional
factors), the states are independent (see :mod:`electoral.forecast.model`):

- a state alone in its group is won with probability ``Phi(c_i sqrt(w) / g_i)``, where
  ``c_i = mean_i + shared_i . z / sqrt(w)``;
- a district-method state (at-large unit + districts sharing the state's error ``g``) is
  integrated over ``g`` in one dimension: the at-large unit is a step in ``g``, so the
  integral is split at the step and each piece done by Gauss-Legendre in ``u = Phi(g)``.

The electoral-vote distribution given ``(w, z)`` is then the product of the units'
polynomials ``(1 - p_i) + p_i x^{e_i}`` (a convolution over electors).  The outer integral
is a tensor rule: per shared factor, Gauss-Legendre in ``u = Phi(z / 1.6)``; over the
mixing variable, a composite Gaussian rule in ``sqrt(w)``.  Nodes are processed in batches
sorted by ``w`` and the national factor, so that within a batch most units are certain
(won or lost at every node, to 1e-12): those shift the distribution and only the others are
convolved.  The default node counts (12 per
factor, 16 for the mixing variable, 32 per inner piece: 27,648 outer nodes for three
factors) were chosen by convergence on the 2016 model: against a rule with about ten times
the nodes, the win probability agrees to 6e-6 and every electoral-vote count to 8e-6, and
the units' win probabilities are within 2e-5 of their closed form (the t CDF), DC's
2.6e-5 chance of a Republican win included.  Tensor nodes whose weight is below ``prune``
times the largest are dropped and the rest renormalised.
"""

from __future__ import annotations

import itertools
import math
from functools import cache

import numpy as np
import numpy.typing as npt
from scipy import special

from electoral.forecast._blas import single_threaded
from electoral.forecast.model import ElectionModel
from electoral.forecast.result import ExactResult

FloatArray = npt.NDArray[np.float64]


@cache
def _legendre(n: int) -> tuple[FloatArray, FloatArray]:
    """Gauss-Legendre nodes and weights on [-1, 1] (cached; do not modify)."""
    x, w = special.roots_legendre(n)  # asymptotic formulas for large n: fast
    return x, w


def _gauss_rule(v: FloatArray, wt: FloatArray, n: int) -> tuple[FloatArray, FloatArray]:
    """The n-point Gaussian rule of a discrete measure (nodes ``v``, weights ``wt``): its
    three-term recurrence by the Stieltjes procedure, then Golub-Welsch."""
    alpha, beta = np.zeros(n), np.zeros(n)
    p_prev, p, norm_prev = np.zeros_like(v), np.ones_like(v), 1.0
    for k in range(n):
        norm = float(wt @ (p * p))
        alpha[k] = float(wt @ (v * p * p)) / norm
        beta[k] = norm / norm_prev
        p_prev, p, norm_prev = p, (v - alpha[k]) * p - (beta[k] if k else 0.0) * p_prev, norm
    off = np.sqrt(beta[1:])
    nodes, vecs = np.linalg.eigh(np.diag(alpha) + np.diag(off, 1) + np.diag(off, -1))
    return nodes, beta[0] * vecs[0] ** 2


#: Pieces of ``v = sqrt(w)`` given their own Gaussian rules: the heavy tail of the errors
#: is the region of small ``v``, where a safe state's win probability falls from ~1 to 1/2.
MIXING_PIECES = (0.0, 0.15, 0.4)


@cache
def _mixing_rule(df: float, n: int) -> tuple[FloatArray, FloatArray]:
    """Nodes ``w`` and weights for ``E[f(w)]``, ``w ~ Gamma(df/2, rate=df/2)``.

    The conditional win probabilities are analytic in ``v = sqrt(w)`` (``Phi((mean v +
    shared.z) / g)``) but not in ``w``, so the rule is built in ``v``, whose density is
    ``v^(df-1) exp(-df v^2 / 2)``: a composite Gaussian rule, ``n`` nodes on
    ``[0.4, v_max]`` and ``n // 2`` on each of ``[0, 0.15]`` and ``[0.15, 0.4]``, each
    from a 400-point Gauss-Legendre discretisation of the density.  (One Gaussian rule on
    all of ``v > 0`` misses the far tail: 2016's DC loss came out 1.2e-5 against 2.6e-5 in
    closed form; generalised Gauss-Laguerre in ``w`` converges only algebraically.)
    """
    if math.isinf(df):
        return np.ones(1), np.ones(1)
    a = df / 2
    v_max = math.sqrt(float(special.gammainccinv(a, 1e-16)) / a)
    x, wx = _legendre(400)
    edges = (*MIXING_PIECES, v_max)
    nodes, weights = [], []
    for i, (lo, hi) in enumerate(itertools.pairwise(edges)):
        v = lo + (x + 1) * (hi - lo) / 2
        log_norm = a * math.log(a) - float(special.gammaln(a)) + math.log(2)
        log_pdf = log_norm + (df - 1) * np.log(v) - a * v**2
        wt = wx * (hi - lo) / 2 * np.exp(log_pdf)
        vi, wi = _gauss_rule(v, wt / wt.sum(), n if i == len(edges) - 2 else max(n // 2, 1))
        nodes.append(vi)
        weights.append(wi * wt.sum())
    v_all, w_all = np.concatenate(nodes), np.concatenate(weights)
    return v_all**2, w_all / w_all.sum()


@cache
def _normal_rule(n: int, spread: float = 1.6) -> tuple[FloatArray, FloatArray]:
    """Nodes and weights for ``E[f(z)]``, ``z ~ N(0, 1)``.

    Gauss-Legendre in ``u = Phi(z / spread)``: the conditional win probabilities are
    sigmoids in ``z``, smooth and bounded in ``u``, and Gauss-Legendre there converges far
    faster than Gauss-Hermite (on the 2016 model: 1e-5 with 10 nodes against about 30);
    ``spread`` > 1 puts nodes further into the tails, where a safe state's sigmoid sits.
    """
    x, wx = _legendre(n)
    y = special.ndtri((x + 1) / 2)
    z = spread * y
    return z, wx / 2 * spread * np.exp((y**2 - z**2) / 2)


def _outer_rule(
    model: ElectionModel, n_normal: tuple[int, ...], n_mixing: int, prune: float
) -> tuple[FloatArray, FloatArray, FloatArray]:
    """``(w (N,), z (N, n_shared), weight (N,))`` for the outer integral, sorted by ``w`` and
    then the first factor (so a batch of nodes shares which units are certain)."""
    k = model.n_shared
    sizes = [n_normal[min(i, len(n_normal) - 1)] for i in range(k)]
    if k:
        rules = [_normal_rule(n) for n in sizes]
        grid = np.array(list(itertools.product(*(range(n) for n in sizes))), dtype=int)
        zw = np.prod([rules[f][1][grid[:, f]] for f in range(k)], axis=0)
        keep = zw >= prune * zw.max()
        z = np.column_stack([rules[f][0][grid[keep, f]] for f in range(k)])
        zw = zw[keep]
    else:
        z, zw = np.zeros((1, 0)), np.ones(1)
    w, ww = _mixing_rule(model.df, n_mixing)
    weight = (ww[:, None] * zw[None, :]).ravel()
    big = weight >= prune * weight.max()
    ws, zs = np.repeat(w, len(zw))[big], np.tile(z, (len(w), 1))[big]
    order = np.lexsort((zs[:, 0] if k else np.zeros(len(ws)), ws))
    return ws[order], zs[order], weight[big][order]


def _group_poly(
    c: FloatArray, sw: FloatArray, g: FloatArray, own: FloatArray, e: list[int], n_inner: int
) -> tuple[FloatArray, FloatArray]:
    """Electoral-vote polynomial of one district-method state, integrated over its error.

    ``c`` (B, k) conditional means, ``sw`` (B,) = sqrt(w); ``g``, ``own``, ``e`` (k,).
    Returns the polynomial (B, sum(e) + 1) and the units' win probabilities (B, k).
    """
    b = c.shape[0]
    steps = np.flatnonzero(own <= 0)
    cut = special.ndtr(-c[:, steps] * sw[:, None] / g[steps])  # u = Phi(g*) of each step
    edges = np.sort(np.concatenate([np.zeros((b, 1)), cut, np.ones((b, 1))], axis=1), axis=1)
    x, wx = _legendre(n_inner)
    lo, width = edges[:, :-1, None], np.diff(edges, axis=1)[:, :, None]
    u = (lo + width * (x + 1) / 2).reshape(b, -1)  # (B, n_seg * n_inner)
    wt = (width * wx / 2).reshape(b, -1)
    eps = special.ndtri(np.clip(u, 1e-300, 1 - 1e-16))
    margin = c[:, None, :] * sw[:, None, None] + eps[:, :, None] * g  # (B, I, k), times sqrt(w)
    safe_own = np.where(own > 0, own, 1.0)
    p = np.where(own > 0, special.ndtr(margin / safe_own), (margin > 0).astype(float))
    poly = np.zeros((b, u.shape[1], sum(e) + 1))
    poly[:, :, 0] = 1.0
    hi = 0
    for j, ej in enumerate(e):
        pj = p[:, :, j, None]
        moved = poly[:, :, : hi + 1] * pj
        poly[:, :, : hi + 1] *= 1 - pj
        poly[:, :, ej : ej + hi + 1] += moved
        hi += ej
    return np.einsum("bi,bik->bk", wt, poly), np.einsum("bi,bik->bk", wt, p)


@single_threaded
def exact_distribution(
    model: ElectionModel,
    *,
    n_normal: int | tuple[int, ...] = (10, 5),
    n_mixing: int = 4,
    n_inner: int = 16,
    prune: float = 1e-10,
    batch: int = 256,
    certain: float = 1e-10,
) -> ExactResult:
    """The Democrat's electoral-vote distribution and win probabilities, exact up to
    quadrature (see the module docstring).

    Parameters
    ----------
    n_normal
        Nodes per shared factor: one number for all, or one per factor (the last repeated):
        by default 10 for the first (national) factor and 5 for each regional one, whose
        loadings are a fraction of the national one's.  Against a rule with 16 nodes per
        factor, 16 + 8 + 8 mixing nodes and 32 inner ones (2008-2020 models, on the eve and
        months out), every electoral-vote count agrees to 2.5e-4 and the win probability
        to 1.5e-4, inside the standard error of 10^5 simulations (but not of 10^7).
    n_mixing
        Nodes over the bulk of the mixing variable, plus ``n_mixing // 2`` on each of its
        two small-``w`` pieces (one node in all when ``model.df`` is infinite).
    n_inner
        Nodes per piece of the one-dimensional integral over a district-method state's
        own error.
    prune
        Relative weight below which outer nodes are dropped.
    batch
        Outer nodes processed at once.
    certain
        A unit whose win probability is within this of 0 or 1 at every node of a batch is
        taken as certain there: it shifts the distribution instead of being convolved (the
        shared conditional work: in most batches only the competitive units are convolved).
    """
    sizes = (n_normal,) if isinstance(n_normal, int) else tuple(n_normal)
    w, z, weight = _outer_rule(model, sizes, n_mixing, prune)
    total = model.total
    groups = [np.flatnonzero(model.group == k) for k in range(model.n_groups)]
    single = [int(ix[0]) for ix in groups if len(ix) == 1 and model.own[ix[0]] <= 0]
    multi = [ix for ix in groups if not (len(ix) == 1 and model.own[ix[0]] <= 0)]
    single.sort(key=lambda i: int(model.electors[i]))
    single_ix = np.array(single, dtype=np.intp)
    e_single = model.electors[single_ix].astype(np.int64)
    g = model.group_loading[single_ix]
    g_safe = np.where(g > 0, g, 1.0)
    ev = np.zeros(total + 1)
    unit_p = np.zeros(model.n_units)
    for s in range(0, len(weight), batch):
        wb, zb, wtb = w[s : s + batch], z[s : s + batch], weight[s : s + batch]
        sw = np.sqrt(wb)
        c = model.mean + (zb @ model.shared.T) / sw[:, None]  # (B, n_units)
        cs = c[:, single_ix]
        p = np.where(g > 0, special.ndtr(cs * sw[:, None] / g_safe), (cs > 0).astype(float))
        unit_p[single_ix] += wtb @ p
        sure_win = (p >= 1 - certain).all(axis=0)  # shift by their electors
        sure_loss = (p <= certain).all(axis=0)
        base = int(e_single[sure_win].sum())
        open_ = np.flatnonzero(~(sure_win | sure_loss))
        width = int(e_single[open_].sum()) + sum(int(model.electors[ix].sum()) for ix in multi)
        dist = np.zeros((len(wb), width + 1))
        dist[:, 0] = 1.0
        hi = 0
        for ix in multi:
            e = [int(model.electors[i]) for i in ix]
            poly, pu = _group_poly(c[:, ix], sw, model.group_loading[ix], model.own[ix], e, n_inner)
            unit_p[ix] += wtb @ pu
            new = np.zeros_like(dist)
            for k in range(poly.shape[1]):
                new[:, k : k + hi + 1] += dist[:, : hi + 1] * poly[:, k, None]
            dist, hi = new, hi + sum(e)
        for j in open_.tolist():
            ei = int(e_single[j])
            pj = p[:, j, None]
            moved = dist[:, : hi + 1] * pj
            dist[:, : hi + 1] *= 1 - pj
            dist[:, ei : ei + hi + 1] += moved
            hi += ei
        ev[base : base + width + 1] += wtb @ dist
    mass = float(weight.sum())
    # the units' own probabilities have a closed form (the t CDF); the quadrature's agree
    # with it to about 1e-4 and are kept as a check of the quadrature
    return ExactResult(model, ev / mass, model.unit_win_probability(), len(weight), unit_p / mass)
