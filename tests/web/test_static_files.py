"""Static files transfer compressed, with cache headers, an ETag and versioned URLs."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient

from electoral.web.app import static_dir


def test_vendored_d3_goes_out_gzipped_with_an_etag(client: TestClient) -> None:
    raw = (static_dir() / "vendor" / "d3.min.js").read_bytes()
    r = client.get("/static/vendor/d3.min.js", headers={"accept-encoding": "gzip"})
    assert r.status_code == 200
    assert r.headers["content-encoding"] == "gzip"
    assert r.headers["vary"] == "Accept-Encoding"
    assert r.headers["cache-control"] == "public, no-cache"
    # httpx decodes the body; on the wire it is the gzip, far smaller than the file.
    assert r.content == raw
    assert int(r.headers["content-length"]) < len(raw) / 2
    etag = r.headers["etag"]
    again = client.get(
        "/static/vendor/d3.min.js",
        headers={"accept-encoding": "gzip", "if-none-match": etag},
    )
    assert again.status_code == 304 and again.content == b""


def test_without_gzip_the_file_goes_out_as_it_is(client: TestClient) -> None:
    raw = (static_dir() / "app.css").read_bytes()
    r = client.get("/static/app.css", headers={"accept-encoding": "identity"})
    assert r.status_code == 200 and "content-encoding" not in r.headers
    assert r.content == raw and int(r.headers["content-length"]) == len(raw)


def test_the_page_names_versioned_files_cached_for_a_year(client: TestClient) -> None:
    page = client.get("/", headers={"accept-encoding": "gzip"})
    assert page.headers["content-encoding"] == "gzip"
    tags = re.findall(r"<(?:script|link)\b[^>]*>", page.text)
    refs = [
        m.group(1)
        for t in tags
        if "preload" not in t and (m := re.search(r'(?:src|href)="(/static/[^"]+)"', t))
    ]
    assert "/static/vendor/d3.min.js" in [u.split("?")[0] for u in refs]
    # Preloads name the plain URLs the modules and fetches will ask for.
    preloads = [t for t in tags if "preload" in t]
    assert any('href="/static/js/api.js"' in t for t in preloads)
    for url in refs:
        assert re.search(r"\?v=[0-9a-f]{10}$", url), url
        r = client.get(url, headers={"accept-encoding": "gzip"})
        assert r.status_code == 200, url
        assert r.headers["cache-control"] == "public, max-age=31536000, immutable", url
        assert "etag" in r.headers


def test_the_api_json_is_compressed(client: TestClient) -> None:
    r = client.get("/api/elections/2016", headers={"accept-encoding": "gzip"})
    assert r.status_code == 200 and r.headers["content-encoding"] == "gzip"
    assert r.json()["year"] == 2016
