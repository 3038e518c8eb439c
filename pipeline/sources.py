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
