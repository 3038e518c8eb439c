"""news_ingest through real Airflow: the DAG file loads, and `airflow dags test` moves the
sample site's feed into Postgres."""

from __future__ import annotations

import subprocess

import pytest
from sqlalchemy import text

from devtools.airflow_local import airflow_bin, airflow_env
from devtools.watchlist import WatchList
from pipeline.config import PROJECT_ROOT


def test_every_dag_file_imports_without_errors():
    from airflow.dag_processing.dagbag import DagBag

    bag = DagBag(dag_folder=str(PROJECT_ROOT / "dags"))
    assert bag.import_errors == {}
    assert "news_ingest" in bag.dags


def test_news_ingest_schedule_is_a_real_data_interval_every_15_minutes():
    from airflow.dag_processing.dagbag import DagBag
    from airflow.timetables.interval import CronDataIntervalTimetable

    dag = DagBag(dag_folder=str(PROJECT_ROOT / "dags")).dags["news_ingest"]
    assert isinstance(dag.timetable, CronDataIntervalTimetable)
    assert dag.timetable._expression == "*/15 * * * *"
    assert dag.catchup is False and dag.max_active_runs == 1
    fetch = dag.get_task("fetch_feed")
    assert fetch.pool == "feed_fetch"


@pytest.mark.airflow
def test_airflow_dags_test_loads_the_sample_feed_into_postgres(db, airflow_run_env):
    proc = subprocess.run([airflow_bin(), "dags", "test", "news_ingest"], env=airflow_run_env,
                          capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    with db.connect() as conn:
        articles = conn.execute(text("SELECT count(*) FROM articles")).scalar_one()
        events = conn.execute(text("SELECT count(*) FROM v_events")).scalar_one()
        run = conn.execute(text("SELECT dag_id, status, feeds_polled, articles_new, mentions, events FROM ingest_runs")).one()
    assert articles == 6
    assert events > 0
    assert run.dag_id == "news_ingest" and run.status == "success"
    assert (run.feeds_polled, run.articles_new) == (1, 6)
    assert run.events > 0 and run.mentions >= run.events

    # Again: nothing new, so extract_events maps nothing; finish_run closes the run without
    # reading the skipped task's missing XCom (which Airflow would log as an error).
    again = subprocess.run([airflow_bin(), "dags", "test", "news_ingest"], env=airflow_run_env,
                           capture_output=True, text=True, timeout=600)
    assert again.returncode == 0, again.stdout[-3000:] + again.stderr[-3000:]
    assert "XCom not found" not in again.stdout + again.stderr
    with db.connect() as conn:
        second = conn.execute(text("SELECT status, articles_new, events FROM ingest_runs ORDER BY id DESC LIMIT 1")).one()
    assert tuple(second) == ("success", 0, 0)


def _task_states(airflow_metadata, task_id: str) -> list[tuple[str, int, str]]:
    """(run_id, map_index, state) of every instance of ``task_id``, from Airflow's own metadata."""
    with airflow_metadata.connect() as conn:
        return [tuple(r) for r in conn.execute(text(
            "SELECT run_id, map_index, state FROM task_instance WHERE dag_id = 'news_ingest'"
            " AND task_id = :t ORDER BY run_id, map_index"), {"t": task_id})]


@pytest.mark.airflow
def test_extraction_of_twenty_feeds_is_mapped_over_batches_each_committing_on_its_own(
        db, airflow_home, airflow_metadata, database_url_for_tests):
    with WatchList(20, 4, network="127.0.3") as watch:
        env = airflow_env(home=airflow_home, PIPELINE_DATABASE_URL=database_url_for_tests,
                          PIPELINE_FEEDS=",".join(watch.feed_urls), PIPELINE_FETCH_ALLOW=",".join(watch.origins),
                          PIPELINE_PER_HOST_DELAY="0")
        with airflow_metadata.connect() as conn:
            before = set(conn.execute(text("SELECT run_id FROM dag_run WHERE dag_id = 'news_ingest'")).scalars())
        first = subprocess.run([airflow_bin(), "dags", "test", "news_ingest"], env=env,
                               capture_output=True, text=True, timeout=900)
        assert first.returncode == 0, first.stdout[-3000:] + first.stderr[-3000:]
        # A second run finds nothing new: no extraction task to map, and the run still closes.
        second = subprocess.run([airflow_bin(), "dags", "test", "news_ingest"], env=env,
                                capture_output=True, text=True, timeout=900)
        assert second.returncode == 0, second.stdout[-3000:] + second.stderr[-3000:]
    states = [s for s in _task_states(airflow_metadata, "extract_events") if s[0] not in before]
    runs = sorted({s[0] for s in states})
    first_run = [s for s in states if s[0] == runs[0]]
    assert len(first_run) > 1, states
    assert {s[2] for s in first_run} == {"success"}
    with db.connect() as conn:
        articles = conn.execute(text("SELECT count(*) FROM articles")).scalar_one()
        coded = conn.execute(text("SELECT count(DISTINCT article_id) FROM article_codings")).scalar_one()
        rows = conn.execute(text("SELECT status, feeds_polled, articles_new, events FROM ingest_runs ORDER BY id")).all()
        events = conn.execute(text("SELECT count(*) FROM v_events")).scalar_one()
    assert articles == coded == 80
    assert [(r.status, r.feeds_polled, r.articles_new) for r in rows] == [("success", 20, 80), ("success", 20, 0)]
    assert rows[0].events == events > 0  # each event counted once across the batches


@pytest.mark.airflow
def test_a_broken_feed_fails_only_its_own_instance_and_the_run_names_it(db, airflow_run_env, fetch_env):
    missing = f"{fetch_env.origin}/gone.xml"
    refused = "http://127.0.0.2:9/feed.xml"
    env = {**airflow_run_env, "PIPELINE_FEEDS": f"{fetch_env.feed_url},{missing},{refused}",
           "AIRFLOW__LOGGING__LOGGING_LEVEL": "INFO"}
    proc = subprocess.run([airflow_bin(), "dags", "test", "news_ingest"], env=env,
                          capture_output=True, text=True, timeout=600)
    out = proc.stdout + proc.stderr
    with db.connect() as conn:
        articles = conn.execute(text("SELECT count(*) FROM articles")).scalar_one()
        events = conn.execute(text("SELECT count(*) FROM v_events")).scalar_one()
        run = conn.execute(text("SELECT status, feeds_polled, feeds_failed, articles_new FROM ingest_runs")).one()
        health = dict(conn.execute(text("SELECT url, consecutive_failures FROM feeds")).all())
    assert articles == 6 and events > 0, out[-4000:]
    assert (run.status, run.feeds_polled, run.feeds_failed, run.articles_new) == ("success", 3, 2, 6)
    assert health == {fetch_env.feed_url: 0, missing: 1, refused: 1}
    # The two broken instances failed, without retries; the run's line names them.
    assert out.count("FeedUnreadable") >= 2, out[-4000:]
    assert f"3 feeds polled, 2 failing ({missing}: HTTP 404" in out or \
        f"3 feeds polled, 2 failing ({refused}" in out, out[-4000:]
    assert "6 new articles" in out and "3 feeds to poll" in out
