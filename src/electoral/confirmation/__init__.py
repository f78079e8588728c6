"""The confirmation period: from Election Night to the confirmed president-elect (issue 9).

Submodules: ``stages`` (``timeline``: per-state and national stages for any date,
2000-2024), ``facts`` (calls, certifications, recounts held, milestones, with sources), and
the election-night nowcast: ``series`` (partial counts), ``prior``, ``night_model``
(``nowcast``), ``report`` and ``night_scoring`` (``backtest``: scored against the truth
and the desks' calls).  The names below are imported on first use.
"""

from __future__ import annotations

from electoral._lazy import lazy_exports

#: The public names, imported on first use.
_EXPORTS = {
    "timeline": "electoral.confirmation.stages",
    "nowcast": "electoral.confirmation.night_model",
    "backtest": "electoral.confirmation.night_scoring",
    "Timeline": "electoral.confirmation.stages",
    "StateTimeline": "electoral.confirmation.stages",
    "calls": "electoral.confirmation.facts",
    "certifications": "electoral.confirmation.facts",
    "recounts": "electoral.confirmation.facts",
    "milestones": "electoral.confirmation.facts",
    "Series": "electoral.confirmation.series",
    "read_series": "electoral.confirmation.series",
    "packaged_series": "electoral.confirmation.series",
    "NightModel": "electoral.confirmation.night_model",
    "Nowcast": "electoral.confirmation.night_model",
    "NightReport": "electoral.confirmation.report",
}
__all__ = sorted(_EXPORTS)

__getattr__ = lazy_exports(__name__, _EXPORTS)
