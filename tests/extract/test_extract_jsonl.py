"""The JSON Lines loop behind `python -m pipeline.extract --jsonl -`."""

import io
import json

from pipeline.extract import extract_many
from pipeline.extract.jsonl import run_jsonl

DOCS = [
    {"doc_id": "a", "published": "2024-07-09", "title": "Pact",
     "text": "Polish Prime Minister Donald Tusk and Ukrainian President Volodymyr Zelensky signed a security "
             "agreement in Warsaw on Monday."},
    {"doc_id": "b", "published": None, "title": "Weather", "text": "Rain is expected on Friday."},
    {"doc_id": "c", "published": "2024-07-09", "title": None, "text": '"We are allies," Tusk said.'},
]


def test_run_jsonl_writes_one_event_per_line_with_its_doc_id(nlp):
    out = io.StringIO()
    summary = run_jsonl(io.StringIO("".join(json.dumps(d) + "\n" for d in DOCS) + "not json\n"), out)
    lines = [json.loads(x) for x in out.getvalue().splitlines()]
    assert summary.events == len(lines) > 0
    assert summary.documents == 3 and summary.refused == 1
    assert {e["doc_id"] for e in lines} <= {"a", "c"}
    assert any(e["type"] == "signing" and e["doc_id"] == "a" for e in lines)


def test_extract_many_yields_in_input_order_in_small_batches(nlp):
    got = [d["doc_id"] for d, _ in extract_many(DOCS, batch_size=2)]
    assert got == ["a", "b", "c"]


def test_the_cli_reports_a_bad_document_by_doc_id_codes_the_rest_and_exits_2():
    import subprocess
    import sys

    lines = (json.dumps({"doc_id": "bad", "text": 123}).encode() + b"\n" + b'{"doc_id": "raw", "text": "\xff"}\n'
             + json.dumps(DOCS[0]).encode() + b"\n")
    proc = subprocess.run([sys.executable, "-m", "pipeline", "extract", "--jsonl", "-"], input=lines,
                          capture_output=True, timeout=300)
    assert proc.returncode == 2
    err = proc.stderr.decode()
    assert "'bad'" in err and "text must be a string" in err and "'raw'" in err and "not UTF-8" in err
    assert {json.loads(x)["doc_id"] for x in proc.stdout.decode().splitlines()} == {"a"}
