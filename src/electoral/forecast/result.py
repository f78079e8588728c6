"""What a simulation and an exact computation return: frozen results with ``to_dict()``.

``Counts`` is what one chunk of simulated elections reduces to (integers, plus float sums
per block of draws); ``SimulationResult`` turns the combined counts into probabilities;
``ExactResult`` holds the exact electoral-vote distribution; ``Forecast`` puts a fitted
model, its simulation and its exact distribution together, and ``forecast()`` makes one.
The CLI's ``--json`` is ``Forecast.to_dict()``.
"""

from __future__ import annotations

import datetime as dt
import math
import os
from collections.abc import Sequence
from dataclasses import dataclass, fields
from typing import Any

import numpy as np
import numpy.typing as npt

from electoral.forecast.forecaster import ForecastModel
from electoral.forecast.model import ElectionModel
from electoral.rules.count import majority_of

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]


def _r(x: float, digits: int = 6) -> float | None:
    return None if not math.isfinite(x) else round(float(x), digits)


def _expected_ev(model: ElectionModel, ev_probability: FloatArray) -> dict[str, float]:
    """Each candidate's mean electoral votes under a distribution of the Democrat's."""
    dem = float(ev_probability @ np.arange(len(ev_probability)))
    return {model.dem: dem, model.rep: model.total - dem}


@dataclass(frozen=True, eq=False)
class Counts:
    """Counts over ``n`` simulated elections (arrays of shape (n_units,) unless noted).

    ``ev`` (total + 1,) counts draws by the Democrat's electoral votes; ``joint_dem`` counts
    draws where the Democrat wins both the unit and the presidency, ``joint_rep`` the same
    for the Republican; ``decisive`` counts draws where flipping the unit changes the
    outcome, ``decisive_close`` those with the unit's margin also within the close window;
    ``tipping`` counts tipping points (draws with a majority); ``margin_sums`` (n_blocks,
    n_units) and ``popular_sums`` (n_blocks,) are float sums per block of draws.
    """

    n: int
    ev: IntArray
    unit_wins: IntArray
    dem_wins: int
    rep_wins: int
    ties: int
    no_majority: int
    splits: int
    popular_dem: int
    joint_dem: IntArray
    joint_rep: IntArray
    decisive: IntArray
    decisive_close: IntArray
    tipping: IntArray
    margin_sums: FloatArray
    popular_sums: FloatArray

    @staticmethod
    def combine(parts: Sequence[Counts]) -> Counts:
        """Add counts; float sums are kept per block, in order (so chunking cannot matter)."""
        out: dict[str, Any] = {}
        for f in fields(Counts):
            vals = [getattr(p, f.name) for p in parts]
            if f.name in ("margin_sums", "popular_sums"):
                out[f.name] = np.concatenate(vals)
            elif isinstance(vals[0], np.ndarray):
                out[f.name] = np.sum(vals, axis=0)
            else:
                out[f.name] = int(sum(vals))
        return Counts(**out)


