"""Structure checks for the Docker deployment (docker-compose.yml, Dockerfile, .env.example, docker/).

Nothing here needs a Docker engine. When the docker client with the compose plugin is installed,
`docker compose config` (which only parses and interpolates, no engine involved) validates the file
against the Compose spec as well; otherwise those checks are skipped.
"""

from __future__ import annotations

import os
import re
import shutil
import stat
import subprocess
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
COMPOSE_FILE = ROOT / "docker-compose.yml"
DOCKERFILE = ROOT / "Dockerfile"
ENV_EXAMPLE = ROOT / ".env.example"
DOCKER_DIR = ROOT / "docker"
PG_INIT_DIR = DOCKER_DIR / "postgres-init"

CORE_SERVICES = {
    "postgres",
    "pipeline-db-upgrade",
    "airflow-init",
    "airflow-apiserver",
    "airflow-scheduler",
    "airflow-dag-processor",
    "airflow-triggerer",
}
CELERY_SERVICES = {"redis", "airflow-worker"}
# Services that run once and exit; everything else must be long-running with a healthcheck.
ONE_SHOT = {"pipeline-db-upgrade", "airflow-init"}
# Services built from the project's image with the shared Airflow environment.
AIRFLOW_SERVICES = {
    "airflow-init",
    "airflow-apiserver",
    "airflow-scheduler",
    "airflow-dag-processor",
    "airflow-triggerer",
    "airflow-worker",
    "flower",
}
# Services that execute task code, so they need the events database and the pipeline settings.
TASK_RUNNERS = {"airflow-scheduler", "airflow-triggerer", "airflow-worker"}
# Per-service environment keys allowed to differ from x-airflow-common-env.
ENV_OVERRIDES = {
    "airflow-worker": {"AIRFLOW__CORE__EXECUTOR"},
    "flower": {"AIRFLOW__CORE__EXECUTOR"},
}

SECRET_NAME = re.compile(r"PASSWORD|SECRET|FERNET|(^|_)KEY$|TOKEN|BASIC_AUTH", re.IGNORECASE)
# ${NAME}, ${NAME:-default}, ${NAME-default}, ${NAME:?msg}, ${NAME?msg}, ${NAME:+x}; $$ is an escape.
VAR_REF = re.compile(r"(?<!\$)\$\{(?P<name>[A-Za-z_][A-Za-z0-9_]*)(?P<op>:?[-?+])?(?P<arg>[^}]*)\}")
CONDITIONS = {"service_started", "service_healthy", "service_completed_successfully"}


# --------------------------------------------------------------------------- helpers


def interpolate(value: str, env: dict[str, str]) -> str:
    """Compose-style interpolation (the subset this file uses); raises KeyError on a missing `:?`."""

    def repl(m: re.Match[str]) -> str:
        name, op, arg = m.group("name"), m.group("op") or "", m.group("arg")
        val = env.get(name)
        present = bool(val) if op.startswith(":") else val is not None
        if op.endswith("-"):
            return val if present else arg
        if op.endswith("?"):
            if not present:
                raise KeyError(f"{name}: {arg}")
            return val
        if op.endswith("+"):
            return arg if present else ""
        return val or ""

    return VAR_REF.sub(repl, value).replace("$$", "$")


def walk_strings(node, path=""):
    if isinstance(node, dict):
        for k, v in node.items():
            yield from walk_strings(v, f"{path}.{k}" if path else str(k))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from walk_strings(v, f"{path}[{i}]")
    elif isinstance(node, str):
        yield path, node


def env_of(service: dict) -> dict[str, str]:
    env = service.get("environment") or {}
    if isinstance(env, list):  # KEY=VALUE list form
        env = dict(item.split("=", 1) for item in env)
    return {k: str(v) for k, v in env.items()}


