"""Monte Carlo over an ``ElectionModel``: vectorised, chunked, reduced on the fly.

Draws are made in *blocks* of :data:`BLOCK` simulated elections, each block from its own
generator seeded by ``SeedSequence(seed).spawn(n_blocks)[b]``; a chunk is a run of whole
blocks, reduced to counts (and per-block float sums) before the next chunk is drawn.  So
the numbers depend on the seed and ``n`` only: not on the chunk size, nor on how many Dask
workers ran the chunks, nor in which order they finished.

One simulated election draws ``n_shared + n_groups + n_districts`` float32 standard normals
and one gamma variate (see :mod:`electoral.forecast.model`), forms every margin with one
matrix product, and reduces: the electoral-vote histogram, unit wins and margin sums, the
tipping point (one integer sort per draw), which units were decisive and how close, the
national popular vote, and joint counts for the conditional probabilities.
"""

from __future__ import annotations

import importlib
import itertools
import math
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from electoral.forecast.model import ElectionModel
from electoral.forecast.result import Counts, SimulationResult

#: Simulated elections per random stream (the unit of reproducibility).
BLOCK = 1000
#: A unit counts as "close" for voter power when its margin is within this of zero.
CLOSE = 0.01

Progress = Callable[[int, int], None]


@dataclass(frozen=True, eq=False)
class Kernel:
    """The model as the float32 arrays one chunk needs (shipped once to Dask workers)."""

    shared: npt.NDArray[np.float32]  # (n_shared, n_units): loadings of the shared normals
    direct: npt.NDArray[np.float32]  # (n_units,): loading on the unit's own column
    fix_unit: npt.NDArray[np.intp]  # units whose group normal is another column
    fix_group_col: npt.NDArray[np.intp]  # that column
    fix_group: npt.NDArray[np.float32]  # their group loading
    fix_own: npt.NDArray[np.float32]  # their own loading (on their own column)
    n_normals: int
    mean: npt.NDArray[np.float32]  # (n_units,)
    electors: npt.NDArray[np.float32]  # (n_units,)
    electors_int: npt.NDArray[np.int16]  # (n_units,)
    popular: npt.NDArray[np.float32]  # (n_units,)
    half_df: float  # inf: normal errors
    total: int
    majority: int
    bits: int  # bits that hold a unit index in the tipping-point sort key

    @classmethod
    def of(cls, model: ElectionModel) -> Kernel:
        """Columns of the normals: the shared factors, then one per unit.  A group's error
        is the column of its first unit without an error of its own (a state, an at-large
        unit), or an extra column after the units; a district's column is its own error."""
        k, n = model.n_shared, model.n_units
        col = {}
        extra = 0
        for g in range(model.n_groups):
            members = np.flatnonzero(model.group == g)
            anchors = [int(u) for u in members if model.own[u] <= 0]
            if anchors:
                col[g] = k + anchors[0]
            else:
                col[g] = k + n + extra
                extra += 1
        fix = np.array([u for u in range(n) if col[int(model.group[u])] != k + u], dtype=np.intp)
        direct = np.where(np.isin(np.arange(n), fix), 0.0, model.group_loading)
        return cls(
            shared=np.ascontiguousarray(model.shared.T, dtype=np.float32),
            direct=direct.astype(np.float32),
            fix_unit=fix,
            fix_group_col=np.array([col[int(model.group[u])] for u in fix], dtype=np.intp),
            fix_group=model.group_loading[fix].astype(np.float32),
            fix_own=model.own[fix].astype(np.float32),
            n_normals=k + n + extra,
            mean=model.mean.astype(np.float32),
            electors=model.electors.astype(np.float32),
            electors_int=model.electors.astype(np.int16),
            popular=model.popular_weight.astype(np.float32),
            half_df=model.df / 2,
            total=model.total,
            majority=model.majority,
            bits=max(1, math.ceil(math.log2(max(n, 2)))),
        )

    @property
    def shape(self) -> tuple[int, int]:
        """``(normals per draw, n_units)``."""
        return self.n_normals, self.shared.shape[1]

    def margins(
        self,
        z: npt.NDArray[np.float32],
        out: npt.NDArray[np.float32],
        scratch: npt.NDArray[np.float32],
    ) -> None:
        """Margins before scaling and centring, shape (m, n_units), from the normals ``z``.

        Elementwise operations in a fixed order rather than a BLAS product: the result of
        each draw is then bit-for-bit the same whatever the chunk it falls in.
        """
        k, n = self.shared.shape
        np.multiply(z[:, k : k + n], self.direct, out=out)
        for u, c, g, a in zip(
            self.fix_unit, self.fix_group_col, self.fix_group, self.fix_own, strict=True
        ):
            out[:, u] = z[:, c] * g + z[:, k + u] * a
        for f in range(k):
            np.multiply(z[:, f, None], self.shared[f], out=scratch)
            out += scratch


