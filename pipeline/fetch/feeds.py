"""Feed documents (RSS 0.9x/1.0/2.0, Atom 0.3/1.0, JSON Feed) to normalised FeedEntry records.

Pure functions on bytes: no I/O here. In particular feedparser is only ever handed a file-like
object of bytes already fetched by the guarded client, never a URL or a path (feedparser would
fetch or open those itself).
"""

from __future__ import annotations

import io
import json
import re
import warnings
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urljoin, urlsplit

import feedparser

from pipeline.fetch.guard import ALLOWED_SCHEMES, AllowList, ip_literal, refusal
from pipeline.fetch.text import clean_text, html_to_text
from pipeline.fetch.urls import canonicalize_url
from pipeline.model import DeadLetter, FeedEntry, FeedResult
from pipeline.store.clean import url_problem

SUMMARY_LIMIT = 5_000
TITLE_LIMIT = 1_000

# An ENTITY declaration anywhere, or a DOCTYPE with an internal subset, is refused outright:
# that is where entity bombs and XXE live. Matched on the bytes with NULs removed so UTF-16/32
# documents cannot hide them.
_ENTITY = re.compile(rb"<!\s*ENTITY", re.IGNORECASE)
_DOCTYPE_START = re.compile(rb"<!\s*DOCTYPE", re.IGNORECASE)
_HTML_SNIFF = re.compile(rb"^\s*(<!--.*?-->\s*)*(<!doctype\s+html|<html|<head|<body)", re.IGNORECASE | re.DOTALL)
_XML_SNIFF = re.compile(rb"^\s*(<\?xml|<rss|<feed|<rdf:rdf|<channel)", re.IGNORECASE)
_BOMS = (b"\xef\xbb\xbf", b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff", b"\xff\xfe", b"\xfe\xff")

# feedparser flags these as bozo, but they describe a harmless header/document disagreement.
_BENIGN_BOZO = ("CharacterEncodingOverride", "NonXMLContentType")


def parse_feed_bytes(
    body: bytes,
    base_url: str,
    content_type: str | None = None,
    *,
    fetch_allow: Iterable[str] | None = None,
) -> FeedResult:
    """Parse one feed document. Never raises; every problem becomes a DeadLetter in ``problems``.

    ``base_url`` resolves relative links (and is the URL recorded on dead letters).
    ``fetch_allow``, when given, also refuses entries whose link is a private/loopback IP literal
    (hostnames are checked at fetch time, after DNS).
    """
    result = FeedResult(url=base_url, status="ok")
    try:
        _parse_into(result, body, base_url, content_type, fetch_allow)
    except Exception as exc:  # a parser bug must not stop a run
        result.status = "error"
        result.entries = []
        result.problems.append(_feed_problem(base_url, "malformed_feed", f"feed could not be parsed: {exc!r}"))
    return result


def _feed_problem(url: str, reason: str, detail: str, retryable: bool = False) -> DeadLetter:
    return DeadLetter(stage="feed", url=url or None, reason=reason, detail=detail, retryable=retryable, payload={"feed": url})


def _fail(result: FeedResult, reason: str, detail: str) -> None:
    result.status = "error"
    result.entries = []
    result.problems.append(_feed_problem(result.url, reason, detail))


def _parse_into(
    result: FeedResult, body: bytes, base_url: str, content_type: str | None, fetch_allow: Iterable[str] | None
) -> None:
    if not body or not body.strip():
        _fail(result, "not_a_feed", "empty body")
        return
    stripped = _strip_bom(body)
    ctype = (content_type or "").split(";", 1)[0].strip().lower()
    if (("json" in ctype or stripped.lstrip()[:1] == b"{")
            and _parse_json_feed(result, stripped, base_url, declared="json" in ctype)):
        _finish(result, fetch_allow)
        return
    probe = body.replace(b"\x00", b"")
    xml = _xml_for_feedparser(result, body, probe, ctype)
    if xml is None:
        return
    headers = {"content-type": content_type} if content_type else {}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        parsed = feedparser.parse(io.BytesIO(xml), response_headers=headers, sanitize_html=True)
    version = parsed.get("version") or ""
    entries = parsed.get("entries") or []
    bozo_exc = parsed.get("bozo_exception") if parsed.get("bozo") else None
    feed = parsed.get("feed") or {}
    if not version and not entries:
        _fail_unrecognised(result, xml, probe, ctype, bozo_exc)
        return
    result.title = _text_field(feed.get("title"), feed.get("title_detail"), TITLE_LIMIT)
    if bozo_exc is not None and type(bozo_exc).__name__ not in _BENIGN_BOZO:
        reason = "decode_error" if type(bozo_exc).__name__ == "CharacterEncodingUnknown" else "malformed_feed"
        result.problems.append(
            _feed_problem(base_url, reason, f"feed is not well-formed; kept what parsed: {bozo_exc}")
        )
    feed_base = base_url
    for raw in entries:
        _add_entry(result, _feedparser_entry(raw), feed_base)
    _finish(result, fetch_allow)


def _strip_bom(body: bytes) -> bytes:
    for bom in _BOMS:
        if body.startswith(bom):
            return body[len(bom) :]
    return body


def _xml_for_feedparser(result: FeedResult, body: bytes, probe: bytes, ctype: str) -> bytes | None:
    """The bytes feedparser may see, or None (and ``result`` failed) when the document is
    refused before parsing: entity declarations, a DTD internal subset, an HTML page."""
    doctype = _find_doctype(probe)
    if _ENTITY.search(probe) or (doctype and b"[" in probe[doctype[0] : doctype[1]]):
        _fail(result, "entity_declaration", "feed declares entities or a DTD internal subset (entity bomb / XXE risk); refused before parsing")
        return None
    if doctype:
        if b"\x00" in body[:200]:
            _fail(result, "entity_declaration", "DOCTYPE in a UTF-16/32 document; refused before parsing")
            return None
        # An external DOCTYPE only names a DTD (RSS 0.91 does); drop it so no parser ever sees it.
        body = body[: doctype[0]] + body[doctype[1] :]
    if _HTML_SNIFF.match(probe[:2048]) and not _XML_SNIFF.match(probe[:2048]):
        _fail(result, "not_a_feed", f"an HTML page, not a feed (content-type {ctype or 'missing'})")
        return None
    return body


def _fail_unrecognised(result: FeedResult, body: bytes, probe: bytes, ctype: str, bozo_exc: Any) -> None:
    """feedparser found neither a version nor entries: say what the document was instead."""
    if b"\x00" in probe[:1024] or _looks_binary(body):
        _fail(result, "not_a_feed", "binary body, not a feed")
    elif bozo_exc is not None and _XML_SNIFF.match(probe[:2048]):
        _fail(result, "malformed_feed", f"feed is not well-formed and yielded no entries: {bozo_exc}")
    elif _HTML_SNIFF.match(probe[:2048]) or "html" in ctype:
        _fail(result, "not_a_feed", f"an HTML page, not a feed (content-type {ctype or 'missing'})")
    else:
        _fail(result, "not_a_feed", "no RSS, Atom or JSON Feed structure found")


def _find_doctype(doc: bytes) -> tuple[int, int] | None:
    """(start, end) of the DOCTYPE declaration in the prolog, skipping comments and PIs."""
    pos = 0
    length = len(doc)
    while pos < length:
        while pos < length and doc[pos : pos + 1] in b" \t\r\n\xef\xbb\xbf\xfe\xff":
            pos += 1
        if doc.startswith(b"<?", pos):
            end = doc.find(b"?>", pos)
            pos = length if end < 0 else end + 2
        elif doc.startswith(b"<!--", pos):
            end = doc.find(b"-->", pos)
            pos = length if end < 0 else end + 3
        elif _DOCTYPE_START.match(doc, pos):
            bracket, close = doc.find(b"[", pos), doc.find(b">", pos)
            if bracket >= 0 and (close < 0 or bracket < close):
                close = doc.find(b"]", bracket)
                close = doc.find(b">", close) if close >= 0 else -1
            return pos, length if close < 0 else close + 1
        else:
            return None
    return None


def _looks_binary(body: bytes) -> bool:
    sample = body[:1024]
    if not sample:
        return False
    controls = sum(1 for b in sample if b < 9 or 13 < b < 32)
    return controls / len(sample) > 0.1


def _text_field(value: Any, detail: Any, limit: int) -> str | None:
    if not isinstance(value, str):
        return None
    kind = (detail or {}).get("type", "") if isinstance(detail, dict) else ""
    if "html" in kind:
        value = html_to_text(value, limit)
    return clean_text(value, limit)


def _feedparser_entry(raw: Any) -> dict[str, Any]:
    link = raw.get("link")
    if not link:
        for candidate in raw.get("links") or []:
            if candidate.get("rel", "alternate") == "alternate" and candidate.get("href"):
                link = candidate["href"]
                break
    if not link and raw.get("guidislink") and raw.get("id"):
        link = raw.get("id")
    summary_value, summary_detail = raw.get("summary"), raw.get("summary_detail")
    if not summary_value and raw.get("content"):
        summary_value = raw["content"][0].get("value")
        summary_detail = raw["content"][0]
    published = None
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        stamp = raw.get(key)
        if stamp:
            try:
                published = datetime(*stamp[:6]).replace(tzinfo=UTC)
                break
            except (TypeError, ValueError):
                continue
    return {
        "link": link,
        "guid": clean_text(raw.get("id"), 2_000),
        "title": _text_field(raw.get("title"), raw.get("title_detail"), TITLE_LIMIT),
        "summary": _text_field(summary_value, summary_detail or {"type": "text/html"}, SUMMARY_LIMIT),
        "author": clean_text(raw.get("author"), 500),
        "published": published,
    }


def _add_entry(result: FeedResult, fields: dict[str, Any], base_url: str) -> None:
    link = fields.pop("link")
    link = link.strip() if isinstance(link, str) else ""
    entry_payload = {**fields, "link": link or None}
    if entry_payload["published"] is not None:
        entry_payload["published"] = entry_payload["published"].isoformat()
    if not link:
        result.problems.append(
            DeadLetter("feed", None, "bad_link", "entry has no link", payload={"feed": result.url, "entry": entry_payload})
        )
        return
    try:
        absolute = urljoin(base_url, link) if base_url else link
        parts = urlsplit(absolute)
        scheme = parts.scheme.lower()
        host = parts.hostname
    except ValueError as exc:
        result.problems.append(
            DeadLetter("feed", link, "bad_link", f"unparseable link: {exc}", payload={"feed": result.url, "entry": entry_payload})
        )
        return
    if not scheme:
        result.problems.append(
            DeadLetter("feed", link, "bad_link", "relative link and no base URL to resolve it against",
                       payload={"feed": result.url, "entry": entry_payload})
        )
        return
    if scheme not in ALLOWED_SCHEMES:
        result.problems.append(
            DeadLetter(
                "feed", link, "bad_scheme", f"link scheme {scheme or '(none)'!r} is not http or https",
                payload={"feed": result.url, "entry": entry_payload},
            )
        )
        return
    if not host:
        result.problems.append(
            DeadLetter("feed", link, "bad_link", "link has no host", payload={"feed": result.url, "entry": entry_payload})
        )
        return
    url = canonicalize_url(absolute)
    unstorable = url_problem(url)
    if unstorable is not None:  # a NUL or a 6,000-character link: one dead letter, never fetched
        result.problems.append(
            DeadLetter("feed", link, unstorable.reason, unstorable.detail, payload={"feed": result.url, "entry": entry_payload})
        )
        return
    result.entries.append(FeedEntry(url=url, **fields))


def _finish(result: FeedResult, fetch_allow: Iterable[str] | None) -> None:
    if fetch_allow is None:
        return
    allow = AllowList(fetch_allow)
    kept = []
    for entry in result.entries:
        host = urlsplit(entry.url).hostname or ""
        ip = ip_literal(host)
        why = refusal(ip) if ip is not None and not allow.allows_origin(entry.url) else None
        if why:
            result.problems.append(
                DeadLetter(
                    "feed", entry.url, "refused_address", f"link points at a refused address: {why}",
                    payload={"feed": result.url, "entry": entry_to_payload(entry)},
                )
            )
        else:
            kept.append(entry)
    result.entries = kept


def entry_to_payload(entry: FeedEntry) -> dict[str, Any]:
    """A FeedEntry as JSON-ready data: what a replay of a dead letter needs."""
    return {
        "url": entry.url,
        "guid": entry.guid,
        "title": entry.title,
        "published": entry.published.isoformat() if entry.published else None,
        "summary": entry.summary,
        "author": entry.author,
    }


def _parse_json_feed(result: FeedResult, body: bytes, base_url: str, declared: bool) -> bool:
    """Fill ``result`` from a JSON Feed (1.0/1.1). False if the body is not one (caller sniffs on)."""
    try:
        doc = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        if declared:
            _fail(result, "malformed_feed", f"JSON Feed is not valid JSON: {exc}")
            return True
        return False
    version = doc.get("version") if isinstance(doc, dict) else None
    if not (isinstance(version, str) and "jsonfeed.org" in version):
        _fail(result, "not_a_feed", "JSON document is not a JSON Feed (no jsonfeed.org version)")
        return True
    result.title = clean_text(doc.get("title"), TITLE_LIMIT)
    feed_author = _json_author(doc)
    items = doc.get("items")
    if not isinstance(items, list):
        result.problems.append(_feed_problem(base_url, "malformed_feed", "JSON Feed has no items list"))
        return True
    home = doc.get("home_page_url") if isinstance(doc.get("home_page_url"), str) else None
    for index, item in enumerate(items):
        if not isinstance(item, dict):
            result.problems.append(_feed_problem(base_url, "malformed_feed", f"JSON Feed item {index} is not an object"))
            continue
        link = item.get("url") if isinstance(item.get("url"), str) else None
        if not link and isinstance(item.get("external_url"), str):
            link = item["external_url"]
        summary = clean_text(item.get("summary"), SUMMARY_LIMIT)
        if not summary and isinstance(item.get("content_text"), str):
            summary = clean_text(item["content_text"], SUMMARY_LIMIT)
        if not summary and isinstance(item.get("content_html"), str):
            summary = clean_text(html_to_text(item["content_html"], SUMMARY_LIMIT), SUMMARY_LIMIT)
        guid = item.get("id")
        fields = {
            "link": link,
            "guid": clean_text(str(guid), 2_000) if isinstance(guid, (str, int)) else None,
            "title": clean_text(item.get("title"), TITLE_LIMIT),
            "summary": summary,
            "author": _json_author(item) or feed_author,
            "published": _iso_date(item.get("date_published")) or _iso_date(item.get("date_modified")),
        }
        _add_entry(result, fields, base_url or home or "")
    return True


def _json_author(obj: dict[str, Any]) -> str | None:
    authors = obj.get("authors")
    if isinstance(authors, list):
        names = [name for a in authors if isinstance(a, dict) and isinstance(name := a.get("name"), str)]
        if names:
            return clean_text(", ".join(names), 500)
    author = obj.get("author")
    if isinstance(author, dict):
        return clean_text(author.get("name"), 500)
    return None


def _iso_date(value: Any) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        stamp = datetime.fromisoformat(value.strip())
    except ValueError:
        return None
    return stamp if stamp.tzinfo else stamp.replace(tzinfo=UTC)
