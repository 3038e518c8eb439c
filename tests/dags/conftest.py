"""Airflow for the DAG tests: a throwaway AIRFLOW_HOME with this repo's dags/ and its metadata
in the `airflow_meta_dags_test` database of the embedded Postgres, set before anything imports
airflow."""

from __future__ import annotations

import os

import pytest
from sqlalchemy import create_engine

from devtools.airflow_local import airflow_env, embedded_metadata_url, ensure_metadata_db
from pipeline.config import get_settings

AIRFLOW_TEST_HOME = get_settings().home / "airflow-test"
_ENV = airflow_env(home=AIRFLOW_TEST_HOME, metadata_url=embedded_metadata_url("airflow_meta_dags_test"))
for key, value in _ENV.items():
    if key.startswith("AIRFLOW"):
        os.environ[key] = value


@pytest.fixture(scope="session")
def airflow_home():
    ensure_metadata_db(_ENV)
    return AIRFLOW_TEST_HOME


@pytest.fixture(scope="session")
def airflow_metadata(airflow_home):  # noqa: ARG001 - the database, migrated
    """Airflow's own metadata database (dag_run, task_instance, …), to check what a run did."""
    eng = create_engine(_ENV["AIRFLOW__DATABASE__SQL_ALCHEMY_CONN"])
    yield eng
    eng.dispose()


@pytest.fixture
def airflow_run_env(airflow_home, database_url_for_tests, fetch_env):
    """Environment for `airflow dags test`: the test database and the sample site's feed."""
    return airflow_env(home=airflow_home, metadata_url=_ENV["AIRFLOW__DATABASE__SQL_ALCHEMY_CONN"],
                       PIPELINE_DATABASE_URL=database_url_for_tests,
                       PIPELINE_FEEDS=fetch_env.feed_url, PIPELINE_FETCH_ALLOW=fetch_env.origin,
                       PIPELINE_PER_HOST_DELAY="0")
