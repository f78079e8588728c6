"""The public Python API: pinned names, DataFrame input, result objects."""

from __future__ import annotations

import dataclasses

import pandas as pd
import pytest

import electoral


def test_exported_members() -> None:
    assert sorted(electoral.__all__) == sorted(
        [
            "Contingent",
            "CountResult",
            "DataError",
            "ElectionResult",
            "ElectoralError",
            "Faithless",
            "Returns",
            "RuleError",
            "StoreError",
            "TallyResult",
            "__version__",
            "election",
            "read_returns",
            "tally",
        ]
    )
    for name in electoral.__all__:
        assert hasattr(electoral, name)


def test_tally_from_a_dataframe() -> None:
    df = pd.DataFrame(
        {"state": ["PA", "PA", "GA"], "candidate": ["A", "B", "B"], "votes": [10, 5, 3]}
    )
    r = electoral.tally(df, year=2024)
    # 2024 electors (2020 census): PA 19, GA 16.
    assert dict(r.president.tally) == {"A": 19, "B": 16}
    assert r.electors == 35 and r.majority == 18 and r.president.winner == "A"
    frame = r.to_frame()
    # tidy: one row per state and candidate on its ballot
    assert list(frame.state) == ["GA", "PA", "PA"] and int(frame.electoral_votes.sum()) == 35
    assert list(frame.candidate) == ["B", "A", "B"] and list(frame.votes) == [3, 10, 5]


def test_results_are_frozen() -> None:
    r = electoral.election(2020)
    with pytest.raises(dataclasses.FrozenInstanceError):
        r.year = 1999  # type: ignore[misc]


def test_subpackage_exports_resolve() -> None:
    import electoral.analysis as analysis
    import electoral.forecast as forecast

    for pkg in (analysis, forecast):
        for name in pkg.__all__:
            assert callable(getattr(pkg, name)), name
    with pytest.raises(AttributeError):
        _ = analysis.no_such_name  # type: ignore[attr-defined]
