"""Questions asked of an outcome or a scenario.

``analyze(year)`` answers them all for a recorded year; the pieces are importable on
their own: tipping point, power indices, minimum winning share, paths, systems, scenarios.
"""

from __future__ import annotations

from electoral._lazy import lazy_exports

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

__getattr__ = lazy_exports(__name__, _EXPORTS)
