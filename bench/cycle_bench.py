"""Freshness: one ``python -m pipeline ingest --feeds FILE`` over a watch list of 50 news sites,
each on its own loopback address (127.0.1.1-50), 10 new stories each, 50 ms added to every
response, politeness settings as shipped (1 s between requests to a host, 2 at a time,
robots.txt read). Timed from the command's start to its exit, when every story is stored,
coded and in ``v_events`` (asserted). The sites are served from a separate process
(``devtools.watchlist``) so their threads do not compete with the pipeline for the GIL.

``ingest_cycle_s`` is the figure; before the concurrent scheduler (feeds one after another)
the same scenario took 584 s. ``ingest_cycle_floor_s`` is the least time politeness allows:
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


def run() -> dict[str, float]:
    server = subprocess.Popen([sys.executable, "-m", "devtools.watchlist", str(SITES), str(STORIES), str(LATENCY_S)],
                              stdout=subprocess.PIPE, text=True)
    try:
        assert server.stdout is not None
        feeds = [server.stdout.readline().strip() for _ in range(SITES)]
        with temporary_database("pipeline_bench_cycle") as url, tempfile.TemporaryDirectory() as tmp:
            feeds_file = Path(tmp) / "feeds.yaml"
            feeds_file.write_text("feeds:\n" + "".join(f"  - {f}\n" for f in feeds), encoding="utf-8")
            env = dict(os.environ, PIPELINE_DATABASE_URL=url,
                       PIPELINE_FETCH_ALLOW=",".join(f.rsplit("/", 1)[0] for f in feeds))
            subprocess.run([sys.executable, "-m", "pipeline", "db", "upgrade"], env=env, check=True,
                           capture_output=True)
            cpu_before = _children_cpu_s()
            started = time.perf_counter()
            proc = subprocess.run([sys.executable, "-m", "pipeline", "ingest", "--feeds", str(feeds_file)],
                                  env=env, capture_output=True, text=True)
            elapsed = time.perf_counter() - started
            cpu = _children_cpu_s() - cpu_before
            if proc.returncode != 0:
                raise RuntimeError(f"ingest failed: {proc.stdout[-2000:]}{proc.stderr[-2000:]}")
            counts = _counts(url)
    finally:
        server.kill()
        server.wait()
    expected = SITES * STORIES
    if counts["articles"] != expected or counts["coded"] != expected or counts["events"] == 0:
        raise RuntimeError(f"ingest cycle stored or coded too little: {counts} (expected {expected} articles)")
    settings = load_settings({})
    return {
        "ingest_cycle_sites": SITES,
        "ingest_cycle_articles": counts["articles"],
        "ingest_cycle_events": counts["events"],
        "ingest_cycle_s": elapsed,
        "ingest_cycle_cpu_s": cpu,
        "ingest_cycle_floor_s": (STORIES + 1) * settings.per_host_delay_s + (STORIES + 2) * LATENCY_S,
        "ingest_cycle_before_s": 584.0,
    }


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
