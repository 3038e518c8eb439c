"""A real HTTP server on loopback that misbehaves on purpose, for fetch and integration tests.

Usage::

    with HostileServer() as server, RefusedListener() as trap:
        settings = test_settings(server)
        feed_url = server.url("/hostile-feed.xml")   # 16 hostile items + 2 good ones
        ...
        assert trap.connections == 0                 # nothing reached the refused address

Only loopback addresses are ever bound or linked: the server on 127.0.0.1 (the allowed
origin), the trap on 127.0.0.2 (a loopback address that is *not* allowed, so the fetcher must
refuse it; any connection that arrives there is a guard failure).
"""

from __future__ import annotations

import gzip
import json
import socket
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from pipeline.config import Settings, load_settings

GOOD_TEXT = (
    "The foreign ministers of both countries signed a trade agreement in the capital on Tuesday, "
    "ending two years of negotiations. The president welcomed the deal and said that tariffs on "
    "agricultural goods would be lifted within six months. Opposition leaders criticised the "
    "speed of the talks but did not announce a vote against ratification in parliament."
)
LATIN1_TEXT = (
    "Le président français a déclaré mercredi à Genève que les négociations étaient terminées. "
    "Les députés ont voté à l'unanimité une résolution soutenant l'accord, après une réunion "
    "tendue au ministère des Affaires étrangères. « C'est un succès », a-t-il ajouté."
)


def article_html(title: str, text: str, *, charset_meta: str | None = "utf-8", canonical: str | None = None,
                 lang: str = "en") -> str:
    meta = f'<meta charset="{charset_meta}">' if charset_meta else ""
    link = f'<link rel="canonical" href="{canonical}">' if canonical else ""
    paragraphs = "".join(f"<p>{s.strip()}.</p>" for s in text.split(".") if s.strip())
    return (
        f'<!DOCTYPE html><html lang="{lang}"><head>{meta}<title>{title}</title>{link}'
        '<meta name="author" content="Jane Reporter"></head>'
        f'<body><nav><a href="/">Home</a></nav><article><h1>{title}</h1>{paragraphs}</article>'
        "<footer>Copyright</footer></body></html>"
    )


@dataclass
class Reply:
    status: int = 200
    body: bytes | Callable[[BaseHTTPRequestHandler], None] = b""
    headers: dict[str, str] = field(default_factory=dict)


class RefusedListener:
    """A TCP listener on 127.0.0.2 that counts connections. Nothing should ever connect."""

    def __init__(self, host: str = "127.0.0.2"):
        self.host = host
        self.connections = 0
        self._sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._sock.bind((host, 0))
        self._sock.listen(16)
        self._sock.settimeout(0.2)
        self.port = self._sock.getsockname()[1]
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._accept, daemon=True)

    def _accept(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self._sock.accept()
            except (TimeoutError, OSError):
                continue
            self.connections += 1
            conn.close()

    def url(self, path: str = "/") -> str:
        return f"http://{self.host}:{self.port}{path}"

    def __enter__(self) -> RefusedListener:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join(timeout=2)
        self._sock.close()


class HostileServer:
    """ThreadingHTTPServer on 127.0.0.1:<ephemeral> with a route table; logs every request."""

    def __init__(self, host: str = "127.0.0.1"):
        self.routes: dict[str, Reply | Callable[[BaseHTTPRequestHandler], Reply]] = {}
        self.requests: list[dict[str, Any]] = []
        self.stopping = threading.Event()
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: Any) -> None:
                pass

            def do_GET(self) -> None:
                server.requests.append({"path": self.path, "headers": dict(self.headers), "time": time.monotonic()})
                path = self.path.split("?", 1)[0]
                route = server.routes.get(self.path) or server.routes.get(path)
                if route is None:
                    reply = Reply(404, b"not found", {"Content-Type": "text/plain"})
                else:
                    reply = route(self) if callable(route) else route
                if reply is None:  # the route wrote its own response
                    return
                try:
                    self.send_response(reply.status)
                    for name, value in reply.headers.items():
                        self.send_header(name, value)
                    if callable(reply.body):
                        self.send_header("Connection", "close")
                        self.end_headers()
                        reply.body(self)
                        self.close_connection = True
                        return
                    if "Content-Length" not in reply.headers:
                        self.send_header("Content-Length", str(len(reply.body)))
                    self.end_headers()
                    self.wfile.write(reply.body)
                except (BrokenPipeError, ConnectionResetError):
                    self.close_connection = True

        self.httpd = ThreadingHTTPServer((host, 0), Handler)
        self.httpd.daemon_threads = True
        self.host, self.port = self.httpd.server_address[:2]
        self.origin = f"http://{self.host}:{self.port}"
        self._thread = threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)

    def url(self, path: str) -> str:
        return self.origin + path

    def add(self, path: str, body: bytes | str = b"", status: int = 200, content_type: str | None = "text/html; charset=utf-8",
            headers: dict[str, str] | None = None) -> str:
        all_headers = dict(headers or {})
        if content_type:
            all_headers.setdefault("Content-Type", content_type)
        self.routes[path] = Reply(status, body.encode("utf-8") if isinstance(body, str) else body, all_headers)
        return self.url(path)

    def route(self, path: str, fn: Callable[[BaseHTTPRequestHandler], Reply | None]) -> str:
        self.routes[path] = fn
        return self.url(path)

    def paths_requested(self) -> list[str]:
        return [r["path"] for r in self.requests]

    def __enter__(self) -> HostileServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stopping.set()
        self.httpd.shutdown()
        self.httpd.server_close()
        self._thread.join(timeout=2)


