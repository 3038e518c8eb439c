"""Page fetch throughput from a loopback site: 10 hosts (127.0.0.1–10), 50 pages each,
politeness delays zero. The baseline is the naive crawler on the same site: one sequential
GET per page, then trafilatura on the body (what the Fetcher does, minus the guard,
robots.txt, limits and concurrency)."""

from __future__ import annotations

import os
import time
from datetime import UTC, datetime

import httpx
import trafilatura

from pipeline.config import load_settings
from pipeline.model import FeedEntry
from pipeline.sample_site import SampleArticle, SampleSite

HOSTS = 10
PAGES_PER_HOST = 50


def _articles(host: int) -> list[SampleArticle]:
    body = ("The ministers met in the capital on Tuesday to discuss trade, energy and security, "
            "officials said, adding that talks would continue next month. ") * 6
    return [SampleArticle(f"story-{host}-{n}", f"Story {n} from host {host}", datetime(2026, 11, 2, tzinfo=UTC),
                          "Bench Desk", (f"Report {n} of host {host}.", body, f"Closing line {n}."))
            for n in range(PAGES_PER_HOST)]


def run() -> dict[str, float]:
    from pipeline.fetch import Fetcher

    sites = [SampleSite(_articles(h), host=f"127.0.0.{h}").start() for h in range(1, HOSTS + 1)]
    try:
        env = dict(os.environ, PIPELINE_FETCH_ALLOW=",".join(s.origin for s in sites), PIPELINE_PER_HOST_DELAY="0",
                   PIPELINE_RESPECT_ROBOTS="1", PIPELINE_PER_HOST_CONCURRENCY="4")
        settings = load_settings(env)
        entries = [FeedEntry(url=f"{s.origin}/articles/{a.slug}.html", title=a.title)
                   for s in sites for a in s.articles]
        sample = entries[:: len(entries) // 100][:100]
        with httpx.Client() as client:
            started = time.perf_counter()
            for e in sample:
                trafilatura.extract(client.get(e.url).text)
            baseline = len(sample) / (time.perf_counter() - started)
        with Fetcher(settings) as fetcher:
            started = time.perf_counter()
            results = list(fetcher.fetch_articles(entries))
            elapsed = time.perf_counter() - started
        ok = sum(1 for r in results if hasattr(r, "text"))
    finally:
        for s in sites:
            s.stop()
    return {
        "fetch_pages": len(entries),
        "fetch_pages_ok": ok,
        "fetch_pages_per_s": ok / elapsed,
        "fetch_naive_sequential_pages_per_s": baseline,
        "fetch_ratio_vs_naive_sequential": (ok / elapsed) / baseline,
    }
