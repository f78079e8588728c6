"""``electoral serve``: the web app (the interactive map and its API) on localhost."""

from __future__ import annotations

from typing import Annotated

import typer

from electoral.cli_common import DbOpt, err, errors


def register(app: typer.Typer) -> None:
    """Add the ``serve`` command to ``app``."""

    @app.command("serve")
    def serve_cmd(
        host: Annotated[str, typer.Option(help="Interface to listen on.")] = "127.0.0.1",
        port: Annotated[int, typer.Option(help="TCP port.", min=0, max=65535)] = 8000,
        db: DbOpt = None,
    ) -> None:
        """Serve the interactive Electoral College map and the JSON API (docs at /docs)."""
        with errors():
            from electoral.extras import require
            from electoral.web import create_app

            uvicorn = require("uvicorn", "web")

            web = create_app(db, worker_processes=True)
            err.print(
                f"electoral: the map is at http://{host}:{port}/ "
                f"(API docs at /docs; store {web.state.store.url}); Ctrl-C stops it",
                markup=False,
                soft_wrap=True,
            )
            from electoral.web.timeouts import (
                KEEP_ALIVE,
                MAX_CONNECTIONS,
                MAX_HEADER_BYTES,
                GuardedH11Protocol,
            )

            uvicorn.run(
                web,
                host=host,
                port=port,
                log_level="warning",
                http=GuardedH11Protocol,
                timeout_keep_alive=KEEP_ALIVE,
                limit_concurrency=MAX_CONNECTIONS,
                h11_max_incomplete_event_size=MAX_HEADER_BYTES,
            )