def test_settings(server: HostileServer, **overrides: str) -> Settings:
    """Settings with small limits so every hostile case ends in well under a few seconds."""
    env = {
        "PIPELINE_FETCH_ALLOW": server.origin,
        "PIPELINE_CONNECT_TIMEOUT": "1",
        "PIPELINE_READ_TIMEOUT": "1.5",
        "PIPELINE_TOTAL_TIMEOUT": "2.5",
        "PIPELINE_MAX_BODY_BYTES": str(256 * 1024),
        "PIPELINE_MAX_REDIRECTS": "5",
        "PIPELINE_PER_HOST_CONCURRENCY": "8",
        "PIPELINE_PER_HOST_DELAY": "0",
        "PIPELINE_MAX_CONCURRENCY": "16",
        "PIPELINE_RETRIES": "2",
        "PIPELINE_BACKOFF_BASE": "0.05",
        "PIPELINE_BACKOFF_MAX": "1",
        "PIPELINE_RESPECT_ROBOTS": "1",
        "PIPELINE_HOME": "/tmp/pipeline-fetch-tests",
    }
    env.update(overrides)
    return load_settings(env)


test_settings.__test__ = False  # type: ignore[attr-defined]  # not a pytest test


# -- hostile behaviours ----------------------------------------------------------------------


def _slow_body(server: HostileServer) -> Callable[[BaseHTTPRequestHandler], None]:
    def write(handler: BaseHTTPRequestHandler) -> None:
        for _ in range(60):  # one byte a second, for a minute at most
            if server.stopping.is_set():
                return
            handler.wfile.write(b"x")
            handler.wfile.flush()
            time.sleep(1)

    return write


def _endless_body(server: HostileServer) -> Callable[[BaseHTTPRequestHandler], None]:
    def write(handler: BaseHTTPRequestHandler) -> None:
        chunk = b"<p>" + b"all work and no play " * 800 + b"</p>\n"
        for _ in range(100_000):
            if server.stopping.is_set():
                return
            handler.wfile.write(chunk)

    return write


def gzip_bomb(decompressed_bytes: int = 64 * 1024 * 1024) -> bytes:
    """gzip of zeros: ~64 KiB on the wire for 64 MiB decompressed."""
    block = b"\0" * (1024 * 1024)
    import io

    out = io.BytesIO()
    with gzip.GzipFile(fileobj=out, mode="wb", compresslevel=9) as gz:
        for _ in range(decompressed_bytes // len(block)):
            gz.write(block)
    return out.getvalue()


ENTITY_BOMB = (
    b'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
    b'<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">'
    b'<!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;"><!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;">'
    b'<!ENTITY g "&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;"><!ENTITY h "&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;">]>'
    b'<rss version="2.0"><channel><title>&h;</title><item><title>&h;</title><link>http://127.0.0.1/x</link></item></channel></rss>'
)
XXE_FEED = (
    b'<?xml version="1.0"?>\n<!DOCTYPE rss [\n  <!ENTITY xxe SYSTEM "file:///etc/passwd">\n]>\n'
    b'<rss version="2.0"><channel><title>XXE</title><item><title>&xxe;</title>'
    b"<link>http://127.0.0.1/x</link><description>&xxe;</description></item></channel></rss>"
)


def rss(items: list[tuple[str, str]], title: str = "Hostile test feed") -> bytes:
    """RSS 2.0 with (title, link) items; links are XML-escaped but otherwise verbatim."""
    from xml.sax.saxutils import escape

    body = "".join(
        f"<item><title>{escape(t)}</title><link>{escape(link)}</link><guid isPermaLink=\"false\">{i}</guid>"
        f"<pubDate>Tue, 03 Jun 2025 09:{i % 60:02d}:00 +0200</pubDate><description>Item {i} &lt;b&gt;bold&lt;/b&gt;</description></item>"
        for i, (t, link) in enumerate(items)
    )
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>{escape(title)}</title>'
            f"<link>http://127.0.0.1/</link><description>test</description>{body}</channel></rss>").encode()


