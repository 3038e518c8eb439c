"""HTTP behaviour against a real loopback server: conditional GET, robots, retries, politeness."""

from __future__ import annotations

import gzip
import threading
import time

import pytest
from hostile_server import GOOD_TEXT, Reply, article_html, rss, test_settings

from pipeline.fetch import Fetcher
from pipeline.model import Article, DeadLetter, FeedEntry


def _etag_feed(server, body: bytes) -> str:
    def handler(request):
        if request.headers.get("If-None-Match") == '"v1"':
            return Reply(304, b"", {"ETag": '"v1"'})
        return Reply(200, body, {"Content-Type": "application/rss+xml", "ETag": '"v1"',
                                 "Last-Modified": "Tue, 03 Jun 2025 07:00:00 GMT"})

    return server.route("/etag.xml", handler)


def test_a_feed_polled_twice_is_not_modified_the_second_time(server, fetcher):
    url = _etag_feed(server, rss([("a", server.url("/a"))]))
    first = fetcher.fetch_feed(url)
    assert first.status == "ok" and len(first.entries) == 1
    assert first.etag == '"v1"' and first.last_modified == "Tue, 03 Jun 2025 07:00:00 GMT"
    second = fetcher.fetch_feed(url, etag=first.etag, last_modified=first.last_modified)
    assert second.status == "not_modified"
    assert second.entries == [] and second.problems == []
    assert second.etag == '"v1"'
    feed_requests = [r for r in server.requests if r["path"] == "/etag.xml"]
    assert feed_requests[1]["headers"]["If-None-Match"] == '"v1"'
    assert feed_requests[1]["headers"]["If-Modified-Since"] == "Tue, 03 Jun 2025 07:00:00 GMT"


@pytest.mark.usefixtures("settings")
def test_user_agent_names_the_product_and_contact(server):
    server.add("/page", article_html("Hello", GOOD_TEXT))
    custom = test_settings(server, PIPELINE_CONTACT_URL="https://example.org/contact")
    with Fetcher(custom) as fetcher:
        assert isinstance(fetcher.fetch_article(FeedEntry(url=server.url("/page"))), Article)
    agents = {r["headers"]["User-Agent"] for r in server.requests}
    assert agents == {"newsevents-pipeline/0.1 (+https://example.org/contact)"}


def test_robots_disallow_becomes_a_dead_letter_and_robots_is_fetched_once(server, fetcher):
    server.add("/robots.txt", "User-agent: *\nDisallow: /private/\n", content_type="text/plain")
    server.add("/private/page", article_html("Secret", GOOD_TEXT))
    server.add("/public/page", article_html("Public", GOOD_TEXT))
    blocked = fetcher.fetch_article(FeedEntry(url=server.url("/private/page"), title="Secret"))
    assert isinstance(blocked, DeadLetter) and blocked.reason == "robots_disallowed"
    assert blocked.payload["entry"]["title"] == "Secret"
    assert isinstance(fetcher.fetch_article(FeedEntry(url=server.url("/public/page"))), Article)
    paths = server.paths_requested()
    assert "/private/page" not in paths
    assert paths.count("/robots.txt") == 1


def test_robots_rules_for_our_agent_apply(server, fetcher):
    server.add("/robots.txt", "User-agent: newsevents-pipeline\nDisallow: /\n\nUser-agent: *\nAllow: /\n", content_type="text/plain")
    server.add("/page", article_html("x", GOOD_TEXT))
    result = fetcher.fetch_article(FeedEntry(url=server.url("/page")))
    assert isinstance(result, DeadLetter) and result.reason == "robots_disallowed"


def test_robots_can_be_switched_off(server):
    server.add("/robots.txt", "User-agent: *\nDisallow: /\n", content_type="text/plain")
    server.add("/page", article_html("x", GOOD_TEXT))
    with Fetcher(test_settings(server, PIPELINE_RESPECT_ROBOTS="0")) as fetcher:
        assert isinstance(fetcher.fetch_article(FeedEntry(url=server.url("/page"))), Article)
    assert "/robots.txt" not in server.paths_requested()


def _flaky(server, path: str, failures: list[Reply], final: Reply) -> list[float]:
    times: list[float] = []
    lock = threading.Lock()

    def handler(_request):
        with lock:
            times.append(time.monotonic())
            return failures[len(times) - 1] if len(times) <= len(failures) else final

    server.route(path, handler)
    return times


def test_retry_after_is_honoured_on_429(server, fetcher):
    page = Reply(200, article_html("x", GOOD_TEXT).encode(), {"Content-Type": "text/html"})
    times = _flaky(server, "/busy", [Reply(429, b"slow down", {"Retry-After": "1"})], page)
    result = fetcher.fetch_article(FeedEntry(url=server.url("/busy")))
    assert isinstance(result, Article)
    assert len(times) == 2
    assert times[1] - times[0] >= 0.95


