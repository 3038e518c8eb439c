"""Runs a dead process left behind, and a database that goes away: SIGKILL mid-ingest then a
rerun ends with exactly the rows of an uninterrupted run, the dead run is closed as
'abandoned', and a lost database is one line on stderr and exit code 3."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest
from sqlalchemy import create_engine, make_url, text

from devtools.sample_site import SampleSite
from pipeline.config import get_settings
from pipeline.ingest import start_run
from pipeline.store.runs import release_run

SNAPSHOT = {
    "articles": "SELECT url FROM articles ORDER BY url",
    "mentions": """SELECT a.url, m.event_key, m.mention_key FROM event_mentions m JOIN articles a ON a.id = m.article_id
                   ORDER BY 1, 2, 3""",
    "events": "SELECT event_key, num_mentions, num_articles FROM events ORDER BY event_key",
    "codings": "SELECT a.url FROM article_codings c JOIN articles a ON a.id = c.article_id ORDER BY 1",
}


def _snapshot(engine) -> dict[str, list[tuple]]:
    with engine.connect() as conn:
        return {name: [tuple(r) for r in conn.execute(text(sql))] for name, sql in SNAPSHOT.items()}


def _truncate(engine) -> None:
    with engine.begin() as conn:
        conn.execute(text("TRUNCATE articles, feeds, ingest_runs, dead_letters, event_mentions, events, actors, "
                          "actor_aliases, article_codings, coder_versions, daily_event_counts, daily_party_counts "
                          "RESTART IDENTITY CASCADE"))


def _cli(*args: str, **kwargs) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "pipeline", *args], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, **kwargs)


@pytest.fixture
def slow_site(monkeypatch):
    """The sample site, each response 0.4 s late, pages fetched one at a time: an ingest runs
    long enough to be killed in the middle."""
    with SampleSite(latency_s=0.4) as site:
        for key, value in {"PIPELINE_FETCH_ALLOW": site.origin, "PIPELINE_PER_HOST_DELAY": "0",
                           "PIPELINE_PER_HOST_CONCURRENCY": "1", "PIPELINE_MAX_CONCURRENCY": "1"}.items():
            monkeypatch.setenv(key, value)
        get_settings.cache_clear()
        yield site
    get_settings.cache_clear()


def test_sigkill_mid_ingest_then_a_rerun_ends_with_the_rows_of_an_uninterrupted_run(db, slow_site):
    clean = _cli("ingest", "--feed", slow_site.feed_url)
    assert clean.wait(timeout=280) == 0, clean.stderr.read()[-2000:]
    expected = _snapshot(db)
    assert expected["articles"] and expected["mentions"]
    _truncate(db)

    victim = _cli("ingest", "--feed", slow_site.feed_url)
    deadline = time.monotonic() + 200
    with db.connect() as conn:
        while conn.execute(text("SELECT count(*) FROM articles")).scalar() < 2:
            assert victim.poll() is None and time.monotonic() < deadline, "ingest ended before it could be killed"
            time.sleep(0.1)
            conn.rollback()
    victim.send_signal(signal.SIGKILL)
    victim.wait(timeout=30)
    with db.connect() as conn:
        assert conn.execute(text("SELECT status FROM ingest_runs")).scalar() == "running"
        assert conn.execute(text("SELECT count(*) FROM articles")).scalar() < len(expected["articles"])

    rerun = _cli("ingest", "--feed", slow_site.feed_url)
    assert rerun.wait(timeout=280) == 0, rerun.stderr.read()[-2000:]
    assert _snapshot(db) == expected
    with db.connect() as conn:
        statuses = conn.execute(text("SELECT id, status FROM ingest_runs ORDER BY id")).all()
    assert [s for _, s in statuses] == ["abandoned", "success"]  # closed at once: its lock was free


def test_a_live_run_is_not_abandoned_but_one_without_heartbeat_is(db, monkeypatch):
    monkeypatch.setenv("PIPELINE_RUN_STALE_MINUTES", "5")
    get_settings.cache_clear()
    try:
        with db.connect() as keeper:
            alive = start_run(db, dag_id="cli", run_id="alive", keeper=keeper)
            silent = start_run(db, dag_id="news_ingest", run_id="silent")
            recent = start_run(db, dag_id="news_ingest", run_id="recent")
            with db.begin() as conn:
                conn.execute(text("UPDATE ingest_runs SET heartbeat_at = now() - interval '6 minutes' WHERE id = :id"),
                             {"id": silent})
            start_run(db, dag_id="cli", run_id="next")
            with db.connect() as conn:
                status = dict(conn.execute(text("SELECT id, status FROM ingest_runs")).all())
            release_run(keeper, alive)
            keeper.commit()
    finally:
        get_settings.cache_clear()
    assert (status[alive], status[silent], status[recent]) == ("running", "abandoned", "running")


def test_an_unreachable_database_is_one_line_and_exit_code_3():
    env = {**os.environ, "PIPELINE_DATABASE_URL": "postgresql+psycopg://nobody:x@127.0.0.1:9/none"}
    proc = subprocess.run([sys.executable, "-m", "pipeline", "ingest", "--feed", "http://127.0.0.1:9/feed.xml"],
                          capture_output=True, text=True, timeout=120, env=env)
    assert proc.returncode == 3
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: the database is unavailable"), proc.stderr
    assert "Traceback" not in proc.stderr


def test_a_database_lost_mid_run_is_one_error_line_and_the_next_run_recovers(db, slow_site):
    name = make_url(db.url).database
    admin = create_engine(make_url(db.url).set(database="postgres"), isolation_level="AUTOCOMMIT")
    run = _cli("ingest", "--feed", slow_site.feed_url)
    try:
        deadline = time.monotonic() + 200
        with db.connect() as conn:
            while conn.execute(text("SELECT count(*) FROM articles")).scalar() < 1:
                assert run.poll() is None and time.monotonic() < deadline
                time.sleep(0.1)
                conn.rollback()
        db.dispose()
        with admin.connect() as conn:  # the database goes away: no new connections, old ones cut
            conn.execute(text(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS false'))
            conn.execute(text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = :d"), {"d": name})
        assert run.wait(timeout=120) == 3
        errors = [line for line in run.stderr.read().splitlines() if "Traceback" in line or line.startswith("error:")]
        assert len(errors) == 1 and errors[0].startswith("error: the database is unavailable"), errors
    finally:
        if run.poll() is None:
            run.kill()
        with admin.connect() as conn:
            conn.execute(text(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS true'))
        admin.dispose()
    rerun = _cli("ingest", "--feed", slow_site.feed_url)
    assert rerun.wait(timeout=280) == 0, rerun.stderr.read()[-2000:]
    with db.connect() as conn:
        statuses = [s for (s,) in conn.execute(text("SELECT status FROM ingest_runs ORDER BY id"))]
        stored = conn.execute(text("SELECT count(*) FROM articles")).scalar()
    assert statuses == ["abandoned", "success"]
    assert stored == len(slow_site.articles)
