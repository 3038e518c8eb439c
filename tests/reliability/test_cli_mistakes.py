"""A user's mistake on the command line is one clear line on stderr and exit code 2, never a
traceback, and changes nothing: a malformed feeds file, a feed that is not http(s), a day that
is not a day, a negative limit, an unknown coder version; `extract --jsonl` reports a bad
document by its doc_id and still codes the good ones."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from sqlalchemy import text


def _run(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pipeline", *args], input=stdin, capture_output=True,
                          timeout=240)


def _one_error_line(proc: subprocess.CompletedProcess) -> str:
    stderr = proc.stderr.decode()
    assert proc.returncode == 2, stderr
    assert "Traceback" not in stderr, stderr
    errors = [line for line in stderr.splitlines() if "error:" in line]
    assert len(errors) == 1, stderr
    return errors[0]


@pytest.mark.parametrize(("content", "says"), [
    ("feeds: [\n  - url: x\n", "not valid YAML"),
    ("feeds:\n  - 42\n", "feeds[0]"),
    ("feeds: {a: 1}\n", "must be a list"),
    ("feeds:\n  - url: http://127.0.0.1:9/f.xml\n    name: [x]\n", "name must be text"),
    ("feeds:\n  - url: file:///etc/passwd\n", "only http and https"),
    (b"feeds:\n  - url: http://127.0.0.1:9/\xff\n", "not UTF-8"),
])
def test_a_malformed_feeds_file_is_one_line_and_exit_2(tmp_path, content, says):
    path = tmp_path / "feeds.yaml"
    path.write_bytes(content if isinstance(content, bytes) else content.encode())
    for command in (("feeds", "list"), ("ingest",)):
        line = _one_error_line(_run(*command, "--feeds", str(path)))
        assert says in line and str(path) in line


def test_a_feed_that_is_not_http_is_refused_before_any_row_is_written(db):
    line = _one_error_line(_run("ingest", "--feed", "file:///etc/passwd"))
    assert "only http and https" in line
    with db.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM feeds")).scalar() == 0
        assert conn.execute(text("SELECT count(*) FROM ingest_runs")).scalar() == 0


@pytest.mark.parametrize(("args", "says"), [
    (("reprocess", "--since", "yesterday"), "YYYY-MM-DD"),
    (("reprocess", "--since", "2026-01-05", "--until", "2026-01-01"), "before"),
    (("dead-letters", "--limit", "-1"), "1 or more"),
    (("dead-letters", "--limit", "ten"), "whole number"),
    (("coder-versions", "--activate", "nosuch"), "no coder version 'nosuch'"),
    (("extract", "--processes", "0", "-"), "1 or more"),
])
def test_a_bad_option_is_one_line_and_exit_2(db, args, says):
    line = _one_error_line(_run(*args, stdin=b""))
    assert says in line
    with db.connect() as conn:
        assert conn.execute(text("SELECT active_coder_version FROM pipeline_settings")).scalar() is None


def test_extract_jsonl_reports_each_bad_document_and_codes_the_good_ones():
    good = {"doc_id": "good", "text": "President Ruto met Prime Minister Abiy in Nairobi on Monday.",
            "published": "2026-11-24"}
    lines = [json.dumps({"doc_id": "number", "text": 123}).encode(), json.dumps(good).encode(),
             b'{"doc_id": "latin1", "text": "caf\xe9"}', b"not json"]
    proc = _run("extract", "--jsonl", "-", stdin=b"\n".join(lines) + b"\n")
    stderr = proc.stderr.decode()
    assert proc.returncode == 2 and "Traceback" not in stderr
    errors = [line for line in stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 3
    assert "'number'" in errors[0] and "latin1" in errors[1] and "line 4" in errors[2]
    events = [json.loads(line) for line in proc.stdout.decode().splitlines()]
    assert events and {e["doc_id"] for e in events} == {"good"}
