"""The one HTTP client for feeds, pages and robots.txt: guarded, capped, polite, retrying.

Everything here is async and runs on the Fetcher's private event loop. Each public call goes
hop by hop (redirects are followed here, not by httpx, so every hop is re-checked), and each
hop goes through: URL check -> robots.txt -> per-host slot (concurrency + delay) -> one HTTP
exchange with a total deadline and a body cap -> retry decision.
"""

from __future__ import annotations

import asyncio
import email.utils
import random
import time
import zlib
from collections import OrderedDict
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit
from urllib.robotparser import RobotFileParser

import httpcore
import httpx

from pipeline.config import Settings
from pipeline.fetch.errors import FetchError
from pipeline.fetch.guard import AllowList, GuardedBackend, check_url

REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
RETRY_STATUSES = frozenset({408, 429, 500, 502, 503, 504})
ROBOTS_MAX_BYTES = 500 * 1024  # the RFC 9309 floor a crawler must read; more is ignored
ROBOTS_CACHE_SIZE = 4096


@dataclass
class Response:
    url: str  # the final URL, after redirects
    status: int
    headers: httpx.Headers
    body: bytes
    redirects: tuple[str, ...] = ()

    @property
    def content_type(self) -> str | None:
        return self.headers.get("content-type")


class _Transient(FetchError):
    """A failure worth retrying soon (connection refused, reset, connect timeout)."""


class GuardedTransport(httpx.AsyncHTTPTransport):
    """httpx's transport with the connection pool built on :class:`GuardedBackend`."""

    def __init__(self, allow: AllowList, limits: httpx.Limits):
        super().__init__(trust_env=False, limits=limits)
        ssl_context = self._pool._ssl_context  # the context httpx built with its defaults
        self._pool = httpcore.AsyncConnectionPool(
            ssl_context=ssl_context,
            max_connections=limits.max_connections,
            max_keepalive_connections=limits.max_keepalive_connections,
            keepalive_expiry=limits.keepalive_expiry,
            network_backend=GuardedBackend(allow),
        )


class _Inflater:
    """Content-Encoding decoder that never produces more than it is allowed to (gzip bombs)."""

    def __init__(self, encoding: str):
        self.encoding = encoding
        self._new()

    def _new(self) -> None:
        wbits = 16 + zlib.MAX_WBITS if self.encoding in ("gzip", "x-gzip") else zlib.MAX_WBITS
        self.d = zlib.decompressobj(wbits)
        self.started = False

    def feed(self, data: bytes, room: int) -> bytes:
        out = bytearray()
        while data:
            try:
                chunk = self.d.decompress(data, max(room - len(out), 1))
            except zlib.error:
                if self.encoding == "deflate" and not self.started:
                    # Some servers send raw deflate without the zlib header.
                    self.d = zlib.decompressobj(-zlib.MAX_WBITS)
                    self.started = True
                    continue
                raise
            self.started = True
            out += chunk
            if len(out) >= room or self.d.unconsumed_tail:
                return bytes(out) + b"\0"  # signal "more than room" to the caller
            data = self.d.unused_data if self.d.eof else b""
            if data:  # a second gzip member
                self._new()
        return bytes(out)


