"""``feeds inspect``: parse feeds from local files or URLs and report what a run would see."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

from pipeline.model import FeedResult


def _is_url(value: str) -> bool:
    return value.lower().startswith(("http://", "https://"))


def _report(source: str, result: FeedResult) -> dict[str, Any]:
    return {
        "input": source,
        "ok": result.status in ("ok", "not_modified"),
        "title": result.title,
        "entries": len(result.entries),
        "problems": [
            {"reason": p.reason, "detail": p.detail, "url": p.url or (source if p.payload.get("entry") is None else None),
             "retryable": p.retryable}
            for p in result.problems
        ],
    }


def inspect(paths_or_urls: list[str], fetcher: Any = None) -> list[dict[str, Any]]:
    """One report per input: {"input", "ok", "title", "entries", "problems": [...]}.

    Local paths are read and parsed without any network access; URLs go through ``fetcher``
    (a :class:`pipeline.fetch.Fetcher`, created and closed here if not given). Never raises on
    bad input: an unreadable file is a report with ok=False.
    """
    from pipeline.fetch import Fetcher, parse_feed_bytes

    reports = []
    own_fetcher = None
    try:
        for source in paths_or_urls:
            if _is_url(source):
                if fetcher is None:
                    fetcher = own_fetcher = Fetcher()
                result = fetcher.fetch_feed(source)
            else:
                path = Path(source)
                try:
                    body = path.read_bytes()
                except OSError as exc:
                    reports.append({"input": source, "ok": False, "title": None, "entries": 0,
                                    "problems": [{"reason": "unreadable", "detail": str(exc), "url": None, "retryable": False}]})
                    continue
                # No base URL: a local file has no web address to resolve relative links against.
                result = parse_feed_bytes(body, "")
            reports.append(_report(source, result))
    finally:
        if own_fetcher is not None:
            own_fetcher.close()
    return reports


def entries_of(result: FeedResult) -> list[dict[str, Any]]:
    """Entries as plain data, for ``--json`` output that wants more than counts."""
    return [dataclasses.asdict(e) for e in result.entries]
