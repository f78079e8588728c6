"""electoral: the U.S. presidential election system, from the census to the president-elect.

The public API::

    import electoral
    electoral.tally("returns.csv", year=2024)   # your returns -> the outcome
    electoral.election(2016)                     # a recorded election, replayed
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

from electoral.engine import Faithless, election, tally
from electoral.errors import DataError, ElectoralError, RuleError, StoreError
from electoral.results import ElectionResult, TallyResult
from electoral.returns import Returns, read_returns
from electoral.rules.count import Contingent, CountResult

try:
    __version__ = version("electoral")
except PackageNotFoundError:  # pragma: no cover - running from a source tree
    __version__ = "0.0.0+unknown"

__all__ = [
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