class Workspace:
    """Buffers for up to ``size`` draws, kept per thread and reused from chunk to chunk:
    memory fresh from the system costs a page fault per 4 KiB, as much as the arithmetic."""

    def __init__(self, shape: tuple[int, int], size: int) -> None:
        cols, units = shape
        self.shape, self.size = shape, size
        self.z = np.empty((size, cols), np.float32)
        self.w = np.empty(size, np.float32)
        self.margin = np.empty((size, units), np.float32)
        self.scratch = np.empty((size, units), np.float32)
        self.wins = np.empty((size, units), np.bool_)
        self.flags = np.empty((3, size, units), np.bool_)
        self.key = np.empty((size, units), np.int32)
        self.ev = np.empty((units, size), np.int16)

    _local = threading.local()

    @classmethod
    def get(cls, shape: tuple[int, int], size: int) -> Workspace:
        ws: Workspace | None = getattr(cls._local, "ws", None)
        if ws is None or ws.shape != shape or ws.size < size:
            ws = cls(shape, size)
            cls._local.ws = ws
        return ws


def _tipping(k: Kernel, ws: Workspace, m: int, dem_win: npt.NDArray[np.bool_]) -> Any:
    """Tipping-point unit per draw: units sorted by the Democrat's margin (one int32 sort of
    keys that carry the unit index in their low bits), then the position where the
    winner's cumulative electors reach the majority."""
    n_units = ws.shape[1]
    q, key, ev = ws.scratch[:m], ws.key[:m], ws.ev[:, :m]
    np.clip(ws.margin[:m], -2.0, 2.0, out=q)
    q *= np.float32(2 ** (28 - k.bits))
    np.copyto(key, q, casting="unsafe")
    key <<= k.bits
    key |= np.arange(n_units, dtype=np.int32)
    key.sort(axis=1)
    key &= np.int32((1 << k.bits) - 1)
    np.take(k.electors_int, key.T, out=ev, mode="clip")  # (n_units, m), ascending margin
    acc = np.zeros(m, dtype=np.int16)
    below_dem = np.zeros(m, dtype=np.int16)  # cumulative <= total - majority
    below_rep = np.zeros(m, dtype=np.int16)  # cumulative < majority
    for j in range(n_units):
        acc += ev[j]
        below_dem += acc <= k.total - k.majority
        below_rep += acc < k.majority
    pos = np.where(dem_win, below_dem, below_rep).clip(max=n_units - 1)
    return key[np.arange(m), pos]


def _dot(a: npt.NDArray[Any], b: npt.NDArray[np.float32], spec: str = "ij,j->i") -> Any:
    """A small product outside BLAS (whose threads contend badly on a busy machine)."""
    return np.einsum(spec, a, b)


def run_chunk(k: Kernel, seeds: Sequence[np.random.SeedSequence], sizes: Sequence[int]) -> Counts:
    """Simulate the blocks ``seeds`` (of ``sizes`` draws) and reduce them to counts."""
    m = int(sum(sizes))
    ws = Workspace.get(k.shape, m)
    z, w, margin, wins = ws.z[:m], ws.w[:m], ws.margin[:m], ws.wins[:m]
    lo = 0
    for seed, size in zip(seeds, sizes, strict=True):
        gen = np.random.Generator(np.random.SFC64(seed))
        gen.standard_normal(dtype=np.float32, out=z[lo : lo + size])
        if math.isfinite(k.half_df):
            gen.standard_gamma(k.half_df, dtype=np.float32, out=w[lo : lo + size])
        lo += size
    k.margins(z, margin, ws.scratch[:m])
    if math.isfinite(k.half_df):
        np.divide(np.float32(k.half_df), w, out=w)
        np.sqrt(w, out=w)
        margin *= w[:, None]
    margin += k.mean
    np.greater(margin, 0, out=wins)
    winf = ws.scratch[:m]
    np.copyto(winf, wins)
    dem_ev = np.rint(_dot(winf, k.electors)).astype(np.int64)
    dem_win = dem_ev >= k.majority
    rep_win = k.total - dem_ev >= k.majority
    tie = ~(dem_win | rep_win)
    joint_dem = _dot(dem_win.astype(np.float32), winf, "i,ij->j")
    joint_rep = int(rep_win.sum()) - _dot(rep_win.astype(np.float32), winf, "i,ij->j")
    unit_wins = _dot(np.ones(m, np.float32), winf, "i,ij->j")
    popular = _dot(margin, k.popular)
    surplus = np.where(dem_win, dem_ev - k.majority, k.total - dem_ev - k.majority)
    side, decisive, close = ws.flags[0, :m], ws.flags[1, :m], ws.flags[2, :m]
    np.equal(wins, dem_win[:, None], out=side)
    side |= tie[:, None]
    np.greater(k.electors_int[None, :], np.where(tie, -1, surplus)[:, None], out=decisive)
    decisive &= side
    np.abs(margin, out=ws.scratch[:m])
    np.less(ws.scratch[:m], CLOSE, out=close)
    close &= decisive
    starts = np.concatenate([[0], np.cumsum(sizes)]).tolist()
    ones = np.ones(max(sizes), np.float32)
    margin_sums = np.array(
        [_dot(ones[: b - a], margin[a:b], "i,ij->j") for a, b in itertools.pairwise(starts)],
        dtype=np.float64,
    )
    popular_sums = np.array(
        [float(popular[a:b].sum(dtype=np.float64)) for a, b in itertools.pairwise(starts)]
    )
    np.copyto(ws.scratch[:m], decisive)
    n_decisive = _dot(np.ones(m, np.float32), ws.scratch[:m], "i,ij->j")
    np.copyto(ws.scratch[:m], close)
    n_close = _dot(np.ones(m, np.float32), ws.scratch[:m], "i,ij->j")
    tp = _tipping(k, ws, m, dem_win)[~tie]
    return Counts(
        n=m,
        ev=np.bincount(dem_ev, minlength=k.total + 1).astype(np.int64),
        unit_wins=np.rint(unit_wins).astype(np.int64),
        dem_wins=int(dem_win.sum()),
        rep_wins=int(rep_win.sum()),
        ties=int((2 * dem_ev == k.total).sum()),
        no_majority=int(tie.sum()),
        splits=int(((dem_win & (popular < 0)) | (rep_win & (popular > 0))).sum()),
        popular_dem=int((popular > 0).sum()),
        joint_dem=np.rint(joint_dem).astype(np.int64),
        joint_rep=np.rint(joint_rep).astype(np.int64),
        decisive=np.rint(n_decisive).astype(np.int64),
        decisive_close=np.rint(n_close).astype(np.int64),
        tipping=np.bincount(tp, minlength=k.shape[1]).astype(np.int64),
        margin_sums=margin_sums,
        popular_sums=popular_sums,
    )


