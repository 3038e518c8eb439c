"""``pipeline export`` memory and speed: 1,000,000 mentions of the synthetic database (the
queries bench's builder, 200,000 events) exported from ``v_event_mentions`` as Parquet and as
CSV, each in its own process, against the same export of one year in ten (~100,000 rows).

Streaming holds when ``export_<fmt>_rss_ratio`` (peak resident memory of the whole export over
that of the one-year export, same run) stays near 1 while the rows grow tenfold.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from sqlalchemy import create_engine, text

from bench.queries_bench import MENTIONS_PER_EVENT, build
from pipeline.store.db import temporary_database
from pipeline.store.migrations import upgrade

EVENTS = 200_000  # x5 mentions = 1,000,000 rows
_PEAK_RSS = ("import resource, runpy, sys; sys.argv = ['pipeline'] + sys.argv[1:]\n"
             "try:\n    runpy.run_module('pipeline', run_name='__main__')\n"
             "finally:\n    print(f'peak_rss_kb={resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}', file=sys.stderr)")


def _export(url: str, out: Path, fmt: str, *dates: str) -> tuple[float, float]:
    """Seconds and peak resident MB of one export in a fresh process."""
    since_until = ["--since", dates[0], "--until", dates[1]] if dates else []
    started = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-c", _PEAK_RSS, "export", "--view", "v_event_mentions", "--format", fmt,
         "--out", str(out), *since_until],
        env={**os.environ, "PIPELINE_DATABASE_URL": url}, capture_output=True, text=True, check=True)
    seconds = time.perf_counter() - started
    peak = next(line for line in proc.stderr.splitlines() if line.startswith("peak_rss_kb="))
    return seconds, int(peak.split("=")[1]) / 1024


def run() -> dict[str, float | str]:
    figures: dict[str, float | str] = {}
    with temporary_database("pipeline_bench_export") as url, tempfile.TemporaryDirectory() as tmp:
        engine = create_engine(url)
        try:
            upgrade(engine)
            with engine.begin() as conn:
                build(conn, events=EVENTS, articles=EVENTS // 2)
            with engine.connect() as conn:
                year_rows = conn.execute(text(
                    "SELECT count(*) FROM v_event_mentions WHERE day BETWEEN '2017-01-01' AND '2017-12-31'")).scalar()
        finally:
            engine.dispose()
        rows = EVENTS * MENTIONS_PER_EVENT
        figures["export_rows"] = rows
        figures["export_baseline_rows"] = int(year_rows or 0)
        for fmt in ("parquet", "csv"):
            out = Path(tmp) / f"mentions.{fmt}"
            base_s, base_mb = _export(url, out, fmt, "2017-01-01", "2017-12-31")
            full_s, full_mb = _export(url, out, fmt)
            figures[f"export_{fmt}_rows_per_s"] = rows / full_s
            figures[f"export_{fmt}_peak_rss_mb"] = full_mb
            figures[f"export_{fmt}_baseline_peak_rss_mb"] = base_mb
            figures[f"export_{fmt}_rss_ratio"] = full_mb / base_mb
            figures[f"export_{fmt}_baseline_s"] = base_s
    return figures
