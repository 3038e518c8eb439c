"""`make demo` ends by writing the report and printing its path (here without Airflow, which
tests/airflow covers)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest


@pytest.mark.usefixtures("db")
def test_the_demo_prints_the_report_path():
    proc = subprocess.run([sys.executable, "-m", "devtools", "demo", "--no-airflow", "--port", "0"],
                          capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr[-2000:]
    last = proc.stdout.strip().splitlines()[-1]
    assert last.startswith("report: ")
    report = Path(last.removeprefix("report: "))
    assert report.is_file() and report.suffix == ".html"
    assert 'class="plotly-graph-div"' in report.read_text(encoding="utf-8")
