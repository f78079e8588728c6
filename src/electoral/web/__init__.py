"""The web app: a FastAPI API over the engine and a static map page (D3 + us-atlas).

``create_app(store_url)`` builds the application; ``electoral serve`` runs it with uvicorn.
"""

from __future__ import annotations

from electoral.web.app import create_app

__all__ = ["create_app"]
