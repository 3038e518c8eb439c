"""A throwaway local Airflow for the demo, the tests and ``make airflow``: the project's
``dags/`` folder, no example DAGs, and its metadata in a database of its own (``airflow_meta``)
on the embedded Postgres under ``PIPELINE_HOME`` (the pgserver the pipeline uses when
``PIPELINE_DATABASE_URL`` is unset). ``AIRFLOW__DATABASE__SQL_ALCHEMY_CONN`` in the
environment chooses another metadata database (``sqlite:///…`` included).

Why not SQLite: it takes one writer at a time and has no row locks, while `airflow standalone`
runs a scheduler, a DAG processor, a triggerer and an API server side by side, and the
scheduler relies on ``SELECT … FOR UPDATE`` to keep the others off the runs it is working on.
Under load (the tests' backfill) the API server's transaction waits on the file lock, gives up
and answers 503 ("database is locked"); the backfill runs it was creating vanish under the
scheduler, whose insert of their task instances fails (FOREIGN KEY), and its retry meets the
rolled-back DagRun: ``ObjectDeletedError``, and the scheduler exits.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import create_engine, make_url, text

from devtools import REPO_ROOT
from pipeline.config import Settings, get_settings

POOLS = {"feed_fetch": (8, "Concurrent feed polls across all news_ingest runs")}
METADATA_DB = "airflow_meta"
# Each Airflow component keeps its own connection pool (a sync and an async engine); the
# embedded server allows 100 connections, shared with the pipeline and the tests.
METADATA_POOL = {"AIRFLOW__DATABASE__SQL_ALCHEMY_POOL_SIZE": "3", "AIRFLOW__DATABASE__SQL_ALCHEMY_MAX_OVERFLOW": "7"}


def airflow_bin() -> str:
    return str(Path(sys.executable).parent / "airflow")


def embedded_metadata_url(database: str = METADATA_DB, settings: Settings | None = None) -> str:
    """``database`` on the embedded Postgres under the pipeline's home (started if needed),
    for Airflow's metadata; the database itself is created by :func:`ensure_metadata_db`."""
    from pipeline.store.db import embedded_url

    settings = settings or get_settings()
    return make_url(embedded_url(settings.home)).set(database=database).render_as_string(hide_password=False)


def metadata_env(url: str) -> dict[str, str]:
    """Airflow's settings for a metadata database URL: psycopg 3 for the sync engine and for
    the async one (Airflow would otherwise derive asyncpg, which is not installed)."""
    env = {"AIRFLOW__DATABASE__SQL_ALCHEMY_CONN": url}
    parsed = make_url(url)
    if parsed.get_backend_name() == "postgresql":
        env["AIRFLOW__DATABASE__SQL_ALCHEMY_CONN_ASYNC"] = parsed.set(
            drivername="postgresql+psycopg_async").render_as_string(hide_password=False)
        env.update(METADATA_POOL)
    return env


def airflow_env(settings: Settings | None = None, home: Path | None = None, *,
                metadata_url: str | None = None, **extra: str) -> dict[str, str]:
    """The environment of an Airflow command for this project. Metadata: ``metadata_url``, else
    ``AIRFLOW__DATABASE__SQL_ALCHEMY_CONN`` from the environment, else ``airflow_meta`` on the
    embedded Postgres."""
    settings = settings or get_settings()
    home = home or settings.home / "airflow"
    home.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ)
    chosen = env.get("AIRFLOW__DATABASE__SQL_ALCHEMY_CONN")
    metadata = metadata_env(metadata_url or chosen or embedded_metadata_url(settings=settings))
    if metadata["AIRFLOW__DATABASE__SQL_ALCHEMY_CONN"] == chosen and env.get("AIRFLOW__DATABASE__SQL_ALCHEMY_CONN_ASYNC"):
        metadata["AIRFLOW__DATABASE__SQL_ALCHEMY_CONN_ASYNC"] = env["AIRFLOW__DATABASE__SQL_ALCHEMY_CONN_ASYNC"]
    else:
        env.pop("AIRFLOW__DATABASE__SQL_ALCHEMY_CONN_ASYNC", None)
    env.update({
        "AIRFLOW_HOME": str(home),
        "AIRFLOW__CORE__DAGS_FOLDER": str(REPO_ROOT / "dags"),
        "AIRFLOW__CORE__LOAD_EXAMPLES": "False",
        **metadata,
        "AIRFLOW__CORE__DAGS_ARE_PAUSED_AT_CREATION": "False",
        "AIRFLOW__LOGGING__LOGGING_LEVEL": "WARNING",
        "PIPELINE_HOME": str(settings.home),
        "PYTHONPATH": os.pathsep.join(p for p in (str(REPO_ROOT), env.get("PYTHONPATH", "")) if p),
    })
    env.update(extra)
    return env


