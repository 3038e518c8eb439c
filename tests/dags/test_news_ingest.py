"""news_ingest through real Airflow: the DAG file loads, and `airflow dags test` moves the
sample site's feed into Postgres."""

from __future__ import annotations

import subprocess

import pytest
from sqlalchemy import text

from devtools.airflow_local import airflow_bin
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
