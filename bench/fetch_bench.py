"""Page fetch throughput from a loopback site: 10 hosts (127.0.0.1–10), 50 pages each,
politeness delays zero, served from a separate process. The baseline is the naive crawler on
the same site: one sequential GET per page, then the same trafilatura extraction with
metadata (what the Fetcher does, minus the guard, robots.txt, limits and concurrency).

Loopback has no latency, so the same pair is also measured with 50 ms added to every response
(the `_at_50ms` figures), closer to fetching from real sites."""

from __future__ import annotations

import os
import subprocess
import sys
import time

import httpx
import trafilatura

from pipeline.config import load_settings
from pipeline.model import FeedEntry

HOSTS = 10
PAGES_PER_HOST = 50


def run() -> dict[str, float]:
    figures = _measure(0.0)
    figures.update({f"{k}_at_50ms": v for k, v in _measure(0.05).items() if k != "fetch_pages"})
    return figures


def _measure(latency_s: float) -> dict[str, float]:
    from pipeline.fetch import Fetcher

    server = subprocess.Popen([sys.executable, "-m", "bench.sites", str(HOSTS), str(PAGES_PER_HOST), str(latency_s)],
                              stdout=subprocess.PIPE, text=True)
    try:
        origins = [server.stdout.readline().strip() for _ in range(HOSTS)]
        env = dict(os.environ, PIPELINE_FETCH_ALLOW=",".join(origins), PIPELINE_PER_HOST_DELAY="0",
                   PIPELINE_PER_HOST_CONCURRENCY="4")
        settings = load_settings(env)
        entries = [FeedEntry(url=f"{origin}/articles/story-{h}-{n}.html", title=f"Story {n} from host {h}")
                   for h, origin in enumerate(origins, 1) for n in range(PAGES_PER_HOST)]
        sample = entries[:: len(entries) // 100][:100]
        with httpx.Client() as client:
            started = time.perf_counter()
            for e in sample:
                trafilatura.bare_extraction(client.get(e.url).text, url=e.url, with_metadata=True)
            baseline = len(sample) / (time.perf_counter() - started)
        with Fetcher(settings) as fetcher:
            started = time.perf_counter()
            results = list(fetcher.fetch_articles(entries))
            elapsed = time.perf_counter() - started
        ok = sum(1 for r in results if hasattr(r, "text"))
    finally:
        server.kill()
        server.wait()
    return {
        "fetch_pages": len(entries),
        "fetch_pages_ok": ok,
        "fetch_pages_per_s": ok / elapsed,
        "fetch_naive_sequential_pages_per_s": baseline,
        "fetch_ratio_vs_naive_sequential": (ok / elapsed) / baseline,
    }
