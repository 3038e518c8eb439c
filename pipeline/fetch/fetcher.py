"""The ``Fetcher``: feeds and article pages over HTTP, safely.

It is a synchronous façade over one async httpx client that runs on a private event
loop in a background thread, so it works the same from a plain script, a test, or an Airflow
task (even one that already has an event loop running). Nothing in here raises on bad input:
every failure comes back as a :class:`~pipeline.model.DeadLetter` with a short reason.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import dataclasses
import threading
from collections.abc import Iterable, Iterator
from typing import Any

from pipeline.config import Settings, get_settings
from pipeline.fetch.articles import build_article
from pipeline.fetch.client import RETRY_STATUSES, GuardedClient, Response
from pipeline.fetch.errors import FetchError
from pipeline.fetch.feeds import entry_to_payload, parse_feed_bytes
from pipeline.model import Article, DeadLetter, FeedEntry, FeedResult

FEED_ACCEPT = (
    "application/rss+xml, application/atom+xml, application/feed+json, application/rdf+xml;q=0.9, "
    "application/xml;q=0.9, text/xml;q=0.9, application/json;q=0.8, */*;q=0.5"
)
PAGE_ACCEPT = "text/html, application/xhtml+xml;q=0.9, */*;q=0.5"


class Fetcher:
    """Fetch feeds and the articles they link, politely and behind the SSRF guard.

    Use as a context manager (``with Fetcher(settings) as f: ...``); ``close()`` works too.
    One instance owns one HTTP client, one robots.txt cache and the per-host politeness state,
    so share it across all feeds of a run.
    """

    def __init__(self, settings: Settings | None = None):
        self.settings = settings or get_settings()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._client: GuardedClient | None = None
        # trafilatura is CPU-bound and not documented as thread-safe: one extraction at a time,
        # off the event loop so downloads keep flowing meanwhile.
        self._extractor: concurrent.futures.ThreadPoolExecutor | None = None
        self._lock = threading.Lock()

    # -- lifecycle ----------------------------------------------------------------------------

    def __enter__(self) -> Fetcher:
        self._start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _start(self) -> None:
        with self._lock:
            if self._loop is not None:
                return
            loop = asyncio.new_event_loop()
            thread = threading.Thread(target=loop.run_forever, name="pipeline-fetch", daemon=True)
            thread.start()
            self._extractor = concurrent.futures.ThreadPoolExecutor(1, thread_name_prefix="pipeline-extract")
            self._loop, self._thread = loop, thread

            async def make_client() -> GuardedClient:
                return GuardedClient(self.settings)

            self._client = asyncio.run_coroutine_threadsafe(make_client(), loop).result()

    def close(self) -> None:
        with self._lock:
            loop, thread, client = self._loop, self._thread, self._client
            self._loop = self._thread = self._client = None
        if loop is None:
            return
        try:
            if client is not None:
                asyncio.run_coroutine_threadsafe(client.aclose(), loop).result(timeout=10)
        finally:
            loop.call_soon_threadsafe(loop.stop)
            if thread is not None:
                thread.join(timeout=10)
            loop.close()
            if self._extractor is not None:
                self._extractor.shutdown(wait=False, cancel_futures=True)
                self._extractor = None

    def _submit(self, coro: Any) -> concurrent.futures.Future:
        self._start()
        assert self._loop is not None
        return asyncio.run_coroutine_threadsafe(coro, self._loop)

    # -- feeds --------------------------------------------------------------------------------

    def fetch_feed(self, url: str, etag: str | None = None, last_modified: str | None = None) -> FeedResult:
        """Conditional GET of one feed. Status "ok", "not_modified" (304) or "error"."""
        try:
            return self._submit(self._fetch_feed(url, etag, last_modified)).result()
        except Exception as exc:  # a bug here must still not stop the run
            return FeedResult(
                url=url, status="error", etag=etag, last_modified=last_modified,
                problems=[DeadLetter("feed", url, "internal_error", f"{type(exc).__name__}: {exc}", True, {"feed": url})],
            )

    async def _fetch_feed(self, url: str, etag: str | None, last_modified: str | None) -> FeedResult:
        assert self._client is not None
        headers = {"Accept": FEED_ACCEPT}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified

        def failed(reason: str, detail: str, retryable: bool) -> FeedResult:
            return FeedResult(
                url=url, status="error", etag=etag, last_modified=last_modified,
                problems=[DeadLetter("feed", url, reason, detail, retryable, {"feed": url})],
            )

        try:
            response = await self._client.get(url, headers)
        except FetchError as exc:
            return failed(exc.reason, exc.detail, exc.retryable)
        if response.status == 304:
            return FeedResult(
                url=url, status="not_modified",
                etag=response.headers.get("etag") or etag,
                last_modified=response.headers.get("last-modified") or last_modified,
            )
        if not 200 <= response.status < 300:
            return failed("http_error", f"HTTP {response.status}", response.status in RETRY_STATUSES)
        loop = asyncio.get_running_loop()
        result = await loop.run_in_executor(
            self._extractor,
            lambda: parse_feed_bytes(response.body, response.url, response.content_type,
                                     fetch_allow=self.settings.fetch_allow),
        )
        result.url = url
        result.etag = response.headers.get("etag")
        result.last_modified = response.headers.get("last-modified")
        result.problems = [
            dataclasses.replace(p, payload={**p.payload, "feed": url}) if p.payload.get("feed") != url else p
            for p in result.problems
        ]
        return result

    # -- articles -----------------------------------------------------------------------------

    def fetch_article(self, entry: FeedEntry) -> Article | DeadLetter:
        try:
            return self._submit(self._fetch_article(entry)).result()
        except Exception as exc:
            return _article_dead_letter(entry, "internal_error", f"{type(exc).__name__}: {exc}", True)

    def fetch_articles(self, entries: Iterable[FeedEntry]) -> Iterator[Article | DeadLetter]:
        """Fetch many articles concurrently, yielding each result as it completes.

        At most a fixed window of entries is in flight (pulled lazily from ``entries``), so
        memory does not grow with the number of articles. Across hosts up to
        ``max_concurrency`` requests run at once; per host, ``per_host_concurrency`` and
        ``per_host_delay_s`` apply. Results come in completion order, not input order.
        """
        window = max(4, 4 * max(1, self.settings.max_concurrency))
        source = iter(entries)
        pending: dict[concurrent.futures.Future, FeedEntry] = {}
        exhausted = False
        try:
            while True:
                while not exhausted and len(pending) < window:
                    try:
                        entry = next(source)
                    except StopIteration:
                        exhausted = True
                        break
                    pending[self._submit(self._fetch_article(entry))] = entry
                if not pending:
                    return
                done, _ = concurrent.futures.wait(pending, return_when=concurrent.futures.FIRST_COMPLETED)
                for future in done:
                    entry = pending.pop(future)
                    try:
                        yield future.result()
                    except concurrent.futures.CancelledError:
                        yield _article_dead_letter(entry, "internal_error", "fetch was cancelled", True)
                    except Exception as exc:
                        yield _article_dead_letter(entry, "internal_error", f"{type(exc).__name__}: {exc}", True)
        finally:
            for future in pending:
                future.cancel()

    async def _fetch_article(self, entry: FeedEntry) -> Article | DeadLetter:
        assert self._client is not None
        url = getattr(entry, "url", None)
        if not isinstance(url, str) or not url:
            return _article_dead_letter(entry, "bad_link", "entry has no URL", False)
        try:
            response = await self._client.get(url, {"Accept": PAGE_ACCEPT})
            if not 200 <= response.status < 300:
                raise FetchError("http_error", f"HTTP {response.status}", retryable=response.status in RETRY_STATUSES)
            loop = asyncio.get_running_loop()
            return await loop.run_in_executor(self._extractor, _extract, entry, response)
        except FetchError as exc:
            return _article_dead_letter(entry, exc.reason, exc.detail, exc.retryable)
        except asyncio.CancelledError:
            raise
        except Exception as exc:
            return _article_dead_letter(entry, "internal_error", f"{type(exc).__name__}: {exc}", True)


def _extract(entry: FeedEntry, response: Response) -> Article:
    return build_article(entry, response.url, response.body, response.content_type,
                         response.headers.get("content-language"))


def _article_dead_letter(entry: Any, reason: str, detail: str, retryable: bool) -> DeadLetter:
    try:
        payload = {"entry": entry_to_payload(entry)}
    except Exception:
        payload = {"entry": {"repr": repr(entry)[:2000]}}
    url = getattr(entry, "url", None)
    return DeadLetter("article", url if isinstance(url, str) else None, reason, detail, retryable, payload)
