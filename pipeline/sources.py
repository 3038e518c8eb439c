"""The list of feeds to poll: a YAML file (``seeds/feeds.yaml``) or comma-separated URLs."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from pipeline.config import Settings, get_settings


@dataclass(frozen=True)
class FeedSource:
    url: str
    name: str | None = None
    # A dated archive for backfills: an URL template containing "{date}" (YYYY-MM-DD).
    archive: str | None = None


def _parse_file(path: Path) -> list[FeedSource]:
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    items = data.get("feeds", []) if isinstance(data, dict) else data
    sources = []
    for i, item in enumerate(items):
        if isinstance(item, str):
            item = {"url": item}
        if not isinstance(item, dict) or not item.get("url"):
            raise ValueError(f"{path}: feeds[{i}] needs a url")
        archive = item.get("archive")
        if archive and "{date}" not in archive:
            raise ValueError(f"{path}: feeds[{i}].archive must contain {{date}}")
        sources.append(FeedSource(url=str(item["url"]).strip(), name=item.get("name"), archive=archive))
    return sources


def load_sources(spec: str | None = None, settings: Settings | None = None) -> list[FeedSource]:
    """Feeds from ``spec`` (a file path or comma-separated URLs), default ``PIPELINE_FEEDS``."""
    spec = spec or (settings or get_settings()).feeds
    path = Path(spec)
    if "://" not in spec or path.exists():
        if not path.exists():
            raise FileNotFoundError(f"feeds file {spec} does not exist")
        sources = _parse_file(path)
    else:
        sources = [FeedSource(url=u.strip()) for u in spec.split(",") if u.strip()]
    seen, unique = set(), []
    for s in sources:
        if s.url not in seen:
            seen.add(s.url)
            unique.append(s)
    return unique


def feed_list_health(engine, sources: list[FeedSource]) -> list[dict]:
    """One object per feed: the configured ones in file order with their health, then the
    feeds the database knows that the file no longer lists (``disabled``)."""
    from pipeline.store.feeds import feed_health

    with engine.connect() as conn:
        known = {row["url"]: row for row in feed_health(conn)}
    configured = {s.url for s in sources}
    listed = []
    for s in sources:
        row = known.get(s.url)
        status = ("failing" if row["failing_since"] else "ok") if row else "ok"
        listed.append(_health_object(s.url, s.name, status, row))
    for url, row in known.items():
        if url not in configured:
            listed.append(_health_object(url, row["title"], "disabled", row))
    return listed


def _health_object(url: str, name: str | None, status: str, row) -> dict:
    def get(key: str, default=None):
        return row[key] if row is not None and row[key] is not None else default

    return {"url": url, "name": name or get("title"), "status": status,
            "consecutive_failures": get("consecutive_failures", 0),
            "last_success_at": get("last_success_at"), "last_error": get("last_error"),
            "last_polled_at": get("last_polled_at"), "last_poll_status": get("last_poll_status"),
            "failing_since": get("failing_since"), "next_poll_at": get("next_poll_at"),
            "last_new_articles": get("last_new_articles"), "new_articles_7d": get("new_articles_7d", 0),
            "open_dead_letters": get("open_dead_letters", 0)}