class GuardedClient:
    def __init__(self, settings: Settings):
        self.settings = settings
        self.allow = AllowList(settings.fetch_allow)
        limits = httpx.Limits(
            max_connections=max(1, settings.max_concurrency),
            max_keepalive_connections=max(1, settings.max_concurrency),
        )
        self.http = httpx.AsyncClient(
            transport=GuardedTransport(self.allow, limits),
            follow_redirects=False,
            trust_env=False,  # no proxies from the environment: connections go where the guard says
            timeout=httpx.Timeout(
                connect=settings.connect_timeout_s,
                read=settings.read_timeout_s,
                write=settings.read_timeout_s,
                pool=settings.total_timeout_s,
            ),
            headers={"User-Agent": settings.user_agent, "Accept-Encoding": "gzip, deflate"},
        )
        self._global = asyncio.Semaphore(max(1, settings.max_concurrency))
        self._hosts: dict[str, _HostState] = {}
        self._robots: OrderedDict[str, asyncio.Future[RobotRules]] = OrderedDict()

    async def aclose(self) -> None:
        await self.http.aclose()

    # -- public -----------------------------------------------------------------------------

    async def get(
        self,
        url: str,
        headers: dict[str, str] | None = None,
        *,
        max_bytes: int | None = None,
        robots: bool = True,
    ) -> Response:
        """GET ``url`` following at most ``max_redirects`` re-checked redirects. Raises FetchError."""
        limit = self.settings.max_body_bytes if max_bytes is None else max_bytes
        visited: list[str] = []
        current = url
        while True:
            check_url(current, self.allow)
            if robots and self.settings.respect_robots:
                await self._check_robots(current)
            response = await self._with_retries(current, headers or {}, limit)
            if response.status not in REDIRECT_STATUSES:
                response.redirects = tuple(visited)
                return response
            location = response.headers.get("location")
            if not location:
                raise FetchError("http_error", f"HTTP {response.status} redirect without Location", url=current)
            try:
                target = urljoin(current, location.strip())
            except ValueError as exc:
                raise FetchError("bad_url", f"unparseable redirect target {location!r}: {exc}", url=current) from None
            visited.append(current)
            if target in visited:
                raise FetchError(
                    "redirect_loop", f"redirect from {current} back to {target} (after {len(visited)} hops)", url=url
                )
            if len(visited) > self.settings.max_redirects:
                raise FetchError(
                    "too_many_redirects", f"more than {self.settings.max_redirects} redirects (last to {target})", url=url
                )
            current = target

    # -- retries and politeness ---------------------------------------------------------------

    async def _with_retries(self, url: str, headers: dict[str, str], limit: int) -> Response:
        s = self.settings
        host = _host_key(url)
        attempt = 0
        while True:
            try:
                async with self._slot(host):
                    response = await self._exchange(url, headers, limit)
            except _Transient as exc:
                if attempt >= s.retries:
                    raise FetchError(exc.reason, f"{exc.detail} (after {attempt + 1} attempts)", retryable=True, url=url) from None
                delay = self._backoff(attempt)
            else:
                if response.status not in RETRY_STATUSES or attempt >= s.retries:
                    return response
                retry_after = _retry_after(response.headers.get("retry-after"))
                if retry_after is not None and retry_after > s.backoff_max_s:
                    # Sleeping less than asked would be rude; give up and let a later run retry.
                    return response
                delay = max(self._backoff(attempt), retry_after or 0.0)
                if retry_after is not None:
                    self._state(host).defer(retry_after)
            attempt += 1
            await asyncio.sleep(delay)

    def _backoff(self, attempt: int) -> float:
        s = self.settings
        ceiling = min(s.backoff_max_s, s.backoff_base_s * (2**attempt))
        return random.uniform(ceiling / 2, ceiling)  # jitter so parallel retries do not re-collide

    def _state(self, host: str) -> _HostState:
        state = self._hosts.get(host)
        if state is None:
            if len(self._hosts) > 10_000:
                self._hosts = {k: v for k, v in self._hosts.items() if v.busy()}
            state = self._hosts[host] = _HostState(self.settings.per_host_concurrency)
        return state

    @asynccontextmanager
    async def _slot(self, host: str) -> AsyncIterator[None]:
        state = self._state(host)
        async with state.semaphore:
            await state.wait_turn(max(self.settings.per_host_delay_s, state.crawl_delay))
            async with self._global:
                yield

    # -- one HTTP exchange ----------------------------------------------------------------------

    async def _exchange(self, url: str, headers: dict[str, str], limit: int) -> Response:
        s = self.settings
        try:
            async with asyncio.timeout(s.total_timeout_s):
                request = self.http.build_request("GET", url, headers=headers)
                response = await self.http.send(request, stream=True)
                try:
                    if response.status_code in REDIRECT_STATUSES or response.status_code >= 400 or response.status_code == 304:
                        body = b""  # never read bodies we do not use
                    else:
                        body = await _read_capped(response, limit, url)
                finally:
                    await response.aclose()
                return Response(str(response.url), response.status_code, response.headers, body)
        except FetchError:
            raise
        except TimeoutError:
            raise FetchError("timeout", f"no complete response within {s.total_timeout_s}s", retryable=True, url=url) from None
        except httpx.ConnectTimeout:
            raise _Transient("timeout", f"connect took longer than {s.connect_timeout_s}s", url=url) from None
        except httpx.TimeoutException as exc:
            raise FetchError("timeout", f"{type(exc).__name__}: no data for {s.read_timeout_s}s", retryable=True, url=url) from None
        except (httpx.ConnectError, httpx.ReadError, httpx.WriteError, httpx.RemoteProtocolError) as exc:
            raise _Transient("connection_error", f"{type(exc).__name__}: {exc}", url=url) from None
        except httpx.DecodingError as exc:
            raise FetchError("decode_error", str(exc), url=url) from None
        except (httpx.InvalidURL, httpx.UnsupportedProtocol) as exc:
            raise FetchError("bad_url", str(exc), url=url) from None
        except httpx.HTTPError as exc:
            raise FetchError("connection_error", f"{type(exc).__name__}: {exc}", retryable=True, url=url) from None

    # -- robots.txt -------------------------------------------------------------------------

    async def _check_robots(self, url: str) -> None:
        parts = urlsplit(url)
        origin = f"{parts.scheme.lower()}://{parts.netloc.lower()}"
        future = self._robots.get(origin)
        if future is None:
            future = asyncio.ensure_future(self._load_robots(origin))
            self._robots[origin] = future
            while len(self._robots) > ROBOTS_CACHE_SIZE:
                self._robots.popitem(last=False)
        else:
            self._robots.move_to_end(origin)
        try:
            rules = await asyncio.shield(future)
        except FetchError as exc:
            raise FetchError(exc.reason, f"robots.txt of {origin}: {exc.detail}", retryable=exc.retryable, url=url) from None
        delay = _crawl_delay(rules, self.settings.user_agent)
        if delay:
            # Honour Crawl-delay, but never let one robots.txt park a worker for longer than a backoff.
            self._state(_host_key(url)).crawl_delay = min(delay, self.settings.backoff_max_s)
        if not rules.can_fetch(self.settings.user_agent, url):
            reason = "robots_disallowed"
            detail = f"{origin}/robots.txt disallows this URL for {self.settings.user_agent.split('/')[0]}"
            if rules.unavailable:
                detail = f"{origin}/robots.txt unavailable (server error); treated as disallow-all per RFC 9309"
            raise FetchError(reason, detail, retryable=rules.unavailable, url=url)

    async def _load_robots(self, origin: str) -> RobotRules:
        rules = RobotRules(origin + "/robots.txt")
        try:
            response = await self.get(origin + "/robots.txt", {"Accept": "text/plain"}, max_bytes=ROBOTS_MAX_BYTES, robots=False)
        except FetchError as exc:
            if exc.reason in ("timeout", "connection_error"):
                self._robots.pop(origin, None)  # do not cache an outage
                raise
            rules.allow_all = True  # oversized, redirected off-limits, ...: no usable rules
            return rules
        if 200 <= response.status < 300:
            rules.parse(response.body.decode("utf-8", "replace").splitlines())
        elif 400 <= response.status < 500 and response.status != 429:
            rules.allow_all = True
        else:
            rules.disallow_all = True
            rules.unavailable = True
            self._robots.pop(origin, None)
        rules.modified()
        return rules


