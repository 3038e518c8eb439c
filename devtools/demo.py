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


# Column headings as printed (the view's column names are in the query and in docs/analysts.md).
LABELS = {"event_type": "type", "num_mentions": "mentions", "speaker_country": "party"}


def _table(rows: list[dict], columns: list[str], widths: dict[str, int]) -> str:
    def cell(value, width):
        s = "" if value is None else (", ".join(map(str, value)) if isinstance(value, list) else str(value))
        return (s if len(s) <= width else s[: width - 1] + "…").ljust(width)

    head = " | ".join(cell(LABELS.get(c, c), widths.get(c, 12)) for c in columns)
    lines = [head, "-+-".join("-" * widths.get(c, 12) for c in columns)]
    lines += [" | ".join(cell(r[c], widths.get(c, 12)) for c in columns) for r in rows]
    return "\n".join(lines)


def describe_last_run(engine) -> str:
    """What the latest ingest run did, in finish_run's words, and why nothing was new when
    the feed answered 304 Not Modified (a second ``make demo``)."""
    from pipeline.ingest import describe_run

    with engine.connect() as conn:
        run = conn.execute(text(
            "SELECT id, feeds_polled, articles_new, events, dead_letters FROM ingest_runs ORDER BY id DESC LIMIT 1"
        )).mappings().first()
        if run is None:
            return "no ingest run recorded"
        polls = conn.execute(text(
            """SELECT f.url, p.status, p.error FROM feed_polls p JOIN feeds f ON f.id = p.feed_id
               WHERE p.run_id = :run ORDER BY f.url"""), {"run": run["id"]}).mappings().all()
    broken = [{"url": p["url"], "error": p["error"], "skipped": False} for p in polls if p["status"] == "error"]
    line = describe_run(dict(run), broken)
    if run["articles_new"] == 0 and any(p["status"] == "not_modified" for p in polls):
        line += " (the feed answered 304 Not Modified: nothing new, every row stays as it was)"
    return f"this run: {line}"


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
    print(f"\nin the database: {n_articles} articles, {n_events} events\n")
    print(f"v_events (newest first{', the first 40' if n_events > 40 else ''})")
    print(_table([dict(r) for r in events],
                 ["event_type", "day", "status", "actors", "parties", "destination", "location", "num_mentions"],
                 {"event_type": 9, "day": 10, "status": 8, "actors": 34, "parties": 10, "destination": 11,
                  "location": 10, "num_mentions": 8}))
    print("\nv_statements (newest first)")
    print(_table([dict(r) for r in statements], ["speaker", "speaker_country", "quote"],
                 {"speaker": 20, "speaker_country": 5, "quote": 88}))
    return n_articles, n_events


NEXT_STEPS = """
Next:
  query the views yourself: .venv/bin/python -m pipeline analyst-login alice
                            prints a read-only URL for psql, DBeaver or pandas (docs/analysts.md)
  watch it in Airflow:      make airflow   (the UI on http://127.0.0.1:8080; README "For operators")
  start over:               make clean-state && make demo"""


def run_demo(port: int = 8765, use_airflow: bool = True) -> int:
    from pipeline.ingest import ingest
    from pipeline.sources import FeedSource
    from pipeline.store.db import get_engine
    from pipeline.store.migrations import upgrade

    settings = get_settings()
    engine = get_engine()
    # One line instead of a log line per migration (the first run applies them all).
    logging.getLogger("pipeline.store.migrations").setLevel(logging.WARNING)
    if applied := upgrade(engine):
        print(f"created the pipeline's database: {len(applied)} migrations from sql/ applied "
              f"(first run only; `python -m pipeline db upgrade` does this on your own server)")
    with _site(port) as site:
        print(f"sample site: {site.feed_url}", flush=True)
        if use_airflow:
            from devtools.airflow_local import airflow_bin, airflow_env, ensure_metadata_db

            env = airflow_env(settings, PIPELINE_FEEDS=site.feed_url, PIPELINE_FETCH_ALLOW=site.origin)
            ensure_metadata_db(env, on_migrate=lambda: print(
                "preparing Airflow's metadata database (first run only, about a minute)…", flush=True))
            print("running DAG news_ingest with `airflow dags test` (half a minute)…", flush=True)
            # INFO: the log file then has every task's lines, finish_run's summary included.
            proc = subprocess.run([airflow_bin(), "dags", "test", "news_ingest"],
                                  env={**env, "AIRFLOW__LOGGING__LOGGING_LEVEL": "INFO"},
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
    print(describe_last_run(engine))
    n_articles, n_events = show_results(engine)
    from pipeline.report import write_report

    report = write_report(engine, settings.home / "report.html")
    print(f"\nreport: {report.path}  (charts and the latest statements; open it in a browser)")
    print(NEXT_STEPS)
    return 0 if n_events > 0 else 1
