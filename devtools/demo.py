"""``make demo``: the real pipeline end to end on the embedded Postgres.

Serve the sample site on loopback, run the ``news_ingest`` DAG through Airflow
(``airflow dags test``), then show what an analyst would see.
"""

from __future__ import annotations

import errno
import logging
import subprocess
import sys

from sqlalchemy import text

from devtools.sample_site import SampleSite
from pipeline.config import get_settings

log = logging.getLogger(__name__)


def _site(port: int) -> SampleSite:
    try:
        return SampleSite(port=port)
    except OSError as exc:
        if exc.errno != errno.EADDRINUSE:
            raise
        log.warning("port %d is busy; serving the sample site on a free port instead", port)
        return SampleSite(port=0)


def _table(rows: list[dict], columns: list[str], widths: dict[str, int]) -> str:
    def cell(value, width):
        s = "" if value is None else (", ".join(map(str, value)) if isinstance(value, list) else str(value))
        return (s if len(s) <= width else s[: width - 1] + "…").ljust(width)

    head = " | ".join(cell(c, widths.get(c, 12)) for c in columns)
    lines = [head, "-+-".join("-" * widths.get(c, 12) for c in columns)]
    lines += [" | ".join(cell(r[c], widths.get(c, 12)) for c in columns) for r in rows]
    return "\n".join(lines)


def show_results(engine) -> tuple[int, int]:
    with engine.connect() as conn:
        n_articles = conn.execute(text("SELECT count(*) FROM articles")).scalar_one()
        n_events = conn.execute(text("SELECT count(*) FROM v_events")).scalar_one()
        events = conn.execute(text(
            """SELECT event_type, day, status, actor_names AS actors, parties, destination, location, num_mentions
               FROM v_events ORDER BY day DESC, event_type, event_id LIMIT 40""")).mappings().all()
        statements = conn.execute(text(
            """SELECT speaker, speaker_country, quote FROM v_statements
               ORDER BY statement_date DESC, event_id LIMIT 20""")).mappings().all()
    print(f"\n{n_articles} articles, {n_events} events\n")
    print("v_events")
    print(_table([dict(r) for r in events],
                 ["event_type", "day", "status", "actors", "parties", "destination", "location", "num_mentions"],
                 {"event_type": 9, "day": 10, "status": 8, "actors": 36, "parties": 12, "destination": 12,
                  "location": 10, "num_mentions": 3}))
    print("\nv_statements")
    print(_table([dict(r) for r in statements], ["speaker", "speaker_country", "quote"],
                 {"speaker": 22, "speaker_country": 7, "quote": 80}))
    return n_articles, n_events


def run_demo(port: int = 8765, use_airflow: bool = True) -> int:
    from pipeline.ingest import ingest, prepare_database
    from pipeline.sources import FeedSource

    settings = get_settings()
    engine = prepare_database()
    with _site(port) as site:
        print(f"sample site: {site.feed_url}", flush=True)
        if use_airflow:
            from devtools.airflow_local import airflow_bin, airflow_env, ensure_metadata_db

            env = airflow_env(settings, PIPELINE_FEEDS=site.feed_url, PIPELINE_FETCH_ALLOW=site.origin)
            print("preparing Airflow metadata (first run only)…", flush=True)
            ensure_metadata_db(env)
            print("running DAG news_ingest with `airflow dags test`…", flush=True)
            proc = subprocess.run([airflow_bin(), "dags", "test", "news_ingest"], env=env,
                                  capture_output=True, text=True)
            log_path = settings.home / "demo-airflow.log"
            log_path.write_text(proc.stdout + proc.stderr)
            if proc.returncode != 0:
                sys.stderr.write(proc.stderr[-3000:])
                print(f"airflow dags test failed (exit {proc.returncode}); full log: {log_path}", file=sys.stderr)
                return 1
            print(f"news_ingest succeeded (log: {log_path})")
        else:
            import os

            os.environ["PIPELINE_FETCH_ALLOW"] = site.origin
            get_settings.cache_clear()
            ingest([FeedSource(url=site.feed_url)], engine=engine)
    n_articles, n_events = show_results(engine)
    from pipeline.report import write_report

    report = write_report(engine, settings.home / "report.html")
    print(f"\nreport: {report.path}")
    return 0 if n_events > 0 else 1