def parse_env_file(path: Path) -> tuple[dict[str, str], str]:
    """Active KEY=VALUE assignments, and the full text (comments included)."""
    text = path.read_text()
    values = {}
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        key, sep, value = line.partition("=")
        assert sep, f".env.example line without '=': {line!r}"
        values[key.strip()] = value.strip()
    return values, text


def depends_on(service: dict) -> dict[str, dict]:
    deps = service.get("depends_on") or {}
    if isinstance(deps, list):
        return {name: {} for name in deps}
    return deps


# --------------------------------------------------------------------------- fixtures


@pytest.fixture(scope="module")
def compose() -> dict:
    data = yaml.safe_load(COMPOSE_FILE.read_text())
    assert isinstance(data, dict) and isinstance(data.get("services"), dict)
    return data


@pytest.fixture(scope="module")
def services(compose) -> dict[str, dict]:
    return compose["services"]


@pytest.fixture(scope="module")
def env_example() -> tuple[dict[str, str], str]:
    return parse_env_file(ENV_EXAMPLE)


@pytest.fixture(scope="module")
def common_env(compose) -> dict[str, str]:
    env = compose.get("x-airflow-common-env")
    assert isinstance(env, dict), "x-airflow-common-env anchor missing"
    return {k: str(v) for k, v in env.items()}


def resolved(value: str, **env: str) -> str:
    return interpolate(value, {"_": "x", **env}) if "${" in value else value.replace("$$", "$")


# --------------------------------------------------------------------------- services


def test_required_services_present(services):
    missing = (CORE_SERVICES | CELERY_SERVICES) - set(services)
    assert not missing, f"missing services: {sorted(missing)}"


def test_core_services_have_no_profile(services):
    for name in CORE_SERVICES:
        assert not services[name].get("profiles"), f"{name} must start with a plain `docker compose up`"


def test_airflow_services_share_image_build_and_env(compose, services, common_env):
    common = compose.get("x-airflow-common")
    assert isinstance(common, dict), "x-airflow-common anchor missing"
    assert common.get("build"), "x-airflow-common must build the project image (Dockerfile)"
    for name in AIRFLOW_SERVICES | {"pipeline-db-upgrade"}:
        svc = services[name]
        assert svc.get("image") == common.get("image"), f"{name}: image differs from x-airflow-common"
        assert svc.get("build") == common.get("build"), f"{name}: build differs from x-airflow-common"
    for name in AIRFLOW_SERVICES:
        env = env_of(services[name])
        allowed = ENV_OVERRIDES.get(name, set())
        for key, value in common_env.items():
            assert key in env, f"{name}: environment lacks {key} from x-airflow-common-env"
            if key not in allowed:
                assert env[key] == value, f"{name}: {key} differs from x-airflow-common-env"


def test_airflow_commands(services):
    assert services["airflow-apiserver"]["command"] == "api-server"
    assert services["airflow-scheduler"]["command"] == "scheduler"
    assert services["airflow-dag-processor"]["command"] == "dag-processor"
    assert services["airflow-triggerer"]["command"] == "triggerer"
    assert "webserver" not in services, "Airflow 3 has no webserver; the api-server serves the UI"


def test_airflow3_settings(common_env):
    url = urlsplit(common_env["AIRFLOW__CORE__EXECUTION_API_SERVER_URL"])
    assert url.hostname == "airflow-apiserver" and url.port == 8080 and url.path == "/execution/"
    assert common_env["AIRFLOW__CORE__AUTH_MANAGER"].endswith("FabAuthManager")
    assert common_env.get("AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_ALL_ADMINS", "False").lower() != "true"
    for key in ("AIRFLOW__API_AUTH__JWT_SECRET", "AIRFLOW__API__SECRET_KEY", "AIRFLOW__CORE__FERNET_KEY"):
        assert key in common_env, f"{key} must be set for every component"
    assert common_env["AIRFLOW__CORE__LOAD_EXAMPLES"].lower() == "false"
    assert common_env["AIRFLOW__SCHEDULER__ENABLE_HEALTH_CHECK"].lower() == "true"


