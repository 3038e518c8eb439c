"""The records that move between stages: what fetch hands to store, what store hands back."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any


@dataclass(frozen=True)
class DeadLetter:
    """One input that could not be processed, with enough to understand and replay it."""

    stage: str  # "feed", "article", "extract", "load"
    url: str | None
    reason: str  # a short class: "timeout", "too_large", "refused_address", "malformed_feed", ...
    detail: str  # a human sentence
    retryable: bool = False
    payload: dict[str, Any] = field(default_factory=dict)  # what a retry needs (feed url, entry)


@dataclass(frozen=True)
class FeedEntry:
    url: str  # absolute http(s) link to the article page
    guid: str | None = None
    title: str | None = None
    published: datetime | None = None  # timezone-aware
    summary: str | None = None  # sanitised text
    author: str | None = None


@dataclass
class FeedResult:
    url: str
    status: str  # "ok", "not_modified", "error"
    title: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    entries: list[FeedEntry] = field(default_factory=list)
    problems: list[DeadLetter] = field(default_factory=list)  # includes the fatal one on "error"


@dataclass(frozen=True)
class Article:
    url: str  # the URL the feed linked (normalised)
    canonical_url: str  # rel=canonical, else the final URL after redirects, normalised
    title: str | None
    text: str
    published_at: datetime | None = None
    author: str | None = None
    language: str | None = None
    source: str | None = None  # the publishing host
    content_hash: str | None = None  # sha256 of the normalised text
    simhash: int | None = None  # 64-bit SimHash of the text, signed to fit a bigint
