"""Questions asked of an outcome or a scenario.

``analyze(year)`` answers them all for a recorded year; the pieces are importable on
their own: tipping point, power indices, minimum winning share, paths, systems, scenarios.
"""

from __future__ import annotations

import importlib
from typing import Any

#: The public names, imported on first use.
_EXPORTS = {
    "analyze": "electoral.analysis.report",
    "analyze_tally": "electoral.analysis.report",
    "inversions": "electoral.analysis.report",
    "tipping_point": "electoral.analysis.tipping",
    "banzhaf": "electoral.analysis.power",
    "shapley_shubik": "electoral.analysis.power",
    "min_winning_share": "electoral.analysis.knapsack",
    "count_paths": "electoral.analysis.paths",
    "Scenario": "electoral.analysis.scenario",
    "run": "electoral.analysis.scenario",
}
__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        return getattr(importlib.import_module(_EXPORTS[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