# What each hostile item of the hostile feed must become: path/title -> dead-letter reason.
HOSTILE_EXPECTED: dict[str, str] = {}


def install(server: HostileServer, trap: RefusedListener) -> dict[str, Any]:
    """Register every hostile route plus two good articles and the mixed feeds.

    Returns {"feed": url of the 16-hostile + 2-good feed, "expected": {item title: reason},
    "good": [urls of the good articles], ...}.
    """
    s = server
    good_url = s.add("/articles/good", article_html("Trade agreement signed", GOOD_TEXT,
                                                       canonical="/articles/good-canonical?utm_source=feed"))
    latin1_url = s.add("/articles/latin1", article_html("Élection à Genève", LATIN1_TEXT, charset_meta=None, lang="fr").encode("latin-1"),
                       content_type="text/html")
    s.routes["/slow"] = Reply(200, _slow_body(s), {"Content-Type": "text/html", "Content-Length": "100"})
    s.routes["/endless"] = Reply(200, _endless_body(s), {"Content-Type": "text/html"})
    s.add("/bomb", gzip_bomb(), headers={"Content-Encoding": "gzip"})
    s.add("/loop/a", b"", status=302, headers={"Location": "/loop/b"})
    s.add("/loop/b", b"", status=302, headers={"Location": "/loop/a"})
    for i in range(12):
        s.add(f"/chain/{i}", b"", status=302, headers={"Location": f"/chain/{i + 1}"})
    s.add("/redirect-refused", b"", status=302, headers={"Location": trap.url("/stolen")})
    s.add("/redirect-file", b"", status=302, headers={"Location": "file:///etc/passwd"})
    s.add("/binary", bytes(range(256)) * 64, content_type="application/octet-stream")
    s.add("/no-text", "<!DOCTYPE html><html><head><title>Menu</title></head><body><nav><a href='/'>Home</a></nav></body></html>")
    s.add("/missing-500", "oops", status=500, content_type="text/plain")
    s.add("/entity-bomb.xml", ENTITY_BOMB, content_type="application/rss+xml")
    s.add("/xxe.xml", XXE_FEED, content_type="application/rss+xml")
    s.add("/html-as-feed.xml", article_html("Not a feed", GOOD_TEXT), content_type="application/rss+xml")
    s.add("/binary-feed.xml", bytes(range(256)) * 64, content_type="application/rss+xml")
    port = trap.port
    hostile = [
        ("slow", s.url("/slow"), "timeout"),
        ("endless", s.url("/endless"), "too_large"),
        ("gzip bomb", s.url("/bomb"), "too_large"),
        ("redirect loop", s.url("/loop/a"), "redirect_loop"),
        ("redirect chain", s.url("/chain/0"), "too_many_redirects"),
        ("redirect to refused", s.url("/redirect-refused"), "refused_address"),
        ("refused dotted", f"http://127.0.0.2:{port}/dotted", "refused_address"),
        ("refused decimal", f"http://2130706434:{port}/decimal", "refused_address"),
        ("refused hex", f"http://0x7f000002:{port}/hex", "refused_address"),
        ("refused mapped v6", f"http://[::ffff:127.0.0.2]:{port}/mapped", "refused_address"),
        ("refused by dns", f"http://localhost:{s.port}/leak", "refused_address"),
        ("file link", "file:///etc/passwd", "bad_scheme"),
        ("ftp link", f"ftp://127.0.0.2:{port}/x", "bad_scheme"),
        ("javascript link", "javascript:alert(document.cookie)", "bad_scheme"),
        ("binary page", s.url("/binary"), "not_html"),
        ("page without text", s.url("/no-text"), "no_article_text"),
    ]
    good = [("good article", good_url), ("latin-1 article", latin1_url)]
    items = [(t, u) for t, u, _ in hostile[:8]] + [good[0]] + [(t, u) for t, u, _ in hostile[8:]] + [good[1]]
    feed_url = s.add("/hostile-feed.xml", rss(items), content_type="application/rss+xml; charset=utf-8")
    return {
        "feed": feed_url,
        "expected": {t: reason for t, _, reason in hostile},
        "good": [good_url, latin1_url],
        "good_titles": [t for t, _ in good],
    }


def json_feed(items: list[dict[str, Any]], title: str = "JSON test feed") -> bytes:
    return json.dumps({"version": "https://jsonfeed.org/version/1.1", "title": title, "items": items}).encode()
