"""One real `airflow standalone` for the whole session, on a free loopback port.

Its metadata is a database of this session on the embedded Postgres (no SQLite: see
devtools.airflow_local). Its tasks write into a database of their own (created here on the
same Postgres server as the session's test database) so that the DAGs it keeps scheduling never touch the rows other
tests count. The news sources are SampleSites on loopback: an archive site with articles
written for these tests, published in one past hour, and an empty live feed.
"""

from __future__ import annotations

import time
import uuid
from contextlib import ExitStack
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest
import yaml
from sqlalchemy import create_engine
from standalone_wire import wire_articles

from devtools.airflow_local import StandaloneAirflow, StandaloneInfo, drop_database, embedded_metadata_url
from devtools.sample_site import SampleSite
from pipeline.config import get_settings
from pipeline.store.db import temporary_database
from pipeline.store.migrations import upgrade

STANDALONE_HOME = get_settings().home / "airflow-standalone-test"
TERMINAL = {"success", "failed"}
HERE = Path(__file__).resolve().parent
# Stops the standalone as soon as the last test of this folder is done, so that it does not
# keep a 2-core machine busy (and keep scheduling news_ingest) while the rest of the suite runs.
_stop_early: list[ExitStack] = []


def pytest_runtest_teardown(item):
    if not _stop_early:
        return
    rest = item.session.items[item.session.items.index(item) + 1:]
    if not any(HERE in Path(i.path).resolve().parents for i in rest):
        _stop_early.pop().close()


class AirflowAPI:
    """The REST API v2 with a bearer token from the simple auth manager."""

    def __init__(self, info: StandaloneInfo):
        self.info = info
        self.http = httpx.Client(base_url=info.url, timeout=60)
        resp = self.http.post("/auth/token", json={"username": info.username, "password": info.password})
        assert resp.status_code == 201, resp.text
        self.http.headers["Authorization"] = f"Bearer {resp.json()['access_token']}"

    def request(self, method: str, path: str, ok: tuple[int, ...] = (), **kwargs) -> dict:
        """One call; only a timeout (a busy 2-core machine) is retried, never an error answer.

        Every request made here is safe to repeat (unpausing is idempotent, triggers carry
        their own run id, a repeated backfill answers 409).
        """
        deadline = time.monotonic() + 180
        while True:
            try:
                resp = self.http.request(method, f"/api/v2{path}", **kwargs)
                break
            except httpx.TimeoutException:
                if time.monotonic() > deadline:
                    raise
            time.sleep(2)
        assert resp.is_success or resp.status_code in ok, f"{method} {path}: {resp.status_code} {resp.text}"
        return resp.json() if resp.content and resp.is_success else {}

    def get(self, path: str, **params) -> dict:
        return self.request("GET", path, params=params)

    def post(self, path: str, body: dict, ok: tuple[int, ...] = ()) -> dict:
        return self.request("POST", path, ok, json=body)

    def unpause(self, dag_id: str) -> None:
        assert self.request("PATCH", f"/dags/{dag_id}", json={"is_paused": False})["is_paused"] is False

    def runs(self, dag_id: str, **params) -> list[dict]:
        return self.get(f"/dags/{dag_id}/dagRuns", limit=100, order_by="run_after", **params)["dag_runs"]

    def trigger(self, dag_id: str, conf: dict) -> dict:
        run_id = f"api__{uuid.uuid4().hex[:12]}"
        # 409: a retried request whose first attempt got through.
        self.post(f"/dags/{dag_id}/dagRuns", {"dag_run_id": run_id, "logical_date": None, "conf": conf}, ok=(409,))
        return self.get(f"/dags/{dag_id}/dagRuns/{run_id}")

    def wait(self, what: str, check, timeout: float = 240, every: float = 2):
        """Poll ``check()`` until it returns something truthy."""
        deadline = time.monotonic() + timeout
        while True:
            result = check()
            if result:
                return result
            if time.monotonic() > deadline:
                pytest.fail(f"timed out after {timeout:.0f}s waiting for {what}; log: {self.info.log_path}")
            time.sleep(every)

    def wait_run(self, dag_id: str, run_id: str, timeout: float = 240) -> dict:
        def done():
            run = self.get(f"/dags/{dag_id}/dagRuns/{run_id}")
            return run if run["state"] in TERMINAL else None

        return self.wait(f"{dag_id} run {run_id}", done, timeout)

    def xcom(self, dag_id: str, run_id: str, task_id: str):
        return self.get(f"/dags/{dag_id}/dagRuns/{run_id}/taskInstances/{task_id}/xcomEntries/return_value")["value"]


@dataclass(frozen=True)
class Sources:
    archive: SampleSite
    live: SampleSite
    hour: datetime  # the past hour the archive's articles were published in
    feeds_file: Path


@pytest.fixture(scope="session")
def airflow_database_url(database_url_for_tests):  # noqa: ARG001 - the session database's server, up
    """A database for the standalone's tasks, on the session's Postgres server; dropped afterwards."""
    with temporary_database("pipeline_airflow") as url:
        yield url


@pytest.fixture(scope="session")
def airflow_engine(airflow_database_url):
    eng = create_engine(airflow_database_url)
    upgrade(eng)
    yield eng
    eng.dispose()


@pytest.fixture(scope="session")
def sources(tmp_path_factory):
    # Two hours back: the hour is over (a backfill only creates runs for past intervals) and
    # it cannot overlap the latest interval, which the unpaused DAG schedules by itself.
    hour = datetime.now(UTC).replace(minute=0, second=0, microsecond=0) - timedelta(hours=2)
    with SampleSite(articles=wire_articles(hour)) as archive, SampleSite(articles=[]) as live:
        feeds_file = tmp_path_factory.mktemp("feeds") / "feeds.yaml"
        feeds_file.write_text(yaml.safe_dump({"feeds": [{
            "url": live.feed_url, "name": "Test Wire (live)", "archive": archive.archive_template()}]}))
        yield Sources(archive, live, hour, feeds_file)


@pytest.fixture(scope="session")
def airflow_metadata_url():
    """Airflow's own metadata: a database of this session on the embedded Postgres (a copy of
    a migrated template); dropped afterwards."""
    url = embedded_metadata_url(f"airflow_meta_test_{uuid.uuid4().hex[:10]}")
    yield url
    drop_database(url)


@pytest.fixture(scope="session")
def standalone(sources, airflow_database_url, airflow_engine, airflow_metadata_url):  # noqa: ARG001 - its schema, migrated
    env = {
        "AIRFLOW__DATABASE__SQL_ALCHEMY_CONN": airflow_metadata_url,
        "PIPELINE_DATABASE_URL": airflow_database_url,
        "PIPELINE_FEEDS": str(sources.feeds_file),
        "PIPELINE_FETCH_ALLOW": f"{sources.archive.origin},{sources.live.origin}",
        "PIPELINE_PER_HOST_DELAY": "0",
    }
    with ExitStack() as stack:
        info = stack.enter_context(StandaloneAirflow(STANDALONE_HOME, env_extra=env, fresh=True))
        _stop_early.append(stack)
        yield info


@pytest.fixture(scope="session")
def api(standalone):
    client = AirflowAPI(standalone)
    dag_ids = {"news_ingest", "news_reprocess", "refresh_analytics"}
    client.wait("the DAG processor to parse the project's DAGs",
                lambda: dag_ids <= {d["dag_id"] for d in client.get("/dags")["dags"]}, timeout=120)
    for dag_id in sorted(dag_ids):
        client.unpause(dag_id)
    yield client
    client.http.close()