def test_no_open_ui(compose):
    for path, value in walk_strings(compose):
        assert not re.search(r"SIMPLE_AUTH_MANAGER_ALL_ADMINS\W+true", value, re.I), path


def test_executor_defaults_to_local(common_env):
    assert resolved(common_env["AIRFLOW__CORE__EXECUTOR"]) == "LocalExecutor"
    assert resolved(common_env["AIRFLOW__CORE__EXECUTOR"], AIRFLOW__CORE__EXECUTOR="CeleryExecutor") == (
        "CeleryExecutor"
    )


def test_celery_profile(services, common_env, env_example):
    for name in CELERY_SERVICES:
        assert "celery" in (services[name].get("profiles") or []), f"{name} belongs in the celery profile"
    worker = services["airflow-worker"]
    assert env_of(worker)["AIRFLOW__CORE__EXECUTOR"] == "CeleryExecutor"
    command = worker["command"] if isinstance(worker["command"], str) else " ".join(worker["command"])
    assert "celery worker" in command
    assert depends_on(worker)["redis"].get("condition") == "service_healthy"
    assert depends_on(worker)["redis"].get("required", True) is True
    # The broker is configured for everyone, so switching the executor is the only change needed.
    broker = urlsplit(resolved(common_env["AIRFLOW__CELERY__BROKER_URL"], REDIS_PASSWORD="pw"))
    assert broker.scheme == "redis" and broker.hostname == "redis"
    # Services outside the profile may only depend on redis optionally.
    for name, svc in services.items():
        if "celery" in (svc.get("profiles") or []) or "flower" in (svc.get("profiles") or []):
            continue
        dep = depends_on(svc).get("redis")
        if dep is not None:
            assert dep.get("required") is False, f"{name} requires redis but redis is profile-only"
    # The documented switch: both lines present (commented) in .env.example.
    _, text = env_example
    assert re.search(r"^#\s*COMPOSE_PROFILES=celery\b", text, re.M)
    assert re.search(r"^#\s*AIRFLOW__CORE__EXECUTOR=CeleryExecutor\b", text, re.M)


def test_postgres_16_with_separate_databases(services, common_env):
    pg = services["postgres"]
    m = re.match(r"^postgres:(\d+)", pg["image"])
    assert m and m.group(1) == "16", f"postgres image must be major 16, got {pg['image']}"
    assert any(
        str(v).split(":")[1].rstrip("/") == "/docker-entrypoint-initdb.d"
        for v in pg.get("volumes", [])
        if str(v).startswith("./docker/postgres-init")
    ), "docker/postgres-init must be mounted at /docker-entrypoint-initdb.d"

    secrets = {"AIRFLOW_DB_PASSWORD": "apw", "EVENTS_DB_PASSWORD": "epw", "REDIS_PASSWORD": "r"}
    meta = urlsplit(resolved(common_env["AIRFLOW__DATABASE__SQL_ALCHEMY_CONN"], **secrets))
    events = urlsplit(resolved(common_env["PIPELINE_DATABASE_URL"], **secrets))
    conn = urlsplit(resolved(common_env["AIRFLOW_CONN_EVENTS_DB"], **secrets))
    assert meta.hostname == events.hostname == conn.hostname == "postgres"
    assert meta.path == "/airflow" and events.path == "/events" and conn.path == "/events"
    assert meta.username != events.username, "metadata and events databases need separate roles"
    assert meta.password != events.password
    assert events.scheme == "postgresql+psycopg", "the pipeline uses psycopg 3"
    assert conn.scheme in ("postgresql", "postgres")

    scripts = sorted(PG_INIT_DIR.glob("*.sh")) + sorted(PG_INIT_DIR.glob("*.sql"))
    assert scripts, "no init script in docker/postgres-init"
    sql = "\n".join(p.read_text() for p in scripts)
    assert sql.count("CREATE DATABASE") >= 2 and sql.count("CREATE ROLE") >= 2
    pg_env = env_of(pg)
    for key in ("AIRFLOW_DB_PASSWORD", "EVENTS_DB_PASSWORD", "AIRFLOW_DB_NAME", "EVENTS_DB_NAME"):
        assert key in pg_env, f"postgres needs {key} for the init script"
        assert f"${{{key}}}" in sql or f"${key}" in sql


