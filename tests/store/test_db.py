"""Which database the pipeline reaches: PIPELINE_DATABASE_URL, else Airflow's events_db
connection, else the embedded server."""

import json

from sqlalchemy import make_url, text

from pipeline.config import load_settings
from pipeline.store.db import airflow_connection_url, get_engine


def test_the_airflow_events_db_connection_is_used_when_no_url_is_set(monkeypatch, database_url_for_tests):
    url = make_url(database_url_for_tests)
    # Airflow's URI form of the same database (socket directory in the query string).
    monkeypatch.setenv("AIRFLOW_CONN_EVENTS_DB", url.set(drivername="postgres").render_as_string(hide_password=False))
    engine = get_engine(load_settings({}))
    assert engine.url.drivername == "postgresql+psycopg" and engine.url.database == url.database
    with engine.connect() as conn:
        assert conn.execute(text("SELECT current_database()")).scalar() == url.database


def test_the_json_form_of_an_airflow_connection_is_understood(monkeypatch):
    monkeypatch.setenv("AIRFLOW_CONN_EVENTS_DB", json.dumps({
        "conn_type": "postgres", "host": "db.internal", "port": 5432, "login": "events", "password": "s3cret",
        "schema": "events", "extra": {"sslmode": "require"}}))
    url = make_url(airflow_connection_url())
    assert (url.drivername, url.host, url.port, url.username, url.password, url.database) == (
        "postgresql+psycopg", "db.internal", 5432, "events", "s3cret", "events")
    assert url.query["sslmode"] == "require"


def test_pipeline_database_url_wins_over_the_airflow_connection(monkeypatch, database_url_for_tests):
    monkeypatch.setenv("AIRFLOW_CONN_EVENTS_DB", "postgres://nobody@127.0.0.1:1/nothing")
    engine = get_engine(load_settings({"PIPELINE_DATABASE_URL": database_url_for_tests}))
    assert engine.url.database == make_url(database_url_for_tests).database


def test_the_url_analyst_login_prints_works_as_pipeline_database_url(database_url_for_tests):
    """analyst-login prints a psql-style postgresql:// URL; an analyst pasting it into
    PIPELINE_DATABASE_URL for `export` or `report` met 'No module named psycopg2'."""
    url = make_url(database_url_for_tests)
    for drivername in ("postgresql", "postgres"):
        plain = url.set(drivername=drivername).render_as_string(hide_password=False)
        engine = get_engine(load_settings({"PIPELINE_DATABASE_URL": plain}))
        assert engine.url.drivername == "postgresql+psycopg"
        with engine.connect() as conn:
            assert conn.execute(text("SELECT current_database()")).scalar() == url.database


def test_the_embedded_server_keeps_its_start_up_lines_out_of_the_logs(tmp_path):
    """Every Airflow task reaches the embedded server anew: pgserver's INFO lines about finding
    it running must not land in each task log."""
    import os
    import subprocess
    import sys

    from pipeline.config import get_settings

    env = {k: v for k, v in os.environ.items() if k != "PIPELINE_DATABASE_URL"}
    env["PIPELINE_HOME"] = str(get_settings().home)  # the server the session already runs
    code = ("import logging; logging.basicConfig(level=logging.INFO)\n"
            "from sqlalchemy import text\nfrom pipeline.store.db import get_engine\n"
            "with get_engine().connect() as c: print(c.execute(text('SELECT 1')).scalar())")
    proc = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120,
                          cwd=tmp_path)
    assert proc.returncode == 0 and proc.stdout.strip() == "1", proc.stderr[-2000:]
    assert "pgserver" not in proc.stderr, proc.stderr


def test_statements_sent_in_one_round_trip_run_in_order_and_return_the_last_ones_rows(db):
    from sqlalchemy import text

    from pipeline.store.db import execute_in_one_round_trip

    with db.begin() as conn:
        rows = execute_in_one_round_trip(conn, [
            (text("CREATE TEMP TABLE rt (n int) ON COMMIT DROP"), None),
            (text("INSERT INTO rt SELECT generate_series(1, :n)"), {"n": 3}),
            (text("UPDATE rt SET n = n * 10 WHERE n::text LIKE '%'"), None),  # a literal % survives
            (text("SELECT n FROM rt WHERE n > :m ORDER BY n"), {"m": 10})])
    assert rows == [(20,), (30,)]


def test_an_error_in_a_round_trip_stops_the_rest_and_is_raised(db):
    import psycopg
    import pytest
    from sqlalchemy import text

    from pipeline.store.db import execute_in_one_round_trip

    with pytest.raises(psycopg.errors.DivisionByZero), db.begin() as conn:
        execute_in_one_round_trip(conn, [
            (text("CREATE TABLE round_trip_probe (n int)"), None),
            (text("SELECT 1 / 0"), None),
            (text("INSERT INTO round_trip_probe VALUES (1)"), None)])
    with db.connect() as conn:  # the transaction was rolled back whole
        assert conn.execute(text("SELECT to_regclass('round_trip_probe')")).scalar() is None
