"""The command line: a thin layer over the library.  Tables for people, ``--json`` for programs.

Every command prints a Rich table by default and exactly one JSON document on stdout with
``--json``.  Errors go to stderr as one line naming the file, line and field, with a
non-zero exit code (2 for bad input); warnings go to stderr too.

One module per group of commands, each defining its commands at module level on the one
app of :mod:`electoral.cli.app`; importing a module registers its commands, in the order
they are imported here (the order of ``electoral --help``):

- :mod:`~electoral.cli.records`: ``tally``, ``election``, ``import``, ``imports``,
  ``apportion``, ``calendar``
- :mod:`~electoral.cli.analysis`: ``analyze``, ``inversions``, ``scenario``, ``paths``
- :mod:`~electoral.cli.confirmation`: ``timeline``, ``night``
- :mod:`~electoral.cli.forecast`: ``forecast``, ``backtest``
- :mod:`~electoral.cli.serve`: ``serve``

Shared options and error handling live in :mod:`~electoral.cli.common`; the ``*_tables``
modules render result objects as tables.
"""

from __future__ import annotations

# The modules register their commands as they are imported: this is the order of --help.
# isort: off
from electoral.cli import records
from electoral.cli import analysis
from electoral.cli import confirmation
from electoral.cli import forecast
from electoral.cli import serve

# isort: on
from electoral.cli.app import app

__all__ = ["analysis", "app", "confirmation", "forecast", "main", "records", "serve"]


def main() -> None:
    """Console-script entry point."""
    app()