def test_roles_created_by_migrations_exist_before_them():
    # The events role owns its database but is no superuser and has no CREATEROLE, so every
    # cluster-wide role a migration in sql/ creates must be created by the init script first.
    init_sql = "\n".join(p.read_text() for p in PG_INIT_DIR.iterdir() if p.suffix in (".sh", ".sql"))
    created = set(re.findall(r"CREATE ROLE\s+([a-z_][a-z0-9_]*)", init_sql, re.I))
    for migration in sorted((ROOT / "sql").glob("*.sql")):
        for role in re.findall(r"CREATE ROLE\s+([a-z_][a-z0-9_]*)", migration.read_text(), re.I):
            assert role in created, f"{migration.name} creates role {role}; create it in docker/postgres-init"


def test_pipeline_settings_for_tasks(services):
    for name in TASK_RUNNERS:
        env = env_of(services[name])
        for key in ("PIPELINE_DATABASE_URL", "AIRFLOW_CONN_EVENTS_DB", "PIPELINE_FEEDS"):
            assert key in env, f"{name} runs tasks and needs {key}"


def test_pipeline_db_upgrade_runs_once_before_tasks(services):
    svc = services["pipeline-db-upgrade"]
    cmd = svc.get("entrypoint") or svc.get("command")
    cmd = cmd if isinstance(cmd, str) else " ".join(cmd)
    assert "pipeline db upgrade" in cmd
    assert "PIPELINE_DATABASE_URL" in env_of(svc)
    for name in TASK_RUNNERS:
        dep = depends_on(services[name]).get("pipeline-db-upgrade")
        assert dep and dep["condition"] == "service_completed_successfully", name


def test_airflow_init_migrates_and_creates_admin(services):
    init = services["airflow-init"]
    env = env_of(init)
    assert "AIRFLOW_ADMIN_USERNAME" in env and "AIRFLOW_ADMIN_PASSWORD" in env
    script = (DOCKER_DIR / "airflow-init.sh").read_text()
    assert "airflow db migrate" in script
    assert "airflow users create" in script and "--role Admin" in script
    assert "airflow-init.sh" in " ".join(init["command"])
    for name in ("airflow-apiserver", "airflow-scheduler", "airflow-dag-processor", "airflow-triggerer"):
        dep = depends_on(services[name]).get("airflow-init")
        assert dep and dep["condition"] == "service_completed_successfully", name


# --------------------------------------------------------------------------- secrets


def test_secret_variables_are_required_everywhere(compose):
    refs = [(path, m) for path, value in walk_strings(compose) for m in VAR_REF.finditer(value)]
    assert refs
    for path, m in refs:
        if SECRET_NAME.search(m.group("name")):
            assert m.group("op") == ":?", f"{path}: secret ${{{m.group('name')}}} must use :? (no default)"


def test_required_variables_listed_in_env_example(compose, env_example):
    values, _ = env_example
    required = {
        m.group("name")
        for _, value in walk_strings(compose)
        for m in VAR_REF.finditer(value)
        if m.group("op") in (":?", "?")
    }
    assert required
    missing = required - set(values)
    assert not missing, f"required by docker-compose.yml but not set in .env.example: {sorted(missing)}"


def test_env_example_holds_placeholders_only(env_example):
    values, _ = env_example
    for key, value in values.items():
        if SECRET_NAME.search(key):
            assert "change-me" in value, f".env.example {key} must be an obvious placeholder"
    # Every generated secret comes with a hint how to make a real one.
    _, text = env_example
    assert "openssl rand" in text and "Fernet" in text