def _admin_engine(url: str):
    return create_engine(make_url(url).set(database="postgres"), isolation_level="AUTOCOMMIT")


def _database_exists(url: str) -> bool:
    admin = _admin_engine(url)
    try:
        with admin.connect() as conn:
            return conn.execute(text("SELECT 1 FROM pg_database WHERE datname = :n"),
                                {"n": make_url(url).database}).first() is not None
    finally:
        admin.dispose()


def _create_database(url: str, template: str | None = None) -> bool:
    """Create the Postgres database of ``url`` (a copy of ``template`` when given) unless it
    exists; True when it was created."""
    if _database_exists(url):
        return False
    admin = _admin_engine(url)
    try:
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{make_url(url).database}"'
                              + (f' TEMPLATE "{template}"' if template else "")))
        return True
    finally:
        admin.dispose()


def drop_database(url: str) -> None:
    """Drop the Postgres database of ``url`` (closing its connections) if it exists."""
    admin = _admin_engine(url)
    try:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{make_url(url).database}" WITH (FORCE)'))
    finally:
        admin.dispose()


def _is_postgres(env: dict[str, str]) -> bool:
    return make_url(env["AIRFLOW__DATABASE__SQL_ALCHEMY_CONN"]).get_backend_name() == "postgresql"


def _migrate(env: dict[str, str]) -> None:
    subprocess.run([airflow_bin(), "db", "migrate"], env=env, check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def _pools_current(env: dict[str, str]) -> bool:
    """Whether the metadata database already has POOLS with their slots (one query; the
    ``airflow pools set`` command costs an Airflow start-up, seconds on a busy machine)."""
    engine = create_engine(env["AIRFLOW__DATABASE__SQL_ALCHEMY_CONN"])
    try:
        with engine.connect() as conn:
            rows = dict(conn.execute(text("SELECT pool, slots FROM slot_pool")).all())
    except Exception:  # noqa: BLE001 - no table yet, or a database we cannot read: set them
        return False
    finally:
        engine.dispose()
    return all(rows.get(name) == slots for name, (slots, _) in POOLS.items())


def _set_pools(env: dict[str, str]) -> None:
    if _pools_current(env):
        return
    for name, (slots, description) in POOLS.items():
        subprocess.run([airflow_bin(), "pools", "set", name, str(slots), description], env=env, check=True,
                       stdout=subprocess.DEVNULL)


def ensure_metadata_db(env: dict[str, str], on_migrate: Callable[[], object] | None = None) -> bool:
    """Create and migrate Airflow's metadata database once (calling ``on_migrate`` first, to
    say so); later calls cost two queries and one file check. True when it migrated."""
    from importlib.metadata import version

    # The version from the package metadata: importing airflow here would configure it
    # (and write ~/airflow/airflow.cfg) for this process's AIRFLOW_HOME, not env's.
    url = env["AIRFLOW__DATABASE__SQL_ALCHEMY_CONN"]
    created = _is_postgres(env) and _create_database(url)
    marker = Path(env["AIRFLOW_HOME"]) / f".migrated-{version('apache-airflow')}-{make_url(url).database or 'db'}"
    migrate = created or not marker.exists()
    if migrate:
        if on_migrate is not None:
            on_migrate()
        _migrate(env)
        marker.touch()
    _set_pools(env)
    return migrate


def fresh_metadata_db(env: dict[str, str]) -> None:
    """Make env's metadata database empty and migrated (no runs, no history), pools included.

    A template (``airflow_meta_template_<Airflow version>``) is migrated once, under a
    temporary name renamed when complete, so a killed migration never leaves a half-made
    template; every call then drops the database and copies the template (CREATE DATABASE …
    TEMPLATE), a second instead of a migration. Postgres only.
    """
    from importlib.metadata import version

    if not _is_postgres(env):
        raise ValueError("a fresh metadata database needs Postgres metadata")
    url = make_url(env["AIRFLOW__DATABASE__SQL_ALCHEMY_CONN"])
    template = f"{METADATA_DB}_template_{version('apache-airflow').replace('.', '_')}"
    if not _database_exists(url.set(database=template).render_as_string(hide_password=False)):
        building = url.set(database=f"{template}_building_{os.getpid()}").render_as_string(hide_password=False)
        drop_database(building)
        _create_database(building)
        try:
            template_env = {**env, **metadata_env(building)}
            _migrate(template_env)
            _set_pools(template_env)
            admin = _admin_engine(building)
            with admin.connect() as conn:
                conn.execute(text(f'ALTER DATABASE "{make_url(building).database}" RENAME TO "{template}"'))
            admin.dispose()
        finally:
            drop_database(building)
    target = url.render_as_string(hide_password=False)
    drop_database(target)
    _create_database(target, template=template)
    shutil.rmtree(Path(env["AIRFLOW_HOME"]) / "logs", ignore_errors=True)


ADMIN_USER = "admin"
PASSWORDS_FILE = "simple_auth_manager_passwords.json.generated"
LOOPBACK = "127.0.0.1"


def free_port(host: str = LOOPBACK) -> int:
    """A port nothing listens on right now (the kernel's pick)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((host, 0))
        return sock.getsockname()[1]


def admin_password(home: Path) -> str:
    """The admin password of the simple auth manager in ``home``, created once and kept.

    Writing the passwords file before Airflow starts means the password is known without
    scraping logs; Airflow only generates passwords for users missing from this file.
    """
    path = home / PASSWORDS_FILE
    passwords = json.loads(path.read_text(encoding="utf-8") or "{}") if path.exists() else {}
    if not passwords.get(ADMIN_USER):
        passwords[ADMIN_USER] = secrets.token_urlsafe(12)
        home.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(passwords) + "\n", encoding="utf-8")
        path.chmod(0o600)
    return passwords[ADMIN_USER]


def standalone_env(home: Path, port: int, host: str = LOOPBACK, **extra: str) -> dict[str, str]:
    """Environment for `airflow standalone` on ``host:port`` with this project's DAGs.

    Always a login (simple auth manager, one admin user, never all-admins); every component
    talks to the API server on loopback; the log servers get free ports so two instances
    (``make airflow`` and the tests) can run side by side.
    """
    base_url = f"http://{host}:{port}"
    env = airflow_env(home=home, metadata_url=extra.pop("AIRFLOW__DATABASE__SQL_ALCHEMY_CONN", None))
    env.update({
        "PATH": os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")]),
        "AIRFLOW__CORE__EXECUTOR": "LocalExecutor",
        "AIRFLOW__CORE__AUTH_MANAGER":
            "airflow.api_fastapi.auth.managers.simple.simple_auth_manager.SimpleAuthManager",
        "AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_ALL_ADMINS": "False",
        "AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_USERS": f"{ADMIN_USER}:admin",
        "AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_PASSWORDS_FILE": str(home / PASSWORDS_FILE),
        "AIRFLOW__API__HOST": host,
        "AIRFLOW__API__PORT": str(port),
        "AIRFLOW__API__BASE_URL": base_url,
        "AIRFLOW__CORE__EXECUTION_API_SERVER_URL": f"{base_url}/execution/",
        "AIRFLOW__LOGGING__WORKER_LOG_SERVER_PORT": str(free_port()),
        "AIRFLOW__LOGGING__TRIGGER_LOG_SERVER_PORT": str(free_port()),
        # Task logs at INFO so the UI's log view shows what a task did.
        "AIRFLOW__LOGGING__LOGGING_LEVEL": "INFO",
        "AIRFLOW__CORE__LOAD_EXAMPLES": "False",
        # LocalExecutor forks one worker per slot; a laptop-sized instance needs few.
        "AIRFLOW__CORE__PARALLELISM": "8",
        # A task talks to the API server for every state change; on a loaded 2-core machine
        # an answer can take longer than the default 5 s, and a task whose calls time out
        # five times is killed. Waiting longer costs nothing when the machine is idle.
        "AIRFLOW__WORKERS__EXECUTION_API_TIMEOUT": "30",
    })
    env.update(extra)
    return env


@dataclass(frozen=True)
class StandaloneInfo:
    url: str
    username: str
    password: str
    home: Path
    log_path: Path
    process: subprocess.Popen


def _health(url: str) -> dict | None:
    import httpx

    try:
        resp = httpx.get(f"{url}/api/v2/monitor/health", timeout=5)
    except httpx.HTTPError:
        return None
    return resp.json() if resp.status_code == 200 else None


def _all_healthy(health: dict | None) -> bool:
    if not health:
        return False
    parts = ("metadatabase", "scheduler", "triggerer", "dag_processor")
    return all((health.get(p) or {}).get("status") == "healthy" for p in parts)


def _stop_group(proc: subprocess.Popen, timeout: float = 30) -> None:
    """SIGTERM the whole process group (standalone and every component it started), then SIGKILL."""
    try:
        pgid = os.getpgid(proc.pid)
    except ProcessLookupError:
        return
    for sig, wait in ((signal.SIGTERM, timeout), (signal.SIGKILL, 5)):
        try:
            os.killpg(pgid, sig)
        except ProcessLookupError:
            break
        deadline = time.monotonic() + wait
        while time.monotonic() < deadline:
            try:
                os.killpg(pgid, 0)  # anyone left in the group?
            except ProcessLookupError:
                break
            proc.poll()
            time.sleep(0.2)
        else:
            continue
        break
    proc.poll()


@contextmanager
def StandaloneAirflow(home: Path | None = None, port: int | None = None,  # noqa: N802 - reads as a class
                      *, env_extra: dict[str, str] | None = None, host: str = LOOPBACK,
                      startup_timeout: float = 240, log_path: Path | None = None,
                      fresh: bool = False) -> Iterator[StandaloneInfo]:
    """Run `airflow standalone` in the background on a loopback port until the block exits.

    Yields the base URL and the admin credentials once every component reports healthy.
    Standalone runs in its own process group, so the scheduler, DAG processor, API server,
    triggerer and their task processes all stop together at exit. ``fresh`` starts from an
    empty metadata database (a cached migrated snapshot), so earlier runs are forgotten.
    """
    home = Path(home or get_settings().home / "airflow")
    port = port or free_port(host)
    env = standalone_env(home, port, host, **(env_extra or {}))
    if fresh:
        fresh_metadata_db(env)
    else:
        ensure_metadata_db(env)
    password = admin_password(home)
    url = f"http://{host}:{port}"
    log_path = log_path or home / "standalone.log"
    log_path.parent.mkdir(parents=True, exist_ok=True)
    with open(log_path, "ab") as log:
        proc = subprocess.Popen([airflow_bin(), "standalone"], env=env, cwd=str(home), stdin=subprocess.DEVNULL,
                                stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    # If this process dies without running the finally below (SIGKILL, a killed test run),
    # the watchdog still stops the standalone's process group.
    watchdog = subprocess.Popen([sys.executable, "-c", _WATCHDOG, str(os.getpid()), str(proc.pid)],
                                stdin=subprocess.DEVNULL, start_new_session=True)
    try:
        deadline = time.monotonic() + startup_timeout
        health = None
        while not _all_healthy(health):
            if proc.poll() is not None:
                raise RuntimeError(f"airflow standalone exited with {proc.returncode}; see {log_path}")
            if time.monotonic() > deadline:
                raise TimeoutError(f"airflow standalone not healthy after {startup_timeout:.0f}s "
                                   f"(last health: {health}); see {log_path}")
            time.sleep(1)
            health = _health(url)
        yield StandaloneInfo(url=url, username=ADMIN_USER, password=password, home=home,
                             log_path=log_path, process=proc)
    finally:
        _stop_group(proc)
        watchdog.kill()
        watchdog.wait()


_WATCHDOG = """
import os, signal, sys, time
parent, group = int(sys.argv[1]), int(sys.argv[2])
while True:
    try:
        os.kill(parent, 0)
    except ProcessLookupError:
        break
    time.sleep(2)
for sig, wait in ((signal.SIGTERM, 30), (signal.SIGKILL, 0)):
    try:
        os.killpg(group, sig)
    except ProcessLookupError:
        break
    for _ in range(wait):
        time.sleep(1)
        try:
            os.killpg(group, 0)
        except ProcessLookupError:
            sys.exit(0)
"""


def run_standalone(port: int = 8080, host: str = LOOPBACK) -> int:
    """``make airflow``: the full Airflow UI on loopback with this project's DAGs, until Ctrl-C."""
    if host not in ("127.0.0.1", "localhost", "::1"):
        raise ValueError("the local Airflow only binds to loopback")
    home = get_settings().home / "airflow"
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        if sock.connect_ex((host, port)) == 0:
            print(f"port {port} on {host} is already in use; pass --port", file=sys.stderr)
            return 1
    print(f"starting airflow standalone on http://{host}:{port} (AIRFLOW_HOME={home}) …", flush=True)
    env_extra, site = {}, None
    if not os.environ.get("PIPELINE_FEEDS"):
        # The default feeds file points at the sample site; serve it so scheduled and manual
        # runs have real articles to load, as in `make demo`.
        from devtools.sample_site import SampleSite

        try:
            site = SampleSite(port=8765).start()
        except OSError:
            print("port 8765 is busy: the sample site is not served; set PIPELINE_FEEDS to your feeds",
                  file=sys.stderr)
        else:
            allow = ",".join(filter(None, [os.environ.get("PIPELINE_FETCH_ALLOW"), site.origin]))
            env_extra = {"PIPELINE_FETCH_ALLOW": allow}
    try:
        with StandaloneAirflow(home, port, env_extra=env_extra, host=host) as af:
            print(f"""
Airflow is ready: {af.url}
  user:     {af.username}
  password: {af.password}
  (kept in {af.home / PASSWORDS_FILE})
  DAGs:     {REPO_ROOT / 'dags'}
  logs:     {af.log_path}
  feeds:    {os.environ.get("PIPELINE_FEEDS") or (site.feed_url + " (the sample site)" if site else "seeds/feeds.yaml")}
Press Ctrl-C to stop.""", flush=True)
            while af.process.poll() is None:
                time.sleep(1)
            print(f"airflow standalone exited ({af.process.returncode}); see {af.log_path}", file=sys.stderr)
            return 1
    except KeyboardInterrupt:
        print("\nstopping airflow …", flush=True)
        return 0
    except (RuntimeError, TimeoutError) as exc:
        print(str(exc), file=sys.stderr)
        return 1
    finally:
        if site is not None:
            site.stop()