@dataclass(frozen=True, eq=False)
class SimulationResult:
    """Probabilities from ``n`` simulated elections of one model."""

    model: ElectionModel
    counts: Counts
    close: float

    @classmethod
    def of(cls, model: ElectionModel, counts: Counts, *, close: float) -> SimulationResult:
        return cls(model, counts, close)

    @property
    def n(self) -> int:
        return self.counts.n

    @property
    def win_probability(self) -> dict[str, float]:
        c = self.counts
        return {self.model.dem: c.dem_wins / c.n, self.model.rep: c.rep_wins / c.n}

    @property
    def tie_probability(self) -> float:
        """P(the electoral vote is tied, 269-269)."""
        return self.counts.ties / self.n

    @property
    def no_majority_probability(self) -> float:
        """P(nobody has a majority): the House decides.  With two candidates and an even
        college this is the tie probability."""
        return self.counts.no_majority / self.n

    @property
    def ev_probability(self) -> FloatArray:
        """P(the Democrat wins exactly k electoral votes), shape (total + 1,)."""
        return self.counts.ev / self.n

    @property
    def unit_win_probability(self) -> FloatArray:
        """P(the Democrat carries each unit), shape (n_units,)."""
        return self.counts.unit_wins / self.n

    @property
    def margin_mean(self) -> FloatArray:
        """Mean simulated margin, shape (n_units,)."""
        return np.asarray(self.counts.margin_sums.sum(axis=0) / self.n, dtype=np.float64)

    @property
    def tipping_point(self) -> dict[str, float]:
        """Share of the draws with a winner in which each unit is the tipping point."""
        won = max(self.n - self.counts.no_majority, 1)
        return {u: int(t) / won for u, t in zip(self.model.units, self.counts.tipping, strict=True)}

    @property
    def decisive_probability(self) -> FloatArray:
        """P(flipping the unit changes who wins), shape (n_units,)."""
        return self.counts.decisive / self.n

    @property
    def voter_power(self) -> FloatArray:
        """P(one more vote in the unit decides the presidency), shape (n_units,).

        ``P(unit decisive and |margin| < h) / (2h)`` estimates the density of a decisive
        tied unit; one vote moves the margin by ``1/turnout``.
        """
        dens = self.counts.decisive_close / self.n / (2 * self.close)
        return np.asarray(dens / self.model.turnout, dtype=np.float64)

    @property
    def split_probability(self) -> float:
        """P(the electoral-college winner loses the national popular vote)."""
        return self.counts.splits / self.n

    @property
    def expected_electoral_votes(self) -> dict[str, float]:
        """Each candidate's mean electoral votes over the draws."""
        return _expected_ev(self.model, self.ev_probability)

    def conditional(self) -> dict[str, dict[str, float | None]]:
        """``{unit: {dem: P(dem wins | dem carries unit), rep: P(rep wins | rep carries)}}``."""
        c, m = self.counts, self.model
        out: dict[str, dict[str, float | None]] = {}
        for i, u in enumerate(m.units):
            w = int(c.unit_wins[i])
            out[u] = {
                m.dem: int(c.joint_dem[i]) / w if w else None,
                m.rep: int(c.joint_rep[i]) / (c.n - w) if c.n - w else None,
            }
        return out

    def to_dict(self) -> dict[str, Any]:
        m, n = self.model, self.n
        p = self.ev_probability
        win = self.win_probability
        cond = self.conditional()
        tp = self.tipping_point
        pu, mm, vp = self.unit_win_probability, self.margin_mean, self.voter_power
        states = {
            u: {
                "win_probability": {m.dem: _r(pu[i]), m.rep: _r(1 - pu[i])},
                "margin_mean": _r(mm[i]),
                "tipping_point": _r(tp[u]),
                "decisive_probability": _r(self.decisive_probability[i]),
                "voter_power": float(f"{vp[i]:.4g}"),
                "conditional_win_probability": {
                    k: (None if v is None else _r(v)) for k, v in cond[u].items()
                },
            }
            for i, u in enumerate(m.units)
        }
        return {
            "win_probability": {k: _r(v) for k, v in win.items()},
            "win_probability_se": {k: _r(math.sqrt(v * (1 - v) / n)) for k, v in win.items()},
            "tie_probability": _r(self.tie_probability),
            "no_majority_probability": _r(self.no_majority_probability),
            "split_probability": _r(self.split_probability),
            "popular_vote_probability": {
                m.dem: _r(self.counts.popular_dem / n),
                m.rep: _r(1 - self.counts.popular_dem / n),
            },
            "popular_margin_mean": _r(float(self.counts.popular_sums.sum()) / n),
            "expected_electoral_votes": {
                m.dem: _r(float(p @ np.arange(len(p)))),
                m.rep: _r(m.total - float(p @ np.arange(len(p)))),
            },
            "ev_distribution": {m.dem: [_r(x, 8) for x in p], m.rep: [_r(x, 8) for x in p[::-1]]},
            "states": states,
            "tipping_point": {u: _r(f) for u, f in sorted(tp.items(), key=lambda kv: -kv[1])},
            "close_window": self.close,
        }


