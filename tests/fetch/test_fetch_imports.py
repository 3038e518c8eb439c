"""The package face is lazy: light modules stay light to import."""

from __future__ import annotations

import json
import subprocess
import sys

HEAVY = ("trafilatura", "feedparser", "httpx", "httpcore", "anyio")


def _loaded_after(statement: str) -> set[str]:
    # A fresh interpreter: this test process has imported everything already.
    code = f"{statement}\nimport json, sys\nprint(json.dumps(sorted(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True).stdout
    return {name.split(".")[0] for name in json.loads(out)}


def test_importing_urls_loads_no_http_or_parsing_library():
    loaded = _loaded_after("import pipeline.fetch.urls")
    assert "pipeline" in loaded
    assert loaded.isdisjoint(HEAVY), sorted(loaded & set(HEAVY))


def test_the_face_imports_the_fetcher_on_first_use():
    loaded = _loaded_after("from pipeline.fetch import Fetcher, canonicalize_url\nassert Fetcher.fetch_feed")
    assert {"httpx", "trafilatura", "feedparser"} <= loaded


def test_the_face_exports_what_it_lists():
    import pipeline.fetch as face
    from pipeline.fetch.fetcher import Fetcher

    assert face.Fetcher is Fetcher
    assert all(getattr(face, name) is not None for name in face.__all__)
