"""refresh_analytics: whenever news_ingest or news_reprocess emits ``news_events``, recount the
daily counts from the events (a repair: every load keeps them current in its own transaction;
analysts keep reading while it runs). Skipped when every triggering asset event says its run
changed nothing (extra ``{"changed": false}``); an event without that key counts as a change."""

from __future__ import annotations

import logging

import pendulum
from airflow.sdk import Asset, dag, get_current_context, task
from airflow.sdk.exceptions import AirflowSkipException

# Emitted whenever events change; refresh_analytics is scheduled on it. Assets are
# identified by name, so each DAG file declares it rather than importing a shared module
# (the DAGs folder is not importable everywhere the files are parsed).
NEWS_EVENTS = Asset("news_events")

log = logging.getLogger(__name__)


@dag(
    dag_id="refresh_analytics",
    schedule=[NEWS_EVENTS],
    start_date=pendulum.datetime(2026, 1, 1, tz="UTC"),
    catchup=False,
    max_active_runs=1,
    tags=["news", "analytics"],
    doc_md=__doc__,
)
def refresh_analytics():
    @task(retries=2)
    def recount_daily_counts() -> None:
        from pipeline.ingest import prepare_database
        from pipeline.reprocess import refresh_analytics as refresh

        events = [e for evs in get_current_context()["triggering_asset_events"].values() for e in evs]
        extras = [dict(e.extra or {}) for e in events]
        if events and all(x.get("changed") is False for x in extras):
            raise AirflowSkipException(f"nothing to recount: {len(events)} triggering run(s) changed nothing")
        refresh(prepare_database())
        log.info("daily counts recounted after %d asset event(s), %s", len(events),
                 ", ".join(f"{x.get('articles_new', '?')} new articles, {x.get('events', '?')} events" for x in extras)
                 or "triggered by hand")

    recount_daily_counts()


refresh_analytics()
