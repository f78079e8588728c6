"""The election-night nowcast over the whole 2020 series, against reading the series.

Run: ``.venv/bin/python bench/bench_night.py``

Three timings in one process, each the fastest of 15 interleaved rounds:

- *read*: one pass of reading and validating the packaged series (``parse_series`` on the
  CSV text: 19,236 rows -> 9,618 updates of 50 states) -- the baseline;
- *nowcast*: the model at every update of every state (prior + vectorised nowcast + calls);
- *read + nowcast + backtest*: what ``electoral night 2020 --backtest`` computes.

Prints the ratios to the baseline: the model should cost little more than reading its input.
"""

from __future__ import annotations

import sys
from importlib import resources
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _timing import best_of
from electoral import data
from electoral.confirmation.night_model import nowcast
from electoral.confirmation.night_scoring import backtest
from electoral.confirmation.prior import prior_for
from electoral.confirmation.series import parse_series

ROUNDS = 15


def main() -> None:
    text = resources.files(data).joinpath("night_2020.csv").read_text(encoding="utf-8")
    series = parse_series(text, "night_2020.csv", 2020)
    prior_for(series, 2020)  # warm the packaged tables' caches (read once per process)

    def read() -> object:
        return parse_series(text, "night_2020.csv", 2020)

    def model() -> object:
        return nowcast(series, prior_for(series, 2020))

    def everything() -> object:
        s = parse_series(text, "night_2020.csv", 2020)
        return backtest(nowcast(s, prior_for(s, 2020)), 2020)

    # Interleaved rounds (the machine is shared): the fastest of each over the same rounds.
    best = [float("inf")] * 3
    for _ in range(ROUNDS):
        for k, fn in enumerate((read, model, everything)):
            best[k] = min(best[k], best_of(fn, budget_s=0.0, max_runs=1))
    t_read, t_model, t_all = best
    print(f"series: {len(series):,} updates of {len(series.units)} states")
    print("read the series (baseline)        1.00")
    print(f"nowcast, every update             {t_model / t_read:.3f} x read")
    print(f"read + nowcast + backtest         {t_all / t_read:.2f} x read")


if __name__ == "__main__":
    main()
