"""news_ingest: every 15 minutes, poll each feed (one mapped task per feed, labelled by its
URL), then extract events from the new articles and load them, in a bounded number of mapped
tasks over batches of article ids (so a Celery deployment spreads the coding over its workers;
each batch commits on its own). Emits the ``news_events`` asset, its extra carrying the run's
counts (``changed`` false: refresh_analytics skips).

A feed that cannot be polled or parsed fails its own ``fetch_feed`` instance (red in the grid,
no retry: the fetcher has already retried what was worth retrying); a failing feed left alone
by its back-off is skipped (pink). The other feeds are still extracted and loaded, and
``finish_run`` names the broken feeds in its log line and return value.

This file only wires ``pipeline`` functions into tasks; tasks pass ids and counts.
"""

from __future__ import annotations

import logging
import os
from datetime import timedelta
from html import escape

import pendulum
from airflow.sdk import Asset, dag, get_current_context, task
from airflow.sdk.exceptions import AirflowFailException, AirflowSkipException
from airflow.timetables.interval import CronDataIntervalTimetable

# Emitted whenever events change; refresh_analytics is scheduled on it. Assets are
# identified by name, so each DAG file declares it rather than importing a shared module
# (the DAGs folder is not importable everywhere the files are parsed).
NEWS_EVENTS = Asset("news_events")

SCHEDULE = os.environ.get("PIPELINE_INGEST_CRON", "*/15 * * * *")

log = logging.getLogger(__name__)


class FeedUnreadable(AirflowFailException):
    """A feed could not be polled or parsed; carries the poll (for the alert callback)."""

    def __init__(self, poll: dict, line: str):
        super().__init__(line)
        self.poll = poll


def _feed_alerts(poll: dict, line: str) -> list:
    """Airflow notifiers to call when a feed turns failing (README, "Alerts when a feed turns
    failing"): e-mail through the SMTP provider when PIPELINE_FEED_ALERT_EMAIL is set; add
    others (Slack, Apprise) here."""
    from pipeline.config import get_settings

    notifiers = []
    if get_settings().feed_alert_email:
        from airflow.providers.smtp.notifications.smtp import SmtpNotifier

        notifiers.append(SmtpNotifier(to=list(get_settings().feed_alert_email), subject=f"Feed failing: {poll['feed_url']}",
                                      html_content=f"<p>{escape(line)}</p><p>python -m pipeline feeds list</p>"))
    return notifiers


def _alert_if_turned_failing(context) -> None:
    exc = context.get("exception")
    if not (isinstance(exc, FeedUnreadable) and exc.poll.get("turned_failing")):
        return  # once per feed: when it turns failing, not on every failed poll
    for notifier in _feed_alerts(exc.poll, str(exc)):
        notifier(context)


def _feed_task_outcome(poll: dict, line: str) -> dict:
    """A feed that could not be read fails its instance; one in back-off skips it."""
    if poll["status"] == "error":
        raise FeedUnreadable(poll, line)
    if poll["status"] == "backoff":
        raise AirflowSkipException(line)
    return poll  # its line is in the log already (poll_source logs it): once is enough


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
        from pipeline.ingest import coder_version, prepare_database, start_run

        ctx = get_current_context()
        run_pk = start_run(prepare_database(), dag_id=ctx["dag"].dag_id, run_id=ctx["run_id"],
                           interval_start=ctx.get("data_interval_start"), interval_end=ctx.get("data_interval_end"))
        log.info("ingest run %d started, coder %s", run_pk, coder_version())
        return run_pk

    @task
    def list_feeds() -> list[dict]:
        from dataclasses import asdict

        from pipeline.ingest import describe_feed_list, sync_feed_list
        from pipeline.sources import load_sources
        from pipeline.store.db import get_engine

        # Read on every run: an edited feeds file (feeds add/remove) needs no restart.
        sources = load_sources()
        sync_feed_list(get_engine(), sources)
        log.info("%s", describe_feed_list(get_engine(), sources))
        return [asdict(s) for s in sources]

    @task(pool="feed_fetch", map_index_template="{{ task.op_kwargs['source']['url'] }}",
          on_failure_callback=_alert_if_turned_failing)
    def fetch_feed(source: dict, run_pk: int) -> dict:
        from pipeline.ingest import FeedPoll, poll_source
        from pipeline.sources import FeedSource
        from pipeline.store.db import get_engine

        ctx = get_current_context()
        poll = poll_source(get_engine(), FeedSource(**source), run_pk,
                           interval_start=ctx.get("data_interval_start"), interval_end=ctx.get("data_interval_end"),
                           backfill=ctx["dag_run"].run_type == "backfill")
        return _feed_task_outcome(poll, FeedPoll(**poll).describe())

    # all_done: a broken feed fails only its own fetch_feed; the others' articles still load.
    @task(trigger_rule="all_done")
    def plan_extraction(run_pk: int) -> list[list[int]]:
        from pipeline.ingest import describe_extraction_plan, extraction_batches
        from pipeline.store.db import get_engine

        batches = extraction_batches(get_engine(), run_pk)
        log.info("%s", describe_extraction_plan(get_engine(), run_pk, batches))
        return batches

    @task(map_index_template="{{ task.op_kwargs['article_ids'] | length }} articles from id "
                             "{{ task.op_kwargs['article_ids'][0] }}")
    def extract_events(article_ids: list[int], run_pk: int) -> dict:
        from pipeline.ingest import extract_articles
        from pipeline.store.db import get_engine

        summary = extract_articles(get_engine(), article_ids, run_pk)
        log.info("%s", summary.describe())
        return summary.as_dict()

    # none_failed: a run with nothing new maps no extraction task (skipped) and still closes.
    @task(outlets=[NEWS_EVENTS], trigger_rule="none_failed")
    def finish_run(run_pk: int, sources: list[dict], batches: list[list[int]], summaries: list[dict]) -> dict:
        from pipeline.ingest import finish_run as finish
        from pipeline.ingest import summarise_extraction
        from pipeline.store.db import get_engine

        engine = get_engine()
        # No batches: extract_events was skipped and has no XCom; reading it would log an error.
        summary = summarise_extraction(engine, batches, list(summaries) if batches else [])
        outcome = finish(engine, run_pk, status="success", feed_urls=[s["url"] for s in sources],
                         extract=summary.as_dict())
        keys = ("changed", "articles_new", "mentions_added", "mentions_removed", "events", "feeds_failed")
        get_current_context()["outlet_events"][NEWS_EVENTS].extra = {k: outcome[k] for k in keys}
        log.info("%s", outcome["summary"])
        return outcome

    run_pk = begin_run()
    sources = list_feeds()
    polls = fetch_feed.partial(run_pk=run_pk).expand(source=sources)
    batches = plan_extraction(run_pk)
    polls >> batches
    summaries = extract_events.partial(run_pk=run_pk).expand(article_ids=batches)
    finish_run(run_pk, sources, batches, summaries)


news_ingest()