def _on_dask(
    dask: Any,
    kernel: Kernel,
    jobs: list[tuple[list[np.random.SeedSequence], list[int]]],
    n: int,
    progress: Progress | None,
) -> list[Counts]:
    """Run the chunks on Dask workers; the counts come back in chunk order."""
    dist: Any = importlib.import_module("distributed")  # untyped: used through Any
    owned: list[Any] = []
    if isinstance(dask, dist.Client):
        client = dask
    elif dask == "local":
        cluster = dist.LocalCluster(processes=False, dashboard_address=None)
        client = dist.Client(cluster)
        owned = [client, cluster]
    else:
        client = dist.Client(str(dask))
        owned = [client]
    try:
        shipped = client.scatter(kernel, broadcast=True)
        futures = [client.submit(run_chunk, shipped, s, z, pure=False) for s, z in jobs]
        where = {f.key: i for i, f in enumerate(futures)}
        parts: list[Counts | None] = [None] * len(futures)
        done = 0
        for fut in dist.as_completed(futures):
            counts = fut.result()
            parts[where[fut.key]] = counts
            done += counts.n
            if progress is not None:
                progress(done, n)
        return [p for p in parts if p is not None]
    finally:
        for obj in owned:
            obj.close()


def _seeds(
    rng: np.random.Generator | np.random.SeedSequence | int, n_blocks: int
) -> list[np.random.SeedSequence]:
    if isinstance(rng, np.random.Generator):
        root = rng.bit_generator.seed_seq
        if not isinstance(root, np.random.SeedSequence):
            raise TypeError("the generator must be seeded by a numpy SeedSequence")
        return root.spawn(n_blocks)
    if isinstance(rng, np.random.SeedSequence):
        return rng.spawn(n_blocks)
    return np.random.SeedSequence(rng).spawn(n_blocks)


def simulate(
    model: ElectionModel,
    n: int,
    *,
    rng: np.random.Generator | np.random.SeedSequence | int,
    chunk: int = 10_000,
    dask: Any = None,
    progress: Progress | None = None,
) -> SimulationResult:
    """Simulate ``n`` elections from ``model``, never holding more than ``chunk`` at once.

    Parameters
    ----------
    model
        The joint distribution of the unit margins.
    n
        Simulated elections.
    rng
        A seed, a ``SeedSequence`` or a ``Generator`` built from one
        (``np.random.default_rng(seed)``): its sequence is spawned into one child per block
        of :data:`BLOCK` draws, so the result depends on the seed and ``n`` only.
    chunk
        Draws held in memory at once (rounded to whole blocks).
    dask
        ``None`` (this process), ``"local"`` (a ``distributed.LocalCluster`` in this
        process), a scheduler address, or a ``distributed.Client``.
    progress
        Called with ``(draws done, n)`` after each chunk.
    """
    if n < 1:
        raise ValueError("n must be at least 1")
    n_blocks = -(-n // BLOCK)
    seeds = _seeds(rng, n_blocks)
    sizes = [BLOCK] * (n_blocks - 1) + [n - BLOCK * (n_blocks - 1)]
    per = max(1, min(chunk, 2**23) // BLOCK)
    jobs = [(seeds[i : i + per], sizes[i : i + per]) for i in range(0, n_blocks, per)]
    kernel = Kernel.of(model)
    if dask is None:
        parts: list[Counts] = []
        for s, z in jobs:
            parts.append(run_chunk(kernel, s, z))
            if progress is not None:
                progress(sum(p.n for p in parts), n)
    else:
        parts = _on_dask(dask, kernel, jobs, n, progress)
    return SimulationResult.of(model, Counts.combine(parts), close=CLOSE)