def test_retry_after_beyond_the_backoff_cap_gives_up_without_sleeping(server, fetcher, settings):
    times = _flaky(server, "/closed", [], Reply(429, b"", {"Retry-After": "3600"}))
    started = time.monotonic()
    result = fetcher.fetch_article(FeedEntry(url=server.url("/closed")))
    assert isinstance(result, DeadLetter) and result.reason == "http_error" and result.retryable
    assert time.monotonic() - started < settings.backoff_max_s
    assert len(times) == 1


def test_5xx_is_retried_with_backoff_then_given_up(server, fetcher, settings):
    times = _flaky(server, "/down", [], Reply(503, b"", {}))
    result = fetcher.fetch_article(FeedEntry(url=server.url("/down")))
    assert isinstance(result, DeadLetter) and result.reason == "http_error" and result.retryable
    assert len(times) == settings.retries + 1


def test_a_refused_connection_is_retried_then_dead_lettered(server):
    import socket

    closed = socket.socket()
    closed.bind(("127.0.0.1", 0))
    port = closed.getsockname()[1]
    closed.close()  # nothing listens there now
    origin = f"http://127.0.0.1:{port}"
    with Fetcher(test_settings(server, PIPELINE_FETCH_ALLOW=origin)) as fetcher:
        result = fetcher.fetch_article(FeedEntry(url=origin + "/x"))
    assert isinstance(result, DeadLetter) and result.reason == "connection_error" and result.retryable


def test_gzip_pages_are_decoded(server, fetcher):
    server.add("/gz", gzip.compress(article_html("Zipped", GOOD_TEXT).encode()), headers={"Content-Encoding": "gzip"})
    result = fetcher.fetch_article(FeedEntry(url=server.url("/gz")))
    assert isinstance(result, Article) and "trade agreement" in result.text


def test_a_charset_header_that_lies_is_not_believed(server, fetcher):
    body = article_html("Grève générale", GOOD_TEXT + " Les syndicats ont déclaré la grève.", charset_meta=None).encode("latin-1")
    server.add("/liar", body, content_type="text/html; charset=utf-8")
    result = fetcher.fetch_article(FeedEntry(url=server.url("/liar")))
    assert isinstance(result, Article) and "déclaré la grève" in result.text
    utf8 = article_html("Grève", GOOD_TEXT + " Les syndicats ont déclaré la grève.", charset_meta=None).encode("utf-8")
    server.add("/liar2", utf8, content_type="text/html; charset=iso-8859-1")
    result = fetcher.fetch_article(FeedEntry(url=server.url("/liar2")))
    assert isinstance(result, Article) and "déclaré la grève" in result.text


def test_feed_metadata_fills_what_the_page_lacks(server, fetcher):
    from datetime import UTC, datetime

    server.add("/bare", "<html><body><article><p>" + GOOD_TEXT + "</p></article></body></html>")
    entry = FeedEntry(url=server.url("/bare"), title="From the feed", author="Feed Author",
                      published=datetime(2025, 6, 3, 7, 0, tzinfo=UTC))
    result = fetcher.fetch_article(entry)
    assert isinstance(result, Article)
    assert result.title == "From the feed" and result.author == "Feed Author"
    assert result.published_at == entry.published
    assert result.canonical_url == server.url("/bare")


def test_per_host_delay_spaces_requests(server):
    for i in range(4):
        server.add(f"/p{i}", article_html(f"p{i}", GOOD_TEXT))
    settings = test_settings(server, PIPELINE_PER_HOST_DELAY="0.2", PIPELINE_RESPECT_ROBOTS="0")
    with Fetcher(settings) as fetcher:
        started = time.monotonic()
        results = list(fetcher.fetch_articles(FeedEntry(url=server.url(f"/p{i}")) for i in range(4)))
    assert all(isinstance(r, Article) for r in results)
    assert time.monotonic() - started >= 0.6  # 4 requests, 3 gaps of 0.2 s


def test_per_host_concurrency_is_bounded(server):
    active = 0
    peak = 0
    lock = threading.Lock()
    page = article_html("x", GOOD_TEXT).encode()

    def handler(_request):
        nonlocal active, peak
        with lock:
            active += 1
            peak = max(peak, active)
        time.sleep(0.1)
        with lock:
            active -= 1
        return Reply(200, page, {"Content-Type": "text/html"})

    server.route("/c", handler)
    settings = test_settings(server, PIPELINE_PER_HOST_CONCURRENCY="2", PIPELINE_RESPECT_ROBOTS="0")
    with Fetcher(settings) as fetcher:
        results = list(fetcher.fetch_articles(FeedEntry(url=server.url(f"/c?n={i}")) for i in range(8)))
    assert len(results) == 8 and all(isinstance(r, Article) for r in results)
    assert peak == 2


