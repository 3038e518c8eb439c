"""Feeds and article pages over HTTP, safely: the ``fetch`` stage of the pipeline.

The face of the package: names are re-exported lazily, so importing a light module such as
``pipeline.fetch.urls`` does not pull in httpx, feedparser and trafilatura (over a second of
imports) for a process that only normalises URLs.

- ``fetcher``: the :class:`Fetcher` (conditional feed GETs, concurrent article fetches).
- ``client``: the guarded httpx client with per-host politeness; ``guard``: the SSRF guard.
- ``feeds``: feed bytes → entries; ``articles``: page bytes → an :class:`~pipeline.model.Article`.
- ``urls``, ``fingerprint``, ``text``: pure helpers (canonical URLs, content hashes, text cleanup).
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pipeline.fetch.errors import FetchError
    from pipeline.fetch.feeds import parse_feed_bytes
    from pipeline.fetch.fetcher import Fetcher
    from pipeline.fetch.fingerprint import content_hash, hamming, simhash64
    from pipeline.fetch.urls import canonicalize_url

_EXPORTS = {
    "Fetcher": "pipeline.fetch.fetcher",
    "FetchError": "pipeline.fetch.errors",
    "canonicalize_url": "pipeline.fetch.urls",
    "content_hash": "pipeline.fetch.fingerprint",
    "hamming": "pipeline.fetch.fingerprint",
    "parse_feed_bytes": "pipeline.fetch.feeds",
    "simhash64": "pipeline.fetch.fingerprint",
}

__all__ = [
    "FetchError",
    "Fetcher",
    "canonicalize_url",
    "content_hash",
    "hamming",
    "parse_feed_bytes",
    "simhash64",
]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        # AttributeError (not ImportError) lets ``from pipeline.fetch import guard`` fall back
        # to importing the submodule.
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_EXPORTS))
