"""The wheel carries what an installed pipeline needs outside a checkout: the schema's migrations
and the coder's word lists and actor dictionary."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def wheel_names(tmp_path_factory) -> set[str]:
    uv = shutil.which("uv") or str(Path(sys.executable).with_name("uv"))
    out = tmp_path_factory.mktemp("dist")
    # Built from a copy: setuptools leaves build/ behind in the tree it builds.
    src = tmp_path_factory.mktemp("src") / "project"
    shutil.copytree(ROOT, src, symlinks=True, ignore=shutil.ignore_patterns(
        ".git", ".venv", ".pipeline", "build", "dist", "*.egg-info", "__pycache__", ".*_cache", "test-artifacts"))
    proc = subprocess.run([uv, "build", "--wheel", "-q", "-o", str(out), str(src)],
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-2000:]
    (wheel,) = out.glob("*.whl")
    with zipfile.ZipFile(wheel) as zf:
        return set(zf.namelist())


def test_the_wheel_ships_every_migration(wheel_names):
    migrations = sorted(p.name for p in (ROOT / "sql").glob("*.sql"))
    assert migrations
    assert {f"pipeline/sql/{name}" for name in migrations} <= wheel_names


def test_the_wheel_ships_the_coders_data(wheel_names):
    lexicon = sorted(p.name for p in (ROOT / "pipeline" / "extract" / "lexicon").glob("*.yaml"))
    assert "actors.yaml" in lexicon
    assert {f"pipeline/extract/lexicon/{name}" for name in lexicon} <= wheel_names
    assert "pipeline/extract/event.schema.json" in wheel_names


def test_migrations_are_read_through_the_package():
    from pipeline.store.migrations import SQL_DIR, discover

    assert SQL_DIR.parent.name == "pipeline"
    assert [m.path.name for m in discover()] == sorted(p.name for p in (ROOT / "sql").glob("*.sql"))
