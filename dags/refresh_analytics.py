"""refresh_analytics: whenever news_ingest or news_reprocess emits ``news_events``, recount the
daily counts from the events (a repair: every load keeps them current in its own transaction;
analysts keep reading while it runs)."""

from __future__ import annotations

import pendulum
from airflow.sdk import Asset, dag, task

# Emitted whenever events change; refresh_analytics is scheduled on it. Assets are
# identified by name, so each DAG file declares it rather than importing a shared module
# (the DAGs folder is not importable everywhere the files are parsed).
NEWS_EVENTS = Asset("news_events")


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

        refresh(prepare_database())

    recount_daily_counts()


refresh_analytics()