@dataclass(frozen=True, eq=False)
class ExactResult:
    """The exact electoral-vote distribution of a model (up to quadrature)."""

    model: ElectionModel
    ev_probability: FloatArray  # (total + 1,): P(the Democrat wins exactly k)
    unit_win_probability: FloatArray  # (n_units,): closed form (the t CDF)
    nodes: int
    unit_quadrature: FloatArray | None = None  # (n_units,): the same by the quadrature

    @property
    def win_probability(self) -> dict[str, float]:
        p, maj = self.ev_probability, self.model.majority
        return {
            self.model.dem: float(p[maj:].sum()),
            self.model.rep: float(p[: len(p) - maj].sum()),
        }

    @property
    def expected_electoral_votes(self) -> dict[str, float]:
        """Each candidate's mean electoral votes under the exact distribution."""
        return _expected_ev(self.model, self.ev_probability)

    @property
    def tie_probability(self) -> float:
        t = self.model.total
        return float(self.ev_probability[t // 2]) if t % 2 == 0 else 0.0

    @property
    def no_majority_probability(self) -> float:
        return max(0.0, 1.0 - sum(self.win_probability.values()))

    def to_dict(self) -> dict[str, Any]:
        m, p = self.model, self.ev_probability
        return {
            "win_probability": {k: _r(v, 8) for k, v in self.win_probability.items()},
            "tie_probability": _r(self.tie_probability, 8),
            "no_majority_probability": _r(self.no_majority_probability, 8),
            "ev_distribution": {m.dem: [_r(x, 10) for x in p], m.rep: [_r(x, 10) for x in p[::-1]]},
            "unit_win_probability": {
                u: _r(float(q), 8) for u, q in zip(m.units, self.unit_win_probability, strict=True)
            },
            "quadrature_nodes": self.nodes,
        }


@dataclass(frozen=True, eq=False)
class Forecast:
    """A fitted model with its simulation and exact distribution: the CLI's document."""

    fitted: ForecastModel
    simulation: SimulationResult
    exact: ExactResult
    as_of: dt.date
    seed: int
    source: str

    @property
    def model(self) -> ElectionModel:
        """The fitted election model (units, means, error structure) that was simulated."""
        return self.simulation.model

    def snake(self) -> list[dict[str, Any]]:
        """Units from the Democrat's safest to the Republican's, with running electors."""
        m, sim = self.model, self.simulation
        order = np.argsort(-sim.margin_mean, kind="stable")
        tp, pu = sim.tipping_point, sim.unit_win_probability
        out, run = [], 0
        for i in order:
            run += int(m.electors[i])
            u = m.units[i]
            out.append(
                {
                    "state": u,
                    "electors": int(m.electors[i]),
                    "margin_mean": _r(float(sim.margin_mean[i])),
                    "win_probability": {m.dem: _r(float(pu[i])), m.rep: _r(1 - float(pu[i]))},
                    "dem_electors_through": run,
                    "tipping_point": _r(tp[u]),
                }
            )
        return out

    def plot_ev(self, path: str | os.PathLike[str]) -> None:
        """Write a histogram of the Democrat's electoral votes, with the majority line, to
        ``path`` (PNG; needs the ``plot`` extra)."""
        from matplotlib.figure import Figure

        m, sim = self.model, self.simulation
        dem, rep = m.dem, m.rep
        p = np.array([_r(float(x), 8) for x in sim.ev_probability], dtype=float)
        total = len(p) - 1
        majority = majority_of(total)
        ev = np.arange(total + 1)
        colour = np.where(
            ev >= majority, "#2166ac", np.where(total - ev >= majority, "#b2182b", "0.5")
        )
        fig = Figure(figsize=(9, 4.5), dpi=120)
        ax = fig.subplots()
        ax.bar(ev, p * 100, width=1.0, color=colour.tolist(), linewidth=0)
        ax.axvline(majority - 0.5, color="black", linewidth=1)
        top = float(p.max()) * 100
        ax.text(majority + 2, top * 0.98, f"{majority} to win", va="top")
        win = sim.win_probability
        ax.set_title(
            f"{m.year} forecast as of {self.as_of.isoformat()}: {dem} {win[dem]:.1%}, "
            f"{rep} {win[rep]:.1%}, tie {sim.tie_probability:.1%} "
            f"({sim.n:,} simulations, seed {self.seed})",
            fontsize=9,
        )
        ax.set_xlabel(f"electoral votes for {dem}")
        ax.set_ylabel("probability (%)")
        cdf = np.cumsum(p)
        lo = min(int(np.searchsorted(cdf, 1e-4)), majority) - 20
        hi = max(int(np.searchsorted(cdf, 1 - 1e-4)), majority) + 20
        ax.set_xlim(max(lo, 0), min(hi, total))
        ax.set_ylim(0, top * 1.08)
        fig.tight_layout()
        fig.savefig(path, format="png")

    def to_dict(self) -> dict[str, Any]:
        """The JSON document of ``electoral forecast --json`` and ``/api/forecast``."""
        f = self.fitted
        sim = self.simulation.to_dict()
        return {
            "year": self.model.year,
            "as_of": self.as_of.isoformat(),
            "effective_as_of": f.effective_as_of_.isoformat(),
            "days_to_election": f.days_,
            "seed": self.seed,
            "sims": self.simulation.n,
            "polls": self.source,
            "candidates": {"dem": self.model.dem, "rep": self.model.rep},
            **sim,
            "exact": self.exact.to_dict(),
            "snake": self.snake(),
            "national_environment": _r(f.national_environment_),
            "prior": {
                str(u): {k: _r(float(v)) for k, v in row.items() if k != "state"}
                for u, row in f.table_.drop(columns=["dem_probability"]).iterrows()
            },
            "parameters": f.get_params(),
            "dynamic": {
                "walk_sd_national": _r(f.core_.walk.sigma_l),
                "bounce_sd_national": _r(f.core_.walk.sigma_b),
                "walk_sd_state": _r(f.core_.walk.sigma_d),
                "poll_nonsampling_sd": {
                    "national": _r(f.core_.walk.extra_n),
                    "state": _r(f.core_.walk.extra_s),
                },
                "house_effect_sd": _r(f.core_.effects.house_sd),
                "population_effects": {k: _r(v) for k, v in f.core_.effects.population.items()},
                "mode_effects": {k: _r(v) for k, v in f.core_.effects.mode.items()},
                "fundamentals": f.core_.fundamentals.to_dict(),
                "shared_poll_error": f.poll_error_.to_dict(),
                "excluded_years": list(f.excluded_years_),
            },
            "fitted_on_swings": list(f.swing_.years_),
            "notes": list(f.notes_),
        }