class RobotRules(RobotFileParser):
    """A robots.txt as parsed, plus what the client decided when there was no usable one.

    ``allow_all`` and ``disallow_all`` are RobotFileParser's own switches (set in its
    ``__init__``, not in its stubs); ``unavailable`` marks a server error (RFC 9309: disallow
    everything, and retry later).
    """

    allow_all: bool
    disallow_all: bool
    unavailable: bool = False


class _HostState:
    def __init__(self, concurrency: int):
        self.semaphore = asyncio.Semaphore(max(1, concurrency))
        self.lock = asyncio.Lock()
        self.next_start = 0.0
        self.crawl_delay = 0.0

    def busy(self) -> bool:
        return self.semaphore.locked() or self.next_start > time.monotonic()

    def defer(self, seconds: float) -> None:
        self.next_start = max(self.next_start, time.monotonic() + seconds)

    async def wait_turn(self, delay: float) -> None:
        async with self.lock:
            wait = self.next_start - time.monotonic()
            if wait > 0:
                await asyncio.sleep(wait)
            self.next_start = time.monotonic() + delay


def _crawl_delay(rules: RobotFileParser, user_agent: str) -> float:
    try:
        value = rules.crawl_delay(user_agent)
    except Exception:  # robotparser raises on odd files; a missing delay is the safe reading
        return 0.0
    try:
        return max(0.0, float(value)) if value is not None else 0.0
    except (TypeError, ValueError):
        return 0.0


def _host_key(url: str) -> str:
    try:
        return (urlsplit(url).hostname or "").lower()
    except ValueError:
        return ""


def _retry_after(value: str | None) -> float | None:
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


async def _read_capped(response: httpx.Response, limit: int, url: str) -> bytes:
    declared = response.headers.get("content-length")
    if declared and declared.strip().isdigit() and int(declared) > limit:
        raise FetchError("too_large", f"Content-Length {declared} exceeds the {limit}-byte cap", url=url)
    encodings = [e.strip().lower() for e in response.headers.get("content-encoding", "").split(",") if e.strip()]
    encodings = [e for e in encodings if e != "identity"]
    if len(encodings) > 1 or (encodings and encodings[0] not in ("gzip", "x-gzip", "deflate")):
        raise FetchError("decode_error", f"unsupported Content-Encoding {encodings}", url=url)
    inflater = _Inflater(encodings[0]) if encodings else None
    raw_seen = 0
    body = bytearray()
    async for chunk in response.aiter_raw():
        raw_seen += len(chunk)
        if raw_seen > limit:
            raise FetchError("too_large", f"body exceeds the {limit}-byte cap", url=url)
        if inflater is None:
            body += chunk
        else:
            try:
                body += inflater.feed(chunk, limit + 1 - len(body))
            except zlib.error as exc:
                raise FetchError("decode_error", f"bad {encodings[0]} stream: {exc}", url=url) from None
        if len(body) > limit:
            raise FetchError("too_large", f"decompressed body exceeds the {limit}-byte cap", url=url)
    return bytes(body)
