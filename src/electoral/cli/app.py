"""The one Typer app every command module registers its commands on."""

from __future__ import annotations

from typing import Annotated

import typer

from electoral import __version__

app = typer.Typer(
    name="electoral",
    help="The U.S. presidential election system: from returns to the president-elect.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"electoral {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Print the version and exit."
        ),
    ] = False,
) -> None:
    """The U.S. presidential election system: from returns to the president-elect."""
