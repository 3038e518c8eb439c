"""news_reprocess through real Airflow (`airflow dags test`): thirty years of history re-code in
a bounded number of mapped chunks, each named by its days; a dry run announces nothing."""

from __future__ import annotations

import json
import subprocess

import pytest
from sqlalchemy import text

from devtools.airflow_local import airflow_bin
from pipeline.ingest import ingest
from pipeline.reprocess import MAX_CHUNKS
from pipeline.sources import FeedSource

pytestmark = pytest.mark.airflow

THIRTY_YEARS = {"since": "2000-01-01", "until": "2030-01-01"}
OLD_DAYS = 150  # more days with articles than MAX_CHUNKS: the days are grouped


def _dags_test(env: dict[str, str], conf: dict) -> None:
    proc = subprocess.run([airflow_bin(), "dags", "test", "news_reprocess", "--conf", json.dumps(conf)],
                          env=env, capture_output=True, text=True, timeout=900)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]


def _latest_run(meta, dag_id: str) -> dict:
    """The newest run's state, its task instances (task, label, state) and the asset events its
    tasks emitted, from Airflow's metadata database."""
    with meta.connect() as conn:
        run = conn.execute(text("SELECT run_id, state FROM dag_run WHERE dag_id = :d ORDER BY id DESC LIMIT 1"),
                           {"d": dag_id}).one()
        tis = conn.execute(text("""SELECT task_id, map_index, rendered_map_index, state FROM task_instance
                                   WHERE dag_id = :d AND run_id = :r ORDER BY task_id, map_index"""),
                           {"d": dag_id, "r": run.run_id}).all()
        events = conn.execute(text("""SELECT count(*) FROM asset_event e JOIN asset a ON a.id = e.asset_id
                                      WHERE a.name = 'news_events' AND e.source_dag_id = :d
                                        AND e.source_run_id = :r"""), {"d": dag_id, "r": run.run_id}).scalar_one()
        summary = conn.execute(text("""SELECT value FROM xcom WHERE dag_id = :d AND run_id = :r
                                         AND task_id = 'recluster' AND key = 'return_value'"""),
                               {"d": dag_id, "r": run.run_id}).scalar()
    summary = json.loads(summary) if isinstance(summary, str | bytes) else summary
    return {"state": run.state, "tis": tis, "events": events, "summary": summary}


@pytest.fixture
def sample(db, fetch_env) -> int:
    """The sample feed's articles, stored."""
    return ingest([FeedSource(url=fetch_env.feed_url)], engine=db)["articles_new"]


@pytest.fixture
def history(db, sample) -> int:  # noqa: ARG001 - stored first
    """The sample feed's articles plus one short article on each of OLD_DAYS days spread
    over 2000-2029."""
    with db.begin() as conn:
        conn.execute(text("""
            INSERT INTO articles (url, canonical_url, source, title, published_at, text, content_hash)
            SELECT 'http://archive.test/' || n, 'http://archive.test/' || n, 'archive.test', 'Archive ' || n,
                   timestamptz '2000-01-01 12:00+00' + n * interval '73 days',
                   'An archived notice with no event in it, number ' || n || '.', md5(n::text)
            FROM generate_series(0, :last) AS n"""), {"last": OLD_DAYS - 1})
        return conn.execute(text("SELECT count(*) FROM articles")).scalar_one()


def test_thirty_years_recode_in_at_most_max_chunks_named_by_their_days(db, history, airflow_run_env, airflow_metadata):
    meta = airflow_metadata
    _dags_test(airflow_run_env, {**THIRTY_YEARS, "coder_version": "dags-test-v2"})
    run = _latest_run(meta, "news_reprocess")
    assert run["state"] == "success"
    chunks = [ti for ti in run["tis"] if ti.task_id == "reprocess_chunk"]
    assert 1 < len(chunks) <= MAX_CHUNKS
    assert all(ti.state == "success" for ti in run["tis"])
    # Labels are day ranges, in order, not 0, 1, 2.
    labels = [ti.rendered_map_index for ti in chunks]
    assert all(label and "2000-01-01" <= label[:10] <= "2030-01-01" for label in labels), labels
    assert labels == sorted(labels) and labels[0].startswith("2000-01-01")
    assert run["events"] == 1  # a real run announces news_events
    with db.connect() as conn:
        coded = conn.execute(text("SELECT count(*) FROM article_codings WHERE coder_version = 'dags-test-v2'")).scalar()
        mentions = conn.execute(text("SELECT count(*) FROM event_mentions WHERE coder_version = 'dags-test-v2'")).scalar()
    assert coded == history and mentions > 0
    assert run["summary"]["articles"] == history and run["summary"]["chunks"] == len(chunks)


def test_a_dry_run_counts_without_announcing_news_events(db, sample, airflow_run_env, airflow_metadata):
    meta = airflow_metadata
    _dags_test(airflow_run_env, {**THIRTY_YEARS, "coder_version": "dags-test-dry", "dry_run": True})
    run = _latest_run(meta, "news_reprocess")
    assert run["state"] == "success"
    assert {ti.task_id: ti.state for ti in run["tis"] if ti.task_id != "reprocess_chunk"} == {
        "plan": "success", "chunks": "success", "recluster": "success", "announce": "skipped"}
    assert run["events"] == 0
    assert run["summary"]["dry_run"] is True and run["summary"]["articles"] == sample
    with db.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM event_mentions WHERE coder_version = 'dags-test-dry'")).scalar() == 0
