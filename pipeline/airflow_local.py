"""A throwaway local Airflow for the demo, the tests and ``make airflow``: metadata in SQLite
under ``<home>/airflow``, the project's ``dags/`` folder, no example DAGs."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from pipeline.config import PROJECT_ROOT, Settings, get_settings

POOLS = {"feed_fetch": (8, "Concurrent feed polls across all news_ingest runs")}


def airflow_bin() -> str:
    return str(Path(sys.executable).parent / "airflow")


def airflow_env(settings: Settings | None = None, home: Path | None = None, **extra: str) -> dict[str, str]:
    settings = settings or get_settings()
    home = home or settings.home / "airflow"
    home.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ)
    env.update({
        "AIRFLOW_HOME": str(home),
        "AIRFLOW__CORE__DAGS_FOLDER": str(PROJECT_ROOT / "dags"),
        "AIRFLOW__CORE__LOAD_EXAMPLES": "False",
        "AIRFLOW__DATABASE__SQL_ALCHEMY_CONN": f"sqlite:///{home / 'airflow.db'}",
        "AIRFLOW__CORE__DAGS_ARE_PAUSED_AT_CREATION": "False",
        "AIRFLOW__LOGGING__LOGGING_LEVEL": "WARNING",
        "PIPELINE_HOME": str(settings.home),
        "PYTHONPATH": os.pathsep.join(p for p in (str(PROJECT_ROOT), env.get("PYTHONPATH", "")) if p),
    })
    env.update(extra)
    return env


def ensure_metadata_db(env: dict[str, str]) -> None:
    """Create Airflow's metadata database once; later calls cost one file check."""
    import airflow

    marker = Path(env["AIRFLOW_HOME"]) / f".migrated-{airflow.__version__}"
    if not marker.exists():
        subprocess.run([airflow_bin(), "db", "migrate"], env=env, check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        marker.touch()
    for name, (slots, description) in POOLS.items():
        subprocess.run([airflow_bin(), "pools", "set", name, str(slots), description], env=env, check=True,
                       stdout=subprocess.DEVNULL)


def run_standalone(port: int = 8080, host: str = "127.0.0.1") -> int:
    """``make airflow``: the full Airflow UI on loopback with this project's DAGs."""
    raise NotImplementedError  # replaced below by the standalone runner
