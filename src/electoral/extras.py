"""Optional dependencies: the web app, the store, Dask and plots are extras of the package.

The core (the law, the count, the records, analysis, forecasts) needs numpy, pandas, scipy,
typer, rich and us.  A feature that needs more imports it through :func:`require`, which
turns a missing package into a :class:`~electoral.errors.MissingDependency` naming the
extra to install (``pip install 'electoral[web]'``); the CLI prints it as one line, exit 2.
"""

from __future__ import annotations

import importlib
from types import ModuleType

from electoral.errors import MissingDependency

#: extra -> what it is for (the words of the error message)
EXTRAS = {
    "web": "the web app (electoral serve)",
    "store": "the store of saved returns and scenarios",
    "dask": "simulating on a Dask cluster",
    "plot": "plots",
}


def missing(exc: ModuleNotFoundError, extra: str) -> MissingDependency:
    """The error for ``exc`` (a failed import of an optional package) naming ``extra``."""
    name = (exc.name or "a package").split(".")[0]
    return MissingDependency(
        f"{EXTRAS[extra]} needs {name}, which is not installed: pip install 'electoral[{extra}]'"
    )


def require(module: str, extra: str) -> ModuleType:
    """Import ``module`` (a package of the optional ``extra``), or say which extra to install."""
    try:
        return importlib.import_module(module)
    except ModuleNotFoundError as exc:
        if exc.name is None or exc.name.split(".")[0] != module.split(".")[0]:
            raise  # a module missing inside an installed package is a real bug
        raise missing(exc, extra) from None
