"""`make demo` says what its run did, writes the report and prints its path and the next
steps (here without Airflow, which tests/airflow covers); run again, it says nothing was new."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from devtools.airflow_local import free_port


@pytest.mark.usefixtures("db")
def test_the_demo_prints_the_run_the_report_path_and_what_to_do_next():
    port = str(free_port())
    proc = subprocess.run([sys.executable, "-m", "devtools", "demo", "--no-airflow", "--port", port],
                          capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr[-2000:]
    lines = proc.stdout.splitlines()
    assert "this run: 1 feed polled, 0 failing, 6 new articles, " in proc.stdout
    report_line = next(line for line in lines if line.startswith("report: "))
    report = Path(report_line.removeprefix("report: ").split("  ")[0])
    assert report.is_file() and report.suffix == ".html"
    assert 'class="plotly-graph-div"' in report.read_text(encoding="utf-8")
    assert "analyst-login" in proc.stdout and "make airflow" in proc.stdout
    # Headings are whole words, not cut to the column's width.
    assert "type      | day        | status" in proc.stdout and "…" not in lines[lines.index("v_events (newest first)") + 1]

    again = subprocess.run([sys.executable, "-m", "devtools", "demo", "--no-airflow", "--port", port],
                           capture_output=True, text=True, timeout=600)
    assert again.returncode == 0, again.stderr[-2000:]
    assert "this run: 1 feed polled, 0 failing, 0 new articles, 0 events, 0 dead letters (the feed answered 304" \
        in again.stdout
    assert "in the database: 6 articles" in again.stdout
