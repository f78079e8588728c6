"""The page's static files as a browser wants them: compressed, cacheable, revalidated.

- Text files (JS, CSS, JSON, SVG, HTML) go out gzip-compressed when the browser accepts it,
  compressed once per file version and kept in memory.
- Every file has an ``ETag`` (Starlette's, from size and modification time); a request with
  a matching ``If-None-Match`` gets ``304 Not Modified``.
- A URL carrying the file's version (``?v=<hash>``, written into the page by
  :func:`versioned`) is cached for a year as immutable; any other URL must be revalidated
  (``no-cache``), so an edited module is never served stale.
- The page itself and the API's JSON are gzip-compressed by Starlette's middleware.
"""

from __future__ import annotations

import gzip
import hashlib
import os
import re
from functools import lru_cache
from pathlib import Path

from fastapi import FastAPI
from starlette.datastructures import Headers
from starlette.middleware.gzip import GZipMiddleware
from starlette.responses import Response
from starlette.staticfiles import NotModifiedResponse, PathLike, StaticFiles
from starlette.types import Scope

#: Files smaller than this go out as they are (gzip would gain little).
MIN_SIZE = 1024
#: Cache-Control for a URL that names the file's version, and for one that does not.
IMMUTABLE = "public, max-age=31536000, immutable"
REVALIDATE = "public, no-cache"
COMPRESSIBLE = (".js", ".css", ".json", ".svg", ".html", ".md", ".txt", ".map")
_TAG = re.compile(r"<(?:script|link)\b[^>]*>")
_REF = re.compile(r'(src|href)="(/static/[^"?#]+)"')


@lru_cache(maxsize=64)
def _gzipped(path: str, mtime_ns: int, size: int) -> bytes:
    """The gzip of a file's contents, once per version (the key holds mtime and size)."""
    return gzip.compress(Path(path).read_bytes(), compresslevel=9, mtime=0)


@lru_cache(maxsize=256)
def file_version(path: str, mtime_ns: int) -> str:
    """The first 10 hex digits of a file's SHA-256: its version in a URL."""
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()[:10]


class CachedStatic(StaticFiles):
    """StaticFiles with gzip, Cache-Control and versioned URLs (see the module's doc)."""

    def file_response(
        self,
        full_path: PathLike,
        stat_result: os.stat_result,
        scope: Scope,
        status_code: int = 200,
    ) -> Response:
        response = super().file_response(full_path, stat_result, scope, status_code)
        query = scope.get("query_string", b"").decode("latin-1")
        response.headers["cache-control"] = IMMUTABLE if "v=" in query else REVALIDATE
        name = str(full_path)
        if not name.endswith(COMPRESSIBLE):
            return response
        response.headers["vary"] = "Accept-Encoding"
        if isinstance(response, NotModifiedResponse) or stat_result.st_size < MIN_SIZE:
            return response
        if "gzip" not in Headers(scope=scope).get("accept-encoding", ""):
            return response
        body = _gzipped(name, stat_result.st_mtime_ns, stat_result.st_size)
        headers = {
            k: v
            for k, v in response.headers.items()
            if k not in ("content-length", "accept-ranges")
        }
        headers["content-encoding"] = "gzip"
        return Response(
            body if scope["method"] != "HEAD" else b"",
            status_code=status_code,
            headers=headers,
            media_type=response.media_type,
        )


def versioned(html: str, root: Path) -> str:
    """``html`` with every ``/static/…`` script or link given its file's version (``?v=…``),
    except module preloads: a module imports its siblings by their plain names, and a
    preload must name the URL the import will ask for."""

    def add(m: re.Match[str]) -> str:
        path = root / m.group(2).removeprefix("/static/")
        if not path.is_file():
            return m.group(0)
        v = file_version(str(path), path.stat().st_mtime_ns)
        return f'{m.group(1)}="{m.group(2)}?v={v}"'

    def tag(m: re.Match[str]) -> str:
        text = m.group(0)
        return text if 'preload"' in text else _REF.sub(add, text)

    return _TAG.sub(tag, html)


def install(app: FastAPI, root: Path) -> None:
    """Mount ``root`` at ``/static`` with caching and compression; gzip everything else."""
    app.add_middleware(GZipMiddleware, minimum_size=MIN_SIZE)
    app.mount("/static", CachedStatic(directory=root), name="static")
