"""What may reach Postgres from outside: every value is cleaned here, at the boundary.

Postgres refuses a NUL in ``text`` and in ``jsonb`` (``\\u0000``), and a btree index entry
over ~2.7 kB (``articles.url`` is unique). A feed, a page or a JSON document can carry either,
so the store functions pass outside values through this module before any statement:

- free text (titles, bodies, authors, error details): NUL and the other control characters
  removed (tab, newline and carriage return kept);
- URLs that become keys (articles, feeds): refused, with the reason, when they hold a control
  character or are longer than ``MAX_URL_BYTES``; the caller turns that into a dead letter;
- URLs that are only recorded (a dead letter's): made storable, control characters escaped
  (``%00``) and cut to the cap, so the letter saying why a URL was refused can itself be stored;
- JSON payloads: the same, recursively, keys included.
"""

from __future__ import annotations

import re
from typing import Any

# Longest URL stored as an article or feed key, in UTF-8 bytes. Browsers and crawlers treat
# ~2,000 characters as the practical limit; the btree index on articles.url fails near 2,700
# bytes, so the cap stays below that whatever the characters.
MAX_URL_BYTES = 2_048

# Lone surrogates (from a JSON "\\ud800") cannot be encoded to UTF-8 at all: dropped too.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")
_URL_CONTROL = re.compile("[\x00-\x20\x7f\ud800-\udfff]")


class UnstorableValue(ValueError):
    """An outside value that cannot become a key in Postgres (a URL with NUL, an oversized URL)."""

    def __init__(self, reason: str, detail: str):
        super().__init__(detail)
        self.reason = reason
        self.detail = detail


def clean_text(value: str | None) -> str | None:
    """Free text without NUL and control characters (tab and line breaks kept)."""
    if value is None:
        return None
    return _CONTROL.sub("", value)


def url_problem(url: str, max_bytes: int = MAX_URL_BYTES) -> UnstorableValue | None:
    """Why ``url`` cannot be stored as a key, or None when it can."""
    if _URL_CONTROL.search(url):
        return UnstorableValue("bad_link", "link contains a control character, a space or a lone surrogate (e.g. NUL)")
    size = len(url.encode("utf-8", "replace"))
    if size > max_bytes:
        return UnstorableValue("url_too_long", f"link is {size:,} bytes long; the limit is {max_bytes:,}")
    return None


def key_url(url: str) -> str:
    """``url`` unchanged when it can be a key; raises :class:`UnstorableValue` otherwise."""
    problem = url_problem(url)
    if problem is not None:
        raise problem
    return url


def recorded_url(url: str | None, max_bytes: int = MAX_URL_BYTES) -> str | None:
    """A URL as recorded on a dead letter: control characters percent-escaped, cut to the cap
    (marked with '…'), so a refused URL can still be shown and searched."""
    if url is None:
        return None
    url = _URL_CONTROL.sub(lambda m: f"%{ord(m.group()):02X}" if ord(m.group()) < 0x100 else "%EF%BF%BD", url)
    if len(url.encode("utf-8", "replace")) <= max_bytes:
        return url
    cut = url.encode("utf-8", "replace")[: max_bytes - 3].decode("utf-8", "ignore")
    return cut + "…"


def clean_json(value: Any) -> Any:
    """JSON-ready data with every string (keys included) cleaned like free text."""
    if isinstance(value, str):
        return _CONTROL.sub("", value)
    if isinstance(value, dict):
        return {clean_json(str(k)): clean_json(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [clean_json(v) for v in value]
    return value
