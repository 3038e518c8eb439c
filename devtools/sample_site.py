"""A small news site on loopback: the sample articles in ``seeds/articles`` as an RSS feed,
per-day archive feeds (``/archive/YYYY-MM-DD.xml``) and HTML pages.

It is a real HTTP server (ETag and 304s included), used by ``make demo`` and the tests so
that the pipeline is exercised over HTTP exactly as in production, without the internet.
"""

from __future__ import annotations

import hashlib
import html
import threading
import time
from dataclasses import dataclass
from datetime import datetime
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from xml.sax.saxutils import escape

import yaml

from devtools import REPO_ROOT

ARTICLES_DIR = REPO_ROOT / "seeds" / "articles"


@dataclass(frozen=True)
class SampleArticle:
    slug: str
    title: str
    published: datetime
    author: str
    paragraphs: tuple[str, ...]

    @property
    def text(self) -> str:
        return "\n".join(self.paragraphs)


def load_articles(directory: Path = ARTICLES_DIR) -> list[SampleArticle]:
    articles = []
    for path in sorted(directory.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        published = data["published"]
        if isinstance(published, str):
            published = datetime.fromisoformat(published)
        articles.append(SampleArticle(data["slug"], data["title"], published, data.get("author", ""),
                                      tuple(data["paragraphs"])))
    return articles


def render_page(article: SampleArticle, base_url: str) -> str:
    body = "\n".join(f"      <p>{html.escape(p)}</p>" for p in article.paragraphs)
    url = f"{base_url}/articles/{article.slug}.html"
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>{html.escape(article.title)} | Loopback Wire</title>
  <link rel="canonical" href="{url}">
  <meta name="author" content="{html.escape(article.author)}">
  <meta property="article:published_time" content="{article.published.isoformat()}">
</head>
<body>
  <header><nav><a href="/">Loopback Wire</a> | <a href="/world">World</a> | <a href="/markets">Markets</a></nav></header>
  <main>
    <article>
      <h1>{html.escape(article.title)}</h1>
      <p class="byline">By {html.escape(article.author)}, {article.published:%d %B %Y}</p>
{body}
    </article>
  </main>
  <footer><p>Copyright Loopback Wire. All rights reserved.</p></footer>
</body>
</html>
"""


def render_feed(articles: list[SampleArticle], base_url: str, title: str = "Loopback Wire: World") -> str:
    items = []
    for a in sorted(articles, key=lambda a: a.published, reverse=True):
        link = f"{base_url}/articles/{a.slug}.html"
        items.append(f"""    <item>
      <title>{escape(a.title)}</title>
      <link>{escape(link)}</link>
      <guid isPermaLink="true">{escape(link)}</guid>
      <pubDate>{format_datetime(a.published)}</pubDate>
      <description>{escape(a.paragraphs[0])}</description>
    </item>""")
    return f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0">
  <channel>
    <title>{escape(title)}</title>
    <link>{escape(base_url)}/</link>
    <description>Sample wire copy written for the pipeline's demo and tests.</description>
{chr(10).join(items)}
  </channel>
</rss>
"""


class SampleSite:
    """``with SampleSite() as site: site.feed_url`` serves the sample articles until exit."""

    def __init__(self, articles: list[SampleArticle] | None = None, host: str = "127.0.0.1", port: int = 0,
                 latency_s: float = 0.0):
        self.articles = articles if articles is not None else load_articles()
        self.latency_s = latency_s  # added before every response: a stand-in for a real network
        self.requests: list[str] = []
        # (path, start, end) of every answered request, on time.monotonic(): what the tests of
        # concurrency and politeness read.
        self.timeline: list[tuple[str, float, float]] = []
        site = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):  # keep test and demo output clean
                pass

            def do_GET(self):  # noqa: N802 - http.server's naming
                site.requests.append(self.path)
                started = time.monotonic()
                if site.latency_s:
                    time.sleep(site.latency_s)
                base = f"http://{self.headers.get('Host') or site.origin.split('://')[1]}"
                self._send(*site.route(self.path.split("?", 1)[0], base))
                site.timeline.append((self.path, started, time.monotonic()))

            def _send(self, status: int, ctype: str, body: str, etag: bool = False):
                data = body.encode("utf-8")
                tag = '"' + hashlib.sha1(data).hexdigest()[:16] + '"'
                if etag and self.headers.get("If-None-Match") == tag:
                    self.send_response(304)
                    self.send_header("ETag", tag)
                    self.end_headers()
                    return
                self.send_response(status)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(data)))
                if etag:
                    self.send_header("ETag", tag)
                self.end_headers()
                self.wfile.write(data)

        self._server = ThreadingHTTPServer((host, port), Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, name="sample-site", daemon=True)

    def route(self, path: str, base: str) -> tuple[int, str, str, bool]:
        """(status, content type, body, whether to send an ETag) for a GET of ``path``."""
        if path == "/robots.txt":
            return 200, "text/plain", "User-agent: *\nAllow: /\n", False
        if path == "/feed.xml":
            return 200, "application/rss+xml", render_feed(self.articles, base), True
        if path.startswith("/archive/") and path.endswith(".xml"):
            day = path[len("/archive/"):-len(".xml")]
            chosen = [a for a in self.articles if a.published.date().isoformat() == day]
            return 200, "application/rss+xml", render_feed(chosen, base, f"Loopback Wire archive {day}"), True
        if path.startswith("/articles/") and path.endswith(".html"):
            slug = path[len("/articles/"):-len(".html")]
            for a in self.articles:
                if a.slug == slug:
                    return 200, "text/html; charset=utf-8", render_page(a, base), False
        return 404, "text/plain", "not found\n", False

    @property
    def origin(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    def max_in_flight(self) -> int:
        """The most requests this site was answering at one moment."""
        edges = sorted([(start, 1) for _p, start, _e in self.timeline] + [(end, -1) for _p, _s, end in self.timeline])
        most = current = 0
        for _t, step in edges:
            current += step
            most = max(most, current)
        return most

    @property
    def feed_url(self) -> str:
        return f"{self.origin}/feed.xml"

    def archive_template(self) -> str:
        return f"{self.origin}/archive/{{date}}.xml"

    def start(self) -> SampleSite:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def __enter__(self) -> SampleSite:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()