def test_no_literal_credentials(compose):
    for path, value in walk_strings(compose):
        for url in re.findall(r"[a-z][a-z0-9+.-]*://[^\s'\"]+", value):
            rest = url.split("://", 1)[1]
            if "@" in rest:
                userinfo = rest.rsplit("@", 1)[0]
                if ":" in userinfo:
                    password = userinfo.split(":", 1)[1]
                    assert VAR_REF.fullmatch(password), f"{path}: literal password in {url!r}"
    for name, svc in compose["services"].items():
        for key, value in env_of(svc).items():
            if SECRET_NAME.search(key):
                leftover = VAR_REF.sub("", value).strip(":")
                assert VAR_REF.search(value) and not leftover, f"{name}.{key} must come from .env"
    text = COMPOSE_FILE.read_text().lower()
    # Defaults of the official example file that must not survive here.
    for weak in (
        "password: airflow",
        "airflow:airflow@",
        "postgres:postgres@",
        ":-airflow_jwt_secret",
        "key: ''",
    ):
        assert weak not in text, f"default credential {weak!r} in docker-compose.yml"


def test_env_file_not_passed_to_containers(services):
    # .env holds every secret; services get only what their environment: names explicitly.
    for name, svc in services.items():
        assert "env_file" not in svc, f"{name}: env_file would leak all of .env into the container"


# --------------------------------------------------------------------------- network / health


def test_ports_bound_to_localhost(services):
    published = 0
    for name, svc in services.items():
        for port in svc.get("ports") or []:
            published += 1
            if isinstance(port, dict):
                assert port.get("host_ip") == "127.0.0.1", f"{name}: {port}"
            else:
                assert str(port).startswith("127.0.0.1:"), f"{name}: port {port} not bound to 127.0.0.1"
    assert published, "the UI port should be published"
    assert any(str(p).endswith(":8080") for p in services["airflow-apiserver"]["ports"])


def test_depends_on_is_consistent(services):
    for name, svc in services.items():
        for dep, spec in depends_on(svc).items():
            assert dep in services, f"{name} depends on unknown service {dep}"
            assert dep != name
            assert isinstance(spec, dict) and spec.get("condition") in CONDITIONS, (
                f"{name} -> {dep}: use the long form with a condition"
            )
            target = services[dep]
            if spec["condition"] == "service_healthy":
                assert target.get("healthcheck"), (
                    f"{name} waits for {dep} to be healthy, it has no healthcheck"
                )
            if spec["condition"] == "service_completed_successfully":
                assert dep in ONE_SHOT, f"{name} waits for {dep} to exit, but it is long-running"

    # No cycles.
    state: dict[str, int] = {}

    def visit(node: str, trail: tuple[str, ...]) -> None:
        if state.get(node) == 2:
            return
        assert state.get(node) != 1, f"depends_on cycle: {' -> '.join(trail + (node,))}"
        state[node] = 1
        for dep in depends_on(services[node]):
            visit(dep, trail + (node,))
        state[node] = 2

    for name in services:
        visit(name, ())


def test_healthchecks(services):
    for name, svc in services.items():
        if name in ONE_SHOT:
            assert str(svc.get("restart", "no")) == "no", f"one-shot {name} must not restart"
            continue
        hc = svc.get("healthcheck")
        assert hc and hc.get("test"), f"{name} has no healthcheck"
        assert not hc.get("disable")
        assert svc.get("restart") in ("always", "unless-stopped"), f"{name} should restart"
    api = " ".join(services["airflow-apiserver"]["healthcheck"]["test"])
    assert "localhost:8080/api/v2/" in api
    assert "8974/health" in " ".join(services["airflow-scheduler"]["healthcheck"]["test"])


# --------------------------------------------------------------------------- Dockerfile & scripts


