"""`pipeline export`: a view as CSV or Parquet, written with an analyst's read-only login."""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
from datetime import date

import pytest
from sqlalchemy import text


def _export(analyst_url, *args):
    return subprocess.run([sys.executable, "-m", "pipeline", "export", *args], capture_output=True, text=True,
                          timeout=300, env={**os.environ, "PIPELINE_DATABASE_URL": analyst_url})


def test_csv_holds_every_row_with_arrays_as_json(analyst_url, analyst, tmp_path):
    out = tmp_path / "events.csv"
    proc = _export(analyst_url, "--view", "v_events", "--format", "csv", "--out", str(out))
    assert proc.returncode == 0, proc.stderr[-2000:]
    with out.open(newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    with analyst.connect() as conn:
        expected = conn.execute(text("SELECT event_id, parties, actors FROM v_events ORDER BY event_id")).all()
    assert [int(r["event_id"]) for r in rows] == [e.event_id for e in expected]
    assert "search" not in rows[0]
    by_id = {int(r["event_id"]): r for r in rows}
    for e in expected:
        assert json.loads(by_id[e.event_id]["parties"]) == e.parties
        assert json.loads(by_id[e.event_id]["actors"]) == e.actors


def test_parquet_has_typed_list_columns_and_honours_the_dates(analyst_url, analyst, tmp_path):
    import pyarrow as pa
    import pyarrow.parquet as pq

    out = tmp_path / "events.parquet"
    proc = _export(analyst_url, "--view", "v_events", "--since", "2026-11-24", "--until", "2026-11-25",
                   "--format", "parquet", "--out", str(out))
    assert proc.returncode == 0, proc.stderr[-2000:]
    table = pq.read_table(out)
    schema = table.schema
    assert schema.field("parties").type == pa.list_(pa.string())
    assert schema.field("actor_ids").type == pa.list_(pa.int64())
    assert schema.field("day").type == pa.date32()
    assert schema.field("first_seen").type == pa.timestamp("us", tz="UTC")
    days = set(table.column("day").to_pylist())
    assert days and days <= {date(2026, 11, 24), date(2026, 11, 25)}
    with analyst.connect() as conn:
        n = conn.execute(text("SELECT count(*) FROM v_events WHERE day BETWEEN '2026-11-24' AND '2026-11-25'")).scalar()
    assert table.num_rows == n
    assert any(p == ["KOR", "VNM"] for p in table.column("parties").to_pylist())


@pytest.mark.parametrize("view", ["v_event_mentions", "v_statements", "v_actor_activity", "v_actors",
                                  "v_daily_event_counts", "v_daily_party_counts"])
def test_every_view_exports_to_parquet(analyst_url, tmp_path, view):
    import pyarrow.parquet as pq

    out = tmp_path / f"{view}.parquet"
    proc = _export(analyst_url, "--view", view, "--format", "parquet", "--out", str(out))
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert pq.read_table(out).num_rows > 0


def test_mistakes_get_one_line_and_exit_2(analyst_url, tmp_path):
    wrong_view = _export(analyst_url, "--view", "events", "--out", str(tmp_path / "x.csv"))
    assert wrong_view.returncode == 2 and "invalid choice" in wrong_view.stderr
    undated = _export(analyst_url, "--view", "v_actors", "--since", "2026-01-01", "--out", str(tmp_path / "x.csv"))
    assert undated.returncode == 2 and "no date" in undated.stderr
    assert not (tmp_path / "x.csv").exists() and not (tmp_path / "x.csv.partial").exists()
