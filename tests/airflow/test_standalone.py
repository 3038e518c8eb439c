"""The project's DAGs in a real `airflow standalone`, driven through the REST API v2 only:
a backfill of news_ingest from a dated archive, the asset-triggered analytics refresh, and
re-coding through news_reprocess."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from sqlalchemy import text

pytestmark = pytest.mark.airflow

QUARTER = timedelta(minutes=15)


def _ts(value: str) -> datetime:
    return datetime.fromisoformat(value.replace("Z", "+00:00"))


@pytest.fixture(scope="module")
def backfill(api, sources):
    """Backfill news_ingest over the sources' past hour; wait for its four runs to finish."""
    hour = sources.hour
    api.post("/backfills", {
        "dag_id": "news_ingest",
        "from_date": hour.isoformat(),
        # Runs whose logical date (= data interval start) lies in [from, to]: the four quarters.
        "to_date": (hour + 3 * QUARTER).isoformat(),
        "max_active_runs": 2,
    }, ok=(409,))  # 409: a retried request whose first attempt created it
    backfills = api.get("/backfills", dag_id="news_ingest")["backfills"]
    assert len(backfills) == 1, backfills
    created = backfills[0]
    assert (_ts(created["from_date"]), _ts(created["to_date"])) == (hour, hour + 3 * QUARTER)

    def finished():
        runs = api.runs("news_ingest", run_type="backfill")
        return runs if len(runs) == 4 and all(r["state"] in ("success", "failed") for r in runs) else None

    runs = api.wait("the backfill's four news_ingest runs", finished, timeout=300)
    return {"backfill": created, "runs": sorted(runs, key=lambda r: r["data_interval_start"])}


def test_backfill_runs_one_successful_run_per_quarter_hour(backfill, sources):
    runs = backfill["runs"]
    assert [r["state"] for r in runs] == ["success"] * 4, runs
    intervals = [(_ts(r["data_interval_start"]), _ts(r["data_interval_end"])) for r in runs]
    assert intervals == [(sources.hour + k * QUARTER, sources.hour + (k + 1) * QUARTER) for k in range(4)]
    assert all(r["run_type"] == "backfill" for r in runs)


def test_each_backfill_run_loads_its_own_intervals_articles_from_the_archive(backfill, sources, airflow_engine):
    with airflow_engine.connect() as conn:
        ingest_runs = conn.execute(text(
            """SELECT r.run_id, r.dag_id, r.interval_start, r.interval_end, r.status, r.feeds_polled,
                      r.articles_new, r.mentions, r.events,
                      array_remove(array_agg(a.url ORDER BY a.published_at), NULL) AS urls
               FROM ingest_runs r LEFT JOIN articles a ON a.ingest_run_id = r.id
               WHERE r.run_id = ANY(:ids) GROUP BY r.id ORDER BY r.interval_start"""),
            {"ids": [r["dag_run_id"] for r in backfill["runs"]]}).all()
        stored = conn.execute(text("SELECT url FROM articles")).scalars().all()
    in_hour = [a for a in sources.archive.articles if sources.hour <= a.published < sources.hour + 4 * QUARTER]
    url = f"{sources.archive.origin}/articles/{{}}.html".format
    assert sorted(stored) == sorted(url(a.slug) for a in in_hour)  # the article before the hour stays out

    assert [r.run_id for r in ingest_runs] == [r["dag_run_id"] for r in backfill["runs"]]
    for k, row in enumerate(ingest_runs):
        start, end = sources.hour + k * QUARTER, sources.hour + (k + 1) * QUARTER
        expected = [url(a.slug) for a in sorted(in_hour, key=lambda a: a.published) if start <= a.published < end]
        assert (row.dag_id, row.status, row.feeds_polled) == ("news_ingest", "success", 1)
        assert (row.interval_start, row.interval_end) == (start, end)
        assert row.urls == expected
        assert row.articles_new == len(expected)
        assert row.mentions >= row.events > 0
    assert [r.articles_new for r in ingest_runs] == [2, 1, 1, 1]


@pytest.mark.usefixtures("backfill")
def test_the_live_interval_reads_the_live_feed_not_the_archive(api, airflow_engine):
    """The unpaused DAG also schedules its latest interval; that run polls the (empty) live feed."""
    live = api.wait("the scheduled live news_ingest run",
                    lambda: [r for r in api.runs("news_ingest", run_type="scheduled") if r["state"] in ("success", "failed")])
    assert all(r["state"] == "success" for r in live), live
    with airflow_engine.connect() as conn:
        rows = conn.execute(text("SELECT articles_new, status FROM ingest_runs WHERE run_id = ANY(:ids)"),
                            {"ids": [r["dag_run_id"] for r in live]}).all()
    assert rows and all(r.articles_new == 0 and r.status == "success" for r in rows)


@pytest.mark.usefixtures("backfill")
def test_news_events_asset_triggers_refresh_analytics(api, airflow_engine):
    def view_matches_events():
        with airflow_engine.connect() as conn:
            view = conn.execute(text(
                "SELECT coder_version, day, event_type, events, mentions, articles FROM daily_event_counts "
                "ORDER BY 1, 2, 3")).all()
            fresh = conn.execute(text(
                """SELECT coder_version, coalesce(event_date, reported_date), event_type, count(*),
                          sum(num_mentions), sum(num_articles)
                   FROM events GROUP BY 1, 2, 3 ORDER BY 1, 2, 3""")).all()
        return view if view and view == fresh else None

    view = api.wait("daily_event_counts to reflect the loaded events", view_matches_events, timeout=180)
    with airflow_engine.connect() as conn:
        events = conn.execute(text("SELECT count(*) FROM events")).scalar_one()
    assert sum(r.events for r in view) == events > 0
    refreshes = api.runs("refresh_analytics")
    assert any(r["run_type"] == "asset_triggered" and r["state"] == "success" for r in refreshes), refreshes


def _mentions(engine) -> dict[str, int]:
    with engine.connect() as conn:
        return dict(conn.execute(text("SELECT coder_version, count(*) FROM event_mentions GROUP BY 1")).all())


@pytest.mark.usefixtures("backfill")
def test_news_reprocess_recodes_stored_articles_by_day_and_version(api, sources, airflow_engine):
    from pipeline.extract import CODER_VERSION

    day = sources.hour.date().isoformat()
    before = _mentions(airflow_engine)
    assert before.get(CODER_VERSION, 0) > 0, before

    same = api.trigger("news_reprocess", {"since": day, "until": day})
    assert api.wait_run("news_reprocess", same["dag_run_id"])["state"] == "success"
    assert _mentions(airflow_engine) == before  # same coder version: nothing added, nothing lost
    summary = api.xcom("news_reprocess", same["dag_run_id"], "recluster")
    assert summary["articles"] == 5 and summary["mentions_added"] == 0

    label = "airflow-test-v2"
    new = api.trigger("news_reprocess", {"since": day, "until": day, "coder_version": label})
    assert api.wait_run("news_reprocess", new["dag_run_id"])["state"] == "success"
    after = _mentions(airflow_engine)
    assert after == {**before, label: before[CODER_VERSION]}  # one more version's worth, old rows kept
    summary = api.xcom("news_reprocess", new["dag_run_id"], "recluster")
    assert summary["mentions_added"] == before[CODER_VERSION] and summary["events"] > 0
