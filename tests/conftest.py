"""Shared fixtures: a real Postgres database per test session (on the embedded pgserver, or
on the server of PIPELINE_DATABASE_URL when set) and the sample site on loopback."""

from __future__ import annotations

import os

import pytest
from sqlalchemy import create_engine, text

from pipeline.config import get_settings
from pipeline.store.db import temporary_database
from pipeline.store.migrations import upgrade

DATA_TABLES = ("article_codings", "coder_versions", "dead_letters", "event_mentions", "events", "actors",
               "actor_aliases", "parties", "daily_event_counts", "daily_party_counts", "articles", "ingest_runs", "feeds")


@pytest.fixture(scope="session")
def database_url_for_tests():
    """A fresh, empty database for this session; dropped afterwards."""
    previous = os.environ.get("PIPELINE_DATABASE_URL")
    with temporary_database("pipeline_test") as url:
        os.environ["PIPELINE_DATABASE_URL"] = url  # subprocesses (airflow dags test) inherit it
        get_settings.cache_clear()
        yield url
        if previous is None:
            os.environ.pop("PIPELINE_DATABASE_URL", None)
        else:
            os.environ["PIPELINE_DATABASE_URL"] = previous
        get_settings.cache_clear()


@pytest.fixture(scope="session")
def engine(database_url_for_tests):
    eng = create_engine(database_url_for_tests)
    upgrade(eng)
    yield eng
    eng.dispose()


@pytest.fixture
def db(engine):
    """The session database, emptied before the test."""
    with engine.begin() as conn:
        conn.execute(text(f"TRUNCATE {', '.join(DATA_TABLES)} RESTART IDENTITY CASCADE"))
        conn.execute(text("UPDATE pipeline_settings SET active_coder_version = NULL"))
    return engine


@pytest.fixture
def sample_site():
    from devtools.sample_site import SampleSite

    with SampleSite() as site:
        yield site


@pytest.fixture
def fetch_env(monkeypatch, sample_site):
    """Settings for fetching from the sample site: its origin allowed, no politeness delay."""
    monkeypatch.setenv("PIPELINE_FETCH_ALLOW", sample_site.origin)
    monkeypatch.setenv("PIPELINE_PER_HOST_DELAY", "0")
    get_settings.cache_clear()
    yield sample_site
    get_settings.cache_clear()
