"""After a CLI ingest, as the analyst sees it: every event dated, counts that agree with
v_events, and an analyst login that works."""

from __future__ import annotations

import subprocess
import sys

import pytest
from sqlalchemy import create_engine, make_url, text


def _cli(*args, check=True):
    proc = subprocess.run([sys.executable, "-m", "pipeline", *args], capture_output=True, text=True, timeout=300)
    if check:
        assert proc.returncode == 0, proc.stderr[-2000:]
    return proc


def test_after_a_cli_ingest_every_event_is_dated_and_the_counts_add_up(db, fetch_env):
    _cli("ingest", "--feed", fetch_env.feed_url)
    with db.connect() as conn:
        rows = conn.execute(text("SELECT event_type, reported_date, day FROM v_events")).all()
        counted = conn.execute(text("SELECT sum(events), min(refreshed_at) FROM v_daily_event_counts")).one()
        run_started = conn.execute(text("SELECT max(started_at) FROM ingest_runs")).scalar_one()
    assert rows and all(r.reported_date is not None and r.day is not None for r in rows)
    assert any(r.event_type == "statement" for r in rows)
    assert counted[0] == len(rows)
    assert counted[1] >= run_started  # recomputed by this run


@pytest.mark.usefixtures("db")
def test_the_cli_creates_an_analyst_login_that_reads_the_views(fetch_env):
    _cli("ingest", "--feed", fetch_env.feed_url)
    url = _cli("analyst-login", "test_reader").stdout.strip()
    assert url.startswith("postgresql://test_reader:")
    engine = create_engine(make_url(url).set(drivername="postgresql+psycopg"))
    try:
        with engine.connect() as conn:
            assert conn.execute(text("SELECT count(*) FROM v_events")).scalar() > 0
    finally:
        engine.dispose()
        _cli("analyst-login", "test_reader", "--drop")
    refused = _cli("analyst-login", "Robert'); DROP TABLE articles;--", check=False)
    assert refused.returncode == 2 and "login" in refused.stderr
