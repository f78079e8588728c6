"""The confirmation period: from Election Night to the confirmed president-elect (issue 9).

Submodules: ``timeline`` (per-state and national stages for any date, 2000-2024),
``facts`` (calls, certifications, recounts held, milestones, with sources), and the
election-night nowcast: ``series`` (partial counts), ``prior``, ``nowcast``, ``report``
and ``backtest`` (scored against the truth and the desks' calls).  The names below are
imported on first use; ``timeline``, ``nowcast`` and ``backtest`` share their modules'
names, so they are reached as ``electoral.confirmation.timeline.timeline`` and so on.
"""

from __future__ import annotations

from electoral._lazy import lazy_exports

#: The public names, imported on first use.
_EXPORTS = {
    "Timeline": "electoral.confirmation.timeline",
    "StateTimeline": "electoral.confirmation.timeline",
    "calls": "electoral.confirmation.facts",
    "certifications": "electoral.confirmation.facts",
    "recounts": "electoral.confirmation.facts",
    "milestones": "electoral.confirmation.facts",
    "Series": "electoral.confirmation.series",
    "read_series": "electoral.confirmation.series",
    "packaged_series": "electoral.confirmation.series",
    "NightModel": "electoral.confirmation.nowcast",
    "Nowcast": "electoral.confirmation.nowcast",
    "NightReport": "electoral.confirmation.report",
}
__all__ = sorted(_EXPORTS)

__getattr__ = lazy_exports(__name__, _EXPORTS)
