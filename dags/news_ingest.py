"""news_ingest: every 15 minutes, poll each feed (one mapped task per feed), then extract
events from the new articles and load them, in a bounded number of mapped tasks over batches
of article ids (so a Celery deployment spreads the coding over its workers; each batch commits
on its own). Emits the ``news_events`` asset on success.

This file only wires ``pipeline`` functions into tasks; tasks pass ids and counts.
"""

from __future__ import annotations

import os
from datetime import timedelta

import pendulum
from airflow.sdk import Asset, dag, get_current_context, task
from airflow.timetables.interval import CronDataIntervalTimetable

# Emitted whenever events change; refresh_analytics is scheduled on it. Assets are
# identified by name, so each DAG file declares it rather than importing a shared module
# (the DAGs folder is not importable everywhere the files are parsed).
NEWS_EVENTS = Asset("news_events")

SCHEDULE = os.environ.get("PIPELINE_INGEST_CRON", "*/15 * * * *")


def _record_failure(context) -> None:
    from pipeline.ingest import mark_run_failed
    from pipeline.store.db import get_engine

    mark_run_failed(get_engine(), context["dag"].dag_id, context["run_id"])


@dag(
    dag_id="news_ingest",
    schedule=CronDataIntervalTimetable(SCHEDULE, timezone="UTC"),
    start_date=pendulum.datetime(2026, 1, 1, tz="UTC"),
    catchup=False,
    max_active_runs=1,
    dagrun_timeout=timedelta(hours=1),
    default_args={
        "retries": 2,
        "retry_delay": timedelta(seconds=30),
        "retry_exponential_backoff": True,
        "max_retry_delay": timedelta(minutes=10),
    },
    on_failure_callback=_record_failure,
    tags=["news", "ingest"],
    doc_md=__doc__,
)
def news_ingest():
    @task
    def begin_run() -> int:
        from pipeline.ingest import prepare_database, start_run

        ctx = get_current_context()
        return start_run(prepare_database(), dag_id=ctx["dag"].dag_id, run_id=ctx["run_id"],
                         interval_start=ctx.get("data_interval_start"), interval_end=ctx.get("data_interval_end"))

    @task
    def list_feeds() -> list[dict]:
        from dataclasses import asdict

        from pipeline.ingest import sync_feed_list
        from pipeline.sources import load_sources
        from pipeline.store.db import get_engine

        sources = load_sources()
        sync_feed_list(get_engine(), sources)
        return [asdict(s) for s in sources]

    @task(pool="feed_fetch", map_index_template="{{ task.op_kwargs['source']['url'] }}")
    def fetch_feed(source: dict, run_pk: int) -> dict:
        from pipeline.ingest import poll_source
        from pipeline.sources import FeedSource
        from pipeline.store.db import get_engine

        ctx = get_current_context()
        return poll_source(get_engine(), FeedSource(**source), run_pk,
                           interval_start=ctx.get("data_interval_start"), interval_end=ctx.get("data_interval_end"),
                           backfill=ctx["dag_run"].run_type == "backfill")

    @task
    def plan_extraction(polls: list[dict]) -> list[list[int]]:
        from pipeline.ingest import extraction_batches
        from pipeline.store.db import get_engine

        return extraction_batches(get_engine(), polls)

    @task(map_index_template="{{ task.op_kwargs['article_ids'] | length }} articles from id "
                             "{{ task.op_kwargs['article_ids'][0] }}")
    def extract_events(article_ids: list[int], run_pk: int) -> dict:
        from pipeline.ingest import extract_articles
        from pipeline.store.db import get_engine

        return extract_articles(get_engine(), article_ids, run_pk).as_dict()

    # none_failed: a run with nothing new maps no extraction task (skipped) and still closes.
    @task(outlets=[NEWS_EVENTS], trigger_rule="none_failed")
    def finish_run(run_pk: int, sources: list[dict], batches: list[list[int]], summaries: list[dict]) -> dict:
        from pipeline.ingest import finish_run as finish
        from pipeline.ingest import summarise_extraction
        from pipeline.store.db import get_engine

        engine = get_engine()
        summary = summarise_extraction(engine, batches, list(summaries))
        return finish(engine, run_pk, status="success", feed_urls=[s["url"] for s in sources],
                      extract=summary.as_dict())

    run_pk = begin_run()
    sources = list_feeds()
    polls = fetch_feed.partial(run_pk=run_pk).expand(source=sources)
    batches = plan_extraction(polls)
    summaries = extract_events.partial(run_pk=run_pk).expand(article_ids=batches)
    finish_run(run_pk, sources, batches, summaries)


news_ingest()