def test_fetch_articles_streams_lazily(server):
    server.add("/s", article_html("s", GOOD_TEXT))
    settings = test_settings(server, PIPELINE_MAX_CONCURRENCY="2", PIPELINE_RESPECT_ROBOTS="0")
    pulled = 0

    def entries():
        nonlocal pulled
        for i in range(10_000):
            pulled += 1
            yield FeedEntry(url=server.url(f"/s?i={i}"))

    with Fetcher(settings) as fetcher:
        stream = fetcher.fetch_articles(entries())
        first = [next(stream) for _ in range(5)]
        stream.close()
    assert all(isinstance(r, Article) for r in first)
    assert pulled <= 5 + 4 * 2 + 1  # only a bounded window is ever taken from the input


def test_fetcher_works_from_inside_a_running_event_loop(server):
    import asyncio

    server.add("/loop-page", article_html("x", GOOD_TEXT))

    async def airflow_like_task():
        with Fetcher(test_settings(server)) as fetcher:
            return fetcher.fetch_article(FeedEntry(url=server.url("/loop-page")))

    assert isinstance(asyncio.run(airflow_like_task()), Article)


def test_bad_entries_never_raise(fetcher):
    results = list(fetcher.fetch_articles([FeedEntry(url=""), FeedEntry(url="http://[broken"), object()]))
    assert len(results) == 3 and all(isinstance(r, DeadLetter) for r in results)


def test_a_declared_oversized_body_is_refused_before_reading(server, fetcher, settings):
    server.add("/huge", b"x" * 10, headers={"Content-Length": str(settings.max_body_bytes + 1)})
    result = fetcher.fetch_article(FeedEntry(url=server.url("/huge")))
    assert isinstance(result, DeadLetter) and result.reason == "too_large"


def test_deflate_with_and_without_zlib_header(server, fetcher):
    import zlib

    html = article_html("Deflated", GOOD_TEXT).encode()
    raw = zlib.compressobj(wbits=-zlib.MAX_WBITS)
    server.add("/zlib", zlib.compress(html), headers={"Content-Encoding": "deflate"})
    server.add("/raw-deflate", raw.compress(html) + raw.flush(), headers={"Content-Encoding": "deflate"})
    for path in ("/zlib", "/raw-deflate"):
        assert isinstance(fetcher.fetch_article(FeedEntry(url=server.url(path))), Article), path


def test_unsupported_or_corrupt_encodings_are_decode_errors(server, fetcher):
    server.add("/br", b"\x0b\x02\x80hello", headers={"Content-Encoding": "br"})
    server.add("/corrupt", b"\x1f\x8b\x08\x00garbage-not-gzip", headers={"Content-Encoding": "gzip"})
    for path in ("/br", "/corrupt"):
        result = fetcher.fetch_article(FeedEntry(url=server.url(path)))
        assert isinstance(result, DeadLetter) and result.reason == "decode_error", path


def test_redirects_are_followed_and_the_final_url_is_canonical(server, fetcher):
    server.add("/short", b"", status=301, headers={"Location": "/long/story?utm_source=x"})
    server.add("/long/story", article_html("Story", GOOD_TEXT))
    result = fetcher.fetch_article(FeedEntry(url=server.url("/short")))
    assert isinstance(result, Article)
    assert result.url == server.url("/short")
    assert result.canonical_url == server.url("/long/story")


def test_retry_after_accepts_http_dates():
    from datetime import UTC, datetime, timedelta
    from email.utils import format_datetime

    from pipeline.fetch.client import _retry_after

    assert _retry_after("7") == 7.0
    soon = format_datetime(datetime.now(UTC) + timedelta(seconds=30), usegmt=True)
    assert 25 <= _retry_after(soon) <= 31
    assert _retry_after("Tue, 03 Jun 2001 07:00:00 GMT") == 0.0
    assert _retry_after("soon-ish") is None


def test_a_fetcher_works_without_a_with_block(server):
    server.add("/plain", article_html("Plain", GOOD_TEXT))
    fetcher = Fetcher(test_settings(server))
    try:
        assert isinstance(fetcher.fetch_article(FeedEntry(url=server.url("/plain"))), Article)
    finally:
        fetcher.close()
    fetcher.close()  # idempotent


def test_robots_crawl_delay_spaces_requests(server):
    # urllib.robotparser reads whole seconds only, so this costs one second.
    server.add("/robots.txt", "User-agent: *\nCrawl-delay: 1\n", content_type="text/plain")
    for i in range(2):
        server.add(f"/cd{i}", article_html(f"cd{i}", GOOD_TEXT))
    with Fetcher(test_settings(server)) as fetcher:
        results = list(fetcher.fetch_articles(FeedEntry(url=server.url(f"/cd{i}")) for i in range(2)))
    assert all(isinstance(r, Article) for r in results)
    times = [r["time"] for r in server.requests if r["path"].startswith("/cd")]
    assert times[1] - times[0] >= 0.95
