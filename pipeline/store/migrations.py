"""Apply the numbered SQL files in ``sql/`` once each, in order, recorded in ``schema_migrations``."""

from __future__ import annotations

import hashlib
import logging
import re
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine, text

log = logging.getLogger(__name__)

# The migrations live in the checkout's sql/; pipeline/sql links to it, so a wheel ships them as
# package data and an installed pipeline can create its schema.
SQL_DIR = Path(__file__).resolve().parent.parent / "sql"
_NAME = re.compile(r"^(\d{3})_([a-z0-9_]+)\.sql$")
# Any constant works; it only has to be the same for every process running migrations.
_LOCK_ID = 7_441_001


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    path: Path

    @property
    def checksum(self) -> str:
        return hashlib.sha256(self.path.read_bytes()).hexdigest()


def discover(sql_dir: Path = SQL_DIR) -> list[Migration]:
    found = []
    for path in sorted(sql_dir.glob("*.sql")):
        m = _NAME.match(path.name)
        if not m:
            raise ValueError(f"{path.name}: migration files are named NNN_name.sql")
        found.append(Migration(int(m.group(1)), m.group(2), path))
    versions = [m.version for m in found]
    if len(set(versions)) != len(versions):
        raise ValueError(f"duplicate migration numbers in {sql_dir}")
    return found


def upgrade(engine: Engine, sql_dir: Path = SQL_DIR) -> list[Migration]:
    """Apply pending migrations; return the ones applied. Safe to run concurrently."""
    applied_now: list[Migration] = []
    with engine.begin() as conn:
        # Serialise concurrent upgrades (two Airflow tasks starting at once).
        conn.execute(text("SELECT pg_advisory_xact_lock(:id)"), {"id": _LOCK_ID})
        conn.execute(text(
            """CREATE TABLE IF NOT EXISTS schema_migrations (
                   version integer PRIMARY KEY,
                   name text NOT NULL,
                   checksum text NOT NULL,
                   applied_at timestamptz NOT NULL DEFAULT now())"""
        ))
        done = {row.version: row.checksum for row in conn.execute(text("SELECT version, checksum FROM schema_migrations"))}
        for mig in discover(sql_dir):
            if mig.version in done:
                if done[mig.version] != mig.checksum:
                    log.warning("migration %03d_%s changed after it was applied; add a new migration instead",
                                mig.version, mig.name)
                continue
            log.info("applying migration %03d_%s", mig.version, mig.name)
            conn.exec_driver_sql(mig.path.read_text())
            conn.execute(
                text("INSERT INTO schema_migrations (version, name, checksum) VALUES (:v, :n, :c)"),
                {"v": mig.version, "n": mig.name, "c": mig.checksum},
            )
            applied_now.append(mig)
    return applied_now


def current_version(engine: Engine) -> int | None:
    with engine.connect() as conn:
        exists = conn.execute(text("SELECT to_regclass('schema_migrations') IS NOT NULL")).scalar()
        if not exists:
            return None
        return conn.execute(text("SELECT max(version) FROM schema_migrations")).scalar()
