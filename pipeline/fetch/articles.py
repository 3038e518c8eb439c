"""An article page's bytes to an Article: charset, main text and metadata (trafilatura)."""

from __future__ import annotations

import codecs
import re
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urljoin, urlsplit

import trafilatura

from pipeline.fetch.errors import FetchError
from pipeline.fetch.fingerprint import content_hash, simhash64
from pipeline.fetch.text import clean_text
from pipeline.fetch.urls import canonicalize_url
from pipeline.model import Article, FeedEntry
from pipeline.store.clean import url_problem

HTML_TYPES = ("text/html", "application/xhtml+xml")
# Types a misconfigured server uses for HTML; the body is sniffed before it is trusted.
SNIFF_TYPES = ("", "text/plain", "application/octet-stream", "application/xml", "text/xml", "binary/octet-stream")
MIN_TEXT_CHARS = 20

_HTML_SNIFF = re.compile(rb"<(!doctype\s+html|html|head|body|p|div|article|title|meta)[\s>/]", re.IGNORECASE)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([a-zA-Z0-9_.:-]+)""", re.IGNORECASE)
_CHARSET_PARAM = re.compile(r"""charset\s*=\s*["']?([^"';\s]+)""", re.IGNORECASE)
_LINK_TAG = re.compile(r"<link\b[^>]*>", re.IGNORECASE)
_ATTR = re.compile(r"""([a-zA-Z_:][-a-zA-Z0-9_:.]*)\s*=\s*("[^"]*"|'[^']*'|[^\s"'>]+)""")
_HTML_LANG = re.compile(r"""<html\b[^>]*\blang\s*=\s*["']?([a-zA-Z]{2,3})(?:[-_][a-zA-Z0-9]+)?""", re.IGNORECASE)
_SINGLE_BYTE_DEFAULTS = {"ascii", "latin-1", "iso8859-1", "cp1252"}
_BOMS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


def is_html(body: bytes, content_type: str | None) -> bool:
    mime = (content_type or "").split(";", 1)[0].strip().lower()
    if mime in HTML_TYPES:
        return True
    if mime not in SNIFF_TYPES:
        return False
    head = body[:4096]
    if not head or _binary(head):
        return False
    return bool(_HTML_SNIFF.search(head))


def _binary(sample: bytes) -> bool:
    if b"\x00" in sample:
        return True
    controls = sum(1 for b in sample if b < 9 or 13 < b < 32)
    return controls / max(len(sample), 1) > 0.05


def _codec(name: str | None) -> str | None:
    if not name:
        return None
    try:
        return codecs.lookup(name.strip().lower()).name
    except LookupError:
        return None


def decode_html(body: bytes, content_type: str | None) -> tuple[str, str]:
    """(text, encoding used). Header and <meta> charsets are believed only if the bytes agree."""
    for bom, name in _BOMS:
        if body.startswith(bom):
            return body.decode(name, "replace"), name
    declared: list[str | None] = []
    match = _CHARSET_PARAM.search(content_type or "")
    if match:
        declared.append(_codec(match.group(1)))
    meta = _META_CHARSET.search(body[:8192])
    if meta:
        declared.append(_codec(meta.group(1).decode("ascii", "ignore")))
    for label in declared:
        if not label:
            continue
        if label in _SINGLE_BYTE_DEFAULTS and _is_utf8_with_non_ascii(body):
            return body.decode("utf-8"), "utf-8"  # a Latin-1 label on UTF-8 bytes is the usual lie
        try:
            return body.decode(label), label
        except (UnicodeDecodeError, LookupError):
            continue  # the label lies; keep looking
    try:
        return body.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        import charset_normalizer

        matches = list(charset_normalizer.from_bytes(body[:200_000]))
        if matches:
            least = min(m.chaos for m in matches)
            tied = [m.encoding for m in matches if m.chaos <= least + 0.01]
            # Equally clean readings of Western text are common (cp1250/cp1252/cp1257); the
            # WHATWG default for an undeclared page is windows-1252, so it wins ties.
            name = "cp1252" if "cp1252" in tied else tied[0]
            return body.decode(name, "replace"), name
    except Exception:  # detection is a best effort; cp1252 below is the web's de-facto default
        pass
    return body.decode("cp1252", "replace"), "cp1252"


def _is_utf8_with_non_ascii(body: bytes) -> bool:
    try:
        body.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return any(b > 127 for b in body)


def find_canonical(html: str, base: str) -> str | None:
    """The absolute http(s) href of ``<link rel="canonical">``, if the page has one."""
    for tag in _LINK_TAG.finditer(html[:1_000_000]):
        attrs = {k.lower(): v.strip("\"'").strip() for k, v in _ATTR.findall(tag.group(0))}
        if "canonical" in attrs.get("rel", "").lower().split() and attrs.get("href"):
            try:
                href = urljoin(base, attrs["href"])
                scheme = urlsplit(href).scheme.lower()
            except ValueError:
                return None
            return href if scheme in ("http", "https") else None
    return None


def _page_date(value: Any, feed_date: datetime | None) -> datetime | None:
    if not isinstance(value, str) or not value:
        return feed_date
    try:
        day = datetime.fromisoformat(value[:10]).replace(tzinfo=UTC)
    except ValueError:
        return feed_date
    # The page gives a day; the feed usually gives the minute. Keep the feed's if they agree.
    if feed_date is not None and feed_date.astimezone(UTC).date() == day.date():
        return feed_date
    return day


def _without_headline(text: str, title: str | None) -> str:
    """Drop a first line that only repeats the title: it is stored apart, and a headline without
    a full stop would run into the first sentence for the event coder."""
    if not title:
        return text
    first, _, rest = text.partition("\n")
    if " ".join(first.split()).casefold() == " ".join(title.split()).casefold():
        return rest.strip()
    return text


def build_article(entry: FeedEntry, final_url: str, body: bytes, content_type: str | None,
                  content_language: str | None = None) -> Article:
    """Extract one article. Raises FetchError("not_html" | "no_article_text") on unusable pages."""
    if not is_html(body, content_type):
        mime = (content_type or "").split(";", 1)[0].strip() or "no content-type"
        raise FetchError("not_html", f"body is not an HTML page ({mime}, {len(body)} bytes)", url=entry.url)
    html, _encoding = decode_html(body, content_type)
    doc = trafilatura.bare_extraction(
        html,
        url=final_url,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        deduplicate=False,
    )
    text = (getattr(doc, "text", None) or "").strip() if doc is not None else ""
    if len(text) < MIN_TEXT_CHARS:
        raise FetchError("no_article_text", f"no article text found in the page ({len(text)} characters)", url=entry.url)
    title = clean_text(getattr(doc, "title", None), 1_000) or entry.title
    text = _without_headline(text, title)
    if len(text) < MIN_TEXT_CHARS:
        raise FetchError("no_article_text", f"no article text beyond the headline ({len(text)} characters)", url=entry.url)
    # A canonical link or a redirect target that cannot be stored (NUL, over the length cap)
    # is ignored: the feed's own link identifies the article instead.
    canonical = next((u for u in (find_canonical(html, final_url), final_url)
                      if u and url_problem(canonicalize_url(u)) is None), entry.url)
    language = getattr(doc, "language", None)
    if not language:
        match = _HTML_LANG.search(html[:20_000])
        language = match.group(1) if match else None
    if not language and content_language:
        language = content_language.split(",", 1)[0].strip()[:2] or None
    return Article(
        url=entry.url,
        canonical_url=canonicalize_url(canonical),
        title=title,
        text=text,
        published_at=_page_date(getattr(doc, "date", None), entry.published),
        author=clean_text(getattr(doc, "author", None), 500) or entry.author,
        language=language.lower() if language else None,
        source=(urlsplit(final_url).hostname or "").lower() or None,
        content_hash=content_hash(text),
        simhash=simhash64(text),
    )