def test_dockerfile():
    text = DOCKERFILE.read_text()
    froms = re.findall(r"^FROM\s+(\S+)", text, re.M)
    assert froms, "Dockerfile has no FROM"
    assert re.fullmatch(r"apache/airflow:3\.3\.\d+(-python3\.\d+)?", froms[-1]), froms[-1]
    assert "requirements.lock" in text and "--require-hashes" in text and "--no-deps" in text
    for src, dest in (("dags", "/opt/airflow/dags"), ("sql", None), ("seeds", None)):
        assert re.search(rf"^COPY\s+(--\S+\s+)*{src}\s+\S+", text, re.M), f"Dockerfile does not copy {src}/"
        if dest:
            assert re.search(rf"^COPY\s+(--\S+\s+)*{src}\s+{dest}\b", text, re.M)
    assert "docker/airflow-init.sh" in text
    assert re.search(r"^USER\s+airflow\s*$", text, re.M), "must not run as root"


def test_shell_scripts():
    scripts = sorted(DOCKER_DIR.rglob("*.sh"))
    assert scripts
    for script in scripts:
        assert os.stat(script).st_mode & stat.S_IXUSR, f"{script} is not executable"
        assert script.read_text().startswith("#!/usr/bin/env bash")
        subprocess.run(["bash", "-n", str(script)], check=True)


def test_interpolation_helper():
    env = {"A": "1", "EMPTY": ""}
    assert interpolate("${A:-x}-${B:-y}-${EMPTY:-z}-$${A}", env) == "1-y-z-${A}"
    with pytest.raises(KeyError):
        interpolate("${EMPTY:?need}", env)
    with pytest.raises(KeyError):
        interpolate("${B:?need}", env)


# --------------------------------------------------------------------------- docker compose config


def _compose_cmd() -> list[str]:
    docker = shutil.which("docker")
    if not docker:
        pytest.skip("docker client not installed")
    probe = subprocess.run([docker, "compose", "version"], capture_output=True, text=True)
    if probe.returncode != 0:
        pytest.skip(f"docker compose plugin not available: {probe.stderr.strip() or probe.stdout.strip()}")
    return [docker, "compose", "--project-directory", str(ROOT), "-f", str(COMPOSE_FILE)]


def _run_config(args: list[str], env_file: str) -> subprocess.CompletedProcess[str]:
    # A clean environment, so variables exported in the developer's shell cannot mask a missing one.
    env = {k: os.environ[k] for k in ("PATH", "HOME", "DOCKER_CONFIG") if k in os.environ}
    result = subprocess.run(
        [*_compose_cmd(), "--env-file", env_file, *args], capture_output=True, text=True, env=env, cwd=ROOT
    )
    if result.returncode != 0 and "Cannot connect to the Docker daemon" in result.stderr:
        pytest.skip("docker compose config wanted a Docker engine, none runs here")
    return result


@pytest.mark.parametrize(
    "profiles", [[], ["celery"], ["celery", "flower"]], ids=["default", "celery", "flower"]
)
def test_docker_compose_config_is_valid(profiles):
    args = [arg for p in profiles for arg in ("--profile", p)]
    result = _run_config([*args, "config", "-q"], str(ENV_EXAMPLE))
    assert result.returncode == 0, result.stderr


def test_docker_compose_config_services_per_profile():
    default = _run_config(["config", "--services"], str(ENV_EXAMPLE))
    celery = _run_config(["--profile", "celery", "config", "--services"], str(ENV_EXAMPLE))
    assert default.returncode == 0 and celery.returncode == 0, default.stderr + celery.stderr
    assert set(default.stdout.split()) == CORE_SERVICES
    assert set(celery.stdout.split()) == CORE_SERVICES | CELERY_SERVICES


def test_docker_compose_refuses_missing_secrets(tmp_path):
    empty = tmp_path / "empty.env"
    empty.write_text("")
    result = _run_config(["config", "-q"], str(empty))
    assert result.returncode != 0
    assert "required variable" in result.stderr and "missing a value" in result.stderr, result.stderr
