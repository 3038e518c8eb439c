"""Freshness: one ``python -m pipeline ingest --feeds FILE`` over a watch list of 50 news sites,
each on its own loopback address (127.0.1.1-50), 10 new stories each, 50 ms added to every
response, politeness settings as shipped (1 s between requests to a host, 2 at a time,
robots.txt read). Timed from the command's start to its exit, when every story is stored,
coded and in ``v_events`` (asserted). The sites are served from a separate process
(``devtools.watchlist``) so their threads do not compete with the pipeline for the GIL.

``ingest_cycle_s`` is the figure. The baseline is the same command polling one feed at a time
(``PIPELINE_FEED_CONCURRENCY=1``, what ingest did before: 584 s for all 50 sites), measured on
5 of the sites and scaled to 50 (``ingest_cycle_one_feed_at_a_time_scaled_s``). ``ingest_cycle_floor_s`` is the least time politeness allows:
one host's requests (robots.txt, the feed, its stories) spaced by the per-host delay.
``ingest_cycle_cpu_s`` is the CPU time the command and its coder processes used: on a machine
shared with other work, the wall time tracks it more than the floor.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from sqlalchemy import create_engine, text

from pipeline.config import load_settings
from pipeline.store.db import temporary_database

SITES = 50
STORIES = 10
LATENCY_S = 0.05
# Sites polled one after another for the baseline. Sequential polling costs each site its own
# politeness time, so its time grows linearly with the sites: the baseline is measured on a
# few and scaled to all of them (the full sequential run took 584 s).
BASELINE_SITES = 5


def run() -> dict[str, float]:
    server = subprocess.Popen([sys.executable, "-m", "devtools.watchlist", str(SITES), str(STORIES), str(LATENCY_S)],
                              stdout=subprocess.PIPE, text=True)
    try:
        assert server.stdout is not None
        feeds = [server.stdout.readline().strip() for _ in range(SITES)]
        allow = ",".join(f.rsplit("/", 1)[0] for f in feeds)
        elapsed, cpu, counts = _ingest(feeds, {"PIPELINE_FETCH_ALLOW": allow})
        baseline, _cpu, base_counts = _ingest(feeds[:BASELINE_SITES], {"PIPELINE_FETCH_ALLOW": allow,
                                                                      "PIPELINE_FEED_CONCURRENCY": "1"})
    finally:
        server.kill()
        server.wait()
    for sites, got in ((SITES, counts), (BASELINE_SITES, base_counts)):
        if got["articles"] != sites * STORIES or got["coded"] != sites * STORIES or got["events"] == 0:
            raise RuntimeError(f"ingest cycle stored or coded too little: {got} (expected {sites * STORIES} articles)")
    settings = load_settings({})
    sequential = baseline * SITES / BASELINE_SITES
    return {
        "ingest_cycle_sites": SITES,
        "ingest_cycle_articles": counts["articles"],
        "ingest_cycle_events": counts["events"],
        "ingest_cycle_s": elapsed,
        "ingest_cycle_cpu_s": cpu,
        "ingest_cycle_floor_s": (STORIES + 1) * settings.per_host_delay_s + (STORIES + 2) * LATENCY_S,
        f"ingest_cycle_one_feed_at_a_time_{BASELINE_SITES}_sites_s": baseline,
        "ingest_cycle_one_feed_at_a_time_scaled_s": sequential,
        "ingest_cycle_speedup_vs_one_feed_at_a_time": sequential / elapsed,
    }


def _ingest(feeds: list[str], settings: dict[str, str]) -> tuple[float, float, dict[str, int]]:
    """One ``pipeline ingest`` of ``feeds`` into a fresh database: wall seconds, CPU seconds
    (the command and its coder processes), and what it stored."""
    with temporary_database("pipeline_bench_cycle") as url, tempfile.TemporaryDirectory() as tmp:
        feeds_file = Path(tmp) / "feeds.yaml"
        feeds_file.write_text("feeds:\n" + "".join(f"  - {f}\n" for f in feeds), encoding="utf-8")
        env = dict(os.environ, PIPELINE_DATABASE_URL=url, **settings)
        subprocess.run([sys.executable, "-m", "pipeline", "db", "upgrade"], env=env, check=True, capture_output=True)
        cpu_before = _children_cpu_s()
        started = time.perf_counter()
        proc = subprocess.run([sys.executable, "-m", "pipeline", "ingest", "--feeds", str(feeds_file)],
                              env=env, capture_output=True, text=True)
        elapsed = time.perf_counter() - started
        cpu = _children_cpu_s() - cpu_before
        if proc.returncode != 0:
            raise RuntimeError(f"ingest failed: {proc.stdout[-2000:]}{proc.stderr[-2000:]}")
        return elapsed, cpu, _counts(url)


def _children_cpu_s() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _counts(url: str) -> dict[str, int]:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            row = conn.execute(text("""SELECT (SELECT count(*) FROM articles),
                                              (SELECT count(DISTINCT article_id) FROM article_codings),
                                              (SELECT count(*) FROM v_events)""")).one()
    finally:
        engine.dispose()
    return {"articles": row[0], "coded": row[1], "events": row[2]}
