"""The web app: a FastAPI API over the engine and a static map page (D3 + us-atlas).

``create_app(store_url)`` builds the application; ``electoral serve`` runs it with uvicorn.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from electoral._lazy import lazy_exports
from electoral.extras import require

require("fastapi", "web")  # the [web] extra: a clear message, not an ImportError

if TYPE_CHECKING:
    from electoral.web.app import create_app

# Imported on first use, so that the modules under electoral.web do not import this package's
# app (which imports them): no import cycle.
__getattr__ = lazy_exports(__name__, {"create_app": "electoral.web.app"})
__all__ = ["create_app"]
